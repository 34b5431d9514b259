//! The JSON the fake sends, shaped like Discord's, and the checks that
//! serenity can read it: a dispatch serenity cannot parse becomes
//! `Event::Unknown` and is silently dropped, so every payload is parsed with
//! serenity's own types before it leaves the fake.

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

use super::world::{ChannelSpec, FakeUser, RoleSpec, World};

/// Discord's message flag for "only the invoker sees this".
pub const EPHEMERAL: u64 = 1 << 6;
/// Discord's message flag for "the bot is thinking" (a deferred response).
pub const LOADING: u64 = 1 << 7;

/// Now, as Discord writes timestamps.
pub fn now() -> Value {
    serde_json::to_value(serenity::model::Timestamp::now()).expect("a timestamp serializes")
}

/// A user object.
pub fn user(u: &FakeUser) -> Value {
    json!({
        "id": u.id.to_string(),
        "username": u.name,
        "global_name": u.name,
        "discriminator": "0",
        "avatar": null,
        "bot": u.bot,
        "public_flags": 0,
    })
}

/// A role object.
pub fn role(r: &RoleSpec) -> Value {
    json!({
        "id": r.id.to_string(),
        "name": r.name,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
        "hoist": false,
        "icon": null,
        "unicode_emoji": null,
        "position": r.position,
        "permissions": r.permissions.bits().to_string(),
        "managed": r.managed,
        "mentionable": false,
        "flags": 0,
    })
}

/// A guild member object; `permissions` is set as in interaction payloads.
pub fn member(world: &World, guild_id: u64, user_id: u64) -> Value {
    let roles: Vec<String> = world
        .member(guild_id, user_id)
        .map(|m| m.roles.iter().map(u64::to_string).collect())
        .unwrap_or_default();
    let mut m = json!({
        "nick": null,
        "avatar": null,
        "roles": roles,
        "joined_at": "2024-01-15T09:00:00.000000+00:00",
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": world.permissions(guild_id, user_id).bits().to_string(),
        "communication_disabled_until": null,
    });
    if let Some(u) = world.users.get(&user_id) {
        m["user"] = user(u);
    }
    m
}

/// A channel or thread object.
pub fn channel(c: &ChannelSpec) -> Value {
    let mut v = json!({
        "id": c.id.to_string(),
        "type": c.kind,
        "guild_id": c.guild_id.to_string(),
        "name": c.name,
        "position": 0,
        "permission_overwrites": [],
        "nsfw": false,
        "topic": null,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": c.parent_id.map(|p| p.to_string()),
        "flags": 0,
    });
    if c.is_thread() {
        v["owner_id"] = json!(c.owner_id.map(|o| o.to_string()));
        v["message_count"] = json!(0);
        v["member_count"] = json!(c.thread_members.len().min(50));
        v["thread_metadata"] = json!({
            "archived": c.archived,
            "auto_archive_duration": c.auto_archive_duration,
            "archive_timestamp": now(),
            "locked": c.locked,
            "invitable": c.invitable,
            "create_timestamp": now(),
        });
        v["total_message_sent"] = json!(0);
    }
    v
}

/// The guild fields shared by GUILD_CREATE and `GET /guilds/{id}`.
fn guild_base(world: &World, guild_id: u64) -> Map<String, Value> {
    let g = world.guild(guild_id).expect("guild exists");
    let v = json!({
        "id": g.id.to_string(),
        "name": g.name,
        "icon": null,
        "icon_hash": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": g.owner_id.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": g.roles.iter().map(role).collect::<Vec<_>>(),
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
    });
    match v {
        Value::Object(map) => map,
        _ => unreachable!("json! of an object literal"),
    }
}

