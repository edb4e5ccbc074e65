//! Each question's progress, kept in the store's state table in step with the answers.
//!
//! The answers stay the source of truth: the states are what [`schedule::replay`] gives for them,
//! written in the same transaction as each answer. A bank whose states do not match its answers
//! (none yet, answers written or deleted by anything else, older rules, a damaged row) has them
//! rebuilt from its answers before they are read, so nothing is ever lost to the table.

use std::collections::HashMap;

use super::cards::{self, Rated, StudyCard};
use super::schedule::{self, Scheduler};
use crate::bank::Bank;
use crate::progress::{Progress, QuestionKey};
use crate::store::{KeptProgress, Mark, NewAnswer, Store, StoreError, StoredAnswer, Writing};

/// The version of the rules that turn answers into states (the ratings and the scheduler). Any
/// change to them must bump it, so that stored states are rebuilt under the new rules.
pub(crate) const RULES: i64 = 2;

/// The scheduler for the progress kept in `store`, at this desired retention: FSRS-6 with the
/// parameters fitted to the learner's answers (see [`super::optimize`]), else its defaults.
/// Parameters that are not valid count as none.
pub(crate) fn scheduler(store: &Store, retention: f64) -> Scheduler {
    store
        .parameters()
        .and_then(|p| Scheduler::new(&p.weights, retention).ok())
        .or_else(|| Scheduler::new(&[], retention).ok())
        .unwrap_or_default()
}

/// Records one answer and, in the same transaction, the question's new state. The answer is what
/// must not be lost: when the state cannot be worked out, the bank is left to be rebuilt instead.
/// Returns the question's progress after the answer, as kept (or as the rebuild will make it),
/// when it could be worked out.
pub(crate) fn record(
    store: &Store,
    answer: &NewAnswer,
    bank: &Bank,
    rated: Rated,
) -> Result<Option<Progress>, StoreError> {
    let writing = store.write()?;
    writing.insert_answer(answer)?;
    let scheduler = scheduler(store, schedule::RETENTION);
    let progress = step(&writing, answer, bank, rated, &scheduler);
    if progress.is_err() {
        writing.forget_mark(answer.bank_id)?;
    }
    writing.commit()?;
    Ok(progress.unwrap_or(None))
}

/// The question's progress from all its answers, for when no state is kept for its bank yet.
fn replayed(
    writing: &Writing,
    answer: &NewAnswer,
    rated: Rated,
    scheduler: &Scheduler,
) -> Result<Option<Progress>, StoreError> {
    let answers = writing.question_answers(answer.bank_id, answer.question_id)?;
    let answers: Vec<&StoredAnswer> = answers.iter().collect();
    Ok(schedule::replay(
        &answers,
        rated,
        answer.content_hash,
        scheduler,
    ))
}

fn step(
    writing: &Writing,
    answer: &NewAnswer,
    bank: &Bank,
    rated: Rated,
    scheduler: &Scheduler,
) -> Result<Option<Progress>, StoreError> {
    let bank_file = Some(bank.file_hash.cast_signed());
    let mark = match writing.mark(answer.bank_id)? {
        Some(mark) => mark,
        None => match writing.tally(answer.bank_id)? {
            // The bank's first answer: its states start here, empty, as the answers were
            // before it.
            (1, changes) => Mark {
                rules: RULES,
                answers: 0,
                changes: changes - 1,
                states: 0,
                unreadable: 0,
                bank_file,
            },
            // Answers without states: the next reader rebuilds them all.
            _ => return replayed(writing, answer, rated, scheduler),
        },
    };
    if mark.rules != RULES {
        // Older rules: the next reader rebuilds the whole bank anyway.
        return replayed(writing, answer, rated, scheduler);
    }
    let previous = writing.state(answer.bank_id, answer.question_id)?;
    let new_state = i64::from(previous.is_none());
    let progress = match previous {
        Some(KeptProgress {
            content_hash,
            mut progress,
        }) if content_hash == answer.content_hash => {
            let stored = answer.stored();
            schedule::apply(
                &mut progress,
                &stored,
                rated,
                answer.content_hash,
                scheduler,
            );
            progress
        }
        // First answer, or answered after a material edit: the card starts from this content's
        // answers alone.
        _ => {
            let Some(progress) = replayed(writing, answer, rated, scheduler)? else {
                return Ok(None);
            };
            progress
        }
    };
    writing.put_state(
        answer.bank_id,
        answer.question_id,
        answer.content_hash,
        &progress,
    )?;
    writing.set_mark(
        answer.bank_id,
        Mark {
            rules: RULES,
            answers: mark.answers + 1,
            changes: mark.changes + 1,
            states: mark.states + new_state,
            unreadable: mark.unreadable,
            // The new state comes from this file's question: the mark's file still agrees with
            // every state only when it is this file.
            bank_file: mark.bank_file.filter(|&file| Some(file) == bank_file),
        },
    )?;
    Ok(Some(progress))
}

