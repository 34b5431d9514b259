//! Interaction responses: callbacks (reply, defer, update, autocomplete,
//! modal), follow-ups and `@original` edits through the webhook routes,
//! with Discord's rules (one callback per interaction, follow-ups only after
//! it, the first follow-up after a defer filling in the "thinking…"
//! message) so the bot's mistakes show up here rather than in production.

use serde_json::{json, Value};

use super::messages::{self, Origin};
use super::{Call, Ctx, Reply};
use crate::support::fixtures::{EPHEMERAL, LOADING};
use crate::support::InteractionState;

/// `POST /interactions/{id}/{token}/callback`.
pub fn callback(ctx: &mut Ctx<'_>, call: &Call, id: &str, token: &str) -> Reply {
    let Some(interaction) = id
        .parse::<u64>()
        .ok()
        .and_then(|id| ctx.state.interactions.get(&id))
        .filter(|i| i.token == token)
        .cloned()
    else {
        return Reply::error(404, 10062, "Unknown interaction");
    };
    if interaction.acknowledged {
        return Reply::error(400, 40060, "Interaction has already been acknowledged.");
    }
    let body = call.body();
    let data = &body["data"];
    let kind = body["type"].as_u64().unwrap_or(0);
    let result = match kind {
        4 => reply(ctx, &interaction, data, call).map(Some),
        5 => {
            let flags = LOADING | (data["flags"].as_u64().unwrap_or(0) & EPHEMERAL);
            reply(
                ctx,
                &interaction,
                &json!({"content": "", "flags": flags}),
                call,
            )
            .map(Some)
        }
        6 if interaction.kind != 2 => Ok(interaction.source_message),
        7 if interaction.kind == 3 || interaction.source_message.is_some() => {
            let target = interaction.source_message.unwrap_or(0);
            messages::edit(ctx, target, data, &call.files).map(|()| Some(target))
        }
        8 if interaction.kind == 4 => check_choices(data).map(|()| None),
        9 if interaction.kind != 5 && interaction.kind != 4 => check_modal(data).map(|()| None),
        _ => Err(Reply::error(
            400,
            50035,
            &format!(
                "interaction response type {kind} is not valid for interaction type {}",
                interaction.kind
            ),
        )),
    };
    match result {
        Ok(original) => {
            let state = ctx
                .state
                .interactions
                .get_mut(&interaction.id)
                .expect("interaction exists");
            state.acknowledged = true;
            state.callbacks.push(body.clone());
            if original.is_some() {
                state.original = original;
            }
            Reply::Empty(204)
        }
        Err(reply) => reply,
    }
}

/// Posts the interaction's response message in its channel.
fn reply(
    ctx: &mut Ctx<'_>,
    interaction: &InteractionState,
    payload: &Value,
    call: &Call,
) -> Result<u64, Reply> {
    let kind = if interaction.kind == 2 { 20 } else { 0 };
    let origin = Origin {
        author: ctx.config.bot.id,
        kind,
        webhook_id: Some(ctx.config.application_id),
    };
    messages::create(ctx, interaction.channel_id, &origin, payload, &call.files)
}

fn check_choices(data: &Value) -> Result<(), Reply> {
    let choices = data["choices"].as_array().cloned().unwrap_or_default();
    let bad = choices.iter().any(|c| {
        let name = c["name"].as_str().map_or(0, |s| s.chars().count());
        !(1..=100).contains(&name) || c.get("value").is_none()
    });
    if choices.len() > 25 || bad {
        return Err(Reply::error(
            400,
            50035,
            "autocomplete: at most 25 choices, names 1-100 characters",
        ));
    }
    Ok(())
}

fn check_modal(data: &Value) -> Result<(), Reply> {
    let title = data["title"].as_str().map_or(0, |s| s.chars().count());
    let rows = data["components"].as_array().cloned().unwrap_or_default();
    let inputs_ok = rows.iter().all(|row| {
        let items = row["components"].as_array().cloned().unwrap_or_default();
        items.len() == 1
            && items[0]["type"] == 4
            && items[0]["label"].as_str().map_or(0, |s| s.chars().count()) <= 45
            && items[0]["custom_id"]
                .as_str()
                .is_some_and(|s| !s.is_empty())
    });
    let custom_id = data["custom_id"].as_str().map_or(0, |s| s.chars().count());
    if !(1..=45).contains(&title)
        || rows.is_empty()
        || rows.len() > 5
        || !inputs_ok
        || !(1..=100).contains(&custom_id)
    {
        return Err(Reply::error(400, 50035, "modal: title 1-45, custom_id 1-100, 1-5 rows of one text input each (label at most 45)"));
    }
    Ok(())
}

/// `POST /webhooks/{app}/{token}`: a follow-up message.
pub fn followup(ctx: &mut Ctx<'_>, call: &Call, token: &str) -> Reply {
    let Some(interaction) = ctx.state.interaction_by_token(token).cloned() else {
        return Reply::error(404, 10015, "Unknown Webhook");
    };
    if !interaction.acknowledged {
        // Discord has no webhook for an interaction nobody answered yet.
        return Reply::error(404, 10015, "Unknown Webhook");
    }
    // The first follow-up after a defer fills in the "thinking…" message
    // (keeping the defer's ephemerality), as Discord does.
    if let Some(original) = interaction.original.filter(|id| is_loading(ctx, *id)) {
        return match messages::edit(ctx, original, call.body(), &call.files) {
            Ok(()) => messages::reply_with(ctx, original),
            Err(reply) => reply,
        };
    }
    let origin = Origin {
        author: ctx.config.bot.id,
        kind: 0,
        webhook_id: Some(ctx.config.application_id),
    };
    match messages::create(
        ctx,
        interaction.channel_id,
        &origin,
        call.body(),
        &call.files,
    ) {
        Ok(id) => {
            if let Some(i) = ctx.state.interactions.get_mut(&interaction.id) {
                i.followups.push(id);
            }
            messages::reply_with(ctx, id)
        }
        Err(reply) => reply,
    }
}

fn is_loading(ctx: &Ctx<'_>, id: u64) -> bool {
    ctx.state
        .world
        .messages
        .get(&id)
        .is_some_and(|m| m.flags() & LOADING != 0)
}

/// `GET`/`PATCH`/`DELETE /webhooks/{app}/{token}/messages/{id | @original}`.
pub fn webhook_message(
    ctx: &mut Ctx<'_>,
    call: &Call,
    token: &str,
    message: &str,
) -> Option<Reply> {
    let Some(interaction) = ctx.state.interaction_by_token(token).cloned() else {
        return Some(Reply::error(404, 10015, "Unknown Webhook"));
    };
    let target = if message == "@original" {
        interaction.original
    } else {
        message
            .parse::<u64>()
            .ok()
            .filter(|id| interaction.followups.contains(id) || interaction.original == Some(*id))
    };
    let Some(id) = target else {
        return Some(Reply::error(404, 10008, "Unknown Message"));
    };
    let reply = match call.method.as_str() {
        "GET" => messages::reply_with(ctx, id),
        "PATCH" => match messages::edit(ctx, id, call.body(), &call.files) {
            Ok(()) => messages::reply_with(ctx, id),
            Err(reply) => reply,
        },
        "DELETE" => messages::delete(ctx, id),
        _ => return None,
    };
    Some(reply)
}
