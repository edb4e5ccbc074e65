//! One results file per student at the end of a class, in the format `quiz play --exam --out`
//! writes, so that `quiz report DIR` reads a live class like any other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::class::{Class, Seat};
use crate::error::Error;
use crate::results::ResultFile;

/// What writing the results did.
#[derive(Debug, Default)]
pub(crate) struct Written {
    /// The file written for each seat, by token.
    pub files: BTreeMap<String, String>,
    /// The students whose file could not be written, each with why.
    pub failed: Vec<(String, Error)>,
}

/// Writes every student's file into `folder`, as many as can be: one that fails (a full disk)
/// does not stop the others. A seat in `earlier` (the files this class wrote when it was
/// paused) has its file written over; any other file already there is never replaced: the name
/// gets a number instead.
pub(crate) fn write_all(
    class: &Class,
    folder: &Path,
    finished_at: &str,
    earlier: &BTreeMap<String, String>,
) -> Written {
    let mut written = Written::default();
    for seat in class.seats() {
        let result = result_of(class, seat, finished_at);
        let path = match earlier.get(seat.token()).filter(|name| is_file_name(name)) {
            Some(name) => {
                let path = folder.join(name);
                write_over(&result, &path).map(|()| path)
            }
            None => write_new_name(&result, folder, &file_stem(&seat.name)),
        };
        match path {
            Ok(path) => {
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                written
                    .files
                    .insert(seat.token().to_owned(), name.into_owned());
            }
            Err(error) => {
                // The file of a pause, if any, is still the one to write over next time.
                if let Some(name) = earlier.get(seat.token()) {
                    written.files.insert(seat.token().to_owned(), name.clone());
                }
                written.failed.push((seat.name.clone(), error));
            }
        }
    }
    written
}

/// Replaces the file a pause of this class wrote, at once: a reader sees the old file or the new.
fn write_over(result: &ResultFile, path: &Path) -> Result<(), Error> {
    crate::files::write_atomically(
        path,
        result.to_json().as_bytes(),
        crate::files::Existing::Replace,
    )
}

/// A results file's name as the host gives them: a journal edited by hand cannot send a
/// write anywhere else than the results folder.
fn is_file_name(name: &str) -> bool {
    let path = Path::new(name);
    path.file_name().is_some_and(|n| n == name)
        && path.extension().is_some_and(|e| e == "json")
        && !name.starts_with('.')
}

/// One student's results: their answers, how the class ended for them and when they joined.
fn result_of(class: &Class, seat: &Seat, finished_at: &str) -> ResultFile {
    let outcome = class.outcome(seat);
    let mut result = ResultFile::new(
        &outcome,
        class.seed,
        Some(seat.name.clone()),
        class.started_at.clone(),
        finished_at.to_owned(),
    );
    if let Some(walk) = class.walk_entry(seat) {
        result.add_walks(&[walk]);
    }
    result.ending = class.how_it_ended(seat);
    result.joined_at = seat.joined_at.map(|index| index + 1);
    result
}

fn write_new_name(result: &ResultFile, folder: &Path, stem: &str) -> Result<PathBuf, Error> {
    for n in 1.. {
        let name = if n == 1 {
            format!("{stem}.json")
        } else {
            format!("{stem}-{n}.json")
        };
        let path = folder.join(name);
        match result.write_new(&path) {
            Ok(()) => return Ok(path),
            Err(Error::OutputExists(_)) => {}
            Err(error) => return Err(error),
        }
    }
    unreachable!("some numbered name is free")
}

