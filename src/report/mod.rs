//! The class report (`quiz report`): who needs help, which questions need attention, which topics
//! to re-teach. Item statistics follow Moodle's quiz statistics; see docs/classroom.md.
//!
//! `ingest` reads the results files, `analysis` computes the report, and `text`, `csv` and `html`
//! render it.

pub(crate) mod analysis;
pub(crate) mod certainty;
pub(crate) mod csv;
pub(crate) mod exams;
pub(crate) mod flow;
pub(crate) mod html;
pub(crate) mod ingest;
pub(crate) mod stats;
pub(crate) mod svg;
pub(crate) mod text;
pub(crate) mod walks;

use std::fmt;
use std::path::PathBuf;

use crate::results::HowItEnded;

pub(crate) use ingest::read_class;

/// Something the teacher should know about the files behind the report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Note {
    /// The file was left out of the report.
    Skipped { file: PathBuf, why: String },
    /// The file names no student; its file name stands in.
    Unnamed { file: PathBuf, name: String },
    /// A student has more than one results file; only the first attempt counts.
    Duplicate {
        name: String,
        kept: PathBuf,
        skipped: PathBuf,
    },
    /// How a student's quiz ended, when it did not simply run to its end with every question
    /// answered: questions not answered count 0.
    Ended {
        name: String,
        ending: HowItEnded,
        answered: usize,
        /// The questions that count for this student.
        counted: usize,
        /// The branching scenarios walked to an ending, of those walked.
        walks_ended: usize,
        walks: usize,
        /// The question the student joined a live class at (1-based), if late.
        joined_at: Option<usize>,
        /// The questions before `joined_at` are left out (`--excuse-late`).
        excused: bool,
    },
    /// An older results file does not record its questions: those not answered count at the
    /// mean points of the ones answered.
    UnrecordedQuestions {
        name: String,
        unanswered: usize,
        points_each: f64,
    },
    /// Students answered different versions of one bank: (version label, number of files).
    MixedBankVersions {
        bank: String,
        versions: Vec<(String, usize)>,
    },
    /// One question's content differs between results files.
    QuestionChanged { bank: String, question: String },
    /// The bank is not among those loaded: choices are named from the results or by letter.
    BankNotLoaded { bank: String },
    /// The loaded bank's question differs from the one answered: its choices are not named from it.
    BankDiffers { bank: String, question: String },
    /// A walk's file says other than its decisions earn on the loaded scenario (`bank/scenario`):
    /// the report counts what they earn.
    WalkRecounted {
        name: String,
        scenario: String,
        claimed: String,
        earned: String,
    },
    /// A walk records a decision at a step the story did not lead to: it and those after it are
    /// left out.
    WalkStrayed {
        name: String,
        scenario: String,
        step: String,
    },
    /// The branching scenario is not among the banks loaded: its walks count as recorded.
    ScenarioNotLoaded { bank: String, scenario: String },
    /// The loaded scenario is not known to be the one walked: its walks count as recorded.
    ScenarioDiffers { bank: String, scenario: String },
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Note::Skipped { file, why } => write!(f, "skipped `{}`: it {why}", file.display()),
            Note::Unnamed { file, name } => write!(
                f,
                "`{}` names no student; it is listed as `{name}`",
                file.display()
            ),
            Note::Duplicate {
                name,
                kept,
                skipped,
            } => write!(
                f,
                "{name} has more than one results file: skipped `{}`, kept the first attempt `{}`",
                skipped.display(),
                kept.display()
            ),
            Note::Ended {
                name,
                ending,
                answered,
                counted,
                walks_ended,
                walks,
                joined_at,
                excused,
            } => {
                write!(f, "{name} ")?;
                if let Some(joined) = joined_at {
                    write!(f, "{}, then ", joined_late(*joined, *excused))?;
                }
                write!(f, "{}: ", ending_words(*ending))?;
                if *counted > 0 || *walks == 0 {
                    questions_answered(f, *answered, *counted)?;
                }
                if *walks > 0 {
                    if *counted > 0 {
                        write!(f, "; ")?;
                    }
                    scenarios_ended(f, *walks_ended, *walks)?;
                }
                Ok(())
            }
            Note::UnrecordedQuestions {
                name,
                unanswered,
                points_each,
            } => write!(
                f,
                "{name}'s results file is an older one that does not record the questions asked: \
                 the {unanswered} not answered count 0 of {} point{} each",
                crate::engine::describe::points(*points_each),
                if (*points_each - 1.0).abs() < 1e-9 {
                    ""
                } else {
                    "s"
                }
            ),
            Note::MixedBankVersions { bank, versions } => {
                let list: Vec<String> = versions
                    .iter()
                    .map(|(v, n)| format!("{v} in {n} file{}", crate::text::plural_s(*n)))
                    .collect();
                write!(
                    f,
                    "bank `{bank}` differs between files: {}; compare like with like",
                    list.join(", ")
                )
            }
            Note::QuestionChanged { bank, question } => write!(
                f,
                "question `{bank}/{question}` was changed between files; its statistics mix versions"
            ),
            Note::BankNotLoaded { bank } => write!(
                f,
                "bank `{bank}` is not loaded, so some choices are shown by letter (name it with --bank)"
            ),
            Note::BankDiffers { bank, question } => write!(
                f,
                "question `{bank}/{question}` in the loaded bank differs from the one answered; \
                 its choices are shown as recorded"
            ),
            Note::WalkRecounted { .. }
            | Note::WalkStrayed { .. }
            | Note::ScenarioNotLoaded { .. }
            | Note::ScenarioDiffers { .. } => walk_note(self, f),
        }
    }
}

