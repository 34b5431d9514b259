//! Durable storage over sled: the only code in the crate that touches sled.
//!
//! One [`Store`] wraps one database directory. Each collection lives in its
//! own tree and its own source file (`objections.rs`, `history.rs`,
//! `meta.rs`, ...), adding `impl Store` methods that take and return domain
//! types; no sled type appears in the public API.
//!
//! # Adding a collection
//! 1. Create `store/<name>.rs` with `impl Store { ... }` methods, open its
//!    tree with `Store::tree` (or add a field here if it is hot).
//! 2. Key every record with `keys::guild_key``(guild, &[part, ...])`: the
//!    guild id (big-endian u64) first, so guilds never see each other's
//!    records and a guild's records are one prefix scan.
//! 3. Implement `codec::Record` for the value type (collection name and
//!    schema version; override `upgrade` when the schema changes so older
//!    records still read) and store it with `codec::encode` /
//!    `codec::decode`.
//! 4. Make every multi-record change one sled transaction (all or nothing)
//!    and call [`Store::flush`] before returning `Ok` from any write a user
//!    will be told succeeded: every public write method here returns only
//!    once the change is on disk.
//! 5. Map sled errors with `SledResultExt::db` and transaction
//!    errors with `tx_error`.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

mod assignments;
pub(crate) mod codec;
mod debates;
mod error;
mod guilds;
mod history;
pub(crate) mod keys;
mod meta;
mod objections;

pub use assignments::Assignment;
pub use error::StoreError;
pub(crate) use error::{tx_error, SledResultExt};
pub use guilds::GuildConfig;
pub use meta::SeedOutcome;
pub use objections::{Change, ImportMode, ImportReport};

/// Tree names, one per collection.
pub(crate) mod trees {
    /// Objections, key `guild ++ id`.
    pub const OBJECTIONS: &str = "objections";
    /// Tag index, key `guild ++ tag ++ 0 ++ id`, empty value.
    pub const OBJECTION_TAGS: &str = "objection_tags";
    /// Audit trail, key `guild ++ objection id ++ 0 ++ sequence (u64 BE)`.
    pub const LIBRARY_HISTORY: &str = "library_history";
    /// Markers and counters (seed state, guild copies, revisions).
    pub const META: &str = "meta";
}

/// The database: one directory, one tree per collection. Cheap to clone
/// (every handle shares the same open database).
#[derive(Clone)]
pub struct Store {
    pub(crate) db: sled::Db,
    pub(crate) path: Option<PathBuf>,
    pub(crate) objections: sled::Tree,
    pub(crate) tags: sled::Tree,
    pub(crate) history: sled::Tree,
    pub(crate) meta: sled::Tree,
}

/// How long opening waits for a lock that is being released.
const LOCK_GRACE: Duration = Duration::from_millis(500);

/// The pause between two attempts within [`LOCK_GRACE`].
const LOCK_RETRY: Duration = Duration::from_millis(25);

/// One attempt at opening the sled database in `path`.
fn open_db(path: &Path) -> Result<sled::Db, StoreError> {
    sled::Config::new().path(path).open().map_err(|e| {
        let reason = e.to_string();
        if reason.contains("could not acquire lock") {
            StoreError::Locked(path.to_path_buf())
        } else {
            StoreError::Open {
                path: path.to_path_buf(),
                reason,
            }
        }
    })
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database in directory `path`. Fails
    /// with [`StoreError::Locked`] if another process has it open.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        // sled's background threads can hold the file lock for a moment
        // after the last handle is dropped, so a reopen in the same process
        // (a restart, a test) briefly waits instead of failing as "in use".
        let mut waited = Duration::ZERO;
        let db = loop {
            match open_db(path) {
                Err(StoreError::Locked(_)) if waited < LOCK_GRACE => {
                    std::thread::sleep(LOCK_RETRY);
                    waited += LOCK_RETRY;
                }
                other => break other?,
            }
        };
        Self::with_db(db, Some(path.to_path_buf()))
    }

    /// A database that lives in a temporary directory and disappears when
    /// the last handle is dropped: for tests and dry runs.
    pub fn open_temporary() -> Result<Store, StoreError> {
        let db = sled::Config::new()
            .temporary(true)
            .open()
            .map_err(|e| StoreError::Open {
                path: PathBuf::from("<temporary>"),
                reason: e.to_string(),
            })?;
        Self::with_db(db, None)
    }

    fn with_db(db: sled::Db, path: Option<PathBuf>) -> Result<Store, StoreError> {
        Ok(Store {
            objections: db.open_tree(trees::OBJECTIONS).db()?,
            tags: db.open_tree(trees::OBJECTION_TAGS).db()?,
            history: db.open_tree(trees::LIBRARY_HISTORY).db()?,
            meta: db.open_tree(trees::META).db()?,
            db,
            path,
        })
    }

    /// The database directory (`None` for a temporary store).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The tree of a collection, opened on demand: how sibling collection
    /// files reach their tree without a field here.
    pub(crate) fn tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        self.db.open_tree(name).db()
    }

    /// Makes every write so far durable (fsync). Write methods already call
    /// it before returning; exposed for collections built on `Store::tree`.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush().db().map(|_| ())
    }
}
