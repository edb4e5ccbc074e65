//! Short answers: which phrasings of an accepted answer are right.
//!
//! The rules here are rules of language, the same for every bank: case, accents and punctuation
//! do not count, nor a leading article, a doubled letter, a typo in a long word, a plural or
//! other ending ("muted" and "mute", "slave" and "slavery"), or the adjective of a name
//! ("Japanese" for Japan). A few words may stand around the answer, as long as none of them
//! turns it around ("hardly muted") or names a second candidate ("Japan/Taiwan", "China Japan").
//! Whatever is content (another name for the same thing, "Europe and Asia" for Eurasia) is the
//! bank's to list in `accept`.

use super::response::Response;
use crate::bank::{AnswerKey, Question};
use crate::text::normalize_text;

/// Whether `given` is one of the accepted answers (see [`short_matches`]), or several of them side
/// by side ("Tokyo, Japan" when both are accepted): two guesses are wrong only when one is.
pub(crate) fn is_accepted(accept: &[String], given: &str, exact: bool) -> bool {
    if accept.iter().any(|a| short_matches(a, given, exact)) {
        return true;
    }
    let pieces: Vec<&str> = given.split(SEPARATORS).collect();
    !exact
        && pieces.len() > 1
        && pieces
            .iter()
            .all(|piece| accept.iter().any(|a| short_matches(a, piece, exact)))
}

/// Whether `given` is `accepted` by the rules of this module. An `accept_exact` question takes only
/// the accepted answer itself, without case, accents and punctuation.
pub(crate) fn short_matches(accepted: &str, given: &str, exact: bool) -> bool {
    let normal = normalize_text(accepted);
    if normal == normalize_text(given) {
        return true;
    }
    if exact || normal.is_empty() || adds_a_separator(accepted, given) {
        return false;
    }
    let accepted = words(accepted);
    let given = words(given);
    let (accepted, given) = (without_article(&accepted), without_article(&given));
    one_typo_apart(accepted, given) || holds_with_few_extra_words(accepted, given)
}

/// The accepted answer a short answer was taken for, when it was not typed as written (a typo,
/// extra words): the closest of those it matches, so that the feedback can say so.
pub(crate) fn accepted_as<'q>(question: &'q Question, response: &Response) -> Option<&'q str> {
    let (AnswerKey::Short { accept, exact }, Response::Text(given)) = (&question.key, response)
    else {
        return None;
    };
    let typed = normalize_text(given);
    if accept.iter().any(|a| normalize_text(a) == typed) {
        return None;
    }
    accept
        .iter()
        .filter(|a| short_matches(a, given, *exact))
        .min_by_key(|a| strsim::damerau_levenshtein(&normalize_text(a), &typed))
        .map(String::as_str)
}

/// Marks that put a second answer beside the first: "Japan/Taiwan", "Duma, Federation Council".
const SEPARATORS: &[char] = &['/', '\\', '&', ',', ';', '+', '|'];

/// Whether the answer holds a separator the accepted answer does not ("Pyongyang, North Korea"
/// may be accepted as written).
fn adds_a_separator(accepted: &str, given: &str) -> bool {
    SEPARATORS
        .iter()
        .any(|s| given.contains(*s) && !accepted.contains(*s))
}

/// One word of an answer in normal form, and whether it was written with a capital letter (and
/// is not a possessive).
struct Word {
    text: String,
    capital: bool,
}

