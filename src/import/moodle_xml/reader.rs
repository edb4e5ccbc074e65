//! Reading the elements of a Moodle XML question: children, text fields and their formats.

use roxmltree::Node;

use crate::import::ImportNotice;
use crate::import::gift::formats::html_to_text;

/// The line a node starts on.
pub(super) fn line_of(node: Node) -> usize {
    node.document().text_pos_at(node.range().start).row as usize
}

pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

/// The text of `<name><text>…</text></name>`, or of `<name>…</name>` when it holds no `<text>`.
pub(super) fn child_text(node: Node, name: &str) -> Option<String> {
    let element = child(node, name)?;
    let holder = child(element, "text").unwrap_or(element);
    Some(holder.text().unwrap_or("").to_owned())
}

/// A text field (`<questiontext format="…"><text>…</text></questiontext>`) as plain text, and
/// whether it was there. HTML loses its tags; an embedded `<file>` (an image) is left out with a
/// note.
pub(super) fn text_of(node: Node, name: &str, notes: &mut Vec<ImportNotice>) -> (String, bool) {
    let Some(element) = child(node, name) else {
        return (String::new(), false);
    };
    (field_text(element, notes), true)
}

/// The plain text of a field element with a `format` attribute and a `<text>` child.
pub(super) fn field_text(element: Node, notes: &mut Vec<ImportNotice>) -> String {
    for file in element.children().filter(|c| c.has_tag_name("file")) {
        notes.push(ImportNotice::note(
            line_of(file),
            format!(
                "the file `{}` (an image or attachment) is left out: a bank holds text only",
                file.attribute("name").unwrap_or("")
            ),
        ));
    }
    let raw = child(element, "text")
        .and_then(|t| t.text())
        .unwrap_or("")
        .to_owned();
    match element.attribute("format").unwrap_or("html") {
        "plain_text" => raw,
        "markdown" => raw.trim().to_owned(),
        "moodle_auto_format" if !raw.contains('<') => raw.trim().to_owned(),
        _ => collapsed(&html_to_text(&raw)),
    }
}

/// HTML shows a run of spaces as one (an image taken out leaves two): each line's spaces folded.
fn collapsed(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}
