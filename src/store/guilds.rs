//! Per-guild settings (`guild_config`): one small record per guild, written
//! when a coach changes `/dojo config`.

use super::codec::{decode, encode, Record};
use super::{SledResultExt, Store, StoreError};
use crate::lang::Lang;

/// Tree holding one settings record per guild, key `guild`.
const GUILD_CONFIG: &str = "guild_config";

/// A guild's settings; `None` means "the bot's default".
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GuildConfig {
    /// The cohort's language.
    #[serde(default)]
    pub lang: Option<Lang>,
    /// Turns per debate.
    #[serde(default)]
    pub turns: Option<u8>,
    /// The role whose members may curate (else Manage Server).
    #[serde(default)]
    pub coach_role: Option<u64>,
    /// Minutes of inactivity before a sparring thread archives.
    #[serde(default)]
    pub archive_minutes: Option<u16>,
    /// The channel where sparring threads open (else where /spar was used).
    #[serde(default)]
    pub spar_channel: Option<u64>,
    /// Who changed it last.
    #[serde(default)]
    pub updated_by: Option<String>,
    /// When, in Unix ms.
    #[serde(default)]
    pub updated_at: u64,
}

impl Record for GuildConfig {
    const COLLECTION: &'static str = GUILD_CONFIG;
    const VERSION: u8 = 1;
}

impl Store {
    /// The settings of `guild` (all defaults if never set).
    pub fn guild_config(&self, guild: u64) -> Result<GuildConfig, StoreError> {
        let key = guild.to_be_bytes();
        match self.tree(GUILD_CONFIG)?.get(key).db()? {
            Some(bytes) => decode(&key, &bytes),
            None => Ok(GuildConfig::default()),
        }
    }

    /// Replaces the settings of `guild`, durably.
    pub fn save_guild_config(&self, guild: u64, config: &GuildConfig) -> Result<(), StoreError> {
        self.tree(GUILD_CONFIG)?
            .insert(guild.to_be_bytes(), encode(config)?)
            .db()?;
        self.flush()
    }
}
