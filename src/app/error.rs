//! The app's error: what a front end shows the user as is, and what it logs
//! as an internal fault and answers generically.

use crate::app::library::LibraryError;
use crate::lang::Lang;
use crate::prospect::{DataError, DebateError};
use crate::scoring::ScoringError;
use crate::store::StoreError;

/// A use case that failed.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The library has no objection in that language.
    #[error("the library has no objection in {0} yet: ask a coach to add one")]
    NoObjection(Lang),
    /// No debate with that id here.
    #[error("there is no debate {0} here: start one with /spar or `dojo practice`")]
    NoDebate(String),
    /// Someone answered another trainee's debate.
    #[error("this debate belongs to another trainee: start your own")]
    NotYourDebate,
    /// The answer is blank.
    #[error("the answer is empty: write what you would say to the prospect")]
    EmptyAnswer,
    /// The answer is longer than the scorer accepts.
    #[error(
        "the answer is too long: keep it to what you would say out loud (at most {max} characters)"
    )]
    AnswerTooLong {
        /// The limit.
        max: usize,
    },
    /// A setting outside what is allowed.
    #[error("{0}")]
    BadSetting(String),
    /// The debate refused the request (ended, bad turn, ...).
    #[error(transparent)]
    Debate(#[from] DebateError),
    /// An assignment request was refused.
    #[error(transparent)]
    Assign(#[from] crate::app::assign::AssignError),
    /// A library operation failed.
    #[error(transparent)]
    Library(#[from] LibraryError),
    /// The scorer's data files are broken.
    #[error(transparent)]
    Scoring(#[from] ScoringError),
    /// The prospect's data files are broken.
    #[error(transparent)]
    ProspectData(#[from] DataError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppError {
    /// Whether the person asking can act on the message (bad input, unknown
    /// id, a debate that ended); otherwise it is an internal fault to log.
    pub fn is_user_error(&self) -> bool {
        match self {
            AppError::Library(e) => e.is_user_error(),
            AppError::Store(StoreError::Locked(_)) => true,
            AppError::Scoring(_) | AppError::ProspectData(_) | AppError::Store(_) => false,
            _ => true,
        }
    }
}
