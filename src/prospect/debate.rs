//! The debate's state machine: each scored answer moves the prospect's
//! resistance and patience, the prospect replies, and the debate ends when
//! they agree to a meeting, hang up, or the trainee leaves.
//!
//! Tuning (with the built-in temperaments, see `data/prospect/personas.toml`):
//! only answers with substance ([`Effect::Helped`]) lower resistance, and a
//! win needs [`MIN_GOOD_TURNS`] of them, so polite but hollow answers can
//! never win; six empathetic answers win before the sixth turn, six
//! dismissive ones lose by the third.

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::data::{fill, pick_line};
use super::lines::Lines;
use super::persona::{Persona, Personas};
use super::reply::next_pushback;
use super::text::{jaccard, word_set};
use super::turn::{classify, compact_cues, Effect, Turn};
use crate::lang::Lang;
use crate::library::Objection;
use crate::scoring::{Dimension, Level, ScoreCard};

/// Turns per debate unless the cohort configures another number.
pub const DEFAULT_MAX_TURNS: u8 = 6;
/// Longest answer accepted, in bytes (a Discord message is at most 2,000 characters).
pub const MAX_ANSWER_BYTES: usize = 4000;
/// The prospect agrees to a meeting once resistance is this low...
pub const WIN_RESISTANCE: u8 = 25;
/// ...and at least this many answers had substance (fewer if the debate is shorter).
pub const MIN_GOOD_TURNS: u8 = 3;
/// At the turn limit, a resistance this low still wins (with enough good turns).
pub const LIMIT_WIN_RESISTANCE: u8 = 40;
/// Escalation to a harder objection happens after this many helpful turns in a row.
pub const ESCALATE_AFTER: usize = 2;
/// How much a new, harder objection raises resistance.
const ESCALATION_BUMP: u8 = 10;
/// Turn slots reserved at the start, at most (longer debates grow as needed).
const RESERVED_TURNS: u8 = 12;
/// Answers sharing this share of their words with an earlier one are repeats.
const REPEAT_SIMILARITY: f32 = 0.8;

/// How a debate ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The prospect agreed to a next step.
    Won,
    /// The prospect hung up.
    Lost,
    /// The trainee ended or left the debate.
    Abandoned,
}

impl Outcome {
    /// The outcome as a trainee reads it in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Outcome::Won) => "won",
            (Lang::En, Outcome::Lost) => "lost",
            (Lang::En, Outcome::Abandoned) => "abandoned",
            (Lang::Fr, Outcome::Won) => "gagné",
            (Lang::Fr, Outcome::Lost) => "perdu",
            (Lang::Fr, Outcome::Abandoned) => "abandonné",
        }
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

/// Where the prospect stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebateState {
    /// 0 to 100: how far the prospect is from agreeing to a meeting.
    pub resistance: u8,
    /// Weak answers left before the prospect hangs up.
    pub patience: u8,
    /// The harder objection the prospect moved to, if any.
    pub escalated_to: Option<String>,
}

/// Who starts a debate, and how long it may last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDebate {
    /// The debate's id, chosen by the caller (unique within the guild).
    pub id: String,
    /// The Discord guild (0 for the terminal).
    pub guild: u64,
    /// The trainee (a Discord user id, or a name in the terminal).
    pub trainee: String,
    /// Answers before the prospect decides (at least 1).
    pub max_turns: u8,
}

impl NewDebate {
    /// A debate of [`DEFAULT_MAX_TURNS`] turns.
    pub fn new(id: impl Into<String>, guild: u64, trainee: impl Into<String>) -> NewDebate {
        NewDebate {
            id: id.into(),
            guild,
            trainee: trainee.into(),
            max_turns: DEFAULT_MAX_TURNS,
        }
    }
}

/// What the prospect needs to reply to an answer.
#[derive(Debug, Clone, Copy)]
pub struct TurnContext<'a> {
    /// The objection being debated now: the one [`Debate::current_objection_id`] names.
    pub objection: &'a Objection,
    /// A harder related objection (from [`super::pick_escalation`]); used only
    /// if the debate escalates on this turn.
    pub escalation: Option<&'a Objection>,
    /// Stock lines for closings, bridges and fallbacks.
    pub lines: &'a Lines,
}

