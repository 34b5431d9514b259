//! The objection collection: one record per objection (counters inside),
//! a tag index, and an audit entry written in the same transaction as every
//! change, so the library, its index and its history never disagree.

use std::collections::{BTreeSet, HashSet};

use sled::transaction::{ConflictableTransactionError, Transactional, TransactionalTree};

use super::codec::{decode, encode, Record};
use super::keys::{guild_key, guild_key_prefix, guild_prefix, tail};
use super::{tx_error, SledResultExt, Store, StoreError};
use crate::library::{ChangeAction, LibraryChange, Objection};
use crate::time::now_ms;

impl Record for Objection {
    const COLLECTION: &'static str = "objections";
    const VERSION: u8 = 1;
}

impl Record for LibraryChange {
    const COLLECTION: &'static str = "library_history";
    const VERSION: u8 = 1;
}

/// What a change does to one objection, decided by the caller from the
/// objection as it is at that moment.
#[derive(Debug, Clone)]
pub struct Change<T> {
    /// The objection after the change (its id must be the one changed);
    /// `None` removes it.
    pub after: Option<Objection>,
    /// What the audit trail records.
    pub action: ChangeAction,
    /// The counter-argument concerned, for counter actions.
    pub counter_id: Option<String>,
    /// What to hand back to the caller.
    pub value: T,
}

/// How an import treats the objections already in the guild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    /// Add new ids, replace existing ones, keep the others.
    #[default]
    Merge,
    /// The guild's library becomes exactly the imported one.
    Replace,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    /// Objections that did not exist before.
    pub added: usize,
    /// Objections replaced by the file's version.
    pub updated: usize,
    /// Objections deleted (replace mode only).
    pub removed: usize,
}

pub(crate) type TxResult<T, E> = Result<T, ConflictableTransactionError<E>>;

fn abort<E: From<StoreError>>(err: StoreError) -> ConflictableTransactionError<E> {
    ConflictableTransactionError::Abort(E::from(err))
}

/// The trees a library change touches, inside one transaction.
pub(crate) struct LibraryTx<'a> {
    pub(crate) objections: &'a TransactionalTree,
    pub(crate) tags: &'a TransactionalTree,
    pub(crate) history: &'a TransactionalTree,
    pub(crate) meta: &'a TransactionalTree,
}

impl LibraryTx<'_> {
    /// The objection `id` as this transaction sees it.
    pub(crate) fn get<E: From<StoreError>>(
        &self,
        guild: u64,
        id: &str,
    ) -> TxResult<Option<Objection>, E> {
        let key = guild_key(guild, &[id.as_bytes()]);
        match self.objections.get(&key)? {
            Some(bytes) => decode(&key, &bytes).map(Some).map_err(abort),
            None => Ok(None),
        }
    }

    /// Writes (or removes, with `after == None`) one objection, keeps the
    /// tag index in step with `before`, and appends the audit entry.
    pub(crate) fn put<E: From<StoreError>>(
        &self,
        guild: u64,
        id: &str,
        before: Option<&Objection>,
        after: Option<&Objection>,
        entry: &LibraryChange,
    ) -> TxResult<(), E> {
        let key = guild_key(guild, &[id.as_bytes()]);
        match after {
            Some(obj) => {
                self.objections.insert(key, encode(obj).map_err(abort)?)?;
            }
            None => {
                self.objections.remove(key)?;
            }
        }
        let old: BTreeSet<&str> = before.iter().flat_map(|o| tag_set(o)).collect();
        let new: BTreeSet<&str> = after.iter().flat_map(|o| tag_set(o)).collect();
        for tag in old.difference(&new) {
            self.tags
                .remove(guild_key(guild, &[tag.as_bytes(), id.as_bytes()]))?;
        }
        for tag in new.difference(&old) {
            self.tags
                .insert(guild_key(guild, &[tag.as_bytes(), id.as_bytes()]), &[])?;
        }
        self.record(entry)
    }

    /// Appends one audit entry, keyed so one objection's entries are one
    /// prefix scan in time order.
    fn record<E: From<StoreError>>(&self, entry: &LibraryChange) -> TxResult<(), E> {
        let seq = self.history.generate_id()?.to_be_bytes();
        let key = guild_key(entry.guild, &[entry.objection_id.as_bytes(), &seq]);
        self.history.insert(key, encode(entry).map_err(abort)?)?;
        Ok(())
    }

    /// Bumps the guild's library revision, so that any two changes of one
    /// guild conflict and sled serialises them.
    pub(crate) fn bump_revision<E>(&self, guild: u64) -> TxResult<u64, E> {
        let key = revision_key(guild);
        let next = read_u64(self.meta.get(&key)?.as_deref()) + 1;
        self.meta.insert(key, &next.to_be_bytes())?;
        Ok(next)
    }
}

