//! The edges where Moodle's own readers (GIFT's ordering items and short answers, Anki's
//! comments) read an export otherwise than it was meant: each is written so that they read it as
//! meant, and read back the same way.

use scenario_quiz::import::gift;

use crate::common::Quiz;

fn bank_of_one(fields: &str) -> String {
    format!(
        "id: edges\ntitle: Edges\ndescription: Where readers differ.\nversion: 3\n\
         sources: [{{id: s, title: S, author: A}}]\n\
         questions:\n  - id: q\n{fields}    explanation: Because.\n    source: {{id: s, section: x}}\n"
    )
}

fn exported(format: &str, bank: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edges.yaml");
    std::fs::write(&path, bank).unwrap();
    let run = Quiz::new(&["export", "--format", format, path.to_str().unwrap()])
        .run()
        .succeeds();
    (run.stdout.clone(), run.stderr.clone())
}

#[test]
fn an_order_item_starting_with_slashes_is_kept_from_moodles_comment_rule() {
    let (text, notes) = exported(
        "gift",
        &bank_of_one("    kind: order\n    prompt: Order them.\n    items: [//x, // y, z]\n"),
    );
    assert!(text.contains("\n\u{2060}//x\n\u{2060}// y\nz\n"), "{text}");
    assert!(notes.contains("starts with `//`"), "{notes}");
    let back = gift::import(&text, "edges.gift");
    assert_eq!(
        back.bank.questions[0].items.clone().unwrap(),
        ["//x", "// y", "z"]
    );
}

#[test]
fn an_order_item_moodle_would_drop_as_a_comment_is_reported_on_import() {
    let back = gift::import(
        "::o:: Order {>3 ALL VERTICAL ABSOLUTE_POSITION SHOW none\n//x\n// y\nz\na\n}\n",
        "o.gift",
    );
    let notes: Vec<String> = back.notices.iter().map(ToString::to_string).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("line 2") && n.contains("drops it as a comment")),
        "{notes:?}"
    );
}

#[test]
fn order_items_are_written_as_html_that_shows_as_typed() {
    let (text, _) = exported(
        "gift",
        &bank_of_one(
            "    kind: order\n    prompt: Order them.\n    items: [\"<b>first</b>\", \"a & b\", \"<script>x</script>\"]\n",
        ),
    );
    assert!(
        text.contains("\n&lt;b>first&lt;/b>\na &amp; b\n&lt;script>x&lt;/script>\n"),
        "{text}"
    );
    let back = gift::import(&text, "edges.gift");
    assert_eq!(
        back.bank.questions[0].items.clone().unwrap(),
        ["<b>first</b>", "a & b", "<script>x</script>"]
    );
}

#[test]
fn an_asterisk_in_a_short_answer_is_written_as_moodle_reads_a_literal_one() {
    let (text, notes) = exported(
        "gift",
        &bank_of_one(
            "    kind: short\n    prompt: Five times three, as typed?\n    accept: [5*3]\n",
        ),
    );
    assert!(text.contains("\t=5\\\\*3\n"), "{text}");
    assert!(
        notes.contains("Moodle reads a bare `*` as any text"),
        "{notes}"
    );
    let back = gift::import(&text, "edges.gift");
    assert_eq!(back.bank.questions[0].accept.clone().unwrap(), ["5*3"]);
}

#[test]
fn a_moodle_wildcard_on_import_is_reported_and_an_escaped_star_loses_its_backslash() {
    let back = gift::import("Who? {=Gr*nt =5\\*3}\n", "w.gift");
    assert_eq!(
        back.bank.questions[0].accept.clone().unwrap(),
        ["Gr*nt", "5*3"]
    );
    let notes: Vec<String> = back.notices.iter().map(ToString::to_string).collect();
    assert!(
        notes
            .iter()
            .any(|n| n.contains("`Gr*nt`") && n.contains("wildcard")),
        "{notes:?}"
    );
    assert!(!notes.iter().any(|n| n.contains("5\\*3")), "{notes:?}");
}

#[test]
fn an_anki_front_starting_with_a_hash_is_not_read_as_a_comment() {
    let (notes, _) = exported(
        "anki",
        &bank_of_one("    kind: true_false\n    prompt: \"#1 is the first.\"\n    answer: true\n"),
    );
    let last = notes.lines().last().unwrap();
    assert!(last.starts_with("&#35;1 is the first."), "{last}");
    assert!(!notes.lines().any(|l| l.starts_with("#1")), "{notes}");
}

#[test]
fn small_margins_keep_their_digits_on_the_anki_back_and_the_markdown_key() {
    let bank = bank_of_one(
        "    kind: numeric\n    prompt: How small?\n    answer: 0.0001\n    tolerance: 0.00005\n",
    );
    let (anki, _) = exported("anki", &bank);
    assert!(anki.contains("0.0001 (± 0.00005)"), "{anki}");
    let (markdown, _) = exported("markdown", &bank);
    assert!(markdown.contains("0.0001 (± 0.00005)"), "{markdown}");
}

#[test]
fn a_gift_round_trip_keeps_the_bank_id_version_and_description() {
    let (text, _) = exported(
        "gift",
        &bank_of_one("    kind: true_false\n    prompt: Plants need light.\n    answer: true\n"),
    );
    let back = gift::import(&text, "renamed-file.gift");
    assert_eq!(back.bank.id, "edges");
    assert_eq!(back.bank.version, 3);
    assert_eq!(back.bank.description, "Where readers differ.");
}

#[test]
fn checking_a_gift_file_points_to_the_import() {
    let quiz = Quiz::new(&["check", "questions.gift"]);
    std::fs::write(quiz.dir().join("questions.gift"), "Q? {T}\n").unwrap();
    let run = quiz.run().fails_with(1);
    assert!(
        run.stderr
            .contains("is a GIFT file, not a bank; turn it into one with `quiz import gift"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_lints_a_question_is_exempt_from_survive_a_gift_round_trip() {
    let (text, _) = exported(
        "gift",
        &bank_of_one(
            "    kind: true_false\n    prompt: Plants do not need light.\n    answer: false\n    allow: [negative-stem]\n",
        ),
    );
    assert!(text.contains("[allow:negative-stem]"), "{text}");
    let back = gift::import(&text, "edges.gift");
    assert_eq!(back.bank.questions[0].allow, ["negative-stem"]);
}