/// The progress of every question of `banks` that has answers, each due when `scheduler`'s
/// retention says. Only these banks' rows are read. When the state table cannot be brought up to
/// date (a read-only database), the answers are replayed instead.
pub(crate) fn load(
    store: &Store,
    banks: &[Bank],
    scheduler: &Scheduler,
) -> Result<HashMap<QuestionKey, Progress>, StoreError> {
    let mut progress = load_states(store, banks, scheduler).or_else(|_| {
        let bank_ids: Vec<&str> = banks.iter().map(|b| b.id.as_str()).collect();
        let answers = store.answers(&bank_ids)?;
        Ok::<_, StoreError>(schedule::progress(banks, &answers, scheduler))
    })?;
    for p in progress.values_mut() {
        scheduler.reschedule(&mut p.card);
    }
    Ok(progress)
}

/// The progress from the state table, brought up to date first.
fn load_states(
    store: &Store,
    banks: &[Bank],
    scheduler: &Scheduler,
) -> Result<HashMap<QuestionKey, Progress>, StoreError> {
    let mut progress = HashMap::new();
    for bank in banks {
        progress.extend(bank_states(store, bank, scheduler)?);
    }
    Ok(progress)
}

/// One bank's progress from the state table. Each state applies to the content it was derived
/// from; a question edited since restarts from its answers to the new content. When the bank file
/// is the one every state was last found to agree with, no question can have changed and none is
/// hashed again: on a big bank that is most of what review would otherwise spend here.
fn bank_states(
    store: &Store,
    bank: &Bank,
    scheduler: &Scheduler,
) -> Result<Vec<(QuestionKey, Progress)>, StoreError> {
    let bank_file = bank.file_hash.cast_signed();
    let mark = match store.current_mark(&bank.id, RULES)? {
        Some(mark) => mark,
        None => rebuild(store, bank, scheduler)?,
    };
    let (mut by_question, mark) = if let Ok(kept) = store.states(&bank.id) {
        (kept, mark)
    } else {
        // A damaged row: the answers say what it should be.
        let mark = rebuild(store, bank, scheduler)?;
        (store.states(&bank.id)?, mark)
    };
    let agreed = mark.bank_file == Some(bank_file);
    let mut progress = Vec::new();
    let mut edited = Vec::new();
    for card in cards::of_bank(bank) {
        let Some(kept) = by_question.remove(card.id.as_str()) else {
            continue;
        };
        let key = (bank.id.clone(), card.id.clone());
        if agreed || kept.content_hash == card.hash {
            progress.push((key, kept.progress));
        } else {
            edited.push(card);
        }
    }
    if agreed {
        return Ok(progress);
    }
    let all_restarted = if edited.is_empty() {
        true
    } else {
        let (restarted, all) = restart(store, bank, &edited, scheduler)?;
        progress.extend(restarted);
        all
    };
    if all_restarted {
        store.mark_bank_file(&bank.id, mark, bank_file);
    }
    Ok(progress)
}

/// The states of questions edited since their last answer: replayed from their answers against
/// the new content, and kept so that the replay happens once. Also says whether every one was
/// replaced (a question not yet answered in its new form keeps its old row).
fn restart(
    store: &Store,
    bank: &Bank,
    edited: &[StudyCard],
    scheduler: &Scheduler,
) -> Result<(Vec<(QuestionKey, Progress)>, bool), StoreError> {
    let writing = store.write()?;
    let mut out = Vec::new();
    for card in edited {
        let answers = writing.question_answers(&bank.id, &card.id)?;
        let answers: Vec<&StoredAnswer> = answers.iter().collect();
        if let Some(p) = schedule::replay(&answers, card.rated, &card.hash, scheduler) {
            writing.put_state(&bank.id, &card.id, &card.hash, &p)?;
            out.push(((bank.id.clone(), card.id.clone()), p));
        }
    }
    writing.commit()?;
    let all = out.len() == edited.len();
    Ok((out, all))
}

/// Derives a bank's states from all its answers, in one transaction with reading them; returns
/// the mark it leaves.
pub(crate) fn rebuild(
    store: &Store,
    bank: &Bank,
    scheduler: &Scheduler,
) -> Result<Mark, StoreError> {
    let writing = store.write()?;
    let answers = writing.bank_answers(&bank.id)?;
    let progress = schedule::progress(std::slice::from_ref(bank), &answers, scheduler);
    writing.clear_states(&bank.id)?;
    for card in cards::of_bank(bank) {
        if let Some(p) = progress.get(&(bank.id.clone(), card.id.clone())) {
            writing.put_state(&bank.id, &card.id, &card.hash, p)?;
        }
    }
    let mark = writing.mark_all_answers(&bank.id, RULES, bank.file_hash.cast_signed())?;
    writing.commit()?;
    Ok(mark)
}
