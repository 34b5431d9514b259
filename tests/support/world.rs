//! What the fake Discord knows: users, guilds with roles and members,
//! channels and threads, messages and hosted files. Plain data; the REST
//! and gateway sides read and change it under one lock.

use std::collections::BTreeMap;

use serde_json::Value;
use serenity::model::Permissions;

/// A user the tests act as (or the bot itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeUser {
    /// Snowflake id.
    pub id: u64,
    /// Username.
    pub name: String,
    /// Whether this is a bot account.
    pub bot: bool,
}

/// A role in a guild.
#[derive(Debug, Clone)]
pub struct RoleSpec {
    /// Snowflake id (the @everyone role has the guild's id).
    pub id: u64,
    /// Display name.
    pub name: String,
    /// Permission bits.
    pub permissions: Permissions,
    /// Position in the role list.
    pub position: u16,
    /// Whether an integration manages it (the bot's own role).
    pub managed: bool,
}

/// A guild member: a user and the roles they hold.
#[derive(Debug, Clone)]
pub struct MemberSpec {
    /// The user's id.
    pub user_id: u64,
    /// Role ids, @everyone excluded.
    pub roles: Vec<u64>,
}

/// A guild and who is in it.
#[derive(Debug, Clone)]
pub struct GuildSpec {
    /// Snowflake id.
    pub id: u64,
    /// Display name.
    pub name: String,
    /// The owner's user id.
    pub owner_id: u64,
    /// Roles, @everyone first.
    pub roles: Vec<RoleSpec>,
    /// Members, the bot included.
    pub members: Vec<MemberSpec>,
}

/// Channel types the fake supports (Discord's numbers).
pub mod kind {
    /// A text channel.
    pub const TEXT: u8 = 0;
    /// A public thread.
    pub const PUBLIC_THREAD: u8 = 11;
    /// A private thread.
    pub const PRIVATE_THREAD: u8 = 12;
}

/// A text channel or a thread.
#[derive(Debug, Clone)]
pub struct ChannelSpec {
    /// Snowflake id.
    pub id: u64,
    /// The guild it belongs to.
    pub guild_id: u64,
    /// Discord channel type (see [`kind`]).
    pub kind: u8,
    /// Display name.
    pub name: String,
    /// For a thread, the channel it hangs off.
    pub parent_id: Option<u64>,
    /// For a thread, who created it.
    pub owner_id: Option<u64>,
    /// Thread archived.
    pub archived: bool,
    /// Thread locked (only moderators may unarchive).
    pub locked: bool,
    /// Private thread: whether non-moderators may invite.
    pub invitable: bool,
    /// Thread auto-archive duration in minutes.
    pub auto_archive_duration: u64,
    /// Thread members (user ids).
    pub thread_members: Vec<u64>,
}

impl ChannelSpec {
    /// Whether this channel is a thread.
    pub fn is_thread(&self) -> bool {
        matches!(self.kind, kind::PUBLIC_THREAD | kind::PRIVATE_THREAD)
    }
}

/// A file uploaded by the bot or hosted by a test, served under the API base.
#[derive(Debug, Clone)]
pub struct HostedFile {
    /// Attachment id.
    pub id: u64,
    /// File name.
    pub filename: String,
    /// MIME type, if known.
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// Where it is served.
    pub url: String,
}

/// A message as the fake stores it.
#[derive(Debug, Clone)]
pub struct StoredMessage {
    /// Discord's JSON for the message (what REST returns).
    pub json: Value,
    /// The `allowed_mentions` the sender asked for, if any.
    pub allowed_mentions: Option<Value>,
    /// Deleted messages stay for assertions but are no longer served.
    pub deleted: bool,
}

impl StoredMessage {
    /// The message's channel id.
    pub fn channel_id(&self) -> u64 {
        id_of(&self.json["channel_id"])
    }

    /// The message flags.
    pub fn flags(&self) -> u64 {
        self.json["flags"].as_u64().unwrap_or(0)
    }
}

/// Everything the fake knows about the Discord world.
#[derive(Debug, Default)]
pub struct World {
    /// Users by id, the bot included.
    pub users: BTreeMap<u64, FakeUser>,
    /// Guilds in creation order.
    pub guilds: Vec<GuildSpec>,
    /// Channels and threads by id.
    pub channels: BTreeMap<u64, ChannelSpec>,
    /// Messages by id (ids grow with time, so this is also creation order).
    pub messages: BTreeMap<u64, StoredMessage>,
    /// Files by attachment id.
    pub files: BTreeMap<u64, HostedFile>,
    /// Channels and threads the bot deleted, by id.
    pub deleted_channels: BTreeMap<u64, ChannelSpec>,
}

impl World {
    /// The guild with this id.
    pub fn guild(&self, id: u64) -> Option<&GuildSpec> {
        self.guilds.iter().find(|g| g.id == id)
    }

    /// A member's permissions in a guild: @everyone's and their roles',
    /// everything for administrators and the owner.
    pub fn permissions(&self, guild_id: u64, user_id: u64) -> Permissions {
        let Some(guild) = self.guild(guild_id) else {
            return Permissions::empty();
        };
        if guild.owner_id == user_id {
            return Permissions::all();
        }
        let held: Vec<u64> = guild
            .members
            .iter()
            .find(|m| m.user_id == user_id)
            .map(|m| m.roles.clone())
            .unwrap_or_default();
        let perms = guild
            .roles
            .iter()
            .filter(|r| r.id == guild_id || held.contains(&r.id))
            .fold(Permissions::empty(), |acc, r| acc | r.permissions);
        if perms.contains(Permissions::ADMINISTRATOR) {
            Permissions::all()
        } else {
            perms
        }
    }

    /// The guild's member record for a user.
    pub fn member(&self, guild_id: u64, user_id: u64) -> Option<&MemberSpec> {
        self.guild(guild_id)?
            .members
            .iter()
            .find(|m| m.user_id == user_id)
    }
}

/// Reads a snowflake that Discord writes as a string (or a number).
pub fn id_of(v: &Value) -> u64 {
    match v {
        Value::String(s) => s.parse().unwrap_or(0),
        Value::Number(n) => n.as_u64().unwrap_or(0),
        _ => 0,
    }
}
