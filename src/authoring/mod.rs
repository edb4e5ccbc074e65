//! Helps for writing banks: the starter banks that `quiz new` writes.

use std::path::Path;

const TEMPLATE: &str = include_str!("template.yaml");

/// A small valid branching scenario: three steps, a way back after a poor decision, three endings.
const BRANCHING_TEMPLATE: &str = include_str!("template_branching.yaml");

/// Which starter bank `quiz new` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Starter {
    /// One question of every kind and a scenario.
    EveryKind,
    /// One branching scenario.
    Branching,
}

/// The starter bank for a file at `path`: its id comes from the file name, its title from `title`
/// or else from the file name too.
pub(crate) fn starter_bank(path: &Path, title: Option<&str>, starter: Starter) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = bank_id(&stem);
    let title = match title {
        Some(t) => t.split_whitespace().collect::<Vec<_>>().join(" "),
        None => title_from(&id),
    };
    let template = match starter {
        Starter::EveryKind => TEMPLATE,
        Starter::Branching => BRANCHING_TEMPLATE,
    };
    template
        .replace("{{id}}", &id)
        .replace("{{file}}", &shell_word(path))
        .replace("\"{{title}}\"", &yaml_quoted(&title))
        .replace("{{title}}", &title)
}

/// A plain identifier from a file name: `My Bank (v2)` becomes `my-bank-v2`.
pub(crate) fn bank_id(name: &str) -> String {
    let lowered: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let id = lowered
        .split('-')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() { "my-bank".into() } else { id }
}

/// A path as it would be typed in a shell: quoted when it holds spaces or quotes.
pub(crate) fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text.contains(|c: char| c.is_whitespace() || "'\"$`\\".contains(c)) {
        format!("'{}'", text.replace('\'', "'\\''"))
    } else {
        text
    }
}

fn title_from(id: &str) -> String {
    let words = id.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => words,
    }
}

/// A YAML double-quoted string: safe whatever the title holds (`:`, `#`, quotes).
pub(crate) fn yaml_quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_file_names() {
        assert_eq!(bank_id("My Bank (v2)"), "my-bank-v2");
        assert_eq!(bank_id("water_cycle"), "water_cycle");
        assert_eq!(bank_id("ÉÉ"), "my-bank");
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            yaml_quoted(r#"Ch. 1: "Water" \ air"#),
            r#""Ch. 1: \"Water\" \\ air""#
        );
    }

    #[test]
    fn the_starter_bank_names_its_file() {
        let text = starter_bank(
            Path::new("banks/Water Cycle.yaml"),
            None,
            Starter::EveryKind,
        );
        assert!(text.starts_with("# Water cycle: a starter bank"), "{text}");
        assert!(text.contains("\nid: water-cycle "), "{text}");
        assert!(text.contains("\ntitle: \"Water cycle\"\n"), "{text}");
        assert!(
            text.contains("quiz check 'banks/Water Cycle.yaml'"),
            "{text}"
        );
    }
}
