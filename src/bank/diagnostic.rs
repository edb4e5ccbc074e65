//! A problem found in a bank, with the place it was found and a hint to fix it.

use std::fmt;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    /// Something worth a look that may not be a problem at all, as when the order questions are
    /// shuffled into decides it; `--deny-warnings` lets notes pass.
    Note,
}

/// The kinds of warning `quiz check` gives, named in kebab case (`choice-without-why`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Lint {
    ChoiceWithoutWhy,
    DuplicatePrompt,
    LongestIsCorrect,
    AllOfTheAbove,
    UnusedScenario,
    UnusedSource,
    SingleUseTag,
    ExactLargeNumber,
    ExplanationRepeatsAnswer,
    /// Text with escape sequences or bidirectional overrides, shown escaped.
    ControlCharacter,
    NegativeStem,
    AbsoluteTerm,
    VagueTerm,
    WordRepeat,
    ConvergenceCue,
    GrammaticalCue,
    LostSequence,
    CombinationOption,
    FillInTheBlank,
    OptionLength,
    TrueFalseBalance,
    AnswerCount,
    KeyPosition,
    AnswerLeak,
    UnknownAllow,
    /// A step of a branching scenario that no path from its start reaches.
    UnreachableStep,
    UnreachableEnding,
    /// A branching scenario with a path of more decisions than a learner follows well.
    LongPath,
    DecisionWithoutConsequence,
    DecisionWithoutSource,
}

impl Lint {
    /// The lints a question may name in `allow:`: those that point at one question.
    pub const PER_QUESTION: [Lint; 15] = [
        Lint::ChoiceWithoutWhy,
        Lint::DuplicatePrompt,
        Lint::AllOfTheAbove,
        Lint::ExactLargeNumber,
        Lint::ExplanationRepeatsAnswer,
        Lint::NegativeStem,
        Lint::AbsoluteTerm,
        Lint::VagueTerm,
        Lint::WordRepeat,
        Lint::ConvergenceCue,
        Lint::GrammaticalCue,
        Lint::LostSequence,
        Lint::CombinationOption,
        Lint::FillInTheBlank,
        Lint::OptionLength,
    ];

    /// The name authors see and write in `allow:`, e.g. `negative-stem`.
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }

    /// The lint an `allow:` entry names, if a question may allow it.
    pub fn allowable(name: &str) -> Option<Lint> {
        Lint::PER_QUESTION
            .into_iter()
            .chain([Lint::AnswerLeak])
            .find(|l| l.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The name of the lint that raised a warning, e.g. `choice-without-why`; none for errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lint: Option<Lint>,
    pub file: String,
    pub line: u64,
    pub column: u64,
    pub question: Option<String>,
    pub message: String,
    pub help: Option<String>,
    /// How many characters the spot spans, where that is not the whole value starting there.
    /// (16 bits keep a diagnostic small: it travels in the `Err` of every parse.)
    #[serde(skip)]
    pub width: Option<u16>,
}

impl Diagnostic {
    pub fn error(file: &str, line: u64, column: u64, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            lint: None,
            file: file.to_owned(),
            line,
            column,
            question: None,
            message: message.into(),
            help: None,
            width: None,
        }
    }

    /// A warning from the lint `lint`: the bank works, but something in it is likely a mistake.
    pub fn warning(
        lint: Lint,
        file: &str,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            lint: Some(lint),
            ..Diagnostic::error(file, line, column, message)
        }
    }

    /// A note from the lint `lint`: worth a look, but it may be no problem at all.
    pub fn note(
        lint: Lint,
        file: &str,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::warning(lint, file, line, column, message)
        }
    }

    #[must_use]
    pub fn in_question(mut self, id: Option<&str>) -> Self {
        self.question = id.map(str::to_owned);
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Underlines `width` characters from the spot instead of the value that starts there.
    #[must_use]
    pub fn spanning(mut self, width: u16) -> Self {
        self.width = Some(width.max(1));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn is_note(&self) -> bool {
        self.severity == Severity::Note
    }

    /// `error`, `warning` or `note`, as printed before the message.
    pub fn label(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.label(), self.message)?;
        write!(f, "  --> {}:{}:{}", self.file, self.line, self.column)?;
        if let Some(id) = &self.question {
            write!(f, " (question `{id}`)")?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  = help: {help}")?;
        }
        Ok(())
    }
}
