//! A trainee's message in their sparring thread is an answer: it is scored
//! and stored, then the thread shows the compact scorecard and the
//! prospect's next line (or the final scorecard when the debate ends).
//! Messages from bots, from other members, and in threads without a debate
//! are left alone.

use poise::serenity_prelude as serenity;

use super::{buttons, call, cards, post, spar, BotError, Data};
use crate::app::AppError;
use crate::lang::Lang;

/// Handles one message; does nothing unless it answers a debate.
pub async fn on_message(
    ctx: &serenity::Context,
    data: &Data,
    msg: &serenity::Message,
) -> Result<(), BotError> {
    if msg.author.bot || msg.webhook_id.is_some() {
        return Ok(());
    }
    let Some(guild) = msg.guild_id.map(serenity::GuildId::get) else {
        return Ok(());
    };
    if !matches!(
        msg.kind,
        serenity::MessageType::Regular | serenity::MessageType::InlineReply
    ) {
        return Ok(());
    }
    let id = msg.channel_id.get().to_string();
    let lookup = id.clone();
    let debate = match call::raw(&data.app, "looking up a debate", move |a| {
        a.debate(guild, &lookup)
    })
    .await?
    {
        Ok(debate) => debate,
        Err(AppError::NoDebate(_)) => return Ok(()),
        Err(err) => return Err(call::bot_error(err, Lang::En, "looking up a debate")),
    };
    let trainee = msg.author.id.get().to_string();
    if debate.trainee != trainee {
        // Spectators (a coach in a public thread) may talk freely.
        return Ok(());
    }
    let content = msg.content.clone();
    let answered = call::app(&data.app, debate.lang, "answering a debate", move |a| {
        a.answer(guild, &id, &trainee, &content)
    })
    .await?;
    let debate = &answered.debate;
    let card = cards::turn_card(&answered.card, &answered.turn, debate);
    post::send(&ctx.http, msg.channel_id, None, Some(card), None).await?;
    let live = answered.verdict.is_none();
    let row = live.then(|| buttons::live(&debate.id, debate.lang));
    let line = cards::prospect_line(debate, &answered.turn);
    post::send(&ctx.http, msg.channel_id, Some(line), None, row).await?;
    if let Some(verdict) = &answered.verdict {
        spar::finish(&ctx.http, msg.channel_id, verdict).await;
    }
    Ok(())
}