/// How the prospect took the answer, for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mood {
    /// Resistance dropped.
    Warming,
    /// Nothing moved but patience.
    Unmoved,
    /// Resistance rose.
    Irritated,
}

/// The result of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnOutcome {
    /// What the prospect says now.
    pub reply: String,
    /// Set when this answer ended the debate.
    pub outcome: Option<Outcome>,
    /// What the answer did.
    pub effect: Effect,
    /// How the prospect took it.
    pub mood: Mood,
    /// Resistance after the answer, 0 to 100.
    pub resistance: u8,
    /// Change in resistance (negative: the prospect softened).
    pub resistance_delta: i16,
    /// Patience left.
    pub patience: u8,
    /// Set when the prospect just moved to this harder objection.
    pub escalated_to: Option<String>,
}

/// A request the debate cannot honour.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DebateError {
    /// The debate already ended.
    #[error("this debate is over (it was {0}): start a new one")]
    Ended(Outcome),
    /// The answer is blank.
    #[error("the answer is empty: write what you would say to the prospect")]
    EmptyAnswer,
    /// The answer is longer than [`MAX_ANSWER_BYTES`].
    #[error("the answer is too long ({len} bytes, at most {max}): keep it to what you would say")]
    AnswerTooLong {
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// The caller passed another objection than the one being debated.
    #[error("this debate is about objection `{expected}`, not `{got}`")]
    WrongObjection {
        /// The current objection.
        expected: String,
        /// The one passed.
        got: String,
    },
    /// The escalation candidate is in another language or is the current objection.
    #[error("objection `{0}` cannot be an escalation for this debate")]
    BadEscalation(String),
    /// A turn index past the end.
    #[error("there is no turn {index} (the debate has {turns})")]
    NoSuchTurn {
        /// The index asked for (0-based).
        index: usize,
        /// How many turns there are.
        turns: usize,
    },
    /// A score override above 100.
    #[error("a score must be 0 to 100, got {0}")]
    BadScore(u8),
    /// A final card was asked for a debate still going.
    #[error("the debate is still going: end it first")]
    NotEnded,
}

/// One sparring session between a trainee and the prospect; persisted as
/// one record. Change it only through its methods, which keep it consistent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Debate {
    /// Chosen by the caller.
    pub id: String,
    /// The Discord guild (0 for the terminal).
    pub guild: u64,
    /// The trainee.
    pub trainee: String,
    /// The objection the debate opened with.
    pub objection_id: String,
    /// The debate's language (the objection's).
    pub lang: Lang,
    /// The prospect.
    pub persona: Persona,
    /// The prospect's first line: an intro and the objection.
    pub opening: String,
    /// Where the prospect stands.
    pub state: DebateState,
    /// Every answer so far, with the prospect's replies.
    pub turns: Vec<Turn>,
    /// Set once the debate has ended.
    pub outcome: Option<Outcome>,
    /// Answers before the prospect decides.
    pub max_turns: u8,
    /// Unix ms.
    pub started_at: u64,
    /// Unix ms, once ended.
    pub ended_at: Option<u64>,
}

impl Debate {
    /// Opens a debate on `objection` with a persona drawn from `personas`.
    pub fn start(
        new: NewDebate,
        objection: &Objection,
        personas: &Personas,
        now: u64,
        rng: &mut impl Rng,
    ) -> Debate {
        let persona = personas.pick(objection.lang, objection.difficulty, rng);
        let start = personas.disposition(persona.temperament);
        let intro = personas.intro(&persona, objection.lang, rng);
        Debate {
            id: new.id,
            guild: new.guild,
            trainee: new.trainee,
            objection_id: objection.id.clone(),
            lang: objection.lang,
            opening: format!("{intro} {}", objection.text),
            persona,
            state: DebateState {
                resistance: start.resistance,
                patience: start.patience,
                escalated_to: None,
            },
            // Reserved once: growing by doubling would waste a quarter of it.
            turns: Vec::with_capacity(usize::from(new.max_turns.clamp(1, RESERVED_TURNS))),
            outcome: None,
            max_turns: new.max_turns.max(1),
            started_at: now,
            ended_at: None,
        }
    }

    /// The objection being debated now (the escalated one, if any).
    pub fn current_objection_id(&self) -> &str {
        self.state
            .escalated_to
            .as_deref()
            .unwrap_or(&self.objection_id)
    }