fn tag_set(obj: &Objection) -> impl Iterator<Item = &str> {
    obj.tags.iter().map(String::as_str)
}

pub(crate) fn revision_key(guild: u64) -> Vec<u8> {
    guild_key(guild, &[b"revision"])
}

/// A raw big-endian u64 counter (0 when absent or malformed).
pub(crate) fn read_u64(bytes: Option<&[u8]>) -> u64 {
    bytes
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
        .map_or(0, u64::from_be_bytes)
}

/// An audit entry stamped now.
pub(crate) fn entry(
    guild: u64,
    id: &str,
    action: ChangeAction,
    counter_id: Option<String>,
    actor: &str,
) -> LibraryChange {
    LibraryChange {
        guild,
        objection_id: id.to_string(),
        action,
        counter_id,
        actor: actor.to_string(),
        at_ms: now_ms(),
    }
}

/// Why an import transaction stopped.
enum ImportAbort {
    Store(StoreError),
    /// The library changed between reading its ids and writing: start over.
    Stale,
}

impl From<StoreError> for ImportAbort {
    fn from(err: StoreError) -> Self {
        ImportAbort::Store(err)
    }
}

impl Store {
    /// Runs `f` over the library trees in one sled transaction (retried on
    /// conflict, so `f` must not have side effects).
    pub(crate) fn library_tx<T, E: From<StoreError>>(
        &self,
        f: impl Fn(&LibraryTx<'_>) -> TxResult<T, E>,
    ) -> Result<T, E> {
        (&self.objections, &self.tags, &self.history, &self.meta)
            .transaction(|(objections, tags, history, meta)| {
                f(&LibraryTx {
                    objections,
                    tags,
                    history,
                    meta,
                })
            })
            .map_err(tx_error)
    }

    /// One objection of `guild`.
    pub fn objection(&self, guild: u64, id: &str) -> Result<Option<Objection>, StoreError> {
        let key = guild_key(guild, &[id.as_bytes()]);
        match self.objections.get(&key).db()? {
            Some(bytes) => decode(&key, &bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Every objection of `guild`, in id order.
    pub fn objections(&self, guild: u64) -> Result<Vec<Objection>, StoreError> {
        self.objections
            .scan_prefix(guild_prefix(guild))
            .map(|item| {
                let (key, bytes) = item.db()?;
                decode(&key, &bytes)
            })
            .collect()
    }

    /// The ids of `guild`'s objections, in order, without decoding them
    /// (for autocomplete and existence checks).
    pub fn objection_ids(&self, guild: u64) -> Result<Vec<String>, StoreError> {
        self.objections
            .scan_prefix(guild_prefix(guild))
            .keys()
            .map(|key| Ok(String::from_utf8_lossy(tail(&key.db()?, 0)).into_owned()))
            .collect()
    }

    /// The objections of `guild` tagged `tag`, in id order, via the index.
    pub fn objections_tagged(&self, guild: u64, tag: &str) -> Result<Vec<Objection>, StoreError> {
        let prefix = guild_key_prefix(guild, &[tag.as_bytes()]);
        let mut found = Vec::new();
        for key in self.tags.scan_prefix(&prefix).keys() {
            let key = key.db()?;
            let id = String::from_utf8_lossy(tail(&key, tag.len() + 1)).into_owned();
            // A concurrent removal may have left the index ahead of us.
            if let Some(obj) = self.objection(guild, &id)? {
                found.push(obj);
            }
        }
        Ok(found)
    }

    /// How many changes `guild`'s library has seen: changes whenever any of
    /// its objections does (useful to cache lists).
    pub fn library_revision(&self, guild: u64) -> Result<u64, StoreError> {
        Ok(read_u64(
            self.meta.get(revision_key(guild)).db()?.as_deref(),
        ))
    }

    /// Changes one objection atomically: `decide` sees the objection as it is
    /// (or `None`) and returns the change, or an error to abort with. The
    /// new value, tag index, audit entry (by `actor`) and revision are
    /// written in one transaction and flushed before this returns. `decide`
    /// may run more than once under contention, so it must be pure.
    pub fn change_objection<T, E: From<StoreError>>(
        &self,
        guild: u64,
        id: &str,
        actor: &str,
        decide: impl Fn(Option<Objection>) -> Result<Change<T>, E>,
    ) -> Result<T, E> {
        let value = self.library_tx(|tx| {
            let before = tx.get(guild, id)?;
            let change = decide(before.clone()).map_err(ConflictableTransactionError::Abort)?;
            if let Some(after) = change.after.as_ref().filter(|a| a.id != id) {
                return Err(abort(StoreError::Encode {
                    collection: Objection::COLLECTION,
                    reason: format!("a change of \"{id}\" returned \"{}\"", after.id),
                }));
            }
            let record = entry(guild, id, change.action, change.counter_id, actor);
            tx.put(guild, id, before.as_ref(), change.after.as_ref(), &record)?;
            tx.bump_revision(guild)?;
            Ok(change.value)
        })?;
        self.flush()?;
        Ok(value)
    }

    /// Writes a whole (already validated) library into `guild` in one
    /// transaction, flushed before returning: after a crash the import is
    /// either entirely there or not at all. Each objection gets an audit
    /// entry (`imported`, or `removed` for those a replace drops).
    pub fn import_objections(
        &self,
        guild: u64,
        incoming: &[Objection],
        mode: ImportMode,
        actor: &str,
    ) -> Result<ImportReport, StoreError> {
        loop {
            let revision = self.library_revision(guild)?;
            let dropped = match mode {
                ImportMode::Merge => Vec::new(),
                ImportMode::Replace => {
                    let keep: HashSet<&str> = incoming.iter().map(|o| o.id.as_str()).collect();
                    let mut ids = self.objection_ids(guild)?;
                    ids.retain(|id| !keep.contains(id.as_str()));
                    ids
                }
            };
            let outcome = self.library_tx(|tx| {
                if read_u64(tx.meta.get(revision_key(guild))?.as_deref()) != revision {
                    return Err(ConflictableTransactionError::Abort(ImportAbort::Stale));
                }
                import_in(tx, guild, incoming, &dropped, actor)
            });
            match outcome {
                Ok(report) => {
                    self.flush()?;
                    return Ok(report);
                }
                Err(ImportAbort::Stale) => continue,
                Err(ImportAbort::Store(err)) => return Err(err),
            }
        }
    }
}

fn import_in(
    tx: &LibraryTx<'_>,
    guild: u64,
    incoming: &[Objection],
    dropped: &[String],
    actor: &str,
) -> TxResult<ImportReport, ImportAbort> {
    let mut report = ImportReport::default();
    for id in dropped {
        if let Some(before) = tx.get(guild, id)? {
            let record = entry(guild, id, ChangeAction::Removed, None, actor);
            tx.put(guild, id, Some(&before), None, &record)?;
            report.removed += 1;
        }
    }
    for obj in incoming {
        let before = tx.get(guild, &obj.id)?;
        if before.is_some() {
            report.updated += 1;
        } else {
            report.added += 1;
        }
        let record = entry(guild, &obj.id, ChangeAction::Imported, None, actor);
        tx.put(guild, &obj.id, before.as_ref(), Some(obj), &record)?;
    }
    tx.bump_revision(guild)?;
    Ok(report)
}
