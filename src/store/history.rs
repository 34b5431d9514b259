//! The library's audit trail (`library_history`): written by the objection
//! transactions in `objections.rs`, read here.

use super::codec::decode;
use super::keys::guild_key_prefix;
use super::{SledResultExt, Store, StoreError};
use crate::library::LibraryChange;

impl Store {
    /// Every recorded change to objection `id` of `guild`, oldest first.
    /// Kept after the objection is removed, so removals stay traceable.
    pub fn library_history(&self, guild: u64, id: &str) -> Result<Vec<LibraryChange>, StoreError> {
        self.history
            .scan_prefix(guild_key_prefix(guild, &[id.as_bytes()]))
            .map(|item| {
                let (key, bytes) = item.db()?;
                decode(&key, &bytes)
            })
            .collect()
    }
}
