//! The end-to-end tests, built as one test crate: each module tells the story of one kind of user.
//! `common` holds the one way they start `quiz` (see `common::Quiz`).

mod common;

mod aiken;
mod authoring;
mod banks;
mod branching;
mod browser;
mod check;
mod check_reports;
mod check_syntax;
mod check_tags;
mod citations;
mod class_record;
mod classroom;
mod coverage;
mod export;
mod export_branching;
mod gift_import;
mod grading;
mod hardening;
mod host;
mod host_board;
mod host_confidence;
mod host_crash;
mod host_grades;
mod host_limits;
mod host_story;
mod item_flaws;
mod moodle_credit;
mod moodle_edges;
mod moodle_xml;
mod phrasings;
mod play;
mod report_bench;
mod resilience;
mod resume;
mod scenario_report;
mod scenario_review;
mod study;
mod study_session;
// The keyboard on a terminal is driven through a pty, which Unix has.
#[cfg(unix)]
mod terminal;
mod wording;
