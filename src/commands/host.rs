use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use super::{bank_files, describe_filter, plan_options, valid_bank_files};
use crate::bank::{self, Bank, BankFile, Scenario};
use crate::cli::{Count, HostArgs};
use crate::engine;
use crate::engine::shuffle::draw_seed;
use crate::error::Error;
use crate::host::{BankCopy, ClassOptions, ClassSetup, HostSetup, Limits, Resumable, Selection};

const DEFAULT_PORT: u16 = 8080;
const DEFAULT_BIND: IpAddr = IpAddr::V4(Ipv4Addr::UNSPECIFIED);
const DEFAULT_MAX_STUDENTS: u32 = 500;

/// What a class is set up from: the command line for a new class, the journal's copy for one
/// that continues.
struct Prepared {
    files: Vec<BankFile>,
    selection: Selection,
    seed: u64,
    options: ClassOptions,
    bind: IpAddr,
    port: u16,
    resume: Option<Resumable>,
}

pub(super) fn host(args: &HostArgs) -> Result<i32, Error> {
    let (out, prepared) = match (&args.resume, &args.out) {
        (Some(dir), _) => (dir.clone(), resumed(args, dir)?),
        (None, Some(dir)) => (dir.clone(), new_class(args)?),
        (None, None) => {
            return Err(Error::Usage(
                "name a folder for the results with --out".into(),
            ));
        }
    };
    // The banks live as long as the class; the server's tasks borrow them for its whole run.
    let banks: &'static [crate::bank::Bank] = Vec::leak(valid_bank_files(&prepared.files)?);
    let mut selection = prepared.selection;
    let story = story(banks, &mut selection)?;
    let plan = if story.is_some() {
        Vec::new()
    } else {
        engine::plan(banks, &selection.plan_options(prepared.seed))
    };
    if plan.is_empty() && story.is_none() {
        return Err(Error::NoQuestions(describe_filter(&args.filter)));
    }
    let clock = super::study::clock()?;
    let limits = std::env::var(crate::host::LIMITS_VAR).ok();
    let limits =
        Limits::from_setting(limits.as_deref()).map_err(|error| Error::Usage(error.to_string()))?;
    crate::host::run(HostSetup {
        plan,
        story,
        seed: prepared.seed,
        options: prepared.options,
        bind: prepared.bind,
        port: prepared.port,
        out,
        banks: prepared.files.iter().map(BankCopy::of).collect(),
        selection,
        resume: prepared.resume,
        code_length: usize::from(args.code_length),
        limits,
        now: Box::new(move || clock.timestamp()),
    })
}

