//! Promoting a trainee's answer from a debate into the library: the debate
//! names the objection, the turn that holds the answer gives its score (or
//! the scorer rates it when no turn matches), and the answer becomes a
//! draft counter-argument credited to its author, for a coach to approve.

use super::library::{add_scored_counter, show, LibraryError, NewCounter};
use super::{App, AppError};
use crate::library::{Counter, CounterSource, CounterStatus};
use crate::prospect::MAX_ANSWER_BYTES;
use crate::scoring::ScoreRequest;

/// An answer saved as a counter-argument.
#[derive(Debug, Clone, PartialEq)]
pub struct Promoted {
    /// The objection it answers.
    pub objection: String,
    /// The new draft.
    pub counter: Counter,
    /// Whether the score came from the debate's turn (else from scoring now).
    pub from_turn: bool,
}

impl App {
    /// Saves `answer`, written by `author` in debate `debate_id`, as a draft
    /// counter-argument of the debate's objection, with its score. The same
    /// text twice on one objection is refused.
    pub fn promote_answer(
        &self,
        guild: u64,
        debate_id: &str,
        answer: &str,
        author: &str,
        actor: &str,
    ) -> Result<Promoted, AppError> {
        let debate = self.debate(guild, debate_id)?;
        let objection = show(self.store(), guild, &debate.objection_id)?;
        let answer = answer.trim();
        if let Some(same) = objection.counters.iter().find(|c| c.text.trim() == answer) {
            return Err(LibraryError::CounterExists {
                id: objection.id.clone(),
                counter: same.id.clone(),
            }
            .into());
        }
        let turn = debate.turns.iter().find(|t| t.answer.trim() == answer);
        let score = match turn {
            Some(turn) => turn.effective_score(),
            None => {
                if answer.is_empty() {
                    return Err(AppError::EmptyAnswer);
                }
                if answer.len() > MAX_ANSWER_BYTES {
                    return Err(AppError::AnswerTooLong {
                        max: MAX_ANSWER_BYTES,
                    });
                }
                self.scorer()
                    .score(&ScoreRequest {
                        answer,
                        objection: Some(&objection.text),
                        key_concerns: &objection.key_concerns,
                        lang: Some(debate.lang),
                    })
                    .score
            }
        };
        let new = NewCounter {
            id: None,
            text: answer.to_string(),
            author: author.to_string(),
            status: CounterStatus::Draft,
            source: CounterSource::Trainee,
        };
        let counter =
            add_scored_counter(self.store(), guild, &objection.id, &new, Some(score), actor)?;
        Ok(Promoted {
            objection: objection.id,
            counter,
            from_turn: turn.is_some(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::spar::StartOptions;

    fn app() -> App {
        crate::app::test_app(5)
    }

    const GOOD: &str =
        "You're right that a lot of it is noise. What made it feel like spam for you?";

    #[test]
    fn a_played_answer_keeps_its_turn_score_and_author() {
        let app = app();
        let started = app.start_debate(4, "77", StartOptions::default()).unwrap();
        let id = started.debate.id.clone();
        let answered = app.answer(4, &id, "77", GOOD).unwrap();
        app.override_turn(4, &id, 0, 97, Some("great".into()))
            .unwrap();
        let promoted = app
            .promote_answer(4, &id, &format!(" {GOOD} "), "<@77>", "<@1>")
            .unwrap();
        assert!(promoted.from_turn);
        assert_eq!(promoted.objection, started.objection.id);
        assert_eq!(
            promoted.counter.score,
            Some(97),
            "the coach's override wins"
        );
        assert_ne!(answered.card.score, 97);
        assert_eq!(
            (
                promoted.counter.status,
                promoted.counter.source,
                promoted.counter.author.as_str()
            ),
            (CounterStatus::Draft, CounterSource::Trainee, "<@77>")
        );
        let again = app
            .promote_answer(4, &id, GOOD, "<@77>", "<@1>")
            .unwrap_err();
        assert!(
            again.is_user_error() && again.to_string().contains(&promoted.counter.id),
            "{again}"
        );
    }

    #[test]
    fn an_answer_not_in_the_debate_is_scored_now() {
        let app = app();
        let started = app.start_debate(4, "77", StartOptions::default()).unwrap();
        let promoted = app
            .promote_answer(4, &started.debate.id, GOOD, "<@77>", "<@1>")
            .unwrap();
        assert!(!promoted.from_turn);
        let expected = app.scorer().score(&ScoreRequest {
            answer: GOOD,
            objection: Some(&started.objection.text),
            key_concerns: &started.objection.key_concerns,
            lang: Some(started.debate.lang),
        });
        assert_eq!(promoted.counter.score, Some(expected.score));
        assert!(matches!(
            app.promote_answer(4, &started.debate.id, "   ", "<@77>", "<@1>"),
            Err(AppError::EmptyAnswer)
        ));
        assert!(matches!(
            app.promote_answer(4, "nope", GOOD, "<@77>", "<@1>"),
            Err(AppError::NoDebate(_))
        ));
    }
}
