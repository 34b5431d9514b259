//! The store's one error type: what went wrong, without leaking sled types.

use std::path::PathBuf;

/// A storage failure. None of these is the user's fault except `Locked`,
/// which means another process holds the database.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process (a running bot, another `dojo` command) has it open.
    #[error("the database at {0} is in use by another process (stop it, or use --db / DOJO_DB for another directory)")]
    Locked(PathBuf),
    /// The directory could not be opened as a database.
    #[error("cannot open the database at {path}: {reason}")]
    Open {
        /// The database directory.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// Reading, writing or flushing failed.
    #[error("database failure: {0}")]
    Database(String),
    /// A stored record cannot be decoded.
    #[error("unreadable {collection} record {key}: {reason}")]
    Corrupt {
        /// The collection (tree) name.
        collection: &'static str,
        /// The key, printed readably.
        key: String,
        /// Why it cannot be decoded.
        reason: String,
    },
    /// A record could not be encoded (a bug in a schema type).
    #[error("cannot encode a {collection} record: {reason}")]
    Encode {
        /// The collection (tree) name.
        collection: &'static str,
        /// Why.
        reason: String,
    },
}

/// Turns sled results into store results at the boundary, so no sled type
/// escapes `store/`.
pub(crate) trait SledResultExt<T> {
    /// Maps the sled error to [`StoreError::Database`].
    fn db(self) -> Result<T, StoreError>;
}

impl<T> SledResultExt<T> for Result<T, sled::Error> {
    fn db(self) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::Database(e.to_string()))
    }
}

/// Maps a failed sled transaction: an abort carries the caller's own error,
/// a storage failure becomes a `StoreError`.
pub(crate) fn tx_error<E: From<StoreError>>(err: sled::transaction::TransactionError<E>) -> E {
    match err {
        sled::transaction::TransactionError::Abort(e) => e,
        sled::transaction::TransactionError::Storage(e) => {
            E::from(StoreError::Database(e.to_string()))
        }
    }
}
