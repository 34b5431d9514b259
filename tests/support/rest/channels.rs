//! Channel routes: get and edit channels (archive or lock a thread),
//! messages, threads (private, public, from a message) and thread members.

use serde_json::{json, Value};

use super::messages::{self, Origin};
use super::{Call, Ctx, Reply};
use crate::support::fixtures;
use crate::support::world::{kind, ChannelSpec};

/// Routes `/channels/{id}/...`.
pub fn route(ctx: &mut Ctx<'_>, call: &Call, channel: &str, rest: &[&str]) -> Option<Reply> {
    let channel_id: u64 = channel.parse().ok()?;
    if !ctx.state.world.channels.contains_key(&channel_id) {
        return Some(Reply::error(404, 10003, "Unknown Channel"));
    }
    let bot = ctx.config.bot.id;
    let reply = match (call.method.as_str(), rest) {
        ("GET", []) => channel_reply(ctx, channel_id),
        ("PATCH", []) => edit_channel(ctx, channel_id, call.body()),
        ("DELETE", []) => delete_channel(ctx, channel_id),
        ("GET", ["messages"]) => list_messages(ctx, call, channel_id),
        ("POST", ["messages"]) => {
            let kind = if call.body()["message_reference"].is_object() {
                19
            } else {
                0
            };
            let origin = Origin {
                author: bot,
                kind,
                webhook_id: None,
            };
            match messages::create(ctx, channel_id, &origin, call.body(), &call.files) {
                Ok(id) => messages::reply_with(ctx, id),
                Err(reply) => reply,
            }
        }
        (m, ["messages", message]) => {
            let id: u64 = message.parse().ok()?;
            if message_missing(ctx, id, channel_id) {
                return Some(Reply::error(404, 10008, "Unknown Message"));
            }
            match m {
                "GET" => messages::reply_with(ctx, id),
                "PATCH" => match messages::edit(ctx, id, call.body(), &call.files) {
                    Ok(()) => messages::reply_with(ctx, id),
                    Err(reply) => reply,
                },
                "DELETE" => messages::delete(ctx, id),
                _ => return None,
            }
        }
        ("POST", ["threads"]) => {
            let body = call.body();
            let kind = body["type"]
                .as_u64()
                .map_or(kind::PRIVATE_THREAD, |k| k as u8);
            if kind == kind::PRIVATE_THREAD && ctx.state.no_private_threads.contains(&channel_id) {
                return Some(Reply::error(403, 50013, "Missing Permissions"));
            }
            let id = ctx.state.next_id();
            create_thread(ctx, channel_id, id, kind, body)
        }
        ("POST", ["messages", message, "threads"]) => {
            let id: u64 = message.parse().ok()?;
            if message_missing(ctx, id, channel_id) {
                return Some(Reply::error(404, 10008, "Unknown Message"));
            }
            if ctx.state.world.channels.contains_key(&id) {
                return Some(Reply::error(
                    400,
                    160004,
                    "A thread has already been created for this message",
                ));
            }
            // Discord gives a thread started from a message that message's id.
            create_thread(ctx, channel_id, id, kind::PUBLIC_THREAD, call.body())
        }
        (m @ ("PUT" | "DELETE"), ["thread-members", user]) => {
            let user_id = if *user == "@me" {
                bot
            } else {
                user.parse().ok()?
            };
            thread_member(ctx, channel_id, user_id, m == "PUT")
        }
        ("GET", ["thread-members"]) => {
            let members: Vec<Value> = ctx.state.world.channels[&channel_id]
                .thread_members
                .iter()
                .map(|u| json!({"id": channel_id.to_string(), "user_id": u.to_string(), "join_timestamp": fixtures::now(), "flags": 0}))
                .collect();
            Reply::ok(json!(members))
        }
        ("PUT" | "DELETE", ["messages", _, "reactions", _, "@me"]) => Reply::Empty(204),
        ("POST", ["typing"]) => Reply::Empty(204),
        _ => return None,
    };
    Some(reply)
}

fn message_missing(ctx: &Ctx<'_>, id: u64, channel_id: u64) -> bool {
    ctx.state
        .world
        .messages
        .get(&id)
        .map_or(true, |m| m.deleted || m.channel_id() != channel_id)
}

fn channel_reply(ctx: &mut Ctx<'_>, id: u64) -> Reply {
    let json = fixtures::channel(&ctx.state.world.channels[&id]);
    ctx.checked::<serenity::model::channel::GuildChannel>("channel", json)
}

