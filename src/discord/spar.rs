//! `/spar`: opens a private thread where the prospect raises an objection;
//! the thread's id is the debate's id, so a restarted bot finds the debate
//! in the store. Also the two ends every debate shares: opening one (used by
//! the *New objection* button too) and closing one with its final scorecard.

use poise::serenity_prelude as serenity;

use super::choices::LangChoice;
use super::error::lang_of;
use super::i18n::tr;
use super::thread::{self, SparThread};
use super::{buttons, call, cards, post, reply, suggest, BotError, Context, Data};
use crate::app::library;
use crate::app::spar::{StartOptions, Started};
use crate::app::AppError;
use crate::lang::Lang;
use crate::prospect::FinalCard;

/// Spar with a skeptical prospect in a private thread.
#[poise::command(
    slash_command,
    guild_only,
    name_localized("fr", "joute"),
    description_localized("fr", "Affrontez un prospect sceptique dans un fil privé.")
)]
pub async fn spar(
    ctx: Context<'_>,
    #[description = "The objection to face (else the dojo picks one for you)"]
    #[description_localized("fr", "L'objection à affronter (sinon le dojo en choisit une)")]
    #[name_localized("fr", "objection")]
    #[autocomplete = "suggest::objections"]
    objection: Option<String>,
    #[description = "The prospect's language (else the server's)"]
    #[name_localized("fr", "langue")]
    #[description_localized("fr", "La langue du prospect (sinon celle du serveur)")]
    lang: Option<LangChoice>,
) -> Result<(), BotError> {
    let ui = lang_of(ctx.locale());
    ctx.defer_ephemeral().await?;
    let guild = ctx
        .guild_id()
        .ok_or_else(|| BotError::user(guild_only(ui)))?;
    let objection = match objection
        .map(|o| o.trim().to_string())
        .filter(|o| !o.is_empty())
    {
        Some(id) => Some(id),
        // An open drill from a coach comes before spaced repetition.
        None => {
            let roles: Vec<u64> = match ctx.author_member().await {
                Some(member) => member.roles.iter().map(|r| r.get()).collect(),
                None => Vec::new(),
            };
            let (g, trainee) = (guild.get(), ctx.author().id.to_string());
            call::app(&ctx.data().app, ui, "reading assignments", move |a| {
                a.assigned_next(g, &trainee, &roles)
            })
            .await?
        }
    };
    let request = Request {
        guild,
        channel: ctx.channel_id(),
        trainee: ctx.author().id,
        trainee_name: ctx.author().display_name().to_string(),
        objection,
        lang: lang.map(Lang::from),
        ui,
    };
    let opened = start(ctx.serenity_context(), ctx.data(), request).await?;
    ctx.send(reply::ephemeral(&opened_text(&opened, ui)))
        .await?;
    Ok(())
}

/// What the trainee asked to spar on, and where.
#[derive(Debug, Clone)]
pub struct Request {
    /// The guild.
    pub guild: serenity::GuildId,
    /// Where the trainee asked (a channel, or a sparring thread).
    pub channel: serenity::ChannelId,
    /// The trainee.
    pub trainee: serenity::UserId,
    /// Their name, for the thread's name.
    pub trainee_name: String,
    /// An objection id from the library.
    pub objection: Option<String>,
    /// The prospect's language.
    pub lang: Option<Lang>,
    /// The language of the trainee's Discord client.
    pub ui: Lang,
}

/// A debate opened in its thread.
#[derive(Debug, Clone)]
pub struct Opened {
    /// The thread.
    pub thread: SparThread,
    /// The debate and its objection.
    pub started: Started,
}

/// Opens a thread for the trainee, starts the debate there and posts the
/// prospect's opening line with the debate's buttons.
pub async fn start(
    ctx: &serenity::Context,
    data: &Data,
    request: Request,
) -> Result<Opened, BotError> {
    let app = &data.app;
    let (g, ui) = (request.guild.get(), request.ui);
    let config = call::app(app, ui, "reading the guild settings", move |a| {
        a.guild_config(g)
    })
    .await?;
    if let Some(id) = request.objection.clone() {
        // Checked before a thread exists, so a typo leaves nothing behind.
        call::app(app, ui, "looking up an objection", move |a| {
            library::show(a.store(), g, &id).map_err(AppError::from)
        })
        .await?;
    }
    let parent = match config.spar_channel {
        Some(channel) => serenity::ChannelId::new(channel),
        None => thread::parent_of(ctx, request.channel).await?,
    };
    let name = format!("{} · {}", tr(ui, "Sparring", "Joute"), request.trainee_name);
    let opened = thread::open(
        &ctx.http,
        parent,
        &name,
        config.archive_minutes,
        request.trainee,
        ui,
    )
    .await?;
    let options = StartOptions {
        debate_id: Some(opened.id.to_string()),
        objection: request.objection,
        lang: request.lang.or(config.lang),
        turns: config.turns,
    };
    let trainee = request.trainee.to_string();
    let started = call::raw(app, "starting a debate", move |a| {
        a.start_debate(g, &trainee, options)
    })
    .await
    .and_then(|r| r.map_err(|e| call::bot_error(e, ui, "starting a debate")));
    let started = match started {
        Ok(started) => started,
        Err(err) => {
            thread::discard(&ctx.http, opened.id).await;
            return Err(err);
        }
    };
    let debate = &started.debate;
    post::send(
        &ctx.http,
        opened.id,
        Some(cards::opening(debate, &started.objection, !opened.private)),
        None,
        Some(buttons::live(&debate.id, debate.lang)),
    )
    .await?;
    Ok(Opened {
        thread: opened,
        started,
    })
}

/// Posts the final scorecard in the debate's thread, then archives and
/// locks it.
pub async fn finish(http: &serenity::Http, thread: serenity::ChannelId, card: &FinalCard) {
    let posted = post::send(
        http,
        thread,
        None,
        Some(cards::final_card(card)),
        Some(buttons::finished(&card.debate_id, card.lang)),
    )
    .await;
    if let Err(err) = posted {
        tracing::error!(thread = thread.get(), error = %err, "could not post a final scorecard");
    }
    thread::close(http, thread).await;
}

/// The private answer to `/spar` (and *New objection*).
pub fn opened_text(opened: &Opened, ui: Lang) -> String {
    let id = opened.thread.id.get();
    let mut text = match ui {
        Lang::En => format!("Your sparring thread is open: <#{id}>. Answer the prospect there."),
        Lang::Fr => format!("Votre fil de joute est ouvert : <#{id}>. Répondez-y au prospect."),
    };
    if !opened.thread.private {
        text.push('\n');
        text.push_str(cards::public_note(ui));
    }
    text
}

fn guild_only(ui: Lang) -> &'static str {
    tr(
        ui,
        "This command only works in a server.",
        "Cette commande ne fonctionne que sur un serveur.",
    )
}

/// The thread a debate id names, if it is one (debates started in the
/// terminal have other ids).
pub fn thread_of(debate_id: &str) -> Option<serenity::ChannelId> {
    debate_id
        .parse::<u64>()
        .ok()
        .filter(|&id| id > 0)
        .map(serenity::ChannelId::new)
}
