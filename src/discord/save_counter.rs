//! The message context menu *Save as counter-argument*: a coach promotes a
//! trainee's answer from a sparring thread into the library, as a draft
//! credited to its author and carrying the score it earned.

use poise::serenity_prelude as serenity;

use super::i18n::tr;
use super::{call, coach, reply, BotError, Context};
use crate::app::AppError;
use crate::lang::Lang;

/// Save a trainee's answer as a draft counter-argument (coaches).
#[poise::command(
    context_menu_command = "Save as counter-argument",
    rename = "Save as counter-argument",
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "coach::check"
)]
pub async fn save_counter(ctx: Context<'_>, message: serenity::Message) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    if message.author.bot {
        return Err(BotError::user(tr(
            ui,
            "That message is the bot's, not a trainee's answer: use this on an answer in a sparring thread.",
            "Ce message vient du bot, pas d'un stagiaire : utilisez ceci sur une réponse dans un fil de joute.",
        )));
    }
    let debate_id = message.channel_id.get().to_string();
    let answer = message.content.clone();
    let author = coach::mention(message.author.id.get());
    let actor = coach::actor(ctx.author());
    let saved = call::raw(&ctx.data().app, "saving a counter-argument", move |a| {
        a.promote_answer(guild, &debate_id, &answer, &author, &actor)
    })
    .await?;
    let promoted = match saved {
        Ok(promoted) => promoted,
        Err(AppError::NoDebate(_)) => return Err(not_in_a_thread(ui)),
        Err(err) => return Err(coach::curation_error(err, ui, "saving a counter-argument")),
    };
    let c = &promoted.counter;
    let score = c.score.map_or_else(String::new, |s| s.to_string());
    let how = if promoted.from_turn {
        tr(ui, "its turn's score", "le score de son tour")
    } else {
        tr(ui, "scored now", "noté maintenant")
    };
    let said = match ui {
        Lang::En => format!(
            "Saved {}'s answer as draft **{}** of **{}** (score {score}, {how}). Approve it with /counter approve.",
            c.author, c.id, promoted.objection
        ),
        Lang::Fr => format!(
            "Réponse de {} enregistrée en brouillon **{}** de **{}** (score {score}, {how}). Approuvez-la avec /counter approve.",
            c.author, c.id, promoted.objection
        ),
    };
    ctx.send(reply::ephemeral(&said)).await?;
    Ok(())
}

/// A message outside any debate gets a message saying where this works.
fn not_in_a_thread(ui: Lang) -> BotError {
    BotError::user(tr(
        ui,
        "This message is not in a sparring thread: save answers from a /spar thread.",
        "Ce message n'est pas dans un fil de joute : enregistrez des réponses depuis un fil /spar.",
    ))
}