fn edit_channel(ctx: &mut Ctx<'_>, id: u64, body: &Value) -> Reply {
    let Some(c) = ctx.state.world.channels.get_mut(&id) else {
        return Reply::error(404, 10003, "Unknown Channel");
    };
    if let Some(name) = body["name"].as_str() {
        c.name = name.to_string();
    }
    for (key, flag) in [
        ("archived", &mut c.archived),
        ("locked", &mut c.locked),
        ("invitable", &mut c.invitable),
    ] {
        if let Some(v) = body[key].as_bool() {
            *flag = v;
        }
    }
    if let Some(minutes) = body["auto_archive_duration"].as_u64() {
        c.auto_archive_duration = minutes;
    }
    let event = if c.is_thread() {
        "THREAD_UPDATE"
    } else {
        "CHANNEL_UPDATE"
    };
    let json = fixtures::channel(c);
    ctx.emit(event, json);
    channel_reply(ctx, id)
}

/// Deletes a channel or thread (kept aside for assertions) and tells the bot.
fn delete_channel(ctx: &mut Ctx<'_>, id: u64) -> Reply {
    let Some(c) = ctx.state.world.channels.remove(&id) else {
        return Reply::error(404, 10003, "Unknown Channel");
    };
    let json = fixtures::channel(&c);
    if c.is_thread() {
        let gone = json!({
            "id": c.id.to_string(),
            "guild_id": c.guild_id.to_string(),
            "parent_id": c.parent_id.map(|p| p.to_string()),
            "type": c.kind,
        });
        ctx.emit("THREAD_DELETE", gone);
    } else {
        ctx.emit("CHANNEL_DELETE", json.clone());
    }
    ctx.state.world.deleted_channels.insert(id, c);
    ctx.checked::<serenity::model::channel::GuildChannel>("deleted channel", json)
}

fn list_messages(ctx: &mut Ctx<'_>, call: &Call, channel_id: u64) -> Reply {
    let limit = call
        .param("limit")
        .and_then(|l| l.parse().ok())
        .unwrap_or(50usize)
        .min(100);
    let before = call
        .param("before")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(u64::MAX);
    let after = call
        .param("after")
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let list: Vec<Value> = ctx
        .state
        .world
        .messages
        .iter()
        .rev()
        .filter(|(id, m)| {
            **id < before && **id > after && !m.deleted && m.channel_id() == channel_id
        })
        .filter(|(_, m)| m.flags() & (fixtures::EPHEMERAL | fixtures::LOADING) == 0)
        .take(limit)
        .map(|(_, m)| m.json.clone())
        .collect();
    ctx.checked::<Vec<serenity::model::channel::Message>>("message list", json!(list))
}

fn create_thread(ctx: &mut Ctx<'_>, parent: u64, id: u64, thread_kind: u8, body: &Value) -> Reply {
    let Some(parent_spec) = ctx.state.world.channels.get(&parent).cloned() else {
        return Reply::error(404, 10003, "Unknown Channel");
    };
    if parent_spec.is_thread() {
        return Reply::error(400, 50024, "Cannot execute action on this channel type");
    }
    let name = body["name"].as_str().unwrap_or("").to_string();
    if name.is_empty() || name.chars().count() > 100 {
        return Reply::Json(
            400,
            json!({"code": 50035, "message": "Invalid Form Body", "errors": "name: 1-100 characters"}),
        );
    }
    let bot = ctx.config.bot.id;
    let thread = ChannelSpec {
        id,
        guild_id: parent_spec.guild_id,
        kind: thread_kind,
        name,
        parent_id: Some(parent),
        owner_id: Some(bot),
        archived: false,
        locked: false,
        invitable: body["invitable"].as_bool().unwrap_or(true),
        auto_archive_duration: body["auto_archive_duration"].as_u64().unwrap_or(4320),
        thread_members: vec![bot],
    };
    let mut json = fixtures::channel(&thread);
    ctx.state.world.channels.insert(id, thread);
    json["newly_created"] = json!(true);
    ctx.emit("THREAD_CREATE", json);
    channel_reply(ctx, id)
}

fn thread_member(ctx: &mut Ctx<'_>, thread_id: u64, user_id: u64, add: bool) -> Reply {
    let guild_id = ctx.state.world.channels[&thread_id].guild_id;
    if ctx.state.world.member(guild_id, user_id).is_none() {
        return Reply::error(404, 10007, "Unknown Member");
    }
    let Some(thread) = ctx
        .state
        .world
        .channels
        .get_mut(&thread_id)
        .filter(|c| c.is_thread())
    else {
        return Reply::error(400, 50024, "Cannot execute action on this channel type");
    };
    if thread.archived {
        return Reply::error(400, 50083, "Thread is archived");
    }
    thread.thread_members.retain(|u| *u != user_id);
    if add {
        thread.thread_members.push(user_id);
    }
    Reply::Empty(204)
}