/// A file name from a student's name: letters and digits kept, anything else a dash.
fn file_stem(name: &str) -> String {
    let stem: String = name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "student".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::{file_stem, is_file_name, result_of};
    use crate::bank::Bank;
    use crate::engine::{Filter, PlanOptions, Response, plan};
    use crate::host::class::{Class, ClassEnd, ClassOptions};
    use crate::results::HowItEnded;

    /// A class on the harbour's eight true/false questions, in written order.
    fn class(self_paced: bool) -> Class {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/harbour.yaml");
        let files = crate::bank::read_files(&[path]).unwrap();
        let banks: &'static [Bank] = Box::leak(crate::bank::load(&files).banks.into_boxed_slice());
        let planned = PlanOptions {
            filter: Filter {
                kinds: vec![crate::bank::Kind::TrueFalse],
                ..Filter::default()
            },
            count: None,
            seed: 1,
            shuffle: false,
        };
        let options = ClassOptions {
            leaderboard: true,
            speed_bonus: false,
            confidence: false,
            self_paced,
            exam: false,
            max_students: 10,
            timer: Some(Duration::from_secs(60)),
            extra_time: std::collections::BTreeMap::new(),
        };
        Class::new(
            "CODE1".into(),
            1,
            plan(banks, &planned),
            options,
            "now".into(),
        )
    }

    /// How the quiz ended for `name`, as their results file says it.
    fn ending(class: &Class, name: &str) -> (HowItEnded, Option<usize>, f64) {
        let seat = class.seats().iter().find(|s| s.name == name).unwrap();
        let result = result_of(class, seat, "later");
        (result.ending, result.joined_at, result.max_score)
    }

    #[test]
    fn a_self_paced_class_whose_time_runs_out_ends_in_time_up_for_those_not_done() {
        let mut class = class(true);
        let (ana, _) = class.join("CODE1", "Ana").unwrap();
        let (ben, _) = class.join("CODE1", "Ben").unwrap();
        class.start(Instant::now()).unwrap();
        for _ in 0..8 {
            let at = class.seat(&ana).unwrap().position;
            class
                .answer(&ana, at + 1, Response::Bool(true), None, Instant::now())
                .unwrap();
            class.next_for(&ana).unwrap();
        }
        class
            .answer(&ben, 1, Response::Bool(true), None, Instant::now())
            .unwrap();
        class.end(ClassEnd::TimeUp);
        assert_eq!(ending(&class, "Ana"), (HowItEnded::Finished, None, 8.0));
        assert_eq!(ending(&class, "Ben"), (HowItEnded::TimeUp, None, 8.0));
    }

    #[test]
    fn a_paced_class_stopped_on_the_host_says_so_and_who_joined_late_and_who_was_removed() {
        let mut class = class(false);
        class.join("CODE1", "Ana").unwrap();
        class.join("CODE1", "Cleo").unwrap();
        class.start(Instant::now()).unwrap();
        class.reveal().unwrap();
        class.join("CODE1", "Ben").unwrap();
        class.next(Instant::now()).unwrap();
        class.join("CODE1", "Dan").unwrap();
        class.remove("Cleo").unwrap();
        class.pause(Instant::now());
        assert_eq!(
            ending(&class, "Ana"),
            (HowItEnded::HostInterrupted, None, 8.0)
        );
        // Ben came while question 1 was revealed, Dan while question 2 was open: both could
        // answer from question 2 on.
        assert_eq!(ending(&class, "Ben").1, Some(2));
        assert_eq!(ending(&class, "Dan").1, Some(2));
        assert_eq!(ending(&class, "Cleo").0, HowItEnded::Removed);
    }

    #[test]
    fn a_file_written_over_is_one_of_the_folder_s_results_files() {
        assert!(is_file_name("Ana.json"));
        assert!(is_file_name("Ana-2.json"));
        assert!(!is_file_name("../Ana.json"));
        assert!(!is_file_name("/etc/passwd"));
        assert!(!is_file_name("journal.jsonl"));
        assert!(!is_file_name(".Ana.json"));
    }

    #[test]
    fn file_names_come_from_names_without_paths_or_dots() {
        assert_eq!(file_stem("Ana María"), "Ana-María");
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("<script>"), "script");
        assert_eq!(file_stem("..."), "student");
    }
}
