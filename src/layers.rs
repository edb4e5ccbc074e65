//! The layers of the crate, lowest first. A module may use the modules below it and never one
//! above it, so a lower layer can be changed, tested and reused (the live class uses the engine
//! without the terminal) without pulling in what is built on it. The test below holds the code
//! to this order.

/// Each top-level module with the layer it belongs to, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    ("foundation", &["text", "clock", "error", "files"]),
    ("banks", &["bank"]),
    ("quiz engine", &["engine"]),
    (
        "what is built on the engine",
        &[
            "results",
            "store",
            "study",
            "authoring",
            "import",
            "export",
            "report",
        ],
    ),
    ("front ends", &["present", "ui", "host"]),
    ("command line", &["cli", "commands"]),
];

mod tests {
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    use super::LAYERS;

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
}
