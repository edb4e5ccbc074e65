//! The content words of a text, shared by the lints that compare what texts say.

use crate::text::{normalize_text, stem};

/// Words that carry no content of their own, for the word-overlap rules.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "but",
    "is", "are", "was", "were", "be", "been", "its", "it", "this", "that", "these", "those", "which",
    "what", "who", "whom", "whose", "when", "where", "why", "how", "does", "did", "do", "has", "have",
    "had", "not", "no", "as", "into", "than", "then", "their", "they", "them", "his", "her", "he",
    "she", "you", "your", "we", "our", "there", "here", "about", "after", "before", "more", "most",
    "best", "one", "two", "both", "each", "other", "according", "article", "says", "say", "said",
    "would", "could", "should", "will", "can", "any", "some", "such", "only", "also", "per",
];

/// The content words of a text, each cut to its stem so that the forms of a word match, sorted
/// and without repeats.
pub(super) fn content_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = normalize_text(text)
        .split(' ')
        .filter(|w| w.len() >= 3 && !STOP.contains(w))
        .map(stem)
        .collect();
    words.sort();
    words.dedup();
    words
}
