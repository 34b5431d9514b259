//! Creating and editing messages the way Discord does: limits enforced
//! (a too-long reply fails here as it would in production), uploads hosted,
//! and MESSAGE_CREATE / MESSAGE_UPDATE sent to the bot for visible messages.

use serde_json::{json, Value};

use super::{host, Ctx, Reply};
use crate::support::fixtures::{self, NewMessage, EPHEMERAL, LOADING};
use crate::support::recorder::FilePart;
use crate::support::world::{id_of, StoredMessage};

/// Who sends a message and how Discord labels it.
pub struct Origin {
    /// Author user id.
    pub author: u64,
    /// Discord message type.
    pub kind: u8,
    /// The application id for interaction responses.
    pub webhook_id: Option<u64>,
}

/// Checks a message payload against Discord's limits; `creating` also
/// requires some content.
pub fn check_payload(p: &Value, files: usize, creating: bool) -> Result<(), Reply> {
    let len = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
    let invalid = |what: String| {
        Err(Reply::Json(
            400,
            json!({"code": 50035, "message": "Invalid Form Body", "errors": what}),
        ))
    };
    if len(&p["content"]) > 2000 {
        return invalid(format!(
            "content: must be 2000 or fewer in length (got {})",
            len(&p["content"])
        ));
    }
    let embeds = p["embeds"].as_array().cloned().unwrap_or_default();
    if embeds.len() > 10 {
        return invalid("embeds: at most 10".into());
    }
    for (i, e) in embeds.iter().enumerate() {
        let fields = e["fields"].as_array().cloned().unwrap_or_default();
        let checks = [
            (len(&e["title"]), 256, "title"),
            (len(&e["description"]), 4096, "description"),
            (len(&e["footer"]["text"]), 2048, "footer.text"),
            (len(&e["author"]["name"]), 256, "author.name"),
            (fields.len(), 25, "fields (count)"),
        ];
        for (got, max, what) in checks {
            if got > max {
                return invalid(format!("embeds[{i}].{what}: at most {max} (got {got})"));
            }
        }
        for (j, f) in fields.iter().enumerate() {
            if len(&f["name"]) == 0
                || len(&f["name"]) > 256
                || len(&f["value"]) == 0
                || len(&f["value"]) > 1024
            {
                return invalid(format!(
                    "embeds[{i}].fields[{j}]: name 1-256 and value 1-1024 characters"
                ));
            }
        }
        let total = len(&e["title"])
            + len(&e["description"])
            + len(&e["footer"]["text"])
            + len(&e["author"]["name"])
            + fields
                .iter()
                .map(|f| len(&f["name"]) + len(&f["value"]))
                .sum::<usize>();
        if total > 6000 {
            return invalid(format!(
                "embeds[{i}]: total text at most 6000 (got {total})"
            ));
        }
    }
    check_components(p, &invalid)?;
    let empty = len(&p["content"]) == 0
        && embeds.is_empty()
        && files == 0
        && p["components"].as_array().map_or(true, Vec::is_empty);
    if creating && empty {
        return Err(Reply::error(400, 50006, "Cannot send an empty message"));
    }
    Ok(())
}

fn check_components(p: &Value, invalid: &dyn Fn(String) -> Result<(), Reply>) -> Result<(), Reply> {
    let rows = p["components"].as_array().cloned().unwrap_or_default();
    if rows.len() > 5 {
        return invalid("components: at most 5 rows".into());
    }
    for (i, row) in rows.iter().enumerate() {
        let items = row["components"].as_array().cloned().unwrap_or_default();
        if row["type"] != 1 || items.is_empty() || items.len() > 5 {
            return invalid(format!("components[{i}]: an action row of 1-5 components"));
        }
        for (j, c) in items.iter().enumerate() {
            let id_len = c["custom_id"].as_str().map_or(0, |s| s.chars().count());
            let label_len = c["label"].as_str().map_or(0, |s| s.chars().count());
            if id_len > 100 || label_len > 80 || (c["type"] == 2 && c["style"] != 5 && id_len == 0)
            {
                return invalid(format!(
                    "components[{i}].components[{j}]: custom_id 1-100, label at most 80"
                ));
            }
        }
    }
    Ok(())
}

/// Hosts uploaded files and returns their attachment objects.
fn upload(ctx: &mut Ctx<'_>, files: &[FilePart]) -> Vec<Value> {
    files
        .iter()
        .map(|f| {
            let id = ctx.state.next_id();
            let hosted = host(
                &mut ctx.state.world,
                &ctx.config.api_base,
                id,
                &f.filename,
                f.content_type.clone(),
                f.bytes.clone(),
            );
            fixtures::attachment(
                id,
                &hosted.filename,
                hosted.bytes.len(),
                hosted.content_type.as_deref(),
                &hosted.url,
            )
        })
        .collect()
}

