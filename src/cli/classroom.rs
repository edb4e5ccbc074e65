//! Command-line arguments of the classroom subcommands (`report`, `present`).

use std::ops::RangeInclusive;
use std::path::PathBuf;

use clap::Args;

use super::{BadValue, BankArgs, parse_difficulty};
use crate::bank::Kind;

#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Results files (`quiz play --out`) or folders searched for *.json
    #[arg(value_name = "FILE_OR_DIR", required = true)]
    pub paths: Vec<PathBuf>,

    /// Bank that names the choices of older results files, which do not record the questions
    /// (repeat for several; default: the built-in banks)
    #[arg(long = "bank", value_name = "BANK")]
    pub banks: Vec<PathBuf>,

    /// Pass mark in percent
    #[arg(long, value_name = "PERCENT", default_value = "60", value_parser = parse_percent)]
    pub pass: f64,

    /// Also write one row per student per question as CSV to FILE
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,

    /// Also write the report as one self-contained HTML page to FILE
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Leave out, for a student who joined a live class late, the questions asked before
    /// (without it they count 0)
    #[arg(long)]
    pub excuse_late: bool,

    /// Report results of different exams (other questions or seed) in one section each,
    /// instead of refusing them
    #[arg(long)]
    pub mixed: bool,
}

/// Which questions to ask and in what order; `quiz play` and `quiz present` share them.
#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// At most N questions, or `all` for every one (quiz play asks 10 without it)
    #[arg(short = 'n', long, value_name = "N", value_parser = parse_count)]
    pub count: Option<Count>,

    /// Only questions with this tag (repeat for any of several)
    #[arg(short, long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Only questions of this difficulty: 1, 2, 3 or a range such as 2..3
    #[arg(short, long, value_name = "LEVEL", value_parser = parse_difficulty)]
    pub difficulty: Option<RangeInclusive<u8>>,

    /// Only questions of this kind (repeat for several)
    #[arg(short, long = "kind", value_name = "KIND", value_parser = kind_names())]
    pub kinds: Vec<Kind>,

    /// Seed for the question and choice order: the same seed and banks give the same quiz
    #[arg(short, long, value_name = "N")]
    pub seed: Option<u64>,

    /// Keep the written order of questions and choices
    #[arg(long)]
    pub no_shuffle: bool,
}

/// How many questions `--count` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Count {
    All,
    AtMost(u32),
}

fn parse_count(text: &str) -> Result<Count, BadValue> {
    if text.trim().eq_ignore_ascii_case("all") {
        return Ok(Count::All);
    }
    match text.trim().parse::<u32>() {
        Ok(n) if n >= 1 => Ok(Count::AtMost(n)),
        _ => Err(BadValue::Count(text.to_owned())),
    }
}

#[derive(Debug, Args)]
pub(crate) struct PresentArgs {
    #[command(flatten)]
    pub banks: BankArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Length of the countdown that `t` starts and stops
    #[arg(long, value_name = "SECONDS", default_value = "60",
          value_parser = clap::value_parser!(u32).range(1..=86_400))]
    pub timer: u32,

    /// Save the tallies typed during the lesson as JSON to FILE (never overwrites)
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Print every question then its answer, for a printer or a file; a branching scenario reads
    /// the class's decisions as lines (automatic off a terminal)
    #[arg(long)]
    pub plain: bool,

    /// Present the branching scenario with this id, step by step, the class deciding (`quiz list`
    /// shows them)
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,

    /// Begin at question N of the lesson (the same seed gives the same order), as after a break
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub start: Option<u32>,
}

#[derive(Debug, Args)]
pub(crate) struct HostArgs {
    #[command(flatten)]
    pub banks: BankArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// Folder for one results file per student and the class's journal (created if missing)
    #[arg(short, long, value_name = "DIR", required_unless_present = "resume")]
    pub out: Option<PathBuf>,

    /// Continue the paused class whose journal is in DIR, with its banks, options and every
    /// answer given so far
    #[arg(long, value_name = "DIR", conflicts_with = "out")]
    pub resume: Option<PathBuf>,

    /// Port to serve the student page on [default: 8080; with --resume, the class's own]
    #[arg(long, value_name = "PORT")]
    pub port: Option<u16>,

    /// Address to listen on: all interfaces by default, so that phones on the same network reach
    /// it [default: 0.0.0.0; with --resume, the class's own]
    #[arg(long, value_name = "ADDRESS")]
    pub bind: Option<std::net::IpAddr>,

    /// Close each question after SECONDS and reveal it (self-paced: end the class after SECONDS)
    #[arg(long, value_name = "SECONDS",
          value_parser = clap::value_parser!(u32).range(1..=86_400))]
    pub timer: Option<u32>,

    /// Hide the leaderboard between questions, for a low-stakes class
    #[arg(long)]
    pub no_leaderboard: bool,

    /// Right answers earn up to half their points again, the faster the more (leaderboard only)
    #[arg(long)]
    pub speed_bonus: bool,

    /// Give the student NAME PERCENT more time on each timed question (self-paced: on the whole
    /// quiz), e.g. `Ana=50` (repeatable)
    #[arg(long, value_name = "NAME=PERCENT", value_parser = parse_extra_time)]
    pub extra_time: Vec<(String, u32)>,

    /// Each student moves through the questions at their own pace
    #[arg(long)]
    pub self_paced: bool,

    /// With --self-paced: no feedback until the end
    #[arg(long, requires = "self_paced")]
    pub exam: bool,

    /// Students say how sure they are of each answer (guessing, fairly sure, certain); results
    /// and the report then carry certainty-based marks and the class's calibration
    #[arg(long)]
    pub confidence: bool,

    /// Walk the branching scenario with this id as a class, decision by decision (`quiz list`
    /// shows them); paced, the story follows the class's majority
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,

    /// Most students the class takes [default: 500]
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_students: Option<u32>,

    /// Characters in the join code (default 5); a longer code for a large room or an open network
    #[arg(long, value_name = "N", default_value = "5",
          value_parser = clap::value_parser!(u8).range(5..=12))]
    pub code_length: u8,
}

fn parse_percent(text: &str) -> Result<f64, BadValue> {
    match text.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(BadValue::Percent(text.to_owned())),
    }
}

/// `NAME=PERCENT`, with PERCENT from 1 to 400 (five times the time).
fn parse_extra_time(text: &str) -> Result<(String, u32), String> {
    let wrong = || format!("`{text}` is not NAME=PERCENT, e.g. Ana=50 (PERCENT from 1 to 400)");
    let (name, percent) = text.rsplit_once('=').ok_or_else(wrong)?;
    let percent = percent
        .trim()
        .trim_end_matches('%')
        .parse::<u32>()
        .map_err(|_| wrong())?;
    if name.trim().is_empty() || !(1..=400).contains(&percent) {
        return Err(wrong());
    }
    Ok((name.trim().to_owned(), percent))
}

/// `--kind` takes the names a bank's `kind:` takes, listed in the help and the completions.
fn kind_names() -> impl clap::builder::TypedValueParser<Value = Kind> {
    use clap::builder::TypedValueParser as _;
    clap::builder::PossibleValuesParser::new(Kind::ALL.map(Kind::name))
        .try_map(|name| Kind::from_name(&name).ok_or("not a kind of question"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pass_mark_is_a_percentage() {
        assert_eq!(parse_percent("60"), Ok(60.0));
        assert_eq!(parse_percent("72.5%"), Ok(72.5));
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("-1").is_err());
        assert!(parse_percent("half").is_err());
    }
}