    /// Whether the debate has ended.
    pub fn is_over(&self) -> bool {
        self.outcome.is_some()
    }

    /// How many answers had substance.
    pub fn good_turns(&self) -> u8 {
        let n = self
            .turns
            .iter()
            .filter(|t| t.effect == Effect::Helped)
            .count();
        u8::try_from(n).unwrap_or(u8::MAX)
    }

    /// The mean effective score of the turns (`None` before the first answer).
    pub fn average_score(&self) -> Option<f32> {
        let n = self.turns.len();
        let sum: u32 = self
            .turns
            .iter()
            .map(|t| u32::from(t.effective_score()))
            .sum();
        (n > 0).then(|| sum as f32 / n as f32)
    }

    /// The best effective score of the turns.
    pub fn best_score(&self) -> Option<u8> {
        self.turns.iter().map(Turn::effective_score).max()
    }

    /// Takes the trainee's `answer`, scored as `card` by the caller, and
    /// returns the prospect's reply and whether the debate ended.
    pub fn answer(
        &mut self,
        answer: &str,
        card: &ScoreCard,
        ctx: TurnContext<'_>,
        now: u64,
        rng: &mut impl Rng,
    ) -> Result<TurnOutcome, DebateError> {
        self.check(answer, &ctx)?;
        let effect = classify(card, self.repeats(answer));
        let before = self.state.resistance;
        self.apply(effect, card);
        let good = self
            .good_turns()
            .saturating_add(u8::from(effect == Effect::Helped));
        let (reply, outcome, escalated_to) = self.respond(effect, good, &ctx, rng);
        self.turns.push(Turn {
            answer: answer.to_string(),
            score: card.score,
            level: card.level,
            effect,
            cues: compact_cues(card),
            prospect_reply: reply.clone(),
            at: now,
            override_score: None,
            override_comment: None,
        });
        if let Some(outcome) = outcome {
            self.end(outcome, now);
        }
        Ok(TurnOutcome {
            reply,
            outcome,
            effect,
            mood: match effect {
                Effect::Helped => Mood::Warming,
                Effect::Hurt => Mood::Irritated,
                Effect::Neutral | Effect::Repeated => Mood::Unmoved,
            },
            resistance: self.state.resistance,
            resistance_delta: i16::from(self.state.resistance) - i16::from(before),
            patience: self.state.patience,
            escalated_to,
        })
    }

    /// Ends the debate at the trainee's request.
    pub fn abandon(&mut self, now: u64) -> Result<(), DebateError> {
        if let Some(outcome) = self.outcome {
            return Err(DebateError::Ended(outcome));
        }
        self.end(Outcome::Abandoned, now);
        Ok(())
    }

    /// Records a coach's corrected score for turn `index` (0-based); every
    /// statistic then uses it.
    pub fn override_turn(
        &mut self,
        index: usize,
        score: u8,
        comment: Option<String>,
    ) -> Result<(), DebateError> {
        if score > 100 {
            return Err(DebateError::BadScore(score));
        }
        let turns = self.turns.len();
        let turn = self
            .turns
            .get_mut(index)
            .ok_or(DebateError::NoSuchTurn { index, turns })?;
        turn.override_score = Some(score);
        turn.override_comment = comment;
        Ok(())
    }

    fn end(&mut self, outcome: Outcome, now: u64) {
        self.outcome = Some(outcome);
        self.ended_at = Some(now);
    }

    fn check(&self, answer: &str, ctx: &TurnContext<'_>) -> Result<(), DebateError> {
        if let Some(outcome) = self.outcome {
            return Err(DebateError::Ended(outcome));
        }
        if answer.trim().is_empty() {
            return Err(DebateError::EmptyAnswer);
        }
        if answer.len() > MAX_ANSWER_BYTES {
            let (len, max) = (answer.len(), MAX_ANSWER_BYTES);
            return Err(DebateError::AnswerTooLong { len, max });
        }
        let current = self.current_objection_id();
        if ctx.objection.id != current {
            return Err(DebateError::WrongObjection {
                expected: current.to_string(),
                got: ctx.objection.id.clone(),
            });
        }
        match ctx.escalation {
            Some(e) if e.lang != self.lang || e.id == current || e.id == self.objection_id => {
                Err(DebateError::BadEscalation(e.id.clone()))
            }
            _ => Ok(()),
        }
    }

