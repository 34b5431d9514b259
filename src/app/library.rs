//! Library curation, written once for both front ends: list, show, add,
//! edit, remove, counter-arguments, import and export. Every change is
//! validated first, written with its audit entry in one transaction, and
//! flushed before the function returns.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::lang::Lang;
use crate::library::{
    parse_library, slugify, to_json, unique_slug, validate_library, validate_objection,
    ChangeAction, Counter, CounterSource, CounterStatus, ExchangeError, Invalid, LibraryChange,
    Objection, SeedError, SeedLibrary,
};
use crate::store::{Change, ImportMode, ImportReport, SeedOutcome, Store, StoreError};
use crate::time::now_ms;

/// A curation request that failed. [`LibraryError::is_user_error`] tells a
/// front end whether to show the message as is or to log an internal fault.
#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    /// No objection with that id in this guild's library.
    #[error("no objection \"{0}\" in this library")]
    NotFound(String),
    /// The objection exists but not the counter-argument.
    #[error("objection \"{id}\" has no counter-argument \"{counter}\"")]
    CounterNotFound {
        /// The objection.
        id: String,
        /// The missing counter-argument.
        counter: String,
    },
    /// `add` with an id already in use.
    #[error("an objection \"{0}\" already exists: edit it, or choose another id")]
    AlreadyExists(String),
    /// `counter add` with an id already in use on that objection.
    #[error("objection \"{id}\" already has a counter-argument \"{counter}\"")]
    CounterExists {
        /// The objection.
        id: String,
        /// The id in use.
        counter: String,
    },
    /// A member voting a second time for the same counter-argument.
    #[error("you have already voted for counter-argument \"{counter}\" of \"{id}\"")]
    AlreadyVoted {
        /// The objection.
        id: String,
        /// The counter-argument.
        counter: String,
    },
    /// An edit that would change the objection's id.
    #[error("edit cannot rename \"{id}\" to \"{new}\": remove it and add it again")]
    Rename {
        /// The objection edited.
        id: String,
        /// The id the edit asked for.
        new: String,
    },
    /// The result would break the library's rules; every problem is listed.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// An import or objection file that cannot be read as the exchange format.
    #[error(transparent)]
    Exchange(#[from] ExchangeError),
    /// The seed library (embedded or from `--data`) is unusable.
    #[error("seed library: {0}")]
    Seed(#[from] SeedError),
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl LibraryError {
    /// Whether the person asking can fix this (bad input, unknown id, a
    /// database held by another process) rather than an internal fault.
    pub fn is_user_error(&self) -> bool {
        !matches!(
            self,
            LibraryError::Store(
                StoreError::Open { .. }
                    | StoreError::Database(_)
                    | StoreError::Corrupt { .. }
                    | StoreError::Encode { .. }
            )
        )
    }
}

/// Which objections `list` returns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this language.
    pub lang: Option<Lang>,
    /// Only objections with this tag.
    pub tag: Option<String>,
}

/// A partial edit: every field given replaces the stored one. Also the
/// format of `dojo library edit --file` (a full exported objection is a
/// valid patch).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectionPatch {
    /// Must be the edited objection's id if given (no renames).
    pub id: Option<String>,
    /// New language.
    pub lang: Option<Lang>,
    /// New opening line.
    pub text: Option<String>,
    /// New tags.
    pub tags: Option<Vec<String>>,
    /// New difficulty.
    pub difficulty: Option<u8>,
    /// New key concerns.
    pub key_concerns: Option<Vec<String>>,
    /// New pushbacks, per kind.
    pub pushbacks: Option<PushbacksPatch>,
    /// New example answers per level.
    pub examples: Option<BTreeMap<u8, String>>,
    /// New counter-arguments (the whole list).
    pub counters: Option<Vec<Counter>>,
}

/// Replaces the soft or hard pushback lines, or both.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PushbacksPatch {
    /// New soft lines.
    pub soft: Option<Vec<String>>,
    /// New hard lines.
    pub hard: Option<Vec<String>>,
}

