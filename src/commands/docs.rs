//! Shell completions and manual pages, generated from the command-line definition.

use clap::CommandFactory;

use super::output::print_out;
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::error::Error;

pub(super) fn completions(args: &CompletionsArgs) -> Result<i32, Error> {
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "quiz", &mut out);
    print_out(&out)?;
    Ok(0)
}

pub(super) fn man(args: &ManArgs) -> Result<i32, Error> {
    if let Some(dir) = &args.out_dir {
        if !dir.is_dir() {
            return Err(Error::Write {
                path: dir.clone(),
                source: std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    "no such folder (create it first)",
                ),
            });
        }
        clap_mangen::generate_to(Cli::command(), dir).map_err(|source| Error::Write {
            path: dir.clone(),
            source,
        })?;
        eprintln!("wrote the manual pages to {}", dir.display());
    } else {
        let mut out = Vec::new();
        clap_mangen::Man::new(Cli::command())
            .render(&mut out)
            .map_err(Error::Stdout)?;
        print_out(&out)?;
    }
    Ok(0)
}
