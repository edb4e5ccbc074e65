//! The questions a learner missed in a class or an exam (a results file), found in the banks the
//! learner studies, so that they join the learner's own review queue (`quiz review --add`).

use crate::bank::Bank;
use crate::bank::fingerprint::question_hash;
use crate::engine::{Answered, Planned, Verdict};
use crate::results::{AnswerEntry, ResultFile};

/// The misses of one results file: those found as they were asked, and those left out.
pub(crate) struct ClassMisses<'b> {
    pub found: Vec<(Planned<'b>, Answered)>,
    pub left_out: Vec<LeftOut>,
}

/// A missed question that cannot join the review queue, and why.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum LeftOut {
    #[error("{bank}/{question}: not in the banks studied; name its bank file")]
    NotInBanks { bank: String, question: String },
    #[error("{bank}/{question}: changed since it was asked; not added")]
    Changed { bank: String, question: String },
}

/// Each answer of `result` that was not right, as the learner's own answer to the question in
/// `banks`, in the order answered. A question left unanswered is not a miss to replay: it is
/// still new to the learner, and comes as such.
pub(crate) fn class_misses<'b>(result: &ResultFile, banks: &'b [Bank]) -> ClassMisses<'b> {
    let mut misses = ClassMisses {
        found: Vec::new(),
        left_out: Vec::new(),
    };
    for (index, entry) in result.answers.iter().enumerate() {
        if entry.grade().verdict() == Verdict::Right {
            continue;
        }
        match found(entry, banks) {
            Ok(planned) => misses.found.push((
                planned,
                Answered {
                    index,
                    response: entry.response.clone(),
                    grade: entry.grade(),
                    seconds: entry.seconds,
                    confidence: entry.confidence,
                },
            )),
            Err(left_out) => misses.left_out.push(left_out),
        }
    }
    misses
}

fn found<'b>(entry: &AnswerEntry, banks: &'b [Bank]) -> Result<Planned<'b>, LeftOut> {
    let (bank_id, question_id) = (entry.bank.clone(), entry.question.clone());
    let (bank, question) = banks
        .iter()
        .filter(|b| b.id == entry.bank)
        .find_map(|b| Some((b, b.questions.iter().find(|q| q.id == entry.question)?)))
        .ok_or(LeftOut::NotInBanks {
            bank: bank_id.clone(),
            question: question_id.clone(),
        })?;
    // The answer's positions are the author's; a question edited since may no longer hold them.
    if entry
        .question_hash
        .as_ref()
        .is_some_and(|hash| *hash != question_hash(bank, question))
    {
        return Err(LeftOut::Changed {
            bank: bank_id,
            question: question_id,
        });
    }
    Ok(Planned {
        bank,
        question,
        scenario: question.scenario.as_ref().and_then(|id| bank.scenario(id)),
        display: Vec::new(),
    })
}
