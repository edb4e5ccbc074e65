//! Compiles every bank in `quizzes/` into the binary, so `quiz play` works from any folder.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=quizzes");
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("quizzes");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| {
                    std::path::Path::new(n).extension().is_some_and(|e| {
                        e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut code = String::from("pub(crate) const BANKS: &[(&str, &str)] = &[\n");
    for name in names {
        println!("cargo:rerun-if-changed=quizzes/{name}");
        // The path is made where the crate is compiled, not written here, so that a target
        // directory shared by two checkouts never reads the banks of the other one.
        code.push_str(&format!(
            "    ({name:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/quizzes/\", {name:?}))),\n"
        ));
    }
    code.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR").unwrap()).join("built_in_banks.rs"),
        code,
    )
    .unwrap();
}