/// The words of `text`, split where [`normalize_text`] puts a space.
fn words(text: &str) -> Vec<Word> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '_'))
        .flat_map(|token| {
            // A possessive qualifies the next word ("Russia's Duma"): it is no second name.
            let possessive = ["'s", "’s"].iter().any(|s| token.ends_with(s));
            let capital = !possessive
                && token
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_uppercase);
            normalize_text(token)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| Word {
                    text: w.to_owned(),
                    capital,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

fn without_article(words: &[Word]) -> &[Word] {
    match words.split_first() {
        Some((first, rest)) if ["the", "a", "an"].contains(&first.text.as_str()) => rest,
        _ => words,
    }
}

/// How long an answer must be for one typo to be forgiven: shorter words are too easily
/// another word ("Kurk" is not Kursk).
const TYPO_LETTERS: usize = 6;

/// One letter added, dropped, changed or two swapped, across the whole answer ("Pyongayng",
/// "Kursk regon"); the numbers in it must be the same.
fn one_typo_apart(accepted: &[Word], given: &[Word]) -> bool {
    let joined = |words: &[Word]| {
        words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (accepted, given) = (joined(accepted), joined(given));
    let digits = |text: &str| {
        text.chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
    };
    accepted.chars().filter(|c| c.is_alphanumeric()).count() >= TYPO_LETTERS
        && digits(&accepted) == digits(&given)
        && strsim::damerau_levenshtein(&accepted, &given) <= 1
}

/// Words that turn an answer around or add another one next to it.
const DISQUALIFYING: &[&str] = &[
    "not", "no", "never", "nothing", "none", "nobody", "nowhere", "hardly", "barely", "scarcely",
    "isnt", "wasnt", "arent", "werent", "hasnt", "havent", "hadnt", "dont", "doesnt", "didnt",
    "cant", "cannot", "wont", "neither", "nor", "except", "without", "instead", "or", "and", "but",
    "plus", "also", "versus", "vs", "non",
];

/// Common words that start a sentence with a capital without being a name ("It was muted",
/// "Probably Japan").
const COMMON_WORDS: &[&str] = &[
    "the", "a", "an", "in", "at", "on", "of", "to", "by", "for", "from", "with", "as", "it", "its",
    "is", "was", "has", "had", "have", "been", "be", "i", "he", "she", "they", "we", "that",
    "this", "which", "probably", "likely", "very", "mostly", "largely", "mainly", "quite", "so",
    "far",
];

/// How many words an answer may add around an accepted one.
const EXTRA_WORDS: usize = 3;

/// The accepted words, in order and each in a form [`same_word`] allows, with at most
/// [`EXTRA_WORDS`] more around them, none of which negates or is a second name ("the Kursk
/// region", "MIRV warheads", "Japanese"; not "not the Duma", "Kursk Donetsk").
fn holds_with_few_extra_words(accepted: &[Word], given: &[Word]) -> bool {
    if accepted.is_empty()
        || given.len() < accepted.len()
        || given.len() > accepted.len() + EXTRA_WORDS
    {
        return false;
    }
    (0..=given.len() - accepted.len()).any(|at| {
        let window = &given[at..at + accepted.len()];
        accepted.iter().zip(window).all(|(a, g)| same_word(a, g))
            && given[..at]
                .iter()
                .chain(&given[at + accepted.len()..])
                .all(harmless_extra_word)
    })
}

/// An extra word that neither negates nor names a second candidate.
fn harmless_extra_word(word: &Word) -> bool {
    let text = word.text.as_str();
    let second_name = word.capital && !COMMON_WORDS.contains(&text);
    !DISQUALIFYING.contains(&text) && !second_name
}

/// Whether a typed word is the accepted word as language allows it to be written: a doubled
/// or undoubled letter ("mutted"), one typo in a long word, another ending of it ("mute",
/// "slavery"), or, for a name, its adjective ("Japanese", "Chinese", "Russian").
fn same_word(accepted: &Word, given: &Word) -> bool {
    let (a, g) = (accepted.text.as_str(), given.text.as_str());
    if a == g {
        return true;
    }
    let letters = |w: &str| w.chars().all(char::is_alphabetic);
    if !letters(a) || !letters(g) {
        return false;
    }
    undoubled(a) == undoubled(g)
        || (a.chars().count() >= TYPO_LETTERS && strsim::damerau_levenshtein(a, g) <= 1)
        || with_ending(a, g, WORD_ENDINGS)
        || with_ending(g, a, WORD_ENDINGS)
        || (accepted.capital && with_ending(a, g, NAME_ENDINGS))
}

/// Endings that make another form of the same word: plurals, past forms, nouns in -ry.
const WORD_ENDINGS: &[&str] = &["s", "es", "d", "ed", "ry", "ery"];

/// Endings that make the adjective of a place's name.
const NAME_ENDINGS: &[&str] = &["ese", "ian", "an", "n", "i", "ish"];

/// How long a word must be before another ending of it counts as the same word ("arm" and
/// "arms" are different things).
const STEM_LETTERS: usize = 4;

/// Whether `long` is `stem` with one of `endings`, the stem's last vowel or `y` dropped before
/// it if need be ("slave" → "slavery", "China" → "Chinese", "Italy" → "Italian").
fn with_ending(stem: &str, long: &str, endings: &[&str]) -> bool {
    if stem.chars().count() < STEM_LETTERS {
        return false;
    }
    let shorter = stem
        .strip_suffix(['a', 'e', 'i', 'o', 'u', 'y'])
        .unwrap_or(stem);
    endings.iter().any(|ending| {
        [stem, shorter]
            .iter()
            .any(|s| long.strip_prefix(s) == Some(ending))
    })
}

/// The word with every run of one letter written once: "mutted" and "muted" are both "muted".
fn undoubled(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{is_accepted, short_matches};

    /// Each accepted answer as a bank writes it, with typed answers that are right for it.
    const RIGHT: &[(&str, &[&str])] = &[
        ("Duma", &["the Duma", "DUMA", "Duma.", "Russia's Duma"]),
        ("Kursk", &["the Kursk region", "Kursk oblast", "in Kursk"]),
        ("MIRV", &["MIRV technology", "MIRV warheads"]),
        ("Pyongyang", &["in Pyongyang", "Pyongayng"]),
        (
            "Japan",
            &["Japanese", "the Japanese", "Japanese government", "japan"],
        ),
        ("China", &["Chinese"]),
        ("Russia", &["Russian"]),
        ("Italy", &["Italian"]),
        (
            "muted",
            &["mute", "mutted", "Muted", "it was muted", "Probably muted"],
        ),
        (
            "slave-like",
            &["slavery-like", "slavery like", "slave like"],
        ),
        ("Kursk region", &["Kurks region", "Kursk regions"]),
    ];

    /// Typed answers that are wrong for an accepted answer that they contain or resemble.
    const WRONG: &[(&str, &[&str])] = &[
        (
            "Japan",
            &[
                "Japan/Taiwan",
                "China Japan",
                "Japan & Taiwan",
                "Japan, Taiwan",
                "Japan or China",
            ],
        ),
        ("Pyongyang", &["Moscow Pyongyang", "Pyongyang Moscow"]),
        (
            "Kursk",
            &["Kursk/Donetsk", "Kursk and Belgorod", "never Kursk", "Kurk"],
        ),
        (
            "muted",
            &["hardly muted", "not muted", "barely muted", "loud"],
        ),
        ("slave-like", &["nothing slave-like", "not slave-like"]),
        (
            "Duma",
            &[
                "Duma, Federation Council",
                "not the Duma",
                "Duma or the Senate",
                "the Federation Council of Russia",
            ],
        ),
        ("Kursk", &["somewhere near the city of Kursk in Russia"]),
        ("Kim Il-sung", &["Kim Jong Un"]),
        ("arm", &["arms"]),
        ("muted", &["Japanese"]),
        ("Article 51", &["Article 52"]),
    ];

    #[test]
    fn right_phrasings_of_an_accepted_answer_are_right() {
        for (accepted, typed) in RIGHT {
            for given in *typed {
                assert!(
                    short_matches(accepted, given, false),
                    "{given:?} for {accepted:?}"
                );
            }
        }
    }

    #[test]
    fn a_second_guess_or_a_negation_beside_an_accepted_answer_is_wrong() {
        for (accepted, typed) in WRONG {
            for given in *typed {
                assert!(
                    !short_matches(accepted, given, false),
                    "{given:?} for {accepted:?}"
                );
            }
        }
    }

    #[test]
    fn an_accepted_answer_may_hold_a_separator_itself() {
        assert!(short_matches(
            "Pyongyang, North Korea",
            "pyongyang, north korea",
            false
        ));
        assert!(short_matches(
            "Pyongyang, North Korea",
            "Pyongyang North Korea",
            false
        ));
    }

    #[test]
    fn two_answers_side_by_side_are_right_when_both_are_accepted() {
        let accept = ["Japan".to_owned(), "Tokyo".to_owned()];
        for given in ["Tokyo, Japan", "Japan/Tokyo", "Tokyo & Japanese"] {
            assert!(is_accepted(&accept, given, false), "{given:?}");
        }
        for given in [
            "Tokyo, Seoul",
            "Japan/Taiwan",
            "Japan, Tokyo, Taiwan",
            "Japan, not Tokyo",
        ] {
            assert!(!is_accepted(&accept, given, false), "{given:?}");
        }
        assert!(!is_accepted(&accept, "Tokyo, Japan", true));
    }

    #[test]
    fn an_exact_question_takes_the_accepted_answer_only() {
        assert!(short_matches("Duma", "duma", true));
        assert!(!short_matches("Duma", "the Duma", true));
        assert!(!short_matches("muted", "mute", true));
    }
}
