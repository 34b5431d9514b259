//! One exchange of a debate as it is kept: the trainee's answer, a compact
//! extract of its scorecard, what it did to the prospect, and the reply.
//! Compact on purpose: a live debate must stay a few kilobytes.

use serde::{Deserialize, Serialize};

use crate::scoring::{Dimension, FiredCue, Level, ScoreCard};

/// At most this many cues are kept per turn, the weightiest first.
const MAX_CUES: usize = 6;

/// Cue ids (documented in `scoring`) that count toward a positive dimension
/// without engaging the concern: thanks, and yes/no questions ("can I book
/// Tuesday?"). Politeness alone must never move the prospect.
pub const SHALLOW_CUES: [&str; 2] = ["gratitude", "closed_question"];

/// Whether a cue that fired with `weight` shows its dimension for real:
/// not cancelled (weight 0, e.g. an acknowledgment erased by "but") and not shallow.
fn substantive(id: &str, weight: f32) -> bool {
    weight != 0.0 && !SHALLOW_CUES.contains(&id)
}

/// What an answer did to the prospect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Empathetic with substance (acknowledged or conceded, and explored or
    /// reframed), no dismissal: resistance drops.
    Helped,
    /// Polite or on topic but hollow: nothing moves except a little patience.
    Neutral,
    /// Defensive or dismissive: resistance rises and patience drops.
    Hurt,
    /// The same answer (or nearly) as an earlier turn: costs patience only.
    Repeated,
}

/// A cue that fired in a turn, without its quote (the span into the turn's
/// answer recovers it, see [`Turn::quote`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnCue {
    /// The scorer's cue id.
    pub id: String,
    /// The dimension it counts toward.
    pub dimension: Dimension,
    /// Its signed contribution to the score.
    pub weight: f32,
    /// Byte offset of the evidence in the answer.
    pub start: u32,
    /// Byte offset just past the evidence.
    pub end: u32,
}

/// One answer and the prospect's reply to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// What the trainee wrote.
    pub answer: String,
    /// The scorer's score, 0 to 100.
    pub score: u8,
    /// The scorer's level.
    pub level: Level,
    /// What the answer did to the prospect.
    pub effect: Effect,
    /// The weightiest cues that fired.
    pub cues: Vec<TurnCue>,
    /// What the prospect said next.
    pub prospect_reply: String,
    /// Unix ms.
    pub at: u64,
    /// A coach's corrected score, which wins over `score` in every statistic.
    #[serde(default)]
    pub override_score: Option<u8>,
    /// Why the coach corrected it.
    #[serde(default)]
    pub override_comment: Option<String>,
}

impl Turn {
    /// The score statistics use: the coach's override, else the scorer's.
    pub fn effective_score(&self) -> u8 {
        self.override_score.unwrap_or(self.score)
    }

    /// The words of the answer a cue rests on (`None` if the span is stale).
    pub fn quote(&self, cue: &TurnCue) -> Option<&str> {
        let range = usize::try_from(cue.start).ok()?..usize::try_from(cue.end).ok()?;
        self.answer.get(range)
    }

    /// Whether a cue of `dimension` fired in this turn, leaving out the
    /// shallow ones ([`SHALLOW_CUES`]).
    pub fn has(&self, dimension: Dimension) -> bool {
        self.cues
            .iter()
            .any(|c| c.dimension == dimension && substantive(&c.id, c.weight))
    }
}

/// The weightiest cues of `card`, compacted.
pub(crate) fn compact_cues(card: &ScoreCard) -> Vec<TurnCue> {
    let mut cues: Vec<&FiredCue> = card.cues.iter().filter(|c| c.weight != 0.0).collect();
    cues.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    cues.truncate(MAX_CUES);
    cues.sort_by_key(|c| c.start);
    cues.into_iter()
        .map(|c| TurnCue {
            id: c.id.clone(),
            dimension: c.dimension,
            weight: c.weight,
            start: u32::try_from(c.start).unwrap_or(u32::MAX),
            end: u32::try_from(c.end).unwrap_or(u32::MAX),
        })
        .collect()
}