/// The notes about walks of branching scenarios.
fn walk_note(note: &Note, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match note {
        Note::WalkRecounted {
            name,
            scenario,
            claimed,
            earned,
        } => write!(
            f,
            "{name}'s results file says {claimed} on scenario `{scenario}`; its decisions, \
             taken again on the loaded bank, earn {earned}: the report counts these"
        ),
        Note::WalkStrayed {
            name,
            scenario,
            step,
        } => write!(
            f,
            "{name}'s walk of scenario `{scenario}` records a decision at step `{step}`, \
             where the story did not lead: it and the decisions after it are left out"
        ),
        Note::ScenarioNotLoaded { bank, scenario } => write!(
            f,
            "branching scenario `{bank}/{scenario}` is not loaded, so its walks count as \
             their results files record them (name its bank with --bank)"
        ),
        Note::ScenarioDiffers { bank, scenario } => write!(
            f,
            "branching scenario `{bank}/{scenario}` in the loaded bank differs from the one \
             walked (or the results files do not say which was walked): its walks count as \
             their results files record them"
        ),
        _ => Ok(()),
    }
}

/// "answered 1 of 8 questions; the 7 not answered count 0".
fn questions_answered(f: &mut fmt::Formatter<'_>, answered: usize, counted: usize) -> fmt::Result {
    let unanswered = counted - answered.min(counted);
    write!(
        f,
        "answered {answered} of {counted} question{}",
        crate::text::plural_s(counted)
    )?;
    if unanswered > 0 {
        write!(
            f,
            "; the {unanswered} not answered count{} 0",
            if unanswered == 1 { "s" } else { "" }
        )?;
    }
    Ok(())
}

/// "reached an ending in 0 of 1 branching scenario; …".
fn scenarios_ended(f: &mut fmt::Formatter<'_>, ended: usize, walked: usize) -> fmt::Result {
    write!(
        f,
        "reached an ending in {ended} of {walked} branching scenario{}",
        crate::text::plural_s(walked)
    )?;
    if ended < walked {
        write!(
            f,
            "; a scenario left before its ending counts the decisions taken, out of its best \
             path's points"
        )?;
    }
    Ok(())
}

/// How a student's quiz ended, as the report says it.
pub(crate) fn ending_words(ending: HowItEnded) -> &'static str {
    match ending {
        HowItEnded::Finished => "went on to the end",
        HowItEnded::StoppedEarly => "stopped early",
        HowItEnded::TimeUp => "ran out of time",
        HowItEnded::Removed => "was removed by the teacher",
        HowItEnded::HostInterrupted => {
            "was in the class when the host paused it (quiz host --resume continues it)"
        }
        HowItEnded::Interrupted => "was interrupted before the end",
    }
}

/// "joined at question 3 (questions 1–2 count 0; --excuse-late leaves them out)".
fn joined_late(joined: usize, excused: bool) -> String {
    let (before, one) = questions_before(joined);
    if excused {
        return format!("joined at question {joined} ({before} left out: --excuse-late)");
    }
    let (count, them) = if one {
        ("counts", "it")
    } else {
        ("count", "them")
    };
    format!("joined at question {joined} ({before} {count} 0; --excuse-late leaves {them} out)")
}

/// "question 1" or "questions 1–4": those before question `joined`, and whether that is one.
fn questions_before(joined: usize) -> (String, bool) {
    match joined {
        0..=2 => ("question 1".into(), true),
        _ => (format!("questions 1–{}", joined - 1), false),
    }
}
