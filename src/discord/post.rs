//! Posting in a sparring thread: every message pings nobody (answers and
//! library lines are echoed), and the debate's buttons ride on the
//! prospect's latest line.

use poise::serenity_prelude as serenity;

use super::reply::{self, EmbedText};
use super::BotError;

/// Posts `content` with optional embed and buttons in `channel`.
pub async fn send(
    http: &serenity::Http,
    channel: serenity::ChannelId,
    content: Option<String>,
    embed: Option<EmbedText>,
    buttons: Option<serenity::CreateActionRow>,
) -> Result<serenity::Message, BotError> {
    let mut message = serenity::CreateMessage::new().allowed_mentions(reply::no_mentions());
    if let Some(content) = content {
        message = message.content(reply::cut(&content, reply::CONTENT_MAX));
    }
    if let Some(embed) = embed {
        message = message.embed(embed.build());
    }
    if let Some(row) = buttons {
        message = message.components(vec![row]);
    }
    Ok(channel.send_message(http, message).await?)
}

/// Removes the buttons of a message the bot sent (a debate that ended).
pub async fn strip_buttons(
    http: &serenity::Http,
    channel: serenity::ChannelId,
    message: serenity::MessageId,
) {
    let edit = serenity::EditMessage::new().components(Vec::new());
    if let Err(err) = channel.edit_message(http, message, edit).await {
        tracing::warn!(message = message.get(), error = %err, "could not remove a finished debate's buttons");
    }
}
