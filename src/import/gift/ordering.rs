//! Moodle's ordering question (`question/type/ordering`) in GIFT: `{>4 ALL VERTICAL
//! ABSOLUTE_POSITION SHOW none` and then the items one per line, in the right order. After the
//! count, each option may be left out: which items are shown, the layout, the grading, whether the
//! grading is shown, and the numbering.

use super::parts::Answer;
use super::{notice_at, restore};
use crate::import::ImportNotice;
use crate::import::aiken::WORD_JOINER;

/// The words each option takes, in the order Moodle reads them.
const OPTIONS: [&[&str]; 5] = [
    &["ALL", "EXACT", "RANDOM", "REL", "CONTIGUOUS", "CONTIG"],
    &["HORIZONTAL", "HORI", "H", "1", "VERTICAL", "VERT", "V", "0"],
    &[
        "ALL_OR_NOTHING",
        "ABSOLUTE_POSITION",
        "ABSOLUTE",
        "ABS",
        "RELATIVE_NEXT_EXCLUDE_LAST",
        "RELATIVE_NEXT_INCLUDE_LAST",
        "RELATIVE_ONE_PREVIOUS_AND_NEXT",
        "RELATIVE_ALL_PREVIOUS_AND_NEXT",
        "RELATIVE_TO_CORRECT",
        "RELATIVE",
        "REL",
        "LONGEST_ORDERED_SUBSET",
        "LONGEST_CONTIGUOUS_SUBSET",
    ],
    &["SHOW", "TRUE", "YES", "1", "HIDE", "FALSE", "NO", "0"],
    &["none", "123", "abc", "ABCD", "iii", "IIII"],
];

/// The gradings that give each item in its right place its share, as `quiz` does.
const BY_POSITION: [&str; 3] = ["ABSOLUTE_POSITION", "ABSOLUTE", "ABS"];

/// How many items Moodle shows, and the rest, when `answers` are an ordering question's.
pub(super) fn shown_count(answers: &str) -> Option<(usize, &str)> {
    let rest = answers.strip_prefix('>')?.trim_start();
    let digits = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let shown = rest[..digits].parse().ok()?;
    Some((shown, &rest[digits..]))
}

/// The ordering question after its count (see [`shown_count`]); none when it cannot be imported
/// (a notice says why).
pub(super) fn ordering(
    shown: usize,
    rest: &str,
    line: usize,
    notes: &mut Vec<ImportNotice>,
) -> Option<Answer> {
    let mut rest = rest;
    let mut chosen: [Option<&str>; 5] = [None; 5];
    for (slot, words) in chosen.iter_mut().zip(OPTIONS) {
        let trimmed = rest.trim_start();
        let word = trimmed.split_whitespace().next().unwrap_or("");
        if words.contains(&word) {
            *slot = Some(word);
            rest = &trimmed[word.len()..];
        }
    }
    // Moodle's ordering type shows items as HTML: `<b>` is bold, `&lt;` a bracket.
    let items: Vec<String> = rest
        .lines()
        .map(|line| {
            let item = crate::import::gift::formats::html_to_text(&restore(line));
            item.trim().trim_start_matches(WORD_JOINER).to_owned()
        })
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() < 2 {
        notes.push(ImportNotice::error(
            line,
            "an ordering question needs at least 2 items, one per line",
        ));
        return None;
    }
    let [select, _, grading, _, _] = chosen;
    if shown < items.len() && !matches!(select, Some("ALL" | "EXACT")) {
        notes.push(notice_at(
            line,
            format!(
                "Moodle shows {shown} of the {} items at a time; here all of them are shown",
                items.len()
            ),
        ));
    }
    if !grading.is_some_and(|g| BY_POSITION.contains(&g)) {
        let how = grading.map_or_else(|| "its default grading".to_owned(), |g| format!("`{g}`"));
        notes.push(notice_at(
            line,
            format!(
                "Moodle grades this question by {how}; here each item in its right place earns its share"
            ),
        ));
    }
    Some(Answer::Order(items))
}