    /// Whether `answer` says again what an earlier answer said.
    fn repeats(&self, answer: &str) -> bool {
        let words = word_set(answer, self.lang);
        self.turns.iter().any(|t| {
            let earlier = word_set(&t.answer, self.lang);
            if words.is_empty() && earlier.is_empty() {
                t.answer.trim().eq_ignore_ascii_case(answer.trim())
            } else {
                jaccard(&words, &earlier) >= REPEAT_SIMILARITY
            }
        })
    }

    /// Moves resistance and patience. Only substance lowers resistance;
    /// hollow answers and repeats cost patience, hurtful ones cost both.
    fn apply(&mut self, effect: Effect, card: &ScoreCard) {
        let fired = |d: Dimension| card.cues.iter().any(|c| c.dimension == d && c.weight < 0.0);
        let defensive = fired(Dimension::Defensiveness);
        let attacked = card.level == Level::Dismissive || fired(Dimension::Dismissal);
        let (resistance, patience): (i16, u8) = match effect {
            Effect::Helped if defensive => (-8, 0),
            Effect::Helped if card.level == Level::Masterful => (-22, 0),
            Effect::Helped => (-15, 0),
            Effect::Neutral | Effect::Repeated => (0, 1),
            Effect::Hurt if attacked => (20, 2),
            Effect::Hurt => (10, 1),
        };
        let moved = (i16::from(self.state.resistance) + resistance).clamp(0, 100);
        self.state.resistance = u8::try_from(moved).unwrap_or(100);
        self.state.patience = self.state.patience.saturating_sub(patience);
    }

    /// The prospect's reply, the outcome if the debate ends, and the
    /// objection escalated to if it escalates.
    fn respond(
        &mut self,
        effect: Effect,
        good: u8,
        ctx: &TurnContext<'_>,
        rng: &mut impl Rng,
    ) -> (String, Option<Outcome>, Option<String>) {
        let stock = &ctx.lines.get(self.lang).prospect;
        let needed = MIN_GOOD_TURNS.min(self.max_turns);
        let turn_no = self.turns.len() + 1;
        let close = |won: bool, rng: &mut _| {
            let (pool, outcome) = if won {
                (&stock.won, Outcome::Won)
            } else {
                (&stock.lost, Outcome::Lost)
            };
            (pick_line(pool, rng), Some(outcome), None)
        };
        if self.state.patience == 0 {
            return close(false, rng);
        }
        if self.state.resistance <= WIN_RESISTANCE && good >= needed {
            return close(true, rng);
        }
        let by_state = self.state.resistance <= LIMIT_WIN_RESISTANCE && good >= needed;
        if turn_no >= usize::from(self.max_turns) {
            return close(by_state, rng);
        }
        if let Some(target) = self.escalation(effect, turn_no, ctx.escalation) {
            let bridge = fill(
                &pick_line(&stock.bridges, rng),
                &[("objection", &target.text)],
            );
            self.state.escalated_to = Some(target.id.clone());
            self.state.resistance = self
                .state
                .resistance
                .saturating_add(ESCALATION_BUMP)
                .min(100);
            return (bridge, None, Some(target.id.clone()));
        }
        let said = |line: &str| self.turns.iter().any(|t| t.prospect_reply == line);
        let resistance = self.state.resistance;
        match next_pushback(ctx.objection, stock, effect, resistance, said, rng) {
            Some(line) => (line, None, None),
            // Nothing new left to say: the prospect decides now.
            None => close(by_state, rng),
        }
    }

    /// The objection to escalate to, when the trainee did well from the start.
    fn escalation<'a>(
        &self,
        effect: Effect,
        turn_no: usize,
        candidate: Option<&'a Objection>,
    ) -> Option<&'a Objection> {
        // Only ever at turn ESCALATE_AFTER, so at most once per debate.
        let strong_start = effect == Effect::Helped
            && turn_no == ESCALATE_AFTER
            && self.turns.iter().all(|t| t.effect == Effect::Helped);
        candidate.filter(|_| strong_start)
    }
}

#[cfg(test)]
#[path = "debate_tests.rs"]
mod tests;
