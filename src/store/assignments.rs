//! Drills a coach assigns to the cohort (`assignments`): one record per
//! assignment, numbered per guild in the same transaction that writes it,
//! so two coaches assigning at once never get the same number.

use serde::{Deserialize, Serialize};
use sled::transaction::ConflictableTransactionError;

use super::codec::{decode, encode, Record};
use super::keys::{guild_key, guild_key_prefix};
use super::objections::read_u64;
use super::{tx_error, SledResultExt, Store, StoreError};

/// Tree holding assignments, key `guild ++ "a" ++ 0 ++ number (u64 BE)`,
/// and each guild's last number under `guild ++ "seq"`.
const ASSIGNMENTS: &str = "assignments";

/// A drill: objections the cohort (or the holders of one role) should
/// spar on before a due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Its number within the guild (1, 2, ...).
    pub id: u64,
    /// The guild.
    pub guild: u64,
    /// The objections to spar on, in the order the coach gave them.
    pub objections: Vec<String>,
    /// The end of the due day, Unix ms.
    pub due_ms: u64,
    /// Only members with this role; everyone when `None`.
    #[serde(default)]
    pub role: Option<u64>,
    /// Who assigned it.
    pub created_by: String,
    /// When, Unix ms: only debates finished after it count.
    pub created_at: u64,
    /// Closed by a coach before or after its due date.
    #[serde(default)]
    pub closed: bool,
}

impl Record for Assignment {
    const COLLECTION: &'static str = ASSIGNMENTS;
    const VERSION: u8 = 1;
}

fn record_key(guild: u64, id: u64) -> Vec<u8> {
    guild_key(guild, &[b"a", &id.to_be_bytes()])
}

fn seq_key(guild: u64) -> Vec<u8> {
    guild_key(guild, &[b"seq"])
}

impl Store {
    /// Stores a new assignment under the guild's next number (the `id` of
    /// `draft` is ignored) and returns it once it is on disk.
    pub fn create_assignment(&self, draft: &Assignment) -> Result<Assignment, StoreError> {
        let tree = self.tree(ASSIGNMENTS)?;
        let guild = draft.guild;
        let saved = tree
            .transaction(|tx| {
                let next = read_u64(tx.get(seq_key(guild))?.as_deref()) + 1;
                let record = Assignment {
                    id: next,
                    ..draft.clone()
                };
                let bytes = encode(&record).map_err(ConflictableTransactionError::Abort)?;
                tx.insert(seq_key(guild), &next.to_be_bytes())?;
                tx.insert(record_key(guild, next), bytes)?;
                Ok(record)
            })
            .map_err(tx_error::<StoreError>)?;
        self.flush()?;
        Ok(saved)
    }

    /// Replaces an existing assignment (closing it), durably.
    pub fn save_assignment(&self, assignment: &Assignment) -> Result<(), StoreError> {
        let key = record_key(assignment.guild, assignment.id);
        self.tree(ASSIGNMENTS)?
            .insert(key, encode(assignment)?)
            .db()?;
        self.flush()
    }

    /// Assignment `id` of `guild`, if any.
    pub fn assignment(&self, guild: u64, id: u64) -> Result<Option<Assignment>, StoreError> {
        let key = record_key(guild, id);
        self.tree(ASSIGNMENTS)?
            .get(&key)
            .db()?
            .map(|bytes| decode(&key, &bytes))
            .transpose()
    }

    /// Every assignment of `guild`, oldest first.
    pub fn assignments(&self, guild: u64) -> Result<Vec<Assignment>, StoreError> {
        self.tree(ASSIGNMENTS)?
            .scan_prefix(guild_key_prefix(guild, &[b"a"]))
            .map(|item| {
                let (key, bytes) = item.db()?;
                decode(&key, &bytes)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(guild: u64) -> Assignment {
        Assignment {
            id: 0,
            guild,
            objections: vec!["linkedin-is-spam".into()],
            due_ms: 2_000,
            role: None,
            created_by: "coach".into(),
            created_at: 1_000,
            closed: false,
        }
    }

    #[test]
    fn numbers_grow_per_guild_and_guilds_do_not_mix() {
        let store = Store::open_temporary().expect("store");
        let a = store.create_assignment(&draft(1)).expect("first");
        let b = store.create_assignment(&draft(1)).expect("second");
        let other = store.create_assignment(&draft(2)).expect("other guild");
        assert_eq!((a.id, b.id, other.id), (1, 2, 1));
        let listed: Vec<u64> = store
            .assignments(1)
            .expect("list")
            .iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(listed, vec![1, 2]);
        assert_eq!(store.assignments(2).expect("list").len(), 1);
        assert!(store.assignment(2, 2).expect("get").is_none());
    }

    #[test]
    fn numbers_sort_past_nine_and_closing_persists() {
        let store = Store::open_temporary().expect("store");
        for _ in 0..11 {
            store.create_assignment(&draft(3)).expect("create");
        }
        let ids: Vec<u64> = store
            .assignments(3)
            .expect("list")
            .iter()
            .map(|a| a.id)
            .collect();
        assert_eq!(ids, (1..=11).collect::<Vec<_>>());
        let mut tenth = store.assignment(3, 10).expect("get").expect("exists");
        tenth.closed = true;
        store.save_assignment(&tenth).expect("save");
        assert!(
            store
                .assignment(3, 10)
                .expect("get")
                .expect("exists")
                .closed
        );
    }
}
