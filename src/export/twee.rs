//! Twine's Twee 3 text: the branching scenarios of the banks as one story to play or edit in
//! Twine. A passage for each scenario's text, each step, each decision's consequence and each
//! ending; each decision is a link `[[text->passage]]` to its consequence, which goes on to where
//! the decision leads. Written for the SugarCube story format.
//!
//! Passage names are made of the ids (`bank/scenario/step`); a character other than a letter, a
//! digit, `-`, `_` or `.` in an id is written as `%` and its UTF-8 bytes in hex, so that no name
//! holds what Twee or a link reads as markup (`[`, `]`, `{`, `}`, `\`, `:`, `|`, `->`, `<-`).
//! Bank text is plain: it goes in SugarCube's verbatim markup (`"""…"""`), so it shows as typed.

use super::{Export, Exporter, Notice, arrangement};
use crate::bank::branching::{Branching, Next, Route, Routes, Step};
use crate::bank::fingerprint::fnv1a64;
use crate::bank::{AnswerKey, Bank, Scenario};
use crate::engine::describe::key_text;
use crate::text::letter;

pub(crate) struct Twee;

/// The story format the passages are written for, and the version of it that Twine 2.10 ships.
const FORMAT: &str = "SugarCube";
const FORMAT_VERSION: &str = "2.37.3";

/// The passage that lists the scenarios, when there are several.
const CONTENTS: &str = "Contents";

impl Exporter for Twee {
    fn name(&self) -> &'static str {
        "twee"
    }

    fn export(&self, banks: &[Bank]) -> Export {
        let mut out = Export::default();
        let mut stories = Vec::new();
        for bank in banks {
            for q in &bank.questions {
                out.notices.push(Notice::skipped(
                    bank,
                    q,
                    "Twee holds branching scenarios only",
                ));
            }
            for scenario in &bank.scenarios {
                if let Some(branching) = &scenario.branching {
                    stories.push((bank, scenario, branching));
                    out.notices.push(left_out(bank, scenario));
                }
            }
        }
        if stories.is_empty() {
            return out;
        }
        let mut passages = Vec::new();
        for &(bank, scenario, branching) in &stories {
            passages.extend(scenario_passages(
                bank,
                scenario,
                branching,
                &mut out.notices,
            ));
            out.written += branching.steps.len();
        }
        let start = if let [(bank, scenario, _)] = stories.as_slice() {
            name(&[&bank.id, &scenario.id])
        } else {
            passages.insert(0, contents(&stories));
            CONTENTS.to_owned()
        };
        out.text = story_header(&stories, &start);
        for (i, passage) in passages.iter().enumerate() {
            out.text.push_str(&passage.written(i));
        }
        out
    }
}

/// What the story leaves out of a scenario, said once for it.
fn left_out(bank: &Bank, scenario: &Scenario) -> Notice {
    Notice {
        bank: bank.id.clone(),
        question: scenario.id.clone(),
        skipped: false,
        message: "the Twee story shows each decision's consequence and source, then goes on \
                  to where it leads; the qualities and points of decisions are left out (each \
                  ending tells its rating and debrief)"
            .into(),
    }
}

struct Passage {
    name: String,
    tag: &'static str,
    text: String,
}

impl Passage {
    /// The passage as Twee writes it, placed on a grid in Twine's story map by its place `i`.
    fn written(&self, i: usize) -> String {
        let (x, y) = (100 + 150 * (i % 8), 100 + 150 * (i / 8));
        format!(
            ":: {} [{}] {{\"position\":\"{x},{y}\",\"size\":\"100,100\"}}\n{}\n\n",
            self.name,
            self.tag,
            self.text.trim_end()
        )
    }
}

/// `StoryTitle` and `StoryData`: the title, the IFID (the same on every export of the same
/// scenarios), the story format and the start passage.
fn story_header(stories: &[(&Bank, &Scenario, &Branching)], start: &str) -> String {
    let title = if let [(_, scenario, _)] = stories {
        scenario.title.clone()
    } else {
        let mut titles: Vec<&str> = stories.iter().map(|(b, _, _)| b.title.as_str()).collect();
        titles.dedup();
        titles.join(", ")
    };
    let ids: Vec<String> = (stories.iter())
        .map(|(b, s, _)| format!("{}/{}", b.id, s.id))
        .collect();
    let data = serde_json::json!({
        "ifid": ifid(&ids.join("\n")),
        "format": FORMAT,
        "format-version": FORMAT_VERSION,
        "start": start,
        "zoom": 1,
    });
    let data = serde_json::to_string_pretty(&data).unwrap_or_default();
    format!(
        ":: StoryTitle\n{}\n\n:: StoryData\n{data}\n\n",
        title.split_whitespace().collect::<Vec<_>>().join(" ")
    )
}

/// A version 4 UUID in capitals, as Twine writes IFIDs, made from the scenarios' ids rather
/// than at random: exporting the same scenarios again gives the same story.
fn ifid(ids: &str) -> String {
    let high = fnv1a64(format!("twee ifid high\n{ids}").as_bytes()).to_be_bytes();
    let low = fnv1a64(format!("twee ifid low\n{ids}").as_bytes()).to_be_bytes();
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&high);
    bytes[8..].copy_from_slice(&low);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// A passage name from ids, joined by `/`; see the module's notes.
