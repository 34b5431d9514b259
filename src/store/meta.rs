//! Markers in the `meta` tree that make one-time work idempotent: loading the
//! built-in library into guild 0, and copying guild 0 into a new guild.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use sled::transaction::ConflictableTransactionError;

use super::codec::{decode, encode, Record};
use super::keys::guild_key;
use super::objections::{entry, read_u64, revision_key, LibraryTx, TxResult};
use super::{SledResultExt, Store, StoreError};
use crate::library::{ChangeAction, Objection};
use crate::time::now_ms;

/// The actor recorded for changes the dojo makes by itself.
const SYSTEM_ACTOR: &str = "dojo";

/// Which built-in objections guild 0 has already been offered, so that a
/// coach's deletions and edits survive restarts and upgrades.
#[derive(Debug, Default, Serialize, Deserialize)]
struct SeedState {
    fingerprint: u64,
    offered: BTreeSet<String>,
}

impl Record for SeedState {
    const COLLECTION: &'static str = "meta";
    const VERSION: u8 = 1;
}

/// When a guild got its copy of guild 0.
#[derive(Debug, Serialize, Deserialize)]
struct GuildInit {
    at_ms: u64,
    copied: usize,
}

impl Record for GuildInit {
    const COLLECTION: &'static str = "meta";
    const VERSION: u8 = 1;
}

/// What loading the built-in library did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SeedOutcome {
    /// Built-in objections written into guild 0.
    pub added: usize,
    /// Built-in objections left alone: offered before, or an id in use.
    pub kept: usize,
}

fn seed_key() -> Vec<u8> {
    guild_key(0, &[b"builtin_seed"])
}

fn init_key(guild: u64) -> Vec<u8> {
    guild_key(guild, &[b"initialized"])
}

/// Why a guild copy stopped.
enum CopyAbort {
    Store(StoreError),
    /// Guild 0 changed while we read it: start over.
    Stale,
}

impl From<StoreError> for CopyAbort {
    fn from(err: StoreError) -> Self {
        CopyAbort::Store(err)
    }
}

impl Store {
    /// The fingerprint of the seed library last loaded into guild 0.
    pub fn seed_fingerprint(&self) -> Result<Option<u64>, StoreError> {
        let key = seed_key();
        match self.meta.get(&key).db()? {
            Some(bytes) => Ok(Some(decode::<SeedState>(&key, &bytes)?.fingerprint)),
            None => Ok(None),
        }
    }

    /// Loads the built-in library into guild 0, idempotently: an objection
    /// is written only the first time its id is offered and only if guild 0
    /// has no objection with that id, so re-seeding never duplicates, never
    /// overwrites a coach's edit and never resurrects a deletion. One
    /// transaction, flushed.
    pub fn seed_builtin(
        &self,
        objections: &[Objection],
        fingerprint: u64,
    ) -> Result<SeedOutcome, StoreError> {
        let outcome = self.library_tx(|tx| {
            let key = seed_key();
            let mut state: SeedState = match tx.meta.get(&key)? {
                Some(bytes) => decode(&key, &bytes).map_err(ConflictableTransactionError::Abort)?,
                None => SeedState::default(),
            };
            let mut outcome = SeedOutcome::default();
            for obj in objections {
                if state.offered.contains(&obj.id) || tx.get(0, &obj.id)?.is_some() {
                    outcome.kept += 1;
                } else {
                    let record = entry(0, &obj.id, ChangeAction::Seeded, None, SYSTEM_ACTOR);
                    tx.put(0, &obj.id, None, Some(obj), &record)?;
                    outcome.added += 1;
                }
                state.offered.insert(obj.id.clone());
            }
            state.fingerprint = fingerprint;
            let bytes = encode(&state).map_err(ConflictableTransactionError::Abort)?;
            tx.meta.insert(key, bytes)?;
            if outcome.added > 0 {
                tx.bump_revision::<StoreError>(0)?;
            }
            Ok(outcome)
        })?;
        self.flush()?;
        Ok(outcome)
    }

    /// Gives `guild` its own copy of guild 0's library the first time it is
    /// used (one transaction, flushed); later calls do nothing. Returns
    /// whether this call made the copy. Guild 0 itself needs no copy.
    pub fn ensure_guild(&self, guild: u64) -> Result<bool, StoreError> {
        if guild == 0 || self.meta.get(init_key(guild)).db()?.is_some() {
            return Ok(false);
        }
        loop {
            let revision = self.library_revision(0)?;
            let source = self.objections(0)?;
            let outcome = self.library_tx(|tx| {
                if read_u64(tx.meta.get(revision_key(0))?.as_deref()) != revision {
                    return Err(ConflictableTransactionError::Abort(CopyAbort::Stale));
                }
                copy_in(tx, guild, &source)
            });
            match outcome {
                Ok(copied) => {
                    self.flush()?;
                    return Ok(copied);
                }
                Err(CopyAbort::Stale) => continue,
                Err(CopyAbort::Store(err)) => return Err(err),
            }
        }
    }
}

fn copy_in(tx: &LibraryTx<'_>, guild: u64, source: &[Objection]) -> TxResult<bool, CopyAbort> {
    let key = init_key(guild);
    if tx.meta.get(&key)?.is_some() {
        return Ok(false);
    }
    let mut copied = 0;
    for obj in source {
        if tx.get(guild, &obj.id)?.is_none() {
            let record = entry(guild, &obj.id, ChangeAction::Seeded, None, SYSTEM_ACTOR);
            tx.put(guild, &obj.id, None, Some(obj), &record)?;
            copied += 1;
        }
    }
    let init = GuildInit {
        at_ms: now_ms(),
        copied,
    };
    let bytes = encode(&init).map_err(|e| ConflictableTransactionError::Abort(e.into()))?;
    tx.meta.insert(key, bytes)?;
    tx.bump_revision(guild)?;
    Ok(true)
}