/// Creates a message in a channel; returns its id or the error to answer.
pub fn create(
    ctx: &mut Ctx<'_>,
    channel_id: u64,
    origin: &Origin,
    payload: &Value,
    files: &[FilePart],
) -> Result<u64, Reply> {
    let Some(channel) = ctx.state.world.channels.get(&channel_id).cloned() else {
        return Err(Reply::error(404, 10003, "Unknown Channel"));
    };
    check_payload(
        payload,
        files.len(),
        payload["flags"].as_u64().unwrap_or(0) & LOADING == 0,
    )?;
    if channel.is_thread() && channel.archived {
        let may_unlock = ctx
            .state
            .world
            .permissions(channel.guild_id, origin.author)
            .contains(serenity::model::Permissions::MANAGE_THREADS);
        if channel.locked && !may_unlock {
            return Err(Reply::error(403, 50083, "Thread is archived"));
        }
        if let Some(c) = ctx.state.world.channels.get_mut(&channel_id) {
            c.archived = false;
        }
    }
    let id = ctx.state.next_id();
    let attachments = upload(ctx, files);
    let author = ctx
        .state
        .world
        .users
        .get(&origin.author)
        .cloned()
        .ok_or_else(|| Reply::error(404, 10013, "Unknown User"))?;
    let json = fixtures::message(NewMessage {
        id,
        channel_id,
        guild_id: Some(channel.guild_id),
        author: &author,
        kind: origin.kind,
        payload,
        attachments,
        webhook_id: origin.webhook_id,
    });
    store(ctx, id, json, payload["allowed_mentions"].clone());
    Ok(id)
}

/// Applies an edit payload to a stored message.
pub fn edit(ctx: &mut Ctx<'_>, id: u64, payload: &Value, files: &[FilePart]) -> Result<(), Reply> {
    check_payload(payload, files.len(), false)?;
    let Some(mut json) = ctx
        .state
        .world
        .messages
        .get(&id)
        .filter(|m| !m.deleted)
        .map(|m| m.json.clone())
    else {
        return Err(Reply::error(404, 10008, "Unknown Message"));
    };
    for key in ["content", "components"] {
        if let Some(v) = payload.get(key) {
            let cleared = if key == "content" {
                json!("")
            } else {
                json!([])
            };
            json[key] = if v.is_null() { cleared } else { v.clone() };
        }
    }
    if let Some(embeds) = payload.get("embeds") {
        json["embeds"] = json!(embeds
            .as_array()
            .map(|es| es.iter().map(fixtures::rich_embed).collect::<Vec<_>>())
            .unwrap_or_default());
    }
    let uploaded = upload(ctx, files);
    if let Some(kept) = payload.get("attachments").and_then(Value::as_array) {
        let keep: Vec<u64> = kept.iter().map(|a| id_of(&a["id"])).collect();
        let old = json["attachments"].as_array().cloned().unwrap_or_default();
        json["attachments"] = json!(old
            .into_iter()
            .filter(|a| keep.contains(&id_of(&a["id"])))
            .collect::<Vec<_>>());
    }
    if let Some(list) = json["attachments"].as_array_mut() {
        list.extend(uploaded);
    }
    let flags = json["flags"].as_u64().unwrap_or(0);
    let was_loading = flags & LOADING != 0;
    json["flags"] = json!(flags & !LOADING);
    json["edited_timestamp"] = if was_loading {
        Value::Null
    } else {
        fixtures::now()
    };
    let mentions = payload.get("allowed_mentions").cloned();
    let previous = ctx
        .state
        .world
        .messages
        .get(&id)
        .and_then(|m| m.allowed_mentions.clone());
    let visible = flags & EPHEMERAL == 0;
    ctx.state.world.messages.insert(
        id,
        StoredMessage {
            json: json.clone(),
            allowed_mentions: mentions.or(previous),
            deleted: false,
        },
    );
    if visible {
        let event = if was_loading {
            "MESSAGE_CREATE"
        } else {
            "MESSAGE_UPDATE"
        };
        let d = with_guild(ctx, json);
        ctx.emit(event, d);
    }
    Ok(())
}

fn store(ctx: &mut Ctx<'_>, id: u64, json: Value, allowed_mentions: Value) {
    let flags = json["flags"].as_u64().unwrap_or(0);
    let allowed_mentions = (!allowed_mentions.is_null()).then_some(allowed_mentions);
    ctx.state.world.messages.insert(
        id,
        StoredMessage {
            json: json.clone(),
            allowed_mentions,
            deleted: false,
        },
    );
    if flags & (EPHEMERAL | LOADING) == 0 {
        let d = with_guild(ctx, json);
        ctx.emit("MESSAGE_CREATE", d);
    }
}

/// A message as the gateway sends it: with `guild_id` and the author's partial member.
pub fn with_guild(ctx: &Ctx<'_>, mut json: Value) -> Value {
    let channel_id = id_of(&json["channel_id"]);
    if let Some(c) = ctx.state.world.channels.get(&channel_id) {
        json["guild_id"] = json!(c.guild_id.to_string());
        let mut member =
            fixtures::member(&ctx.state.world, c.guild_id, id_of(&json["author"]["id"]));
        if let Some(m) = member.as_object_mut() {
            m.remove("user");
            m.remove("permissions");
        }
        json["member"] = member;
    }
    json
}

/// The message JSON REST returns, checked with serenity's `Message`.
pub fn reply_with(ctx: &mut Ctx<'_>, id: u64) -> Reply {
    match ctx.state.world.messages.get(&id) {
        Some(m) if !m.deleted => {
            let json = m.json.clone();
            ctx.checked::<serenity::model::channel::Message>("message", json)
        }
        _ => Reply::error(404, 10008, "Unknown Message"),
    }
}

/// Marks a message deleted.
pub fn delete(ctx: &mut Ctx<'_>, id: u64) -> Reply {
    match ctx.state.world.messages.get_mut(&id) {
        Some(m) if !m.deleted => {
            m.deleted = true;
            Reply::Empty(204)
        }
        _ => Reply::error(404, 10008, "Unknown Message"),
    }
}
