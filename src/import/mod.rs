//! Reading questions written for other tools into a bank.

pub mod aiken;
pub mod gift;
pub mod moodle_xml;
mod yaml;

pub(crate) use yaml::UNKNOWN_SOURCE;
pub use yaml::{
    Num, OutAnswer, OutBank, OutChoice, OutCitation, OutPair, OutQuestion, OutScenario, OutSource,
    OutTolerance,
};

/// Something in the input that did not carry over, or carried over only in part, with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportNotice {
    pub line: usize,
    /// The input is broken here (not merely unmappable): nothing is written.
    pub error: bool,
    pub message: String,
}

impl ImportNotice {
    pub fn note(line: usize, message: impl Into<String>) -> Self {
        ImportNotice {
            line,
            error: false,
            message: message.into(),
        }
    }

    pub fn error(line: usize, message: impl Into<String>) -> Self {
        ImportNotice {
            line,
            error: true,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ImportNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = if self.error { "error" } else { "note" };
        write!(f, "{what}: line {}: {}", self.line, self.message)
    }
}

/// A bank read from another format, and what did not fit.
#[derive(Debug)]
pub struct Imported {
    pub bank: OutBank,
    pub notices: Vec<ImportNotice>,
}

/// A short answer as Moodle reads it: `\*` is an asterisk; a bare `*` is a wildcard, which a bank
/// has no way to say, so it stays an asterisk, with a note.
pub(crate) fn wildcard_answer(text: &str, line: usize, notes: &mut Vec<ImportNotice>) -> String {
    let bare = text.replace("\\*", "");
    if bare.contains('*') {
        notes.push(ImportNotice::note(
            line,
            format!(
                "`{text}`: Moodle reads `*` as any text (a wildcard); a bank has none, so only \
                 the answer with an asterisk typed is accepted: list the answers it stands for"
            ),
        ));
    }
    text.replace("\\*", "*")
}

/// `$course$/top/Bank/Scenario` → `[Bank, Scenario]`, as Moodle files categories in GIFT and
/// XML: the context and `top` go, and `//` is a slash inside a level.
pub(crate) fn category_levels(path: &str) -> Vec<String> {
    let mut levels = Vec::new();
    let mut level = String::new();
    let mut chars = path.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.next_if_eq(&'/').is_some() => level.push('/'),
            '/' => levels.push(std::mem::take(&mut level)),
            c => level.push(c),
        }
    }
    levels.push(level);
    let mut levels: Vec<String> = (levels.into_iter())
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if levels
        .first()
        .is_some_and(|l| l.starts_with('$') && l.ends_with('$'))
    {
        levels.remove(0);
    }
    if levels.first().is_some_and(|l| l == "top") {
        levels.remove(0);
    }
    levels
}