/// The GUILD_CREATE payload: the guild with roles, channels, threads and members.
pub fn guild_create(world: &World, guild_id: u64) -> Value {
    let g = world.guild(guild_id).expect("guild exists");
    let mut v = guild_base(world, guild_id);
    let (threads, channels): (Vec<&ChannelSpec>, Vec<&ChannelSpec>) = world
        .channels
        .values()
        .filter(|c| c.guild_id == guild_id)
        .partition(|c| c.is_thread());
    v.insert(
        "joined_at".into(),
        json!("2024-01-15T09:00:00.000000+00:00"),
    );
    v.insert("large".into(), json!(false));
    v.insert("unavailable".into(), json!(false));
    v.insert("member_count".into(), json!(g.members.len()));
    v.insert("voice_states".into(), json!([]));
    v.insert(
        "members".into(),
        json!(g
            .members
            .iter()
            .map(|m| member(world, guild_id, m.user_id))
            .collect::<Vec<_>>()),
    );
    v.insert(
        "channels".into(),
        json!(channels.into_iter().map(channel).collect::<Vec<_>>()),
    );
    v.insert(
        "threads".into(),
        json!(threads.into_iter().map(channel).collect::<Vec<_>>()),
    );
    v.insert("presences".into(), json!([]));
    v.insert("stage_instances".into(), json!([]));
    v.insert("guild_scheduled_events".into(), json!([]));
    Value::Object(v)
}

/// The `GET /guilds/{id}` answer.
pub fn partial_guild(world: &World, guild_id: u64) -> Value {
    Value::Object(guild_base(world, guild_id))
}

/// The READY payload.
pub fn ready(
    bot: &FakeUser,
    application_id: u64,
    guilds: &[u64],
    session: &str,
    ws_url: &str,
) -> Value {
    json!({
        "v": 10,
        "user": user(bot),
        "guilds": guilds.iter().map(|g| json!({"id": g.to_string(), "unavailable": true})).collect::<Vec<_>>(),
        "session_id": session,
        "resume_gateway_url": ws_url,
        "shard": [0, 1],
        "application": {"id": application_id.to_string(), "flags": 0},
    })
}

/// The `GET /oauth2/applications/@me` answer.
pub fn application_info(application_id: u64, bot: &FakeUser, owner: &FakeUser) -> Value {
    json!({
        "id": application_id.to_string(),
        "name": bot.name,
        "icon": null,
        "description": "Objection Dojo (fake Discord)",
        "bot_public": false,
        "bot_require_code_grant": false,
        "owner": user(owner),
        "verify_key": "00",
        "team": null,
        "flags": 0,
        "bot": user(bot),
    })
}

/// A registered application command, as Discord echoes a bulk overwrite.
pub fn registered_command(
    payload: &Value,
    id: u64,
    application_id: u64,
    guild_id: Option<u64>,
) -> Value {
    let mut c = payload.clone();
    c["id"] = json!(id.to_string());
    c["application_id"] = json!(application_id.to_string());
    c["version"] = json!(id.to_string());
    c["guild_id"] = json!(guild_id.map(|g| g.to_string()));
    if c.get("type").is_none() {
        c["type"] = json!(1);
    }
    if c.get("description").is_none() {
        c["description"] = json!("");
    }
    if c.get("default_member_permissions").is_none() {
        c["default_member_permissions"] = Value::Null;
    }
    c
}

/// What a new message is made of.
pub struct NewMessage<'a> {
    /// Message id.
    pub id: u64,
    /// Channel id.
    pub channel_id: u64,
    /// Guild id.
    pub guild_id: Option<u64>,
    /// Author.
    pub author: &'a FakeUser,
    /// Discord message type (0 default, 20 slash command reply).
    pub kind: u8,
    /// The sender's payload (content, embeds, components, flags).
    pub payload: &'a Value,
    /// Attachment objects.
    pub attachments: Vec<Value>,
    /// Set for interaction responses (the application id).
    pub webhook_id: Option<u64>,
}

