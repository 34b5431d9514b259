//! Sparring: start a debate, answer it turn by turn, ask for a hint, end it.
//! Every turn is scored, applied to the debate and flushed to disk before it
//! is returned, so what a trainee is shown is never lost.

use super::library::LibraryError;
use super::{App, AppError};
use crate::lang::Lang;
use crate::library::Objection;
use crate::practice::{next_objection, DebateSummary};
use crate::prospect::{
    pick_escalation, Debate, FinalCard, NewDebate, TurnContext, TurnOutcome, MAX_ANSWER_BYTES,
};
use crate::scoring::{ScoreCard, ScoreRequest};
use crate::time::now_ms;

/// What to spar on.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    /// The debate's id (a Discord thread id); generated when `None`.
    pub debate_id: Option<String>,
    /// A given objection; else spaced repetition picks one.
    pub objection: Option<String>,
    /// The language when no objection is given (default: the guild's).
    pub lang: Option<Lang>,
    /// Turns before the prospect decides (default: the guild's).
    pub turns: Option<u8>,
}

/// A debate just opened.
#[derive(Debug, Clone)]
pub struct Started {
    /// The debate, already stored.
    pub debate: Debate,
    /// The objection it opens with.
    pub objection: Objection,
}

/// One answered turn.
#[derive(Debug, Clone)]
pub struct Answered {
    /// How the answer scored.
    pub card: ScoreCard,
    /// How the prospect took it and what they say next.
    pub turn: TurnOutcome,
    /// The debate after the turn, already stored.
    pub debate: Debate,
    /// The verdict, when this turn ended the debate.
    pub verdict: Option<FinalCard>,
}

impl App {
    /// Opens a debate for `trainee` in `guild` and stores it.
    pub fn start_debate(
        &self,
        guild: u64,
        trainee: &str,
        options: StartOptions,
    ) -> Result<Started, AppError> {
        let now = now_ms();
        let debate_id = match options.debate_id {
            Some(id) => id,
            None => self.new_debate_id(guild)?,
        };
        let mut rng = self.rng_for(&debate_id, 0);
        let library = self.library(guild)?;
        let objection = match options.objection {
            Some(id) => find(&library, &id)?.clone(),
            None => {
                let lang = match options.lang {
                    Some(lang) => lang,
                    None => self.guild_lang(guild)?,
                };
                let history: Vec<DebateSummary> = self
                    .store()
                    .debates_of(guild, trainee)?
                    .iter()
                    .map(DebateSummary::from)
                    .collect();
                next_objection(&library, &history, lang, now, &mut rng)
                    .cloned()
                    .ok_or(AppError::NoObjection(lang))?
            }
        };
        let new = NewDebate {
            max_turns: match options.turns {
                Some(turns) => turns,
                None => self.guild_turns(guild)?,
            },
            ..NewDebate::new(debate_id, guild, trainee)
        };
        let debate = Debate::start(new, &objection, &self.personas, now, &mut rng);
        self.store().save_debate(&debate)?;
        Ok(Started { debate, objection })
    }

    /// Scores `answer`, moves the debate on, stores it, and returns what to
    /// show. Only the debate's own trainee may answer it.
    pub fn answer(
        &self,
        guild: u64,
        debate_id: &str,
        trainee: &str,
        answer: &str,
    ) -> Result<Answered, AppError> {
        check_answer(answer)?;
        let _guard = self.lock_debate(guild, debate_id);
        let mut debate = self.owned_debate(guild, debate_id, trainee)?;
        let library = self.library(guild)?;
        let objection = find(&library, debate.current_objection_id())?;
        let card = self.scorer().score(&ScoreRequest {
            answer,
            objection: Some(&objection.text),
            key_concerns: &objection.key_concerns,
            lang: Some(debate.lang),
        });
        let mut rng = self.rng_for(debate_id, debate.turns.len() + 1);
        // A debate escalates at most once.
        let escalation = match debate.state.escalated_to {
            None => pick_escalation(objection, &library, &mut rng),
            Some(_) => None,
        };
        let ctx = TurnContext {
            objection,
            escalation,
            lines: self.lines(),
        };
        let turn = debate.answer(answer, &card, ctx, now_ms(), &mut rng)?;
        self.store().save_debate(&debate)?;
        let verdict = match turn.outcome {
            Some(_) => Some(self.verdict(guild, &debate)?),
            None => None,
        };
        Ok(Answered {
            card,
            turn,
            debate,
            verdict,
        })
    }

    /// Ends `trainee`'s debate early (recorded as abandoned) and returns the verdict.
    pub fn end_debate(
        &self,
        guild: u64,
        debate_id: &str,
        trainee: &str,
    ) -> Result<FinalCard, AppError> {
        let _guard = self.lock_debate(guild, debate_id);
        let mut debate = self.owned_debate(guild, debate_id, trainee)?;
        debate.abandon(now_ms())?;
        self.store().save_debate(&debate)?;
        self.verdict(guild, &debate)
    }

    /// A coaching hint for the debate's current objection.
    pub fn hint(&self, guild: u64, debate_id: &str, trainee: &str) -> Result<String, AppError> {
        let debate = self.owned_debate(guild, debate_id, trainee)?;
        let library = self.library(guild)?;
        Ok(debate.hint(find(&library, debate.current_objection_id())?, self.lines()))
    }

    /// The debate `debate_id` of `guild`.
    pub fn debate(&self, guild: u64, debate_id: &str) -> Result<Debate, AppError> {
        self.store()
            .debate(guild, debate_id)?
            .ok_or_else(|| AppError::NoDebate(debate_id.to_string()))
    }

    /// The verdict on an ended debate, with the library's closest counters.
    pub fn verdict(&self, guild: u64, debate: &Debate) -> Result<FinalCard, AppError> {
        let library = self.library(guild)?;
        Ok(FinalCard::from_debate(debate, &library, self.lines())?)
    }

    fn owned_debate(&self, guild: u64, debate_id: &str, trainee: &str) -> Result<Debate, AppError> {
        let debate = self.debate(guild, debate_id)?;
        if debate.trainee != trainee {
            return Err(AppError::NotYourDebate);
        }
        Ok(debate)
    }

    /// Scores one answer outside any debate (`/score`, `dojo score`).
    pub fn score(
        &self,
        answer: &str,
        objection: Option<&str>,
        lang: Option<Lang>,
    ) -> Result<ScoreCard, AppError> {
        check_answer(answer)?;
        Ok(self.scorer().score(&ScoreRequest {
            answer,
            objection,
            key_concerns: &[],
            lang,
        }))
    }
}

/// The objection `id` of a guild's library.
fn find<'a>(library: &'a [Objection], id: &str) -> Result<&'a Objection, AppError> {
    library
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| LibraryError::NotFound(id.to_string()).into())
}

/// Rejects what no prospect could answer: nothing, or an essay.
fn check_answer(answer: &str) -> Result<(), AppError> {
    // Zero-width and control characters render as nothing: an answer made
    // only of them is as empty as a blank one.
    let invisible = |c: char| {
        c.is_whitespace()
            || c.is_control()
            || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    if answer.chars().all(invisible) {
        return Err(AppError::EmptyAnswer);
    }
    if answer.len() > MAX_ANSWER_BYTES {
        // Bytes, not characters: the limit bounds the work and the record size.
        return Err(AppError::AnswerTooLong {
            max: MAX_ANSWER_BYTES,
        });
    }
    Ok(())
}
