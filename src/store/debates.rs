//! Debate history (`debates`, `debates_by_trainee`): one record per debate,
//! rewritten after every turn and flushed before the turn is shown, plus an
//! index that lists a trainee's debates oldest first without a full scan.

use sled::Transactional;

use super::codec::{decode, encode, Record};
use super::keys::guild_key;
use super::{tx_error, SledResultExt, Store, StoreError};
use crate::prospect::Debate;

/// Tree holding debates, key `guild ++ debate id`.
pub(crate) const DEBATES: &str = "debates";
/// Index tree, key `guild ++ trainee len (u16 BE) ++ trainee ++ started_at (u64 BE) ++ id`.
pub(crate) const DEBATES_BY_TRAINEE: &str = "debates_by_trainee";

impl Record for Debate {
    const COLLECTION: &'static str = DEBATES;
    const VERSION: u8 = 1;
}

/// The index key prefix of one trainee. The trainee name is length-prefixed
/// rather than separated, because names are free text and may hold any byte.
fn trainee_prefix(guild: u64, trainee: &str) -> Vec<u8> {
    let name = trainee.as_bytes();
    let len = u16::try_from(name.len()).unwrap_or(u16::MAX);
    let name = &name[..usize::from(len)];
    guild_key(guild, &[&len.to_be_bytes(), name])
}

fn index_key(debate: &Debate) -> Vec<u8> {
    let mut key = trainee_prefix(debate.guild, &debate.trainee);
    key.extend_from_slice(&debate.started_at.to_be_bytes());
    key.extend_from_slice(debate.id.as_bytes());
    key
}

impl Store {
    /// Writes `debate` (new or updated) with its index entry in one
    /// transaction, and returns once it is on disk.
    pub fn save_debate(&self, debate: &Debate) -> Result<(), StoreError> {
        let debates = self.tree(DEBATES)?;
        let index = self.tree(DEBATES_BY_TRAINEE)?;
        let key = guild_key(debate.guild, &[debate.id.as_bytes()]);
        let value = encode(debate)?;
        let index_key = index_key(debate);
        (&debates, &index)
            .transaction(|(d, i)| {
                d.insert(key.as_slice(), value.as_slice())?;
                i.insert(index_key.as_slice(), &[][..])?;
                Ok::<(), sled::transaction::ConflictableTransactionError<StoreError>>(())
            })
            .map_err(tx_error::<StoreError>)?;
        self.flush()
    }

    /// The debate `id` of `guild`, if any.
    pub fn debate(&self, guild: u64, id: &str) -> Result<Option<Debate>, StoreError> {
        let key = guild_key(guild, &[id.as_bytes()]);
        self.tree(DEBATES)?
            .get(&key)
            .db()?
            .map(|bytes| decode(&key, &bytes))
            .transpose()
    }

    /// Every debate of `trainee` in `guild`, oldest first.
    pub fn debates_of(&self, guild: u64, trainee: &str) -> Result<Vec<Debate>, StoreError> {
        let debates = self.tree(DEBATES)?;
        let prefix = trainee_prefix(guild, trainee);
        let mut found = Vec::new();
        for item in self.tree(DEBATES_BY_TRAINEE)?.scan_prefix(&prefix) {
            let (key, _) = item.db()?;
            let id = key.get(prefix.len() + 8..).unwrap_or_default();
            let debate_key = guild_key(guild, &[id]);
            if let Some(bytes) = debates.get(&debate_key).db()? {
                found.push(decode(&debate_key, &bytes)?);
            }
        }
        Ok(found)
    }

    /// Every debate in `guild`, oldest first: what leaderboards rank.
    pub fn debates_in(&self, guild: u64) -> Result<Vec<Debate>, StoreError> {
        let mut all = self
            .tree(DEBATES)?
            .scan_prefix(guild.to_be_bytes())
            .map(|item| {
                let (key, bytes) = item.db()?;
                decode::<Debate>(&key, &bytes)
            })
            .collect::<Result<Vec<_>, _>>()?;
        all.sort_by(|a, b| (a.started_at, &a.id).cmp(&(b.started_at, &b.id)));
        Ok(all)
    }
}
