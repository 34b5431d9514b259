//! The library's domain types: objections a prospect raises, the lines it
//! pushes back with, and the counter-arguments the cohort collects.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// One objection a prospect can raise, with everything a debate needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Objection {
    /// Readable slug, unique within a guild (`linkedin-is-spam`).
    pub id: String,
    /// The language of the text, pushbacks and counters.
    pub lang: Lang,
    /// What the prospect says to open the debate.
    pub text: String,
    /// Free tags for filtering (`linkedin`, `price`, ...).
    #[serde(default)]
    pub tags: Vec<String>,
    /// 1 (easy) to 3 (hard): sets the persona's temperament.
    pub difficulty: u8,
    /// What the prospect is really worried about, as words a good answer engages.
    #[serde(default)]
    pub key_concerns: Vec<String>,
    /// Follow-up lines, softer or harder.
    pub pushbacks: Pushbacks,
    /// Optional example answers per rubric level (1 to 5), for hints and teaching.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub examples: BTreeMap<u8, String>,
    /// Counter-arguments collected for this objection.
    #[serde(default)]
    pub counters: Vec<Counter>,
}

/// The prospect's follow-up lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pushbacks {
    /// Said after an answer that helped: the prospect warms up but tests further.
    pub soft: Vec<String>,
    /// Said after an answer that hurt: the prospect digs in.
    pub hard: Vec<String>,
}

/// Whether a counter-argument is offered to trainees yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CounterStatus {
    /// Proposed, waiting for a coach.
    Draft,
    /// Approved by a coach: suggested in final scorecards.
    Approved,
}

/// Where a counter-argument came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CounterSource {
    /// Shipped with the dojo in `data/`.
    Builtin,
    /// Written by a coach.
    Coach,
    /// A trainee's answer promoted into the library.
    Trainee,
}

/// A model answer to an objection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    /// Unique within its objection.
    pub id: String,
    /// The answer itself.
    pub text: String,
    /// Who wrote it (a name, or a Discord user mention id).
    pub author: String,
    /// Draft or approved.
    pub status: CounterStatus,
    /// Upvotes from trainees.
    #[serde(default)]
    pub votes: u32,
    /// Where it came from.
    #[serde(default = "default_source")]
    pub source: CounterSource,
    /// Unix time in milliseconds.
    #[serde(default)]
    pub created_at: u64,
    /// Who upvoted it (Discord user ids), so each member votes once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub voters: Vec<String>,
    /// The scorer's (or a coach's) score of the answer when it was promoted
    /// from a debate, 0 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
}

fn default_source() -> CounterSource {
    CounterSource::Coach
}

impl Objection {
    /// The approved counter-arguments, in library order.
    pub fn approved_counters(&self) -> impl Iterator<Item = &Counter> {
        self.counters
            .iter()
            .filter(|c| c.status == CounterStatus::Approved)
    }
}
