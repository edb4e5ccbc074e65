//! The text formats GIFT names in front of a text (`[html]`, `[plain]`, `[moodle]`, `[markdown]`).
//! Moodle reads such a prefix in front of the question text, every answer, every feedback and the
//! left side of every pair; the question's format is the default for the rest.

use super::restore;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    Moodle,
    Html,
    Plain,
    Markdown,
}

/// The format named at the start of `text` (still protected), and the text after it.
pub(super) fn split_format(text: &str) -> (Option<Format>, &str) {
    let trimmed = text.trim_start();
    let named = [
        ("[moodle]", Format::Moodle),
        ("[html]", Format::Html),
        ("[plain]", Format::Plain),
        ("[markdown]", Format::Markdown),
    ];
    for (prefix, format) in named {
        if let Some(rest) = trimmed.strip_prefix(prefix) {
            return (Some(format), rest);
        }
    }
    (None, text)
}

/// A piece of text as the bank keeps it: its prefix removed, HTML made plain, escapes restored.
pub(super) fn plain_text(protected: &str, default: Format) -> String {
    let (format, text) = split_format(protected);
    match format.unwrap_or(default) {
        Format::Html => restore(&html_to_text(text)),
        _ => restore(text),
    }
}

/// HTML as plain text: line breaks and paragraph ends become line breaks, other tags go, and the
/// entities Moodle's editor writes become their characters.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut plain = String::new();
    let mut tag: Option<String> = None;
    for c in html.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let name = name
                    .trim()
                    .trim_end_matches('/')
                    .trim()
                    .to_ascii_lowercase();
                let element = name.split_whitespace().next().unwrap_or("");
                let blocks = ["p", "div", "li", "tr", "h1", "h2", "h3", "h4"];
                if element == "br" || blocks.contains(&element.trim_start_matches('/')) {
                    plain.push('\n');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => plain.push(c),
        }
    }
    // `&amp;` last, so that `&amp;lt;` stays `&lt;`.
    let text = [
        ("&nbsp;", " "),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&amp;", "&"),
    ]
    .iter()
    .fold(plain, |text, (entity, c)| text.replace(entity, c));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_loses_its_tags_and_entities_but_keeps_its_line_breaks() {
        assert_eq!(
            plain_text("[html]<p>Fish &amp; chips &lt;3</p>", Format::Moodle),
            "Fish & chips <3"
        );
        assert_eq!(
            plain_text("A:<br>B<br/>C<p>D</p>", Format::Html),
            "A:\nB\nC\nD"
        );
    }

    #[test]
    fn a_prefix_names_the_format_of_its_own_text_only() {
        assert_eq!(plain_text("[plain]<b>", Format::Html), "<b>");
        assert_eq!(plain_text("[markdown]*a*", Format::Moodle), "*a*");
        assert_eq!(plain_text("[other]x", Format::Moodle), "[other]x");
    }
}
