//! What the debate's buttons do. Only the debate's trainee may use them;
//! anyone else gets a private refusal. *Hint* answers privately, *End*
//! closes the debate with its final scorecard, *New objection* closes it and
//! opens a fresh thread.

use poise::serenity_prelude as serenity;

use super::buttons::{self, Action};
use super::error::lang_of;
use super::i18n::tr;
use super::{call, post, reply, spar, BotError, Data};
use crate::lang::Lang;
use crate::prospect::Debate;

/// Handles a click on one of the debate's buttons.
pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
) -> Result<(), BotError> {
    let Some((action, debate_id)) = buttons::parse(&click.data.custom_id) else {
        return Ok(());
    };
    let ui = lang_of(Some(&click.locale));
    let Some(guild) = click.guild_id else {
        return Ok(());
    };
    let (g, id) = (guild.get(), debate_id.to_string());
    let debate = call::app(&data.app, ui, "reading a debate", move |a| a.debate(g, &id)).await?;
    if debate.trainee != click.user.id.get().to_string() {
        return respond(ctx, click, &refusal(&debate.trainee, ui)).await;
    }
    match action {
        Action::Hint => hint(ctx, data, click, debate).await,
        Action::End if debate.is_over() => respond(ctx, click, already_over(ui)).await,
        Action::End => {
            click
                .create_response(&ctx.http, serenity::CreateInteractionResponse::Acknowledge)
                .await?;
            end(ctx, data, click, &debate).await
        }
        Action::New => renew(ctx, data, click, guild, debate, ui).await,
    }
}

async fn hint(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    debate: Debate,
) -> Result<(), BotError> {
    let (g, lang) = (debate.guild, debate.lang);
    let text = call::app(&data.app, lang, "writing a hint", move |a| {
        a.hint(g, &debate.id, &debate.trainee)
    })
    .await?;
    respond(ctx, click, &format!("💡 {text}")).await
}

/// Ends a live debate: final scorecard in its thread, buttons removed from
/// the clicked message, thread archived.
async fn end(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    debate: &Debate,
) -> Result<(), BotError> {
    let (g, id, trainee) = (debate.guild, debate.id.clone(), debate.trainee.clone());
    let card = call::app(&data.app, debate.lang, "ending a debate", move |a| {
        a.end_debate(g, &id, &trainee)
    })
    .await?;
    post::strip_buttons(&ctx.http, click.channel_id, click.message.id).await;
    let thread = spar::thread_of(&debate.id).unwrap_or(click.channel_id);
    spar::finish(&ctx.http, thread, &card).await;
    Ok(())
}

/// Ends the debate if it is still going, then opens a new one in a new thread.
async fn renew(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    guild: serenity::GuildId,
    debate: Debate,
    ui: Lang,
) -> Result<(), BotError> {
    let thinking = serenity::CreateInteractionResponseMessage::new().ephemeral(true);
    click
        .create_response(
            &ctx.http,
            serenity::CreateInteractionResponse::Defer(thinking),
        )
        .await?;
    if !debate.is_over() {
        end(ctx, data, click, &debate).await?;
    }
    let request = spar::Request {
        guild,
        channel: click.channel_id,
        trainee: click.user.id,
        trainee_name: click.user.display_name().to_string(),
        objection: None,
        lang: Some(debate.lang),
        ui,
    };
    let opened = spar::start(ctx, data, request).await?;
    let text = spar::opened_text(&opened, ui);
    let followup = serenity::CreateInteractionResponseFollowup::new()
        .content(reply::cut(&text, reply::CONTENT_MAX))
        .ephemeral(true)
        .allowed_mentions(reply::no_mentions());
    click.create_followup(&ctx.http, followup).await?;
    Ok(())
}

/// Answers the click with a message only the clicker sees.
async fn respond(
    ctx: &serenity::Context,
    click: &serenity::ComponentInteraction,
    text: &str,
) -> Result<(), BotError> {
    let message = serenity::CreateInteractionResponseMessage::new()
        .content(reply::cut(text, reply::CONTENT_MAX))
        .ephemeral(true)
        .allowed_mentions(reply::no_mentions());
    click
        .create_response(
            &ctx.http,
            serenity::CreateInteractionResponse::Message(message),
        )
        .await?;
    Ok(())
}

fn refusal(trainee: &str, ui: Lang) -> String {
    match ui {
        Lang::En => {
            format!("Only <@{trainee}> can use this debate's buttons. Start your own with /spar.")
        }
        Lang::Fr => format!(
            "Seul·e <@{trainee}> peut utiliser les boutons de ce débat. Lancez le vôtre avec /spar."
        ),
    }
}

fn already_over(ui: Lang) -> &'static str {
    tr(
        ui,
        "This debate is already over. Press New objection or use /spar to start another.",
        "Ce débat est déjà terminé. Appuyez sur Nouvelle objection ou utilisez /spar pour en lancer un autre.",
    )
}
