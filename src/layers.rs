//! The layers of the crate, lowest first. A module may use the modules below it and never one
//! above it, so a lower layer can be changed, tested and reused (the live class uses the engine
//! without the terminal) without pulling in what is built on it. The same holds for the external
//! crates: each enters at one layer and may be used there and above, so that the terminal, the
//! command line, the async runtime and the web server stay in the front ends. The tests below
//! hold the code to this order.

/// Each top-level module with the layer it belongs to, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "foundation",
        &["text", "style", "clock", "error", "files", "hashing"],
    ),
    ("banks", &["bank"]),
    ("quiz engine", &["engine"]),
    // What a learner's answers to a question add up to: below the store, which keeps it as it
    // is, and the study layer, which works it out from the answers.
    ("study model", &["progress"]),
    (
        "what is built on the engine",
        &[
            "results",
            "store",
            "study",
            "authoring",
            "lint",
            "import",
            "export",
            "report",
        ],
    ),
    ("front ends", &["present", "ui", "host"]),
    ("command line", &["cli", "commands"]),
];

/// Each dependency (as Rust names it) with the lowest layer that may use it.
const CRATES: &[(&str, &str)] = &[
    ("serde", "foundation"),
    ("serde_json", "foundation"),
    ("thiserror", "foundation"),
    ("chrono", "foundation"),
    ("textwrap", "foundation"),
    ("unicode_normalization", "foundation"),
    ("strsim", "foundation"),
    ("tempfile", "foundation"),
    ("walkdir", "foundation"),
    ("serde_saphyr", "banks"),
    ("schemars", "banks"),
    ("annotate_snippets", "banks"),
    ("rand", "quiz engine"),
    ("rand_core", "quiz engine"),
    ("getrandom", "quiz engine"),
    ("rusqlite", "what is built on the engine"),
    ("directories", "what is built on the engine"),
    ("fsrs", "what is built on the engine"),
    ("roxmltree", "what is built on the engine"),
    // The HTML report's templates, which escape what they are given.
    ("maud", "what is built on the engine"),
    // The window's width (for `style::width`), and the terminal's settings as a session found
    // them, put back on every way out.
    ("rustix", "foundation"),
    // The terminal is crossterm's alone: keys, raw mode, the cursor, the screen.
    ("crossterm", "front ends"),
    ("ctrlc", "front ends"),
    ("tokio", "front ends"),
    ("axum", "front ends"),
    ("hyper", "front ends"),
    ("hyper_util", "front ends"),
    ("tower_service", "front ends"),
    ("qrcode", "front ends"),
    ("if_addrs", "front ends"),
    ("rlimit", "front ends"),
    ("clap", "command line"),
    ("clap_complete", "command line"),
    ("clap_mangen", "command line"),
];

mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use super::{CRATES, LAYERS};

    /// The position of each module in one total order: layer by layer, and within a layer in the
    /// order listed, so that modules of one layer cannot import each other in a circle either.
    fn rank(module: &str) -> Option<usize> {
        LAYERS
            .iter()
            .flat_map(|(_, modules)| modules.iter())
            .position(|m| *m == module)
    }

    fn layer(module: &str) -> &'static str {
        LAYERS
            .iter()
            .find(|(_, modules)| modules.contains(&module))
            .map_or("no layer", |(name, _)| name)
    }

    fn source_files() -> Vec<PathBuf> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        walkdir::WalkDir::new(&src)
            .into_iter()
            .filter_map(Result::ok)
            .map(walkdir::DirEntry::into_path)
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect()
    }

    /// The top-level module a file belongs to: `src/bank/load.rs` is in `bank`.
    fn module_of(file: &Path) -> Option<String> {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let first = file.strip_prefix(src).ok()?.components().next()?;
        let name = first.as_os_str().to_str()?;
        Some(name.trim_end_matches(".rs").to_owned())
    }

    /// Every `crate::NAME` the file mentions, in `use` lines and in paths alike.
    fn modules_used(text: &str) -> BTreeSet<String> {
        text.match_indices("crate::")
            .map(|(at, found)| {
                text[at + found.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect()
            })
            .collect()
    }

    #[test]
    fn no_module_uses_one_above_it() {
        let mut wrong = Vec::new();
        for file in source_files() {
            let Some(module) = module_of(&file) else {
                continue;
            };
            let Some(own) = rank(&module) else {
                continue;
            };
            let text = std::fs::read_to_string(&file).expect("a readable source file");
            for used in modules_used(&text) {
                if rank(&used).is_some_and(|r| r > own) {
                    wrong.push(format!(
                        "{} ({}) uses {used} ({})",
                        file.display(),
                        layer(&module),
                        layer(&used)
                    ));
                }
            }
        }
        assert!(
            wrong.is_empty(),
            "imports against the layers:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn every_module_has_a_layer() {
        let unplaced: BTreeSet<String> = source_files()
            .iter()
            .filter_map(|f| module_of(f))
            .filter(|m| !["lib", "main", "layers"].contains(&m.as_str()) && rank(m).is_none())
            .collect();
        assert!(unplaced.is_empty(), "modules without a layer: {unplaced:?}");
    }

    #[test]
    fn the_check_sees_an_import_against_the_layers() {
        let used =
            modules_used("use crate::bank::Bank;\nlet x = crate::ui::render::wrap(t, \"\");");
        assert!(used.contains("bank") && used.contains("ui"));
        assert!(rank("ui") > rank("engine"));
    }

    /// The position of a layer, lowest first.
    fn layer_rank(name: &str) -> Option<usize> {
        LAYERS.iter().position(|(layer, _)| *layer == name)
    }

    /// The dependencies in Cargo.toml (not the dev-dependencies), as Rust names them.
    fn dependencies() -> BTreeSet<String> {
        let manifest = include_str!("../Cargo.toml");
        manifest
            .split("\n[dependencies]\n")
            .nth(1)
            .and_then(|rest| rest.split("\n[").next())
            .unwrap_or("")
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(name, _)| name.trim().replace('-', "_"))
            .filter(|name| !name.is_empty() && !name.starts_with('#'))
            .collect()
    }

    /// Every crate of `known` the text names as a path (`use tokio::…`, `clap::ValueEnum`).
    fn crates_used(text: &str, known: &BTreeSet<String>) -> BTreeSet<String> {
        text.match_indices("::")
            .filter_map(|(at, _)| {
                let before = &text[..at];
                let name_start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(0, |i| i + 1);
                // `a::tokio::x` names a module of `a`, not the crate.
                if before[..name_start].ends_with(':') {
                    return None;
                }
                let name = &before[name_start..];
                known.contains(name).then(|| name.to_owned())
            })
            .collect()
    }

    /// Each use in `files` (module, source text) of a crate below the layer it enters at.
    fn crates_out_of_place(files: impl Iterator<Item = (String, String)>) -> Vec<String> {
        let known: BTreeSet<String> = CRATES.iter().map(|(c, _)| (*c).to_owned()).collect();
        let mut wrong = Vec::new();
        for (module, text) in files {
            let Some(own) = layer_rank(layer(&module)) else {
                continue;
            };
            for used in crates_used(&text, &known) {
                let Some((_, lowest)) = CRATES.iter().find(|(c, _)| *c == used) else {
                    continue;
                };
                if layer_rank(lowest).is_some_and(|lowest| lowest > own) {
                    wrong.push(format!(
                        "{module} ({}) uses {used}, which belongs in {lowest} and above",
                        layer(&module)
                    ));
                }
            }
        }
        wrong
    }

    #[test]
    fn every_crate_is_used_only_from_its_layer_up() {
        let files = source_files().into_iter().filter_map(|file| {
            let module = module_of(&file)?;
            let text = std::fs::read_to_string(&file).expect("a readable source file");
            Some((module, text))
        });
        let wrong = crates_out_of_place(files);
        assert!(
            wrong.is_empty(),
            "crates used below their layer:\n{}",
            wrong.join("\n")
        );
    }

    #[test]
    fn every_dependency_has_a_layer() {
        let placed: BTreeSet<String> = CRATES.iter().map(|(c, _)| (*c).to_owned()).collect();
        let unplaced: Vec<String> = dependencies().difference(&placed).cloned().collect();
        assert!(
            unplaced.is_empty(),
            "dependencies without a layer: {unplaced:?}"
        );
        assert!(dependencies().contains("clap"), "the manifest was read");
        for (_, layer) in CRATES {
            assert!(layer_rank(layer).is_some(), "no layer is called {layer}");
        }
    }

    #[test]
    fn the_check_sees_a_crate_in_the_wrong_layer() {
        let bank = "#[derive(Debug, clap::ValueEnum)]\npub enum Kind { Single }\n";
        let engine = "use tokio::sync::watch;\nlet s = crossterm::style::style(x);\n";
        let cli = "use clap::Parser;\nuse crate::bank::Kind;\n";
        let wrong = crates_out_of_place(
            [("bank", bank), ("engine", engine), ("cli", cli)]
                .into_iter()
                .map(|(m, t)| (m.to_owned(), t.to_owned())),
        );
        assert_eq!(wrong.len(), 3, "{wrong:#?}");
        assert!(wrong[0].starts_with("bank (banks) uses clap"), "{wrong:#?}");
        assert!(wrong.iter().any(|w| w.contains("uses tokio")));
        assert!(wrong.iter().any(|w| w.contains("uses crossterm")));
        let known = BTreeSet::from(["tokio".to_owned()]);
        assert!(crates_used("use my::tokio::x;", &known).is_empty());
    }
}