/// A counter-argument to add.
#[derive(Debug, Clone, PartialEq)]
pub struct NewCounter {
    /// Its id; `None` picks the first free `c1`, `c2`, ...
    pub id: Option<String>,
    /// The answer.
    pub text: String,
    /// Who wrote it.
    pub author: String,
    /// Draft (default for trainees) or approved.
    pub status: CounterStatus,
    /// Where it came from.
    pub source: CounterSource,
}

/// Opens the database and loads the seed library (embedded, or
/// `data/library/` under `data`) into guild 0 if it has not been yet.
pub fn open_store(db: &Path, data: Option<&Path>) -> Result<Store, LibraryError> {
    let store = Store::open(db)?;
    seed(&store, data)?;
    Ok(store)
}

/// Loads the seed library into guild 0 unless this exact seed was loaded
/// before (checked by fingerprint, without parsing). Idempotent.
pub fn seed(store: &Store, data: Option<&Path>) -> Result<SeedOutcome, LibraryError> {
    let seed = SeedLibrary::load(data)?;
    let fingerprint = seed.fingerprint();
    if store.seed_fingerprint()? == Some(fingerprint) {
        return Ok(SeedOutcome::default());
    }
    Ok(store.seed_builtin(&seed.objections()?, fingerprint)?)
}

/// The guild's objections matching `filter`, in id order.
pub fn list(store: &Store, guild: u64, filter: &Filter) -> Result<Vec<Objection>, LibraryError> {
    store.ensure_guild(guild)?;
    let mut objections = match &filter.tag {
        Some(tag) => store.objections_tagged(guild, tag)?,
        None => store.objections(guild)?,
    };
    if let Some(lang) = filter.lang {
        objections.retain(|o| o.lang == lang);
    }
    Ok(objections)
}

/// The guild's objection ids, in order (cheap: for autocomplete).
pub fn ids(store: &Store, guild: u64) -> Result<Vec<String>, LibraryError> {
    store.ensure_guild(guild)?;
    Ok(store.objection_ids(guild)?)
}

/// One objection.
pub fn show(store: &Store, guild: u64, id: &str) -> Result<Objection, LibraryError> {
    store.ensure_guild(guild)?;
    store
        .objection(guild, id)?
        .ok_or_else(|| LibraryError::NotFound(id.to_string()))
}

/// Adds a new objection. An empty id is made from the text (`le-social-
/// selling-c-est-juste-une-mode`, with a numeric suffix if taken).
pub fn add(
    store: &Store,
    guild: u64,
    mut objection: Objection,
    actor: &str,
) -> Result<Objection, LibraryError> {
    store.ensure_guild(guild)?;
    if objection.id.trim().is_empty() {
        let taken = store.objection_ids(guild)?;
        let base = slugify(&objection.text, "objection");
        objection.id = unique_slug(&base, |s| taken.iter().any(|t| t == s));
    }
    validate_objection(&objection)?;
    let id = objection.id.clone();
    store.change_objection(guild, &id, actor, |before| {
        if before.is_some() {
            return Err(LibraryError::AlreadyExists(id.clone()));
        }
        Ok(change(objection.clone(), ChangeAction::Added, None))
    })
}

/// Applies `patch` to an objection; the result must still be valid.
pub fn edit(
    store: &Store,
    guild: u64,
    id: &str,
    patch: &ObjectionPatch,
    actor: &str,
) -> Result<Objection, LibraryError> {
    if let Some(new) = patch.id.as_deref().filter(|new| *new != id) {
        return Err(LibraryError::Rename {
            id: id.to_string(),
            new: new.to_string(),
        });
    }
    store.ensure_guild(guild)?;
    store.change_objection(guild, id, actor, |before| {
        let mut obj = before.ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        apply_patch(&mut obj, patch);
        validate_objection(&obj)?;
        Ok(change(obj, ChangeAction::Edited, None))
    })
}