/// Judges what an answer does to the prospect. Only substance helps: the
/// level alone is not enough, the card must show an acknowledgment or a
/// concession together with an exploration or a reframe, so that polite,
/// flattering or hollow answers can never win a debate.
pub(crate) fn classify(card: &ScoreCard, repeated: bool) -> Effect {
    let fired = |d: Dimension| {
        card.cues
            .iter()
            .any(|c| c.dimension == d && c.weight > 0.0 && substantive(&c.id, c.weight))
    };
    let dismissed = card
        .cues
        .iter()
        .any(|c| c.dimension == Dimension::Dismissal && c.weight < 0.0);
    if repeated {
        Effect::Repeated
    } else if dismissed || card.level <= Level::Defensive {
        Effect::Hurt
    } else if card.level >= Level::Empathetic
        && (fired(Dimension::Acknowledgment) || fired(Dimension::Concession))
        && (fired(Dimension::Exploration) || fired(Dimension::Reframe))
    {
        Effect::Helped
    } else {
        Effect::Neutral
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prospect::testkit::*;

    #[test]
    fn only_substance_helps() {
        assert_eq!(classify(&empathetic(), false), Effect::Helped);
        assert_eq!(classify(&masterful(), false), Effect::Helped);
        assert_eq!(classify(&hollow(), false), Effect::Neutral);
        // A generous level without an exploration or reframe is still hollow.
        let flattering = card(4, &[Dimension::Acknowledgment, Dimension::Respect]);
        assert_eq!(classify(&flattering, false), Effect::Neutral);
    }

    #[test]
    fn thanks_and_closed_questions_are_not_substance() {
        let mut polite = card(4, &[Dimension::Acknowledgment, Dimension::Exploration]);
        polite.cues[0].id = "gratitude".into();
        assert_eq!(classify(&polite, false), Effect::Neutral);
        polite.cues[0].id = "acknowledge".into();
        polite.cues[1].id = "closed_question".into();
        assert_eq!(classify(&polite, false), Effect::Neutral);
        polite.cues[1].id = "open_question".into();
        assert_eq!(classify(&polite, false), Effect::Helped);
        // Cancelled cues (weight 0, erased by "but") do not count either.
        polite.cues[0].weight = 0.0;
        assert_eq!(classify(&polite, false), Effect::Neutral);
    }

    #[test]
    fn dismissal_hurts_whatever_the_level_and_repeats_never_help() {
        let mixed = card(
            4,
            &[
                Dimension::Acknowledgment,
                Dimension::Exploration,
                Dimension::Dismissal,
            ],
        );
        assert_eq!(classify(&mixed, false), Effect::Hurt);
        assert_eq!(classify(&card(2, &[]), false), Effect::Hurt);
        assert_eq!(classify(&masterful(), true), Effect::Repeated);
    }

    #[test]
    fn compact_cues_keep_the_weightiest_in_text_order_and_quotes_survive() {
        let mut big = card(4, &[Dimension::Acknowledgment; 12]);
        for (i, c) in big.cues.iter_mut().enumerate() {
            c.weight = i as f32;
            c.start = 2 * i;
            c.end = 2 * i + 2;
        }
        let cues = compact_cues(&big);
        assert_eq!(cues.len(), MAX_CUES);
        let lightest_kept = (12 - MAX_CUES) as f32;
        assert!(cues.iter().all(|c| c.weight >= lightest_kept));
        assert!(cues.windows(2).all(|w| w[0].start < w[1].start));
        let turn = Turn {
            answer: "0123456789abcdefghijklmnopqrstuvwxyz".into(),
            score: 70,
            level: Level::Empathetic,
            effect: Effect::Helped,
            cues,
            prospect_reply: String::new(),
            at: 0,
            override_score: Some(90),
            override_comment: None,
        };
        assert_eq!(turn.quote(&turn.cues[0]), Some("cd"));
        assert_eq!(turn.effective_score(), 90);
    }
}
