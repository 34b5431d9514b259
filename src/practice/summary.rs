//! The little a scheduler needs to remember of a past debate.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::prospect::{Debate, Outcome};

/// One past debate, reduced to what spaced repetition uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebateSummary {
    /// The objection the debate opened with.
    pub objection_id: String,
    /// The debate's language.
    pub lang: Lang,
    /// Mean effective score of its turns (0 if the trainee never answered).
    pub avg_score: f32,
    /// How it ended (`None` while it is still going).
    pub outcome: Option<Outcome>,
    /// Unix ms when it ended (its last activity while still going).
    pub ended_at: u64,
}

impl From<&Debate> for DebateSummary {
    fn from(debate: &Debate) -> DebateSummary {
        let last_activity = debate.turns.last().map_or(debate.started_at, |t| t.at);
        DebateSummary {
            objection_id: debate.objection_id.clone(),
            lang: debate.lang,
            avg_score: debate.average_score().unwrap_or(0.0),
            outcome: debate.outcome,
            ended_at: debate.ended_at.unwrap_or(last_activity),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prospect::testkit::{hollow, kit, objection};

    #[test]
    fn a_summary_takes_effective_scores_and_the_last_activity() {
        let (kit, o) = (kit(), objection("o", Lang::Fr, 1, &[], 3));
        let (mut debate, _) = kit.play(&o, 1, &[hollow(), hollow()]);
        debate.override_turn(0, 100, None).unwrap();
        let live = DebateSummary::from(&debate);
        assert_eq!((live.objection_id.as_str(), live.lang), ("o", Lang::Fr));
        assert_eq!(live.avg_score, (100.0 + 52.0) / 2.0);
        assert_eq!((live.outcome, live.ended_at), (None, debate.turns[1].at));
        debate.abandon(9_999).unwrap();
        let ended = DebateSummary::from(&debate);
        assert_eq!(
            (ended.outcome, ended.ended_at),
            (Some(Outcome::Abandoned), 9_999)
        );
    }
}
