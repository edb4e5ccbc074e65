//! The content words of a text, shared by the lints that compare what texts say.

use crate::text::{normalize_text, stem};

/// Words that carry no content of their own, for the word-overlap rules; sorted, for a binary
/// search.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "a", "about", "according", "after", "also", "an", "and", "any", "are", "article", "as", "at",
    "be", "been", "before", "best", "both", "but", "by", "can", "could", "did", "do", "does",
    "each", "for", "from", "had", "has", "have", "he", "her", "here", "his", "how", "in", "into",
    "is", "it", "its", "more", "most", "no", "not", "of", "on", "one", "only", "or", "other",
    "our", "per", "said", "say", "says", "she", "should", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "to", "two", "was", "we",
    "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "will", "with",
    "would", "you", "your",
];

/// The content words of a text, each cut to its stem so that the forms of a word match, sorted
/// and without repeats.
pub(super) fn content_words(text: &str) -> Vec<String> {
    content_words_of(normalize_text(text).split(' '))
}

/// [`content_words`] of a text already split into normalised words.
pub(super) fn content_words_of<'w>(words: impl Iterator<Item = &'w str>) -> Vec<String> {
    let mut words: Vec<String> = words
        .filter(|w| w.len() >= 3 && STOP.binary_search(w).is_err())
        .map(stem)
        .collect();
    words.sort();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stop_words_are_sorted_for_their_search() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn content_words_are_stems_without_stop_words() {
        assert_eq!(
            content_words("North Korea ratifying the treaty"),
            ["korea", "north", "ratify", "treaty"]
        );
        assert_eq!(
            content_words("The treaty was ratified by North Korea"),
            content_words("North Korea ratifying the treaty")
        );
    }
}