fn apply_patch(obj: &mut Objection, patch: &ObjectionPatch) {
    let p = patch.clone();
    obj.lang = p.lang.unwrap_or(obj.lang);
    obj.difficulty = p.difficulty.unwrap_or(obj.difficulty);
    replace(&mut obj.text, p.text);
    replace(&mut obj.tags, p.tags);
    replace(&mut obj.key_concerns, p.key_concerns);
    replace(&mut obj.examples, p.examples);
    replace(&mut obj.counters, p.counters);
    if let Some(pushbacks) = p.pushbacks {
        replace(&mut obj.pushbacks.soft, pushbacks.soft);
        replace(&mut obj.pushbacks.hard, pushbacks.hard);
    }
}

fn replace<T>(slot: &mut T, new: Option<T>) {
    if let Some(value) = new {
        *slot = value;
    }
}

/// Deletes an objection (its history stays). Returns what was deleted.
pub fn remove(store: &Store, guild: u64, id: &str, actor: &str) -> Result<Objection, LibraryError> {
    store.ensure_guild(guild)?;
    store.change_objection(guild, id, actor, |before| {
        let obj = before.ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        Ok(Change {
            after: None,
            action: ChangeAction::Removed,
            counter_id: None,
            value: obj,
        })
    })
}

/// Adds a counter-argument to an objection. Safe under concurrency: many
/// simultaneous adds to one objection all land (sled serialises them).
pub fn add_counter(
    store: &Store,
    guild: u64,
    id: &str,
    new: &NewCounter,
    actor: &str,
) -> Result<Counter, LibraryError> {
    add_scored_counter(store, guild, id, new, None, actor)
}

/// Adds a counter-argument that carries the score its answer earned in a
/// debate (a trainee's answer promoted by a coach), so the library shows
/// why it was kept.
pub fn add_scored_counter(
    store: &Store,
    guild: u64,
    id: &str,
    new: &NewCounter,
    score: Option<u8>,
    actor: &str,
) -> Result<Counter, LibraryError> {
    store.ensure_guild(guild)?;
    let created_at = now_ms();
    store.change_objection(guild, id, actor, |before| {
        let mut obj = before.ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        let counter_id = match &new.id {
            Some(cid) if obj.counters.iter().any(|c| &c.id == cid) => {
                return Err(LibraryError::CounterExists {
                    id: id.to_string(),
                    counter: cid.clone(),
                })
            }
            Some(cid) => cid.clone(),
            None => free_counter_id(&obj),
        };
        let counter = Counter {
            id: counter_id.clone(),
            text: new.text.clone(),
            author: new.author.clone(),
            status: new.status,
            votes: 0,
            source: new.source,
            created_at,
            voters: Vec::new(),
            score,
        };
        obj.counters.push(counter.clone());
        validate_objection(&obj)?;
        Ok(keep(
            obj,
            ChangeAction::CounterAdded,
            Some(counter_id),
            counter,
        ))
    })
}

/// The first of `c1`, `c2`, ... not used by the objection's counters.
fn free_counter_id(obj: &Objection) -> String {
    (obj.counters.len() + 1..)
        .map(|n| format!("c{n}"))
        .find(|id| obj.counters.iter().all(|c| &c.id != id))
        .expect("an unbounded range always yields a free id")
}

/// Marks a counter-argument approved (idempotent).
pub fn approve_counter(
    store: &Store,
    guild: u64,
    id: &str,
    counter_id: &str,
    actor: &str,
) -> Result<Counter, LibraryError> {
    update_counter(
        store,
        guild,
        id,
        counter_id,
        actor,
        ChangeAction::CounterApproved,
        |c| {
            c.status = CounterStatus::Approved;
            Ok(())
        },
    )
}

