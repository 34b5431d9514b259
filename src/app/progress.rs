//! Progress: a trainee's history and statistics, the cohort's leaderboard,
//! and a coach's override of a turn's score (the original is kept).

use super::{App, AppError};
use crate::practice::{leaderboard_by, trainee_stats, LeaderRow, Ranking, TraineeStats};
use crate::prospect::Debate;

/// The cohort ranked both ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaderboard {
    /// Ranked by improvement (best minus first score), then average.
    pub by_improvement: Vec<LeaderRow>,
    /// Ranked by average score, then improvement.
    pub by_average: Vec<LeaderRow>,
}

impl App {
    /// Debates of `trainee` (or everyone's when `None`) in `guild`, oldest first.
    pub fn history(&self, guild: u64, trainee: Option<&str>) -> Result<Vec<Debate>, AppError> {
        Ok(match trainee {
            Some(t) => self.store().debates_of(guild, t)?,
            None => self.store().debates_in(guild)?,
        })
    }

    /// `trainee`'s statistics in `guild`.
    pub fn stats(&self, guild: u64, trainee: &str) -> Result<TraineeStats, AppError> {
        Ok(trainee_stats(
            &self.store().debates_of(guild, trainee)?,
            trainee,
        ))
    }

    /// The leaderboard of `guild` over debates started at or after `since`.
    pub fn leaderboard(&self, guild: u64, since: Option<u64>) -> Result<Leaderboard, AppError> {
        let debates = self.store().debates_in(guild)?;
        Ok(Leaderboard {
            by_improvement: leaderboard_by(&debates, since, Ranking::Improvement),
            by_average: leaderboard_by(&debates, since, Ranking::Average),
        })
    }

    /// A coach's score for turn `index` (0-based) of a debate, with a
    /// comment; stats and leaderboards use it, the scorer's is kept.
    pub fn override_turn(
        &self,
        guild: u64,
        debate_id: &str,
        index: usize,
        score: u8,
        comment: Option<String>,
    ) -> Result<Debate, AppError> {
        let _guard = self.lock_debate(guild, debate_id);
        let mut debate = self.debate(guild, debate_id)?;
        debate.override_turn(index, score, comment)?;
        self.store().save_debate(&debate)?;
        Ok(debate)
    }
}
