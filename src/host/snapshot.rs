//! What a class was set up with, kept in the first line of its journal: a copy of every bank
//! it asks from (with the hash of its bytes), the selection that planned its questions, how it
//! runs and where it listened. `quiz host --resume DIR` sets the class up again from it alone,
//! so that a class continues as it began whatever the command line or the bank files say now.

use std::net::IpAddr;
use std::ops::RangeInclusive;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::class::ClassOptions;
use crate::bank::fingerprint::{PREFIX, file_hash};
use crate::bank::{BankFile, Kind};
use crate::engine::{Filter, PlanOptions};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ClassSetup {
    pub banks: Vec<BankCopy>,
    pub selection: Selection,
    pub options: ClassOptions,
    pub bind: IpAddr,
    /// The port the class listened on: the pages reconnect there.
    pub port: u16,
}

/// One bank file as the class read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct BankCopy {
    /// As diagnostics name it: the path given, or `built-in/NAME`.
    pub origin: String,
    /// The file's full path, to know it again when it is named on a later command line; none
    /// for a built-in bank.
    pub path: Option<PathBuf>,
    /// `fnv1a64:` and the hash of the bytes, to tell a changed file.
    pub hash: String,
    pub text: String,
}

/// Which questions were planned, besides the seed the journal keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Selection {
    pub tags: Vec<String>,
    pub difficulty: Option<RangeInclusive<u8>>,
    /// By name (`single`, `true_false`…).
    pub kinds: Vec<String>,
    pub count: Option<usize>,
    pub shuffle: bool,
    /// The branching scenario the class walks, instead of a quiz of questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

impl Selection {
    pub(crate) fn of(options: &PlanOptions) -> Self {
        Selection {
            tags: options.filter.tags.clone(),
            difficulty: options.filter.difficulty.clone(),
            kinds: options
                .filter
                .kinds
                .iter()
                .map(|k| k.name().to_owned())
                .collect(),
            count: options.count,
            shuffle: options.shuffle,
            scenario: None,
        }
    }

    pub(crate) fn plan_options(&self, seed: u64) -> PlanOptions {
        PlanOptions {
            filter: Filter {
                tags: self.tags.clone(),
                difficulty: self.difficulty.clone(),
                // A name no kind has (a hand-edited journal) plans other questions, which the
                // journal's list of questions then refuses.
                kinds: self
                    .kinds
                    .iter()
                    .filter_map(|k| Kind::from_name(k))
                    .collect(),
            },
            count: self.count,
            seed,
            shuffle: self.shuffle,
        }
    }
}

impl BankCopy {
    pub(crate) fn of(file: &BankFile) -> Self {
        let path = (!file.origin.starts_with("built-in/"))
            .then(|| std::fs::canonicalize(&file.origin).ok())
            .flatten();
        BankCopy {
            origin: file.origin.clone(),
            path,
            hash: hash_of(&file.bytes),
            text: String::from_utf8_lossy(&file.bytes).into_owned(),
        }
    }

    pub(crate) fn to_file(&self) -> BankFile {
        BankFile {
            origin: self.origin.clone(),
            bytes: self.text.clone().into_bytes(),
        }
    }
}

pub(crate) fn hash_of(bytes: &[u8]) -> String {
    format!("{PREFIX}{:016x}", file_hash(bytes))
}

/// Why the bank files named with `--resume` are not the ones the class began with, if they
/// are not: the first file that changed or was not in the class, or a bank of the class left out.
pub(crate) fn differs(class: &[BankCopy], given: &[BankFile]) -> Option<String> {
    let hint =
        "run `quiz host --resume DIR` without banks to go on with the banks as the class began";
    for file in given {
        let hash = hash_of(&file.bytes);
        if class.iter().any(|copy| copy.hash == hash) {
            continue;
        }
        let path = std::fs::canonicalize(&file.origin).ok();
        let same_file = class
            .iter()
            .find(|copy| copy.path.is_some() && copy.path == path);
        return Some(match same_file {
            Some(copy) => format!(
                "`{}` has changed since the class began ({} then, {hash} now); {hint}",
                file.origin, copy.hash
            ),
            None => format!(
                "`{}` is not one of the banks the class began with; {hint}",
                file.origin
            ),
        });
    }
    let given: Vec<String> = given.iter().map(|f| hash_of(&f.bytes)).collect();
    class
        .iter()
        .find(|copy| !given.contains(&copy.hash))
        .map(|copy| {
            format!(
                "the class also asks from `{}`, which is not named; name every bank of the class, or none",
                copy.origin
            )
        })
}