fn name(ids: &[&str]) -> String {
    let parts: Vec<String> = ids.iter().map(|id| name_part(id)).collect();
    parts.join("/")
}

fn name_part(id: &str) -> String {
    let mut part = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
            part.push(c);
        } else {
            let mut bytes = [0u8; 4];
            for b in c.encode_utf8(&mut bytes).bytes() {
                part.push_str(&format!("%{b:02X}"));
            }
        }
    }
    part
}

/// The list of scenarios, when the story holds several.
fn contents(stories: &[(&Bank, &Scenario, &Branching)]) -> Passage {
    let lines: Vec<String> = (stories.iter())
        .map(|(bank, scenario, _)| {
            let target = name(&[&bank.id, &scenario.id]);
            format!("* [[{}->{target}]]", link_text(&scenario.title))
        })
        .collect();
    Passage {
        name: CONTENTS.into(),
        tag: "contents",
        text: lines.join("\n"),
    }
}

/// The scenario's text, then its steps (the start first) and its endings.
fn scenario_passages(
    bank: &Bank,
    scenario: &Scenario,
    branching: &Branching,
    notices: &mut Vec<Notice>,
) -> Vec<Passage> {
    let here = |id: &str| name(&[&bank.id, &scenario.id, id]);
    let target = |next: Next| match next {
        Next::Step(s) => here(&branching.steps[s].question.id),
        Next::Ending(e) => here(&branching.endings[e].id),
    };
    let intro = name(&[&bank.id, &scenario.id]);
    let mut passages = vec![Passage {
        name: intro.clone(),
        tag: "scenario",
        text: format!(
            "!!{}\n{}\n\n[[Begin->{}]]",
            verbatim(&scenario.title),
            verbatim(&scenario.text),
            target(Next::Step(branching.start))
        ),
    }];
    let mut order: Vec<usize> = vec![branching.start];
    order.extend((0..branching.steps.len()).filter(|&s| s != branching.start));
    let mut consequences = Vec::new();
    for s in order {
        let step = &branching.steps[s];
        let links = links(bank, step)
            .into_iter()
            .enumerate()
            .map(|(n, (text, route))| {
                let shown = link_text(&text);
                if shown != text.trim() {
                    notices.push(Notice::changed(
                        bank,
                        &step.question,
                        format!(
                            "`{}`: a link's text cannot hold `[`, `]`, `|`, `->` or `<-`; written \
                             as `{shown}`",
                            text.trim()
                        ),
                    ));
                }
                let onward = target(route.next);
                let to = match consequence(bank, route, &onward) {
                    Some(text) => {
                        let name = name(&[
                            &bank.id,
                            &scenario.id,
                            &step.question.id,
                            &(n + 1).to_string(),
                        ]);
                        consequences.push(Passage {
                            name: name.clone(),
                            tag: "consequence",
                            text,
                        });
                        name
                    }
                    None => onward,
                };
                format!("* [[{shown}->{to}]]")
            })
            .collect::<Vec<_>>();
        passages.push(Passage {
            name: here(&step.question.id),
            tag: "step",
            text: format!("{}\n\n{}", question(bank, step), links.join("\n")),
        });
    }
    passages.append(&mut consequences);
    for ending in &branching.endings {
        let mut text = String::new();
        if let Some(title) = &ending.title {
            text.push_str(&format!("!!{}\n", verbatim(title)));
        }
        text.push_str(&format!(
            "{}\n\n{}\n\n{}\n\n",
            verbatim(&ending.text),
            verbatim(&format!("Rating: {}", ending.rating.name())),
            verbatim(&ending.debrief)
        ));
        if let Some(citation) = &ending.citation {
            text.push_str(&format!("{}\n\n", verbatim(&bank.source_line(citation))));
        }
        text.push_str(&format!("[[Start again->{intro}]]"));
        passages.push(Passage {
            name: here(&ending.id),
            tag: "ending",
            text,
        });
    }
    passages
}

/// What follows a decision, with its source, and the way on to `onward`; none for a decision
/// without a consequence, whose link leads straight on.
fn consequence(bank: &Bank, route: &Route, onward: &str) -> Option<String> {
    if route.consequence.trim().is_empty() {
        return None;
    }
    let mut text = format!("{}\n\n", verbatim(&route.consequence));
    if let Some(citation) = &route.citation {
        text.push_str(&format!("{}\n\n", verbatim(&bank.source_line(citation))));
    }
    text.push_str(&format!("[[Continue->{onward}]]"));
    Some(text)
}

