//! Practice over time: which objection a trainee should face next (spaced
//! repetition over their past debates) and how they and their cohort progress.

mod schedule;
mod stats;
mod summary;

pub use schedule::{
    due_at, next_objection, passed, INTERVAL_DAYS, NEW_EVERY, PASS_SCORE, RETRY_AFTER_MS,
};
pub use stats::{
    leaderboard, leaderboard_by, trainee_stats, CueCount, DimensionRate, LeaderRow, Ranking,
    TraineeStats, MISSED_BELOW,
};
pub use summary::DebateSummary;