/// Adds one vote to a counter-argument.
pub fn vote_counter(
    store: &Store,
    guild: u64,
    id: &str,
    counter_id: &str,
    actor: &str,
) -> Result<Counter, LibraryError> {
    update_counter(
        store,
        guild,
        id,
        counter_id,
        actor,
        ChangeAction::CounterVoted,
        |c| {
            c.votes = c.votes.saturating_add(1);
            Ok(())
        },
    )
}

/// Adds `voter`'s vote to a counter-argument, once: a second vote by the
/// same member is refused with [`LibraryError::AlreadyVoted`] and changes
/// nothing. The vote and the voter are written together.
pub fn vote_once(
    store: &Store,
    guild: u64,
    id: &str,
    counter_id: &str,
    voter: &str,
) -> Result<Counter, LibraryError> {
    update_counter(
        store,
        guild,
        id,
        counter_id,
        voter,
        ChangeAction::CounterVoted,
        |counter| {
            if counter.voters.iter().any(|v| v == voter) {
                return Err(LibraryError::AlreadyVoted {
                    id: id.to_string(),
                    counter: counter_id.to_string(),
                });
            }
            counter.voters.push(voter.to_string());
            counter.votes = counter.votes.saturating_add(1);
            Ok(())
        },
    )
}

fn update_counter(
    store: &Store,
    guild: u64,
    id: &str,
    counter_id: &str,
    actor: &str,
    action: ChangeAction,
    update: impl Fn(&mut Counter) -> Result<(), LibraryError>,
) -> Result<Counter, LibraryError> {
    store.ensure_guild(guild)?;
    store.change_objection(guild, id, actor, |before| {
        let mut obj = before.ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        let counter = obj
            .counters
            .iter_mut()
            .find(|c| c.id == counter_id)
            .ok_or_else(|| counter_not_found(id, counter_id))?;
        update(counter)?;
        let value = counter.clone();
        Ok(keep(obj, action, Some(counter_id.to_string()), value))
    })
}

/// Deletes a counter-argument. Returns what was deleted.
pub fn remove_counter(
    store: &Store,
    guild: u64,
    id: &str,
    counter_id: &str,
    actor: &str,
) -> Result<Counter, LibraryError> {
    store.ensure_guild(guild)?;
    store.change_objection(guild, id, actor, |before| {
        let mut obj = before.ok_or_else(|| LibraryError::NotFound(id.to_string()))?;
        let at = obj
            .counters
            .iter()
            .position(|c| c.id == counter_id)
            .ok_or_else(|| counter_not_found(id, counter_id))?;
        let removed = obj.counters.remove(at);
        let counter_id = Some(counter_id.to_string());
        Ok(keep(obj, ChangeAction::CounterRemoved, counter_id, removed))
    })
}

fn counter_not_found(id: &str, counter: &str) -> LibraryError {
    LibraryError::CounterNotFound {
        id: id.to_string(),
        counter: counter.to_string(),
    }
}

/// Imports an exchange-format file: parsed and validated as a whole first
/// (every problem reported), then written all or nothing.
pub fn import(
    store: &Store,
    guild: u64,
    json: &str,
    mode: ImportMode,
    actor: &str,
) -> Result<ImportReport, LibraryError> {
    let objections = parse_library(json)?;
    store.ensure_guild(guild)?;
    Ok(store.import_objections(guild, &objections, mode, actor)?)
}

/// Imports objections already in memory, with the same checks as a file.
pub fn import_objections(
    store: &Store,
    guild: u64,
    objections: &[Objection],
    mode: ImportMode,
    actor: &str,
) -> Result<ImportReport, LibraryError> {
    validate_library(objections)?;
    store.ensure_guild(guild)?;
    Ok(store.import_objections(guild, objections, mode, actor)?)
}

/// The guild's library as an exchange file (sorted by id, pretty JSON).
pub fn export(store: &Store, guild: u64) -> Result<String, LibraryError> {
    store.ensure_guild(guild)?;
    Ok(to_json(&store.objections(guild)?))
}

