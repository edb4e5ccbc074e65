use std::collections::BTreeMap;

use super::output::say;
use super::valid_banks;
use crate::bank::{Bank, Kind};
use crate::cli::BankArgs;
use crate::error::Error;
use crate::text::count;

pub(super) fn list(args: &BankArgs) -> Result<i32, Error> {
    let banks = valid_banks(args)?;
    for bank in &banks {
        say!("{}", describe(bank))?;
    }
    let total: usize = banks.iter().map(|b| b.questions.len()).sum();
    say!("{} bank(s), {total} question(s)", banks.len())?;
    Ok(0)
}

fn describe(bank: &Bank) -> String {
    let mut text = format!(
        "{} — {} (version {}, {})\n",
        bank.id, bank.title, bank.version, bank.origin
    );
    let by_kind: Vec<String> = Kind::ALL
        .iter()
        .map(|k| (k, bank.questions.iter().filter(|q| q.kind() == *k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    text.push_str(&format!(
        "  {}: {}\n",
        crate::text::count(bank.questions.len(), "question"),
        by_kind.join(", ")
    ));
    let mut tags: BTreeMap<&str, usize> = BTreeMap::new();
    for tag in bank.questions.iter().flat_map(|q| &q.tags) {
        *tags.entry(tag).or_default() += 1;
    }
    if !tags.is_empty() {
        let tags: Vec<String> = tags.iter().map(|(t, n)| format!("{t} ({n})")).collect();
        text.push_str(&format!("  tags: {}\n", tags.join(", ")));
    }
    for scenario in &bank.scenarios {
        if let Some(branching) = &scenario.branching {
            text.push_str(&format!(
                "  scenario {}: {} (branching: {}, {}, longest path {})\n",
                scenario.id,
                scenario.title,
                count(branching.steps.len(), "step"),
                count(branching.endings.len(), "ending"),
                count(branching.longest_path(), "decision"),
            ));
            continue;
        }
        let asked = bank
            .questions
            .iter()
            .filter(|q| q.scenario.as_ref() == Some(&scenario.id))
            .count();
        text.push_str(&format!(
            "  scenario {}: {} ({})\n",
            scenario.id,
            scenario.title,
            crate::text::count(asked, "question")
        ));
    }
    text
}
