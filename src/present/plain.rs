//! Presenter mode without a terminal: every question, then its answer, as plain text for a file
//! or a printer.

use super::Slide;
use super::layout::wrap;

/// Lines are wrapped for a printed page.
const PAGE: usize = 78;

/// The lesson from question `start` (from 1) on, numbered as in the whole lesson.
pub(crate) fn render(slides: &[Slide], seed: u64, start: usize) -> String {
    let mut out = String::new();
    let titles: Vec<&str> = dedup(slides.iter().map(|s| s.bank_title.as_str()));
    out.push_str(&format!(
        "{} · {} question{} · seed {seed}\n",
        titles.join(" + "),
        slides.len(),
        crate::text::plural_s(slides.len())
    ));
    let mut last_scenario: Option<&(String, String)> = None;
    for (i, slide) in slides.iter().enumerate().skip(start - 1) {
        if let Some(scenario) = &slide.scenario
            && last_scenario != Some(scenario)
        {
            out.push_str(&format!("\n── Scenario: {} ──\n", scenario.0));
            out.push_str(&paragraph(&scenario.1, ""));
        }
        last_scenario = slide.scenario.as_ref();
        out.push_str(&question(slide, i + 1, slides.len()));
    }
    out
}

fn dedup<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen: Vec<&str> = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

fn paragraph(text: &str, indent: &str) -> String {
    wrap(text, PAGE - indent.len())
        .into_iter()
        .map(|l| format!("{indent}{l}\n"))
        .collect()
}

fn question(slide: &Slide, number: usize, total: usize) -> String {
    let mut out = format!("\n── Question {number} of {total} ──\n");
    out.push_str(&paragraph(&slide.prompt, ""));
    if let Some(hint) = &slide.hint {
        out.push_str(&format!("({hint})\n"));
    }
    for line in &slide.lines {
        out.push_str(&paragraph(&format!("{}) {}", line.label, line.text), "  "));
    }
    out.push('\n');
    out.push_str(&paragraph(&format!("Answer: {}", slide.answer), ""));
    for pair in &slide.answer_lines {
        out.push_str(&paragraph(pair, "  "));
    }
    out.push_str(&paragraph(&format!("Why: {}", slide.explanation), ""));
    out.push_str(&paragraph(&slide.source, ""));
    out
}
