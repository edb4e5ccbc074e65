//! The numbers of a class report, as Moodle's quiz statistics define them
//! (<https://docs.moodle.org/dev/Quiz_statistics_calculations>; see docs/classroom.md).

/// The arithmetic mean; `None` for no values.
pub(crate) fn mean(values: &[f64]) -> Option<f64> {
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The middle value, or the mean of the two middle values.
pub(crate) fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let mid = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        f64::midpoint(sorted[mid - 1], sorted[mid])
    } else {
        sorted[mid]
    })
}

/// The sample standard deviation (divided by n − 1, as Moodle does); 0 for a single value.
pub(crate) fn standard_deviation(values: &[f64]) -> Option<f64> {
    let m = mean(values)?;
    if values.len() < 2 {
        return Some(0.0);
    }
    let squares: f64 = values.iter().map(|v| (v - m).powi(2)).sum();
    Some((squares / (values.len() - 1) as f64).sqrt())
}

/// Pearson's correlation of paired values; `None` when either side does not vary, where the
/// correlation is undefined (everyone right, or everyone with the same rest-of-test score).
pub(crate) fn correlation(pairs: &[(f64, f64)]) -> Option<f64> {
    // Below this, the "variation" is floating-point noise of identical values.
    const FLAT: f64 = 1e-12;
    if pairs.len() < 2 {
        return None;
    }
    let n = pairs.len() as f64;
    let (mx, my) = (
        pairs.iter().map(|p| p.0).sum::<f64>() / n,
        pairs.iter().map(|p| p.1).sum::<f64>() / n,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    if sxx < FLAT || syy < FLAT {
        return None;
    }
    let r = (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0);
    // A true zero computed as −1e-17 must not read as "negative discrimination".
    Some(if r.abs() < 1e-9 { 0.0 } else { r })
}

/// One student's result on one question, and on the rest of the test, each as a fraction 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct ItemScore {
    pub item: f64,
    /// `None` when the test has no other question to compare with.
    pub rest: Option<f64>,
}

/// Facility index: the mean score on the question as a percentage of its maximum. Moodle's
/// F = 100 (x̄ − x_min) / (x_max − x_min), with x_min = 0 since no answer scores below zero here.
pub(crate) fn facility(scores: &[ItemScore]) -> Option<f64> {
    let items: Vec<f64> = scores.iter().map(|s| s.item).collect();
    mean(&items).map(|m| 100.0 * m)
}

/// Discrimination index: 100 × the correlation of the question's score with the score on the
/// rest of the test (the total without this question), so the question does not count for
/// itself. Ranges from −100 to 100.
pub(crate) fn discrimination(scores: &[ItemScore]) -> Option<f64> {
    let pairs: Vec<(f64, f64)> = scores
        .iter()
        .filter_map(|s| s.rest.map(|rest| (s.item, rest)))
        .collect();
    correlation(&pairs).map(|r| 100.0 * r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 0.05)
    }

    /// Five students, three one-point questions:
    ///
    /// ```text
    ///            Q1 Q2 Q3  total
    ///   s1        1  1  1    3
    ///   s2        1  1  0    2
    ///   s3        1  0  1    2
    ///   s4        0  1  0    1
    ///   s5        0  0  0    0
    /// ```
    ///
    /// By hand (rest = total − the question; as fractions of 2 points, which leaves r unchanged):
    ///
    /// Q1: x = 1 1 1 0 0, mean 0.6 → facility 60.
    ///     rest = 2 1 1 1 0, mean 1. Deviations: dx = .4 .4 .4 −.6 −.6, dX = 1 0 0 0 −1.
    ///     Σdx·dX = .4 + .6 = 1.0; Σdx² = 3(.16) + 2(.36) = 1.2; ΣdX² = 2.
    ///     r = 1.0 / √(1.2 × 2) = 0.6455 → discrimination 64.5.
    /// Q2: x = 1 1 0 1 0 → facility 60. rest = 2 1 2 0 0, mean 1, dX = 1 0 1 −1 −1,
    ///     dx = .4 .4 −.6 .4 −.6; Σdx·dX = .4 − .6 − .4 + .6 = 0 → discrimination 0.
    /// Q3: x = 1 0 1 0 0 → facility 40. rest = 2 2 1 1 0, mean 1.2, dX = .8 .8 −.2 −.2 −1.2,
    ///     dx = .6 −.4 .6 −.4 −.4; Σdx·dX = .48 − .32 − .12 + .08 + .48 = .6;
    ///     Σdx² = 1.2; ΣdX² = .64 + .64 + .04 + .04 + 1.44 = 2.8;
    ///     r = .6 / √(1.2 × 2.8) = 0.3273 → discrimination 32.7.
    /// Totals as percentages: 100, 66.7, 66.7, 33.3, 0 → mean 53.3, median 66.7;
    ///     squared deviations 2177.8 + 177.8 + 177.8 + 400 + 2844.4 = 5777.8, / (5 − 1) = 1444.4,
    ///     standard deviation √1444.4 = 38.0.
    const HAND_CHECKED: [[f64; 3]; 5] = [
        [1.0, 1.0, 1.0],
        [1.0, 1.0, 0.0],
        [1.0, 0.0, 1.0],
        [0.0, 1.0, 0.0],
        [0.0, 0.0, 0.0],
    ];

    fn item_scores(question: usize) -> Vec<ItemScore> {
        HAND_CHECKED
            .iter()
            .map(|row| {
                let total: f64 = row.iter().sum();
                ItemScore {
                    item: row[question],
                    rest: Some((total - row[question]) / 2.0),
                }
            })
            .collect()
    }

    #[test]
    fn facility_and_discrimination_match_the_hand_computation() {
        assert!(close(facility(&item_scores(0)), 60.0));
        assert!(close(discrimination(&item_scores(0)), 64.5));
        assert!(close(facility(&item_scores(1)), 60.0));
        assert!(close(discrimination(&item_scores(1)), 0.0));
        assert!(close(facility(&item_scores(2)), 40.0));
        assert!(close(discrimination(&item_scores(2)), 32.7));
    }

    #[test]
    fn score_statistics_match_the_hand_computation() {
        let percents: Vec<f64> = HAND_CHECKED
            .iter()
            .map(|row| 100.0 * row.iter().sum::<f64>() / 3.0)
            .collect();
        assert!(close(mean(&percents), 53.3));
        assert!(close(median(&percents), 66.7));
        assert!(close(standard_deviation(&percents), 38.0));
    }

    #[test]
    fn undefined_statistics_are_none_not_nan() {
        assert_eq!(mean(&[]), None);
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0, 1.0]), Some(2.0));
        assert_eq!(standard_deviation(&[5.0]), Some(0.0));
        // Everyone right: the item does not vary, so it cannot correlate with anything.
        let all_right = [(1.0, 0.2), (1.0, 0.9), (1.0, 0.5)];
        assert_eq!(correlation(&all_right), None);
        assert_eq!(correlation(&[(1.0, 1.0)]), None);
        let alone = [ItemScore {
            item: 1.0,
            rest: None,
        }];
        assert_eq!(discrimination(&alone), None);
    }

    #[test]
    fn a_question_the_strong_students_miss_discriminates_negatively() {
        let scores: Vec<ItemScore> = [(0.0, 0.9), (0.0, 0.8), (1.0, 0.3), (1.0, 0.2)]
            .iter()
            .map(|&(item, rest)| ItemScore {
                item,
                rest: Some(rest),
            })
            .collect();
        assert!(discrimination(&scores).is_some_and(|d| d < -90.0));
    }
}
