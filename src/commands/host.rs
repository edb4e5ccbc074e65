use std::time::Duration;

use super::{describe_filter, plan_options, valid_banks};
use crate::cli::HostArgs;
use crate::engine;
use crate::engine::shuffle::draw_seed;
use crate::error::Error;
use crate::host::{ClassOptions, HostSetup, Limits};

pub(super) fn host(args: &HostArgs) -> Result<i32, Error> {
    // The banks live as long as the class; the server's tasks borrow them for its whole run.
    let banks: &'static [crate::bank::Bank] = Vec::leak(valid_banks(&args.banks)?);
    let (out, resume) = match (&args.resume, &args.out) {
        (Some(dir), _) => (dir.clone(), true),
        (None, Some(dir)) => (dir.clone(), false),
        (None, None) => {
            return Err(Error::Usage(
                "name a folder for the results with --out".into(),
            ));
        }
    };
    let seed = if resume {
        crate::host::resumed_seed(&out)?
    } else {
        args.filter.seed.unwrap_or_else(draw_seed)
    };
    let plan = engine::plan(banks, &plan_options(&args.filter, seed));
    if plan.is_empty() {
        return Err(Error::NoQuestions(describe_filter(&args.filter)));
    }
    let clock = super::study::clock()?;
    let options = ClassOptions {
        leaderboard: !args.no_leaderboard,
        speed_bonus: args.speed_bonus,
        self_paced: args.self_paced,
        exam: args.exam,
        max_students: args.max_students as usize,
        timer: args.timer.map(|s| Duration::from_secs(u64::from(s))),
    };
    let limits = std::env::var(crate::host::LIMITS_VAR).ok();
    let limits = Limits::from_setting(limits.as_deref()).map_err(Error::Usage)?;
    crate::host::run(HostSetup {
        plan,
        seed,
        options,
        bind: args.bind,
        port: args.port,
        out,
        resume,
        code_length: usize::from(args.code_length),
        limits,
        now: Box::new(move || clock.timestamp()),
    })
}
