//! `quiz play --out FILE`: the results file, checked before the first question and saved after
//! every answer, so that no answer once typed is lost to a closed terminal, a kill or a full disk.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::engine::{Answered, Ending, Mode, Outcome, Planned};
use crate::error::Error;
use crate::files::{Existing, folder_of, write_atomically};
use crate::results::{BankRef, ResultFile, WalkEntry};

/// Room a results file needs: a check that the folder takes this much finds a full disk before
/// the first question (a results file of 100 answers is about 60 KB).
const ROOM_NEEDED: usize = 64 * 1024;

/// Makes sure `out` can be written before anything is asked: nothing is there yet, its folder
/// exists (it is created if missing) and takes a file of [`ROOM_NEEDED`] bytes.
pub(super) fn check_writable(out: &Path) -> Result<(), Error> {
    // `symlink_metadata`: a link that leads nowhere is there too.
    if out.symlink_metadata().is_ok() {
        return Err(Error::OutputExists(out.to_path_buf()));
    }
    let unwritable = |source: std::io::Error| Error::OutputUnwritable {
        path: out.to_path_buf(),
        source,
    };
    let folder = folder_of(out);
    std::fs::create_dir_all(folder).map_err(unwritable)?;
    let mut probe = crate::files::temporary_file(folder, ".quiz-check.", "").map_err(unwritable)?;
    probe
        .as_file_mut()
        .write_all(&vec![0; ROOM_NEEDED])
        .and_then(|()| probe.as_file().sync_all())
        .map_err(unwritable)?;
    Ok(())
}

/// The results of one exam as it goes: written to `path` after every answer (marked
/// "interrupted" until the end), then once more when the quiz ends.
pub(super) struct ResultsOut<'b> {
    path: PathBuf,
    plan: Vec<Planned<'b>>,
    mode: Mode,
    answers: Vec<Answered>,
    /// The branching scenarios walked so far, the last one perhaps still under way.
    walks: Vec<(WalkEntry, BankRef)>,
    /// How many answers and decisions the file at `path` holds; `None` before it was first
    /// written.
    saved: Option<usize>,
    /// The last failure to save, said once.
    warned: bool,
    pub(super) about: About,
}

/// What a results file says besides the answers.
pub(super) struct About {
    pub(super) seed: u64,
    pub(super) name: Option<String>,
    pub(super) started_at: String,
    pub(super) shuffle_per_student: bool,
}

impl<'b> ResultsOut<'b> {
    pub(super) fn new(path: &Path, plan: Vec<Planned<'b>>, mode: Mode, about: About) -> Self {
        ResultsOut {
            path: path.to_path_buf(),
            plan,
            mode,
            answers: Vec::new(),
            walks: Vec::new(),
            saved: None,
            warned: false,
            about,
        }
    }

    fn file(&self, outcome: &Outcome, finished_at: String) -> ResultFile {
        let mut file = ResultFile::new(
            outcome,
            self.about.seed,
            self.about.name.clone(),
            self.about.started_at.clone(),
            finished_at,
        );
        file.shuffle_per_student = self.about.shuffle_per_student;
        file.add_walks(&self.walks);
        file
    }

    fn write(&mut self, file: &ResultFile) -> Result<(), Error> {
        let existing = if self.saved.is_some() {
            Existing::Replace
        } else {
            Existing::Keep
        };
        write_atomically(&self.path, file.to_json().as_bytes(), existing)?;
        self.saved = Some(recorded(file));
        Ok(())
    }

    /// Saves the branching scenarios walked so far, as [`ResultsOut::answered`] saves answers.
    pub(super) fn walked(&mut self, walks: Vec<(WalkEntry, BankRef)>, now: String) {
        self.walks = walks;
        let outcome = Outcome {
            plan: self.plan.clone(),
            answers: self.answers.clone(),
            ending: Ending::Interrupted,
            mode: self.mode,
        };
        let file = self.file(&outcome, now);
        if let Err(e) = self.write(&file)
            && !std::mem::replace(&mut self.warned, true)
        {
            eprintln!("warning: {e}; the decisions are kept and written again after each one");
        }
    }

    /// Writes the final results of a sitting of branching scenarios only.
    pub(super) fn finish_walks(
        &mut self,
        walks: Vec<(WalkEntry, BankRef)>,
        ending: Ending,
        finished_at: String,
    ) -> Result<(), Error> {
        self.walks = walks;
        let outcome = Outcome {
            plan: Vec::new(),
            answers: Vec::new(),
            ending,
            mode: self.mode,
        };
        self.finish(&outcome, finished_at)
    }

    /// Saves the answers so far, with this one; a failure is said once and the quiz goes on,
    /// as the answers are kept in memory for the final write.
    pub(super) fn answered(&mut self, answered: &Answered, now: String) {
        self.answers.push(answered.clone());
        let outcome = Outcome {
            plan: self.plan.clone(),
            answers: self.answers.clone(),
            ending: Ending::Interrupted,
            mode: self.mode,
        };
        let file = self.file(&outcome, now);
        if let Err(e) = self.write(&file)
            && !std::mem::replace(&mut self.warned, true)
        {
            eprintln!("warning: {e}; the answers are kept and written again after each answer");
        }
    }

    /// Writes the final results. If that fails, the answers are kept: in the file saved after
    /// the last answer if it holds them all, else in a file in the temporary folder, else on
    /// standard output. The error says where they are.
    pub(super) fn finish(&mut self, outcome: &Outcome, finished_at: String) -> Result<(), Error> {
        let file = self.file(outcome, finished_at);
        let Err(error) = self.write(&file) else {
            return Ok(());
        };
        let kept = if self.saved == Some(recorded(&file)) {
            format!(
                "every answer is in `{}`, saved after the last one (marked as interrupted)",
                self.path.display()
            )
        } else {
            keep_elsewhere(&file)
        };
        Err(Error::ResultsKept {
            error: Box::new(error),
            kept,
        })
    }
}

/// How many answers and decisions a results file holds.
fn recorded(file: &ResultFile) -> usize {
    file.answers.len() + file.walks.iter().map(|w| w.path.len()).sum::<usize>()
}

/// Writes the results where they can be found when `--out` cannot take them, and says where.
fn keep_elsewhere(file: &ResultFile) -> String {
    let stamp = file.finished_at.replace([':', '/', '\\'], "-");
    let path =
        std::env::temp_dir().join(format!("quiz-results-{}-{stamp}.json", std::process::id()));
    if write_atomically(&path, file.to_json().as_bytes(), Existing::Keep).is_ok() {
        format!("the answers are kept in `{}`", path.display())
    } else {
        let _ = std::io::stdout().write_all(file.to_json().as_bytes());
        "the answers are printed above as JSON; save them to a file".into()
    }
}
