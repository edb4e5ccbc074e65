//! Aiken both ways, as Moodle's Aiken importer reads it: any line that starts with a capital and
//! `.` or `)` is a choice, space or not, and one that starts with `ANSWER:` closes a question; such
//! a line where a question should start stops Moodle's whole import.

use scenario_quiz::import::aiken;

use crate::common::Quiz;

fn bank_with_prompt(prompt: &str) -> String {
    format!(
        "id: one\ntitle: One\nversion: 1\nsources: [{{id: s, title: S, author: A}}]\n\
         questions:\n  - id: q\n    kind: single\n    prompt: \"{prompt}\"\n\
         \x20   choices: [{{text: Here, correct: true}}, {{text: There}}]\n\
         \x20   explanation: Because.\n    source: {{id: s, section: x}}\n"
    )
}

fn exported_aiken(bank: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.yaml");
    std::fs::write(&path, bank).unwrap();
    let run = Quiz::new(&["export", "--format", "aiken", path.to_str().unwrap()])
        .run()
        .succeeds();
    (run.stdout.clone(), run.stderr.clone())
}

/// Every prompt Moodle would read as a choice or an answer line goes out so that Moodle reads it
/// as the question, and comes back as written.
#[test]
fn prompts_that_moodle_would_read_as_choices_or_answers_stay_questions() {
    for prompt in [
        "U.S. troops are based where?",
        "E. coli lives where?",
        "E.\u{a0}coli lives where?",
        "B)ecause: why?",
        "ANSWER: which one?",
        "A.B is where?",
    ] {
        let (aiken_text, notes) = exported_aiken(&bank_with_prompt(prompt));
        let first = aiken_text.lines().next().unwrap();
        assert!(first.starts_with('\u{2060}'), "{prompt}: {first}");
        assert!(notes.contains("starts like an Aiken"), "{prompt}: {notes}");
        let back = aiken::import(&aiken_text, "one.txt");
        assert!(
            back.notices.iter().all(|n| !n.error),
            "{prompt}: {:?}",
            back.notices
        );
        assert_eq!(back.bank.questions.len(), 1, "{prompt}");
        assert_eq!(back.bank.questions[0].prompt, prompt);
        let choices = back.bank.questions[0].choices.clone().unwrap();
        assert_eq!(choices.len(), 2);
        assert!(choices[0].correct && !choices[1].correct);
    }
}

#[test]
fn an_ordinary_prompt_is_written_as_it_is() {
    let (aiken_text, notes) = exported_aiken(&bank_with_prompt("Where is it?"));
    assert_eq!(aiken_text, "Where is it?\nA. Here\nB. There\nANSWER: A\n\n");
    assert!(!notes.contains("starts like"), "{notes}");
}

/// Moodle's reading of lines it takes for choices: the label and `.` or `)` cut off whether or
/// not a space follows.
#[test]
fn choice_lines_are_read_as_moodle_reads_them() {
    let imported = aiken::import(
        "Which city is the capital?\nA)Paris\nB.  Lyon\nC) \tNice\nANSWER: A\n",
        "capitals.txt",
    );
    let q = &imported.bank.questions[0];
    let texts: Vec<String> = q
        .choices
        .clone()
        .unwrap()
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert_eq!(texts, ["Paris", "Lyon", "Nice"]);
    assert_eq!(imported.bank.id, "capitals");
}

/// What stops Moodle's import stops this one, with the line: a prompt Moodle reads as a choice
/// (there is no question open), a question without 2 choices, and one left without `ANSWER:`.
#[test]
fn what_stops_moodles_import_is_an_error_with_its_line() {
    let cases = [
        (
            "U.S. troops are based where?\nA. Korea\nB. Japan\nANSWER: A\n",
            1,
        ),
        ("ANSWER: which?\nA. x\nB. y\nANSWER: A\n", 1),
        ("Which?\nA. only one\nANSWER: A\n", 3),
        (
            "Which?\nA. x\nB. y\nAnother question?\nA. x\nB. y\nANSWER: B\n",
            4,
        ),
        ("Which?\nA. x\nB. y\nANSWER: C\n", 4),
    ];
    for (text, line) in cases {
        let imported = aiken::import(text, "t.txt");
        let errors: Vec<usize> = imported
            .notices
            .iter()
            .filter(|n| n.error)
            .map(|n| n.line)
            .collect();
        assert!(errors.contains(&line), "{text:?}: {:?}", imported.notices);
    }
}

#[test]
fn a_question_left_open_at_the_end_is_left_out_as_moodle_leaves_it() {
    let imported = aiken::import(
        "Which?\nA. x\nB. y\nANSWER: A\n\nUnfinished?\nA. x\n",
        "t.txt",
    );
    assert_eq!(imported.bank.questions.len(), 1);
    assert!(
        imported.notices.iter().any(|n| n.line == 6 && !n.error),
        "{:?}",
        imported.notices
    );
}

#[test]
fn quiz_import_aiken_writes_a_bank_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("capitals.txt");
    std::fs::write(
        &input,
        "Which city is the capital?\nA) Paris\nB) Lyon\nANSWER: A\n",
    )
    .unwrap();
    let out = dir.path().join("capitals.yaml");
    let run = Quiz::new(&[
        "import",
        "aiken",
        input.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
    .run()
    .succeeds();
    assert!(
        run.stderr.contains("imported 1 question(s)"),
        "{}",
        run.stderr
    );
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(yaml.contains("by `quiz import aiken`"), "{yaml}");
    Quiz::new(&["check", out.to_str().unwrap()])
        .run()
        .succeeds();
}
