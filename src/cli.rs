//! The command line.

mod study;

use std::ops::RangeInclusive;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub(crate) use study::{DataArgs, HistoryArgs, ReviewArgs, StatsArgs};

mod classroom;
pub(crate) use classroom::{Count, FilterArgs, HostArgs, PresentArgs, ReportArgs};

mod authoring;
pub(crate) use authoring::*;

#[derive(Debug, Parser)]
#[command(
    name = "quiz",
    version,
    about = "Scenario-based quizzes in the terminal, with a cited source for every answer",
    after_help = "Examples:\n  \
        quiz play                          ten questions from the built-in banks\n  \
        quiz play --count all              every question\n  \
        quiz play --count 10 --tag dates   ten questions tagged `dates`\n  \
        quiz play --exam --seed 1234       the same exam for everyone who uses seed 1234\n  \
        quiz review                        what is due today, then mistakes, then new questions\n  \
        quiz stats                         your progress per bank and tag\n  \
        quiz present --count 10            one question at a time on a projector\n  \
        quiz host --out results/           a live class: students answer on their phones\n  \
        quiz report results/               a class report from results files\n  \
        quiz new my-bank.yaml              start a bank of your own\n  \
        quiz check my-bank.yaml            find every problem in a bank you wrote"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Take a quiz (the built-in banks unless you name bank files or folders)
    #[command(after_help = "Examples:\n  \
        quiz play                          ten questions (the default)\n  \
        quiz play --count all              every question of the banks\n  \
        quiz play quizzes/treaty.yaml --count 5\n  \
        quiz play --tag troops --tag dates --difficulty 2..3\n  \
        quiz play --kind numeric --seed 42 --no-shuffle\n  \
        quiz play --exam --seed 2024 --name ana --out results/ana.json\n  \
        quiz play --exam --seed 2024 --shuffle-per-student --name ana --out results/ana.json\n  \
        quiz play night-desk.yaml --scenario leak   walk a branching scenario\n  \
        printf '2\\n1,3\\n' | quiz play --plain quizzes/treaty.yaml\n\n\
        Keys in the menus: arrows move, a number picks, enter confirms, t/f answer true or false,\n\
        space ticks (or grabs and drops an item to order), s skips a question until the end,\n\
        q or Esc asks whether to stop; Ctrl-C stops at once. In typed answers an empty line skips.")]
    Play(PlayArgs),

    /// Show the banks: questions by kind, tags and scenarios
    #[command(after_help = "Examples:\n  quiz list\n  quiz list quizzes/")]
    List(BankArgs),

    /// Validate and lint banks: every problem with its line; exit 1 on errors
    #[command(after_help = "Examples:\n  \
        quiz check quizzes/\n  \
        quiz check my-bank.yaml\n  \
        quiz check my-bank.yaml --deny-warnings     warnings fail too (for CI)\n  \
        quiz check my-bank.yaml --format json       diagnostics for editors and scripts\n  \
        quiz check my-bank.yaml --source article.txt\n  \
        quiz check quizzes/ --source article=notes/article.txt\n\n\
        Exit codes: 0 clean (warnings allowed), 1 problems found, 2 usage error.")]
    Check(CheckArgs),

    /// Review what is due, then recent mistakes, then new questions (spaced repetition)
    #[command(after_help = "Examples:\n  \
        quiz review                        what is due today, then mistakes and new questions\n  \
        quiz review --count 10 --new 5     ten at most, five of them new at most\n  \
        quiz review --mistakes             only what you last answered wrong\n  \
        quiz review --ahead 10             nothing due? the ten closest to falling due\n  \
        quiz review --bank treaty --tag dates\n  \
        quiz review quizzes/treaty.yaml --data-dir ~/study\n\n\
        After each answer a line says when the question comes back and the rating that set it\n\
        (wrong: Again; partly right: Hard; right: Good; right and quick: Easy). A question\n\
        answered wrong or partly right is asked again a few questions later, or at the end,\n\
        until it is answered right once; only the first answer counts in the score. The end\n\
        of a review says what is left for today with the command for each, and what falls\n\
        due tomorrow and in the next 7 days. New questions are dealt from each bank and tag in\n\
        turn (a scenario's questions together, in order); in your first week, reviews leave\n\
        half of --count to new questions.\n\n\
        With --confidence (or QUIZ_CONFIDENCE=1) you say after each answer how sure you are:\n\
        1 guessing, 2 fairly sure, 3 certain. The rating then comes from it (wrong: Again;\n\
        right and guessing: Hard; fairly sure: Good; certain: Easy), and the result shows\n\
        certainty-based marks (right 1/2/3 × points, wrong 0/−2/−6 ×) beside the score.")]
    Review(ReviewArgs),

    /// Show your progress: seen, accuracy and mastery per bank and tag, streak, weakest questions
    #[command(after_help = "Examples:\n  \
        quiz stats\n  \
        quiz stats --bank treaty\n  \
        quiz stats --json | jq .due_today")]
    Stats(StatsArgs),

    /// Show how many answers are recorded, or delete them with --clear
    #[command(after_help = "Examples:\n  \
        quiz history                       how many answers are recorded, and where\n  \
        quiz history --clear               delete everything (asks first)\n  \
        quiz history --clear --bank treaty --yes")]
    History(HistoryArgs),

    /// Class report from results files: students, scores, item analysis, topics
    #[command(after_help = "Examples:\n  \
        quiz report results/                       everyone in the folder, pass mark 60%\n  \
        quiz report results/ --pass 50\n  \
        quiz report period-2/ --excuse-late        late joiners: only the questions after they came\n  \
        quiz report results/ --mixed               several exams: one section each\n  \
        quiz report results/ --csv class.csv       one row per student per question\n  \
        quiz report results/ --html class.html     one page with charts, opens offline")]
    Report(ReportArgs),

    /// Show questions on a projector, one at a time, and reveal the answers
    #[command(after_help = "Keys:\n  \
        space, →, Enter   next question\n  \
        ←, b, Backspace   back one question\n  \
        r                 reveal (or hide) the answer; a match shows its pairs and its key, 1B 2D 3C 4A\n  \
        t                 start or pause the countdown\n  \
        c                 type the class's counts per option, then Enter\n  \
        q, Esc            stop the lesson (asks y/n first); Ctrl-C stops at once\n\n\
        In a branching scenario (--scenario ID):\n  \
        d                 type the class's decision (its letter), then Enter: the story follows it\n  \
        c                 type the hands per choice; d then offers the majority's letter\n\n\
        Examples:\n  \
        quiz present quizzes/treaty.yaml\n  \
        quiz present --seed 2024 --count 10 --start 6   after a break: on from question 6\n  \
        quiz present night-desk.yaml --scenario leak    the class decides, the story follows\n  \
        quiz present --seed 2024 --count 10 --timer 45\n  \
        quiz present --tag dates --out tallies.json      keep the counts typed with c\n  \
        quiz present quizzes/treaty.yaml > handout.txt   questions, then answers, as text")]
    Present(PresentArgs),

    /// Run a live class: students answer on their phones, you run it from here
    #[command(
        after_help = "Commands, typed while the class runs: start (s) · reveal (r) · \
        next (n) · who (w) · kick NAME or NUMBER · end (e)\n\n\
        Examples:\n  \
        quiz host --out results/                      the built-in banks, students join by code\n  \
        quiz host quizzes/treaty.yaml --count 10 --timer 30 --out period-2/\n  \
        quiz host --self-paced --exam --out exam/     each student at their own pace, marks at the end\n  \
        quiz host --resume period-2/                  carry on after the host stopped\n  \
        quiz report period-2/                         the class report afterwards"
    )]
    Host(HostArgs),

    /// Write a starter bank with one example question of every kind
    #[command(after_help = "Examples:\n  \
        quiz new water-cycle.yaml\n  \
        quiz new banks/chapter-3.yaml --title \"Chapter 3: Forces\"\n  \
        quiz new water-cycle.yaml --force     start over, replacing the file\n  \
        quiz new storm.yaml --branching       a small branching scenario to start from")]
    New(NewArgs),

    /// Write banks as Moodle XML, Moodle GIFT, Aiken, Anki notes, a Markdown worksheet with
    /// answer key, or branching scenarios as a Twine story
    #[command(after_help = "Examples:\n  \
        quiz export --format moodle-xml my-bank.yaml -o my-bank.xml\n  \
        quiz export --format gift my-bank.yaml -o my-bank.gift\n  \
        quiz export --format aiken my-bank.yaml -o my-bank.txt\n  \
        quiz export --format anki quizzes/ -o cards.txt          then File > Import in Anki\n  \
        quiz export --format markdown my-bank.yaml -o sheet.md   also writes sheet-key.md\n  \
        quiz export --format markdown                            the built-in banks, to stdout\n  \
        quiz export --format twee story.yaml -o story.twee       then Library > Import in Twine\n\n\
        Questions a format cannot hold are listed on standard error as `skipped`. Moodle XML, GIFT,\n\
        Aiken and Anki hold each decision of a branching scenario as a stand-alone question, and say so.")]
    Export(ExportArgs),

    /// Turn questions written for Moodle (Moodle XML, GIFT, Aiken) into a bank
    #[command(after_help = "Examples:\n  \
        quiz import moodle-xml moodle-export.xml -o my-bank.yaml\n  \
        quiz import gift moodle-export.txt -o my-bank.yaml\n  \
        quiz import aiken questions.txt -o my-bank.yaml\n  \
        quiz import gift questions.gift                      the bank on standard output\n\n\
        What has no place in a bank (essays, partial credit, per-answer feedback of true/false)\n\
        is listed on standard error with its line. A broken file writes nothing and exits 1.")]
    Import(ImportArgs),

    /// Print the JSON Schema of the bank format, for completion and checks in editors
    #[command(after_help = "Examples:\n  \
        quiz schema > bank.schema.json\n\n\
        Then make this the first line of a bank (yaml-language-server, e.g. in VS Code's YAML\n\
        extension):\n  \
        # yaml-language-server: $schema=bank.schema.json")]
    Schema,

    /// Print a shell completion script
    #[command(after_help = "Examples:\n  \
        quiz completions bash > ~/.local/share/bash-completion/completions/quiz\n  \
        quiz completions zsh > ~/.zfunc/_quiz        with `fpath+=~/.zfunc` in ~/.zshrc\n  \
        quiz completions fish > ~/.config/fish/completions/quiz.fish\n  \
        quiz completions powershell >> $PROFILE")]
    Completions(CompletionsArgs),

    /// Print the manual page (roff), or write one per command
    #[command(after_help = "Examples:\n  \
        quiz man | man -l -\n  \
        quiz man --out-dir /usr/local/share/man/man1")]
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub(crate) struct BankArgs {
    /// Bank files or folders (searched for *.yaml and *.yml); none: the built-in banks
    #[arg(value_name = "BANK")]
    pub banks: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub(crate) struct PlayArgs {
    #[command(flatten)]
    pub banks: BankArgs,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// No feedback until the end, then a full review
    #[arg(long)]
    pub exam: bool,

    /// After each answer, say how sure you are (1 guessing, 2 fairly sure, 3 certain): certainty-based
    /// marks beside the score, and the review's rating from it [default: on when QUIZ_CONFIDENCE=1]
    #[arg(long)]
    pub confidence: bool,

    /// Plain numbered prompts read line by line (automatic when input or output is not a terminal, or with TERM=dumb)
    #[arg(long)]
    pub plain: bool,

    /// Write the results as JSON to FILE (never overwrites an existing file)
    #[arg(short, long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Your name, recorded in the results file
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Do not record the answers in the progress database
    #[arg(long)]
    pub no_save: bool,

    #[command(flatten)]
    pub data: DataArgs,

    /// Same questions as the seed picks, in an order of this student's own (from --seed and --name)
    #[arg(long, requires = "name", conflicts_with = "no_shuffle")]
    pub shuffle_per_student: bool,

    /// Walk the branching scenario with this id, decision by decision (`quiz list` shows them)
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
}

/// A value on the command line that is not what its option takes; clap shows the message.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum BadValue {
    #[error("`{0}` is not a count; use a number from 1 up, or `all`")]
    Count(String),
    #[error("`{0}` is not a percentage from 0 to 100")]
    Percent(String),
    #[error("a retention is a number from {low} to {high}", low = RETENTION.0, high = RETENTION.1)]
    Retention,
    #[error("`{0}` is not a difficulty; use 1, 2 or 3")]
    Difficulty(String),
    #[error("`{0}` is an empty range; write the lower level first, e.g. 1..2")]
    EmptyRange(String),
}

/// The desired retentions a review may aim at, lowest and highest.
pub(crate) const RETENTION: (f64, f64) = (0.7, 0.97);

fn parse_difficulty(text: &str) -> Result<RangeInclusive<u8>, BadValue> {
    let level = |t: &str| match t.trim().parse::<u8>() {
        Ok(n @ 1..=3) => Ok(n),
        _ => Err(BadValue::Difficulty(t.to_owned())),
    };
    let range = match text.split_once("..").or_else(|| text.split_once('-')) {
        Some((low, high)) => level(low)?..=level(high.trim_start_matches('='))?,
        None => level(text)?..=level(text)?,
    };
    if range.is_empty() {
        return Err(BadValue::EmptyRange(text.to_owned()));
    }
    Ok(range)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn difficulty_takes_a_level_or_a_range() {
        assert_eq!(parse_difficulty("2"), Ok(2..=2));
        assert_eq!(parse_difficulty("1..3"), Ok(1..=3));
        assert_eq!(parse_difficulty("2-3"), Ok(2..=3));
        assert_eq!(parse_difficulty("1..=2"), Ok(1..=2));
        assert!(parse_difficulty("4").is_err());
        assert!(parse_difficulty("3..1").is_err());
    }
}