/// Who changed objection `id`, how and when, oldest first (also for removed
/// objections).
pub fn history(store: &Store, guild: u64, id: &str) -> Result<Vec<LibraryChange>, LibraryError> {
    store.ensure_guild(guild)?;
    let entries = store.library_history(guild, id)?;
    if entries.is_empty() && store.objection(guild, id)?.is_none() {
        return Err(LibraryError::NotFound(id.to_string()));
    }
    Ok(entries)
}

/// A change that stores `after` and returns it.
fn change(after: Objection, action: ChangeAction, counter_id: Option<String>) -> Change<Objection> {
    keep(after.clone(), action, counter_id, after)
}

/// A change that stores `after` and returns `value`.
fn keep<T>(
    after: Objection,
    action: ChangeAction,
    counter_id: Option<String>,
    value: T,
) -> Change<T> {
    Change {
        after: Some(after),
        action,
        counter_id,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Pushbacks;

    const GUILD: u64 = 0;

    fn store_with_counter() -> Store {
        let store = Store::open_temporary().expect("temporary store");
        let objection = Objection {
            id: "fad".into(),
            lang: Lang::En,
            text: "Isn't social selling a fad?".into(),
            tags: Vec::new(),
            difficulty: 1,
            key_concerns: Vec::new(),
            pushbacks: Pushbacks {
                soft: vec!["Go on.".into()],
                hard: vec!["No.".into()],
            },
            examples: BTreeMap::new(),
            counters: Vec::new(),
        };
        add(&store, GUILD, objection, "coach").expect("add");
        let new = NewCounter {
            id: None,
            text: "You're right to be wary; what would convince you?".into(),
            author: "<@7>".into(),
            status: CounterStatus::Draft,
            source: CounterSource::Trainee,
        };
        add_scored_counter(&store, GUILD, "fad", &new, Some(81), "coach").expect("counter");
        store
    }

    #[test]
    fn a_member_votes_once_and_the_refusal_changes_nothing() {
        let store = store_with_counter();
        let first = vote_once(&store, GUILD, "fad", "c1", "111").expect("first vote");
        assert_eq!(
            (first.votes, first.voters.clone()),
            (1, vec!["111".to_string()])
        );
        let again = vote_once(&store, GUILD, "fad", "c1", "111");
        assert!(
            matches!(&again, Err(LibraryError::AlreadyVoted { counter, .. }) if counter == "c1"),
            "{again:?}"
        );
        assert!(again.unwrap_err().is_user_error());
        let other = vote_once(&store, GUILD, "fad", "c1", "222").expect("another member");
        assert_eq!(other.votes, 2);
        let votes = history(&store, GUILD, "fad")
            .expect("history")
            .iter()
            .filter(|c| c.action == ChangeAction::CounterVoted)
            .count();
        assert_eq!(votes, 2, "the refused vote left no audit entry");
    }

    #[test]
    fn a_promoted_answer_keeps_its_score_through_export_and_import() {
        let store = store_with_counter();
        vote_once(&store, GUILD, "fad", "c1", "111").expect("vote");
        let json = export(&store, GUILD).expect("export");
        assert!(
            json.contains("\"score\": 81") && json.contains("\"voters\""),
            "{json}"
        );
        let other = Store::open_temporary().expect("second store");
        import(&other, 5, &json, ImportMode::Replace, "coach").expect("import");
        assert_eq!(export(&other, 5).expect("export again"), json);
        let counter = &show(&other, 5, "fad").expect("show").counters[0];
        assert_eq!((counter.score, counter.votes), (Some(81), 1));
        let bad = json.replace("\"score\": 81", "\"score\": 250");
        let err = import(&other, 5, &bad, ImportMode::Merge, "coach").unwrap_err();
        assert!(
            err.to_string()
                .contains("objections[0].counters[0].score: must be 0 to 100, got 250"),
            "{err}"
        );
    }
}
