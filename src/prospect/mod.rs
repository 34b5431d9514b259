//! The skeptical prospect: who they are, how each answer moves them, what
//! they say next, and the verdict at the end of a debate. Pure and
//! deterministic: time comes in as Unix ms, randomness as a seeded RNG.

mod data;
mod debate;
mod hint;
mod lines;
mod persona;
mod reply;
#[cfg(test)]
pub(crate) mod testkit;
mod text;
mod turn;
pub mod verdict;

pub use data::DataError;
pub use debate::{
    Debate, DebateError, DebateState, Mood, NewDebate, Outcome, TurnContext, TurnOutcome,
    DEFAULT_MAX_TURNS, ESCALATE_AFTER, LIMIT_WIN_RESISTANCE, MAX_ANSWER_BYTES, MIN_GOOD_TURNS,
    WIN_RESISTANCE,
};
pub use lines::Lines;
pub use persona::{Disposition, Persona, Personas, Temperament};
pub use reply::pick_escalation;
pub use turn::{Effect, Turn, TurnCue, SHALLOW_CUES};
pub use verdict::FinalCard;