/// The branching scenario the class walks: the one `--scenario` names, or the only one of banks
/// that hold no other questions. The selection keeps its id, for `--resume`.
fn story(
    banks: &'static [Bank],
    selection: &mut Selection,
) -> Result<Option<(&'static Bank, &'static Scenario)>, Error> {
    if let Some(id) = &selection.scenario {
        return super::walk::named(banks, id).map(Some);
    }
    let scenarios = super::walk::branching_scenarios(banks);
    if banks.iter().any(|b| !b.questions.is_empty()) || scenarios.is_empty() {
        return Ok(None);
    }
    match scenarios.as_slice() {
        [(bank, scenario)] => {
            selection.scenario = Some(scenario.id.clone());
            Ok(Some((bank, scenario)))
        }
        several => Err(Error::Usage(format!(
            "these banks have {} branching scenarios and a class walks one: name it with --scenario ({})",
            several.len(),
            several
                .iter()
                .map(|(_, s)| s.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

fn new_class(args: &HostArgs) -> Result<Prepared, Error> {
    let seed = args.filter.seed.unwrap_or_else(draw_seed);
    Ok(Prepared {
        files: bank_files(&args.banks)?,
        selection: Selection {
            scenario: args.scenario.clone(),
            ..Selection::of(&plan_options(&args.filter, seed))
        },
        seed,
        options: options(args),
        bind: args.bind.unwrap_or(DEFAULT_BIND),
        port: args.port.unwrap_or(DEFAULT_PORT),
        resume: None,
    })
}

/// The class in `dir` as it began: its banks and options from the journal. Banks or options
/// named again must be the class's own; only the address (`--port`, `--bind`) may change.
fn resumed(args: &HostArgs, dir: &std::path::Path) -> Result<Prepared, Error> {
    let resumable = crate::host::resumable(dir)?;
    let Some(setup) = resumable.setup.clone() else {
        // A journal of an older version of quiz: the banks and options come from the command line.
        let seed = resumable.seed;
        return Ok(Prepared {
            seed,
            resume: Some(resumable),
            ..new_class(args)?
        });
    };
    if !args.banks.banks.is_empty() {
        let given = bank::read_files(&args.banks.banks)?;
        if let Some(why) = crate::host::banks_differ(&setup.banks, &given) {
            return Err(Error::Usage(why));
        }
    }
    let clashes = clashes(args, &setup, resumable.seed);
    if !clashes.is_empty() {
        return Err(Error::Usage(format!(
            "the class in `{}` began with other options: {}; resume it without them (its own are kept), or start a new class with --out",
            dir.display(),
            clashes.join(", ")
        )));
    }
    Ok(Prepared {
        files: setup.banks.iter().map(BankCopy::to_file).collect(),
        selection: setup.selection,
        seed: resumable.seed,
        options: setup.options,
        bind: args.bind.unwrap_or(setup.bind),
        port: args.port.unwrap_or(setup.port),
        resume: Some(resumable),
    })
}

fn options(args: &HostArgs) -> ClassOptions {
    ClassOptions {
        leaderboard: !args.no_leaderboard,
        speed_bonus: args.speed_bonus,
        self_paced: args.self_paced,
        exam: args.exam,
        max_students: args.max_students.unwrap_or(DEFAULT_MAX_STUDENTS) as usize,
        timer: args.timer.map(|s| Duration::from_secs(u64::from(s))),
        confidence: args.confidence,
        extra_time: args.extra_time.iter().cloned().collect(),
    }
}

/// Each option given with `--resume` that says otherwise than the class began with, as
/// `--timer 30 (the class has --timer 60)`.
fn clashes(args: &HostArgs, setup: &ClassSetup, seed: u64) -> Vec<String> {
    let (selection, options) = (&setup.selection, &setup.options);
    let flag = |on: bool, name: &str| {
        if on {
            name.to_owned()
        } else {
            format!("no {name}")
        }
    };
    let given_flag = |on: bool, name: &str| on.then(|| name.to_owned());
    let filter = &args.filter;
    let pairs: [(Option<String>, String); 15] = [
        (
            args.scenario.as_ref().map(|id| format!("--scenario {id}")),
            selection
                .scenario
                .as_ref()
                .map_or("no --scenario".to_owned(), |id| format!("--scenario {id}")),
        ),
        (
            filter.count.map(|c| match c {
                Count::All => "--count all".to_owned(),
                Count::AtMost(n) => format!("--count {n}"),
            }),
            selection
                .count
                .map_or("--count all".to_owned(), |n| format!("--count {n}")),
        ),
        (
            (!filter.tags.is_empty()).then(|| tags(&filter.tags)),
            if selection.tags.is_empty() {
                "no --tag".to_owned()
            } else {
                tags(&selection.tags)
            },
        ),
        (
            filter.difficulty.as_ref().map(difficulty),
            selection
                .difficulty
                .as_ref()
                .map_or("no --difficulty".to_owned(), difficulty),
        ),
        (
            (!filter.kinds.is_empty()).then(|| kinds(filter.kinds.iter().map(|k| k.name()))),
            if selection.kinds.is_empty() {
                "no --kind".to_owned()
            } else {
                kinds(selection.kinds.iter().map(String::as_str))
            },
        ),
        (
            filter.seed.map(|s| format!("--seed {s}")),
            format!("--seed {seed}"),
        ),
        (
            given_flag(filter.no_shuffle, "--no-shuffle"),
            flag(!selection.shuffle, "--no-shuffle"),
        ),
        (
            args.timer.map(|t| format!("--timer {t}")),
            options.timer.map_or("no --timer".to_owned(), |t| {
                format!("--timer {}", t.as_secs())
            }),
        ),
        (
            given_flag(args.no_leaderboard, "--no-leaderboard"),
            flag(!options.leaderboard, "--no-leaderboard"),
        ),
        (
            given_flag(args.speed_bonus, "--speed-bonus"),
            flag(options.speed_bonus, "--speed-bonus"),
        ),
        extra_time_clash(args, options),
        (
            given_flag(args.self_paced, "--self-paced"),
            flag(options.self_paced, "--self-paced"),
        ),
        (
            given_flag(args.exam, "--exam"),
            flag(options.exam, "--exam"),
        ),
        (
            given_flag(args.confidence, "--confidence"),
            flag(options.confidence, "--confidence"),
        ),
        (
            args.max_students.map(|n| format!("--max-students {n}")),
            format!("--max-students {}", options.max_students),
        ),
    ];
    pairs
        .into_iter()
        .filter_map(|(given, then)| {
            given
                .filter(|given| *given != then)
                .map(|given| format!("{given} (the class has {then})"))
        })
        .collect()
}

/// `--extra-time` as given with `--resume`, and as the class has it.
fn extra_time_clash(args: &HostArgs, options: &ClassOptions) -> (Option<String>, String) {
    let given = (!args.extra_time.is_empty())
        .then(|| extra_time(&args.extra_time.iter().cloned().collect()));
    let then = if options.extra_time.is_empty() {
        "no --extra-time".to_owned()
    } else {
        extra_time(&options.extra_time)
    };
    (given, then)
}

fn extra_time(given: &std::collections::BTreeMap<String, u32>) -> String {
    given
        .iter()
        .map(|(name, percent)| format!("--extra-time {name}={percent}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn tags(tags: &[String]) -> String {
    tags.iter()
        .map(|t| format!("--tag {t}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn difficulty(range: &std::ops::RangeInclusive<u8>) -> String {
    if range.start() == range.end() {
        format!("--difficulty {}", range.start())
    } else {
        format!("--difficulty {}..{}", range.start(), range.end())
    }
}

fn kinds<'a>(kinds: impl Iterator<Item = &'a str>) -> String {
    kinds
        .map(|k| format!("--kind {k}"))
        .collect::<Vec<_>>()
        .join(" ")
}