/// The step's prompt, and what the reader answers from: choices, items or pairs.
fn question(bank: &Bank, step: &Step) -> String {
    let q = &step.question;
    let order = arrangement(bank, q);
    let listed: Vec<String> = match &q.key {
        AnswerKey::Multiple { choices, .. } => (order.iter().enumerate())
            .map(|(shown, &i)| format!("{}. {}", letter(shown), choices[i].text.trim()))
            .collect(),
        AnswerKey::Order { items } => order.iter().map(|&i| items[i].trim().to_owned()).collect(),
        AnswerKey::Match { pairs } => {
            let mut lines: Vec<String> = (pairs.iter().enumerate())
                .map(|(i, p)| format!("{}. {}", i + 1, p.left.trim()))
                .collect();
            lines.extend(
                (order.iter().enumerate())
                    .map(|(shown, &r)| format!("{}. {}", letter(shown), pairs[r].right.trim())),
            );
            lines
        }
        _ => Vec::new(),
    };
    let mut text = verbatim(&q.prompt);
    for line in listed {
        text.push_str(&format!("\n* {}", verbatim(&line)));
    }
    if !matches!(
        q.key,
        AnswerKey::Single { .. } | AnswerKey::TrueFalse { .. }
    ) {
        // The reader judges their own answer: the key stays folded until they open it.
        text.push_str(&format!(
            "\n\n<details><summary>Check your answer</summary>{}</details>",
            verbatim(&key_text(q))
        ));
    }
    text
}

/// The links of a step: its choices, True and False, or (for other kinds, which a story cannot
/// grade) the reader's own verdict on their answer, once they have checked it against the key.
fn links<'s>(bank: &Bank, step: &'s Step) -> Vec<(String, &'s Route)> {
    let q = &step.question;
    match (&q.key, &step.routes) {
        (AnswerKey::Single { choices }, Routes::ByChoice(routes)) => arrangement(bank, q)
            .into_iter()
            .map(|i| (choices[i].text.clone(), &routes[i]))
            .collect(),
        (AnswerKey::TrueFalse { answer }, Routes::ByVerdict { right, wrong, .. }) => {
            let (if_true, if_false) = if *answer {
                (right, wrong)
            } else {
                (wrong, right)
            };
            vec![("True".into(), &**if_true), ("False".into(), &**if_false)]
        }
        (
            _,
            Routes::ByVerdict {
                right,
                partly,
                wrong,
            },
        ) => {
            let mut links = vec![("My answer is right".to_owned(), &**right)];
            if let Some(partly) = partly {
                links.push(("My answer is partly right".into(), &**partly));
            }
            links.push(("My answer is wrong".into(), &**wrong));
            links
        }
        (_, Routes::ByChoice(routes)) => routes.iter().map(|r| (String::new(), r)).collect(),
    }
}

/// Link text on one line, without what SugarCube reads as the end of the text or the link.
fn link_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("->", "→")
        .replace("<-", "←")
        .replace('[', "(")
        .replace(']', ")")
        .replace('|', "/")
}

/// Plain text in SugarCube's verbatim markup, `"""…"""`, which shows it as typed. A `"` and a `:`
/// that starts a line (where Twee would read `::` as a passage's header) are written as HTML
/// character references between verbatim runs.
fn verbatim(text: &str) -> String {
    let mut out = String::new();
    let mut open = false;
    let mut line_start = true;
    for c in text.trim().chars() {
        let reference = match c {
            '"' => Some("&quot;"),
            ':' if line_start => Some("&#58;"),
            _ => None,
        };
        if let Some(reference) = reference {
            if open {
                out.push_str("\"\"\"");
                open = false;
            }
            out.push_str(reference);
        } else {
            if !open {
                out.push_str("\"\"\"");
                open = true;
            }
            out.push(c);
        }
        line_start = c == '\n';
    }
    if open {
        out.push_str("\"\"\"");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_hold_no_character_twee_reads_as_markup() {
        assert_eq!(name(&["bank", "a[b]{c}\\d"]), "bank/a%5Bb%5D%7Bc%7D%5Cd");
        assert_eq!(name(&["x::y|z->w<-v"]), "x%3A%3Ay%7Cz-%3Ew%3C-v");
        assert_eq!(name(&["a/b", "c"]), "a%2Fb/c");
        assert_eq!(name(&["été"]), "été");
    }

    #[test]
    fn an_ifid_is_a_version_4_uuid_the_same_for_the_same_ids() {
        let id = ifid("night-desk/leak");
        assert_eq!(id, ifid("night-desk/leak"));
        assert_ne!(id, ifid("night-desk/other"));
        let shape = id.split('-').map(str::len).collect::<Vec<_>>();
        assert_eq!(shape, [8, 4, 4, 4, 12]);
        assert_eq!(&id[14..15], "4");
        assert!(matches!(&id[19..20], "8" | "9" | "A" | "B"), "{id}");
        assert_eq!(id, id.to_uppercase());
    }

    #[test]
    fn text_is_verbatim_and_never_starts_a_passage() {
        assert_eq!(verbatim("a //b// c"), "\"\"\"a //b// c\"\"\"");
        assert_eq!(
            verbatim("say \"hi\"\n:: next"),
            "\"\"\"say \"\"\"&quot;\"\"\"hi\"\"\"&quot;\"\"\"\n\"\"\"&#58;\"\"\": next\"\"\""
        );
    }
}
