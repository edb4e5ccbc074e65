//! Order questions as Moodle's ordering question type writes them in GIFT: `>N ALL VERTICAL
//! ABSOLUTE_POSITION SHOW none` (show all N items, one below the other, each item in its right
//! place earning its share as in `quiz play`, the grading shown, no numbering), then the items in
//! their right order, one per line.

use crate::bank::{Bank, Question};
use crate::export::Notice;
use crate::import::aiken::WORD_JOINER;

/// An item as Moodle's ordering type shows it: it reads items as HTML, so `&` and `<` are written
/// as entities; and it drops a line starting with `//` as a comment, so such an item gets an
/// invisible word joiner in front.
fn item_line(bank: &Bank, q: &Question, item: &str, notices: &mut Vec<Notice>) -> String {
    let html = item.replace('&', "&amp;").replace('<', "&lt;");
    if html.starts_with("//") {
        notices.push(Notice::changed(
            bank,
            q,
            format!(
                "the item `{item}` starts with `//`, which Moodle would drop as a comment: an \
                 invisible word joiner (U+2060) is written before it"
            ),
        ));
        return format!("{WORD_JOINER}{html}");
    }
    html
}

/// The answer block of an order question; none when an item cannot be written (Moodle's ordering
/// type reads items as raw lines, without GIFT's escapes).
pub(super) fn items(
    bank: &Bank,
    q: &Question,
    items: &[String],
    notices: &mut Vec<Notice>,
) -> Option<String> {
    if let Some(item) = items.iter().find(|i| i.contains(['{', '}', '\\', '\n'])) {
        notices.push(Notice::skipped(
            bank,
            q,
            format!(
                "the item `{}` has a brace, a backslash or a line break, which Moodle's ordering \
                 question cannot read in GIFT",
                item.replace('\n', " ")
            ),
        ));
        return None;
    }
    let mut block = format!(
        ">{} ALL VERTICAL ABSOLUTE_POSITION SHOW none\n",
        items.len()
    );
    for item in items {
        block.push_str(&item_line(bank, q, item.trim(), notices));
        block.push('\n');
    }
    Some(block)
}
