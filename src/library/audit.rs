//! The audit trail of a library: who changed which objection, how and when,
//! so a coach can see where a counter-argument or an edit came from.

use serde::{Deserialize, Serialize};

/// What was done to an objection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    /// Loaded from the built-in library, or copied from it into a new guild.
    Seeded,
    /// Created by a coach.
    Added,
    /// Fields changed by a coach.
    Edited,
    /// Deleted.
    Removed,
    /// Created or replaced by a file import.
    Imported,
    /// A counter-argument was proposed.
    CounterAdded,
    /// A counter-argument was approved.
    CounterApproved,
    /// A counter-argument was deleted.
    CounterRemoved,
    /// A counter-argument received a vote.
    CounterVoted,
}

impl ChangeAction {
    /// The snake_case name, as stored and printed.
    pub fn name(self) -> &'static str {
        match self {
            ChangeAction::Seeded => "seeded",
            ChangeAction::Added => "added",
            ChangeAction::Edited => "edited",
            ChangeAction::Removed => "removed",
            ChangeAction::Imported => "imported",
            ChangeAction::CounterAdded => "counter_added",
            ChangeAction::CounterApproved => "counter_approved",
            ChangeAction::CounterRemoved => "counter_removed",
            ChangeAction::CounterVoted => "counter_voted",
        }
    }
}

/// One audit entry: a change to one objection of one guild.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryChange {
    /// The guild whose library changed (0 for the built-in and local one).
    pub guild: u64,
    /// The objection changed.
    pub objection_id: String,
    /// What was done.
    pub action: ChangeAction,
    /// The counter-argument concerned, for counter actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter_id: Option<String>,
    /// Who did it (a name, or a Discord user id).
    pub actor: String,
    /// When, in Unix milliseconds.
    pub at_ms: u64,
}