/// A message object from a sender's payload.
pub fn message(m: NewMessage<'_>) -> Value {
    let p = m.payload;
    let embeds: Vec<Value> = p["embeds"]
        .as_array()
        .map(|es| es.iter().map(rich_embed).collect())
        .unwrap_or_default();
    let mut v = json!({
        "id": m.id.to_string(),
        "channel_id": m.channel_id.to_string(),
        "author": user(m.author),
        "content": p["content"].as_str().unwrap_or(""),
        "timestamp": now(),
        "edited_timestamp": null,
        "tts": p["tts"].as_bool().unwrap_or(false),
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": m.attachments,
        "embeds": embeds,
        "components": p["components"].as_array().cloned().unwrap_or_default(),
        "pinned": false,
        "type": m.kind,
        "flags": p["flags"].as_u64().unwrap_or(0),
    });
    if let Some(g) = m.guild_id {
        v["guild_id"] = json!(g.to_string());
    }
    if let Some(w) = m.webhook_id {
        v["webhook_id"] = json!(w.to_string());
        v["application_id"] = json!(w.to_string());
    }
    v
}

/// Discord stores sent embeds with `type: rich`.
pub fn rich_embed(e: &Value) -> Value {
    let mut e = e.clone();
    if e.is_object() && e.get("type").is_none() {
        e["type"] = json!("rich");
    }
    e
}

/// An attachment object for a hosted file.
pub fn attachment(
    id: u64,
    filename: &str,
    size: usize,
    content_type: Option<&str>,
    url: &str,
) -> Value {
    json!({
        "id": id.to_string(),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": content_type,
    })
}

/// The fields every interaction carries.
pub struct InteractionBase<'a> {
    /// Interaction id.
    pub id: u64,
    /// Interaction token.
    pub token: &'a str,
    /// Interaction type (2 command, 3 component, 4 autocomplete, 5 modal).
    pub kind: u8,
    /// The application id.
    pub application_id: u64,
    /// Where it happens.
    pub channel: &'a ChannelSpec,
    /// The member who acts, with permissions.
    pub member: Value,
    /// The bot's permissions there.
    pub app_permissions: u64,
    /// The user's locale (`en-US`, `fr`).
    pub locale: &'a str,
}

/// An interaction payload without its `data`.
pub fn interaction(b: InteractionBase<'_>) -> Value {
    json!({
        "id": b.id.to_string(),
        "application_id": b.application_id.to_string(),
        "type": b.kind,
        "guild_id": b.channel.guild_id.to_string(),
        "channel_id": b.channel.id.to_string(),
        "channel": channel(b.channel),
        "member": b.member,
        "token": b.token,
        "version": 1,
        "app_permissions": b.app_permissions.to_string(),
        "locale": b.locale,
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": {"0": b.channel.guild_id.to_string()},
        "context": 0,
        "attachment_size_limit": 10_485_760,
    })
}

/// Parses `value` as `T`, saying what failed and where.
pub fn validate<T: DeserializeOwned>(what: &str, value: &Value) -> Result<T, String> {
    serde_json::from_value::<T>(value.clone())
        .map_err(|e| format!("fake Discord built a {what} serenity cannot parse: {e}\n{value:#}"))
}

/// Checks a dispatch the way serenity will read it: with the type it maps
/// to (for a precise error) and as a whole gateway frame that must not end
/// up as `Event::Unknown`.
pub fn check_dispatch(t: &str, d: &Value) -> Result<(), String> {
    use serenity::model::event::{Event, GatewayEvent, GuildCreateEvent};
    use serenity::model::prelude::*;
    match t {
        "READY" => validate::<Ready>(t, d).map(drop)?,
        "GUILD_CREATE" => validate::<GuildCreateEvent>(t, d).map(drop)?,
        "INTERACTION_CREATE" => validate::<Interaction>(t, d).map(drop)?,
        "MESSAGE_CREATE" => validate::<Message>(t, d).map(drop)?,
        "THREAD_CREATE" | "THREAD_UPDATE" | "CHANNEL_UPDATE" | "CHANNEL_DELETE" => {
            validate::<GuildChannel>(t, d).map(drop)?
        }
        _ => {}
    }
    let frame = json!({"op": 0, "s": 1, "t": t, "d": d});
    match validate::<GatewayEvent>(t, &frame)? {
        GatewayEvent::Dispatch(_, Event::Unknown(_)) => Err(format!(
            "serenity reads this {t} dispatch as Event::Unknown and would drop it:\n{d:#}"
        )),
        _ => Ok(()),
    }
}
