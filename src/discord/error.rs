//! The bot's one error handler: a user error becomes a specific reply only
//! its author sees, an internal error is logged with its context and
//! answered generically, and nothing reaches the gateway loop.

use ::serenity::builder::Builder as _;
use poise::serenity_prelude as serenity;
use poise::{BoxFuture, FrameworkError};

use super::reply;
use crate::lang::Lang;

/// What a command or event handler returns when it fails.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    /// Something the user can fix; the text is shown to them as is (only to them).
    #[error("{0}")]
    User(String),
    /// A fault on our side; logged with context, answered generically.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl BotError {
    /// A user error with this message.
    pub fn user(message: impl Into<String>) -> BotError {
        BotError::User(message.into())
    }
}

impl From<serenity::Error> for BotError {
    fn from(err: serenity::Error) -> BotError {
        BotError::Internal(anyhow::Error::new(err).context("Discord request failed"))
    }
}

/// The `on_error` of every poise framework this crate builds.
pub fn on_error<U: Send + Sync>(error: FrameworkError<'_, U, BotError>) -> BoxFuture<'_, ()> {
    Box::pin(handle(error))
}

async fn handle<U: Send + Sync>(error: FrameworkError<'_, U, BotError>) {
    match error {
        FrameworkError::Setup { error, .. } => {
            tracing::error!(error = ?error, "bot setup failed");
        }
        FrameworkError::EventHandler {
            error,
            event,
            framework,
            ..
        } => event_error(framework.serenity_context, event, error).await,
        FrameworkError::UnknownInteraction {
            framework,
            interaction,
            ..
        } => unknown_interaction(framework.serenity_context, interaction).await,
        FrameworkError::UnknownCommand { msg, .. } => {
            tracing::debug!(content = %msg.content, "message looked like a prefix command");
        }
        FrameworkError::DynamicPrefix { error, .. }
        | FrameworkError::NonCommandMessage { error, .. } => {
            tracing::error!(error = ?error, "message handling failed");
        }
        other => {
            if let Some(ctx) = other.ctx() {
                let lang = lang_of(ctx.locale());
                if let Some(text) = command_error_text(other, lang) {
                    send_ephemeral(ctx, &text).await;
                }
            }
        }
    }
}

/// The reply to an error raised while running a command, logging what must
/// be logged; `None` when nothing should be said.
fn command_error_text<U>(error: FrameworkError<'_, U, BotError>, lang: Lang) -> Option<String> {
    let text = match error {
        FrameworkError::Command { error, ctx, .. } => match error {
            BotError::User(message) => {
                tracing::debug!(command = %ctx.command().qualified_name, %message, "user error");
                message
            }
            BotError::Internal(err) => {
                log_internal(ctx, &format!("{err:#}"));
                generic(lang).to_string()
            }
        },
        FrameworkError::CommandPanic { payload, ctx, .. } => {
            log_internal(
                ctx,
                &format!("panic: {}", payload.as_deref().unwrap_or("(no message)")),
            );
            generic(lang).to_string()
        }
        FrameworkError::ArgumentParse { error, input, .. } => {
            unreadable(lang, input.as_deref(), &error.to_string())
        }
        FrameworkError::CommandCheckFailed { error, ctx, .. } => match error {
            Some(BotError::User(message)) => message,
            Some(BotError::Internal(err)) => {
                log_internal(ctx, &format!("check failed: {err:#}"));
                generic(lang).to_string()
            }
            None => pick(
                lang,
                "You are not allowed to use this command here.",
                "Vous n'avez pas le droit d'utiliser cette commande ici.",
            )
            .into(),
        },
        FrameworkError::MissingUserPermissions {
            missing_permissions,
            ..
        } => match missing_permissions {
            Some(p) => match lang {
                Lang::En => format!(
                    "You need the {} permission to use this command.",
                    permission_names(p)
                ),
                Lang::Fr => format!(
                    "Il vous faut la permission {} pour utiliser cette commande.",
                    permission_names(p)
                ),
            },
            None => pick(
                lang,
                "I could not check your permissions; please try again.",
                "Je n'ai pas pu vérifier vos permissions ; réessayez.",
            )
            .into(),
        },
        FrameworkError::MissingBotPermissions {
            missing_permissions,
            ..
        } => match lang {
            Lang::En => format!(
                "I need the {} permission here to do that.",
                permission_names(missing_permissions)
            ),
            Lang::Fr => format!(
                "J'ai besoin de la permission {} ici pour faire cela.",
                permission_names(missing_permissions)
            ),
        },
        FrameworkError::SubcommandRequired { ctx, .. } => {
            let names: Vec<&str> = ctx.command().subcommands.iter().map(|c| &*c.name).collect();
            match lang {
                Lang::En => format!("Choose one of: {}.", names.join(", ")),
                Lang::Fr => format!("Choisissez parmi : {}.", names.join(", ")),
            }
        }
        FrameworkError::CooldownHit {
            remaining_cooldown, ..
        } => {
            let secs = remaining_cooldown.as_secs().max(1);
            match lang {
                Lang::En => format!("Please wait {secs} s before using this command again."),
                Lang::Fr => format!("Merci d'attendre {secs} s avant de relancer cette commande."),
            }
        }
        FrameworkError::GuildOnly { .. } => pick(
            lang,
            "This command only works in a server.",
            "Cette commande ne fonctionne que sur un serveur.",
        )
        .into(),
        FrameworkError::DmOnly { .. } => pick(
            lang,
            "This command only works in direct messages.",
            "Cette commande ne fonctionne qu'en message privé.",
        )
        .into(),
        FrameworkError::NsfwOnly { .. } => pick(
            lang,
            "This command only works in age-restricted channels.",
            "Cette commande ne fonctionne que dans les salons réservés aux adultes.",
        )
        .into(),
        FrameworkError::NotAnOwner { .. } => pick(
            lang,
            "Only the bot's owners can use this command.",
            "Seuls les propriétaires du bot peuvent utiliser cette commande.",
        )
        .into(),
        FrameworkError::CommandStructureMismatch {
            description, ctx, ..
        } => {
            tracing::error!(command = %ctx.command().qualified_name, description, "registered command differs from the bot's definition");
            stale(lang).to_string()
        }
        FrameworkError::PermissionFetchFailed { ctx, .. } => {
            log_internal(ctx, "could not fetch permissions");
            generic(lang).to_string()
        }
        other => {
            tracing::error!(error = %other, "unhandled framework error");
            return None;
        }
    };
    Some(text)
}

fn log_internal<U>(ctx: poise::Context<'_, U, BotError>, error: &str) {
    tracing::error!(
        command = %ctx.command().qualified_name,
        guild = ?ctx.guild_id().map(|g| g.get()),
        channel = ctx.channel_id().get(),
        user = ctx.author().id.get(),
        error,
        "command failed"
    );
}

async fn send_ephemeral<U: Send + Sync>(ctx: poise::Context<'_, U, BotError>, text: &str) {
    if let Err(err) = ctx.send(reply::ephemeral(text)).await {
        tracing::warn!(error = %err, "could not send the error reply");
    }
}

/// Errors from the event handler: a message gets a reply in its channel, a
/// component or modal interaction an ephemeral answer; other events are only logged.
async fn event_error(ctx: &serenity::Context, event: &serenity::FullEvent, error: BotError) {
    let text = |lang| match &error {
        BotError::User(message) => message.clone(),
        BotError::Internal(_) => generic(lang).to_string(),
    };
    if let BotError::Internal(err) = &error {
        tracing::error!(event = event.snake_case_name(), error = %format!("{err:#}"), "event handler failed");
    }
    let sent = match event {
        serenity::FullEvent::Message { new_message } => {
            let builder = serenity::CreateMessage::new()
                .content(reply::cut(&text(Lang::En), reply::CONTENT_MAX))
                .allowed_mentions(reply::no_mentions());
            new_message
                .channel_id
                .send_message(ctx, builder)
                .await
                .map(drop)
        }
        serenity::FullEvent::InteractionCreate { interaction } => {
            answer_interaction(
                ctx,
                interaction,
                &text(lang_of(interaction_locale(interaction))),
            )
            .await
        }
        _ => Ok(()),
    };
    if let Err(err) = sent {
        tracing::warn!(error = %err, "could not report an event handler error");
    }
}

fn interaction_locale(interaction: &serenity::Interaction) -> Option<&str> {
    match interaction {
        serenity::Interaction::Component(i) => Some(&i.locale),
        serenity::Interaction::Modal(i) => Some(&i.locale),
        serenity::Interaction::Command(i) | serenity::Interaction::Autocomplete(i) => {
            Some(&i.locale)
        }
        _ => None,
    }
}

/// Answers an interaction ephemerally: as its response, or as a follow-up
/// when the handler had already acknowledged it.
async fn answer_interaction(
    ctx: &serenity::Context,
    interaction: &serenity::Interaction,
    text: &str,
) -> Result<(), serenity::Error> {
    let content = reply::cut(text, reply::CONTENT_MAX).into_owned();
    let response = serenity::CreateInteractionResponse::Message(
        serenity::CreateInteractionResponseMessage::new()
            .content(content.clone())
            .ephemeral(true)
            .allowed_mentions(reply::no_mentions()),
    );
    let followup = serenity::CreateInteractionResponseFollowup::new()
        .content(content)
        .ephemeral(true)
        .allowed_mentions(reply::no_mentions());
    let (id, token) = match interaction {
        serenity::Interaction::Component(i) => (i.id, &i.token),
        serenity::Interaction::Modal(i) => (i.id, &i.token),
        serenity::Interaction::Command(i) => (i.id, &i.token),
        _ => return Ok(()),
    };
    if response.execute(ctx, (id, token)).await.is_err() {
        followup.execute(ctx, (None, token.as_str())).await?;
    }
    Ok(())
}

async fn unknown_interaction(ctx: &serenity::Context, interaction: &serenity::CommandInteraction) {
    tracing::warn!(command = %interaction.data.name, "interaction for a command this bot does not have");
    let lang = lang_of(Some(&interaction.locale));
    let response = serenity::CreateInteractionResponse::Message(
        serenity::CreateInteractionResponseMessage::new()
            .content(stale(lang))
            .ephemeral(true),
    );
    if let Err(err) = interaction.create_response(ctx, response).await {
        tracing::warn!(error = %err, "could not answer an unknown interaction");
    }
}

/// The language to answer in, from a Discord locale (`fr`, `en-US`, ...).
pub fn lang_of(locale: Option<&str>) -> Lang {
    match locale {
        Some(l) if l.starts_with("fr") => Lang::Fr,
        _ => Lang::En,
    }
}

fn pick(lang: Lang, en: &'static str, fr: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// The answer to any internal error.
pub fn generic(lang: Lang) -> &'static str {
    pick(
        lang,
        "Something went wrong on our side; it has been logged. Please try again.",
        "Un problème est survenu de notre côté ; il a été consigné. Merci de réessayer.",
    )
}

fn stale(lang: Lang) -> &'static str {
    pick(
        lang,
        "This command has just changed; please try again in a minute.",
        "Cette commande vient de changer ; réessayez dans une minute.",
    )
}

fn unreadable(lang: Lang, input: Option<&str>, error: &str) -> String {
    // Backticks in the echoed input would break the code span around it.
    let input = input.map(|i| reply::cut(&i.replace('`', "'"), 100).into_owned());
    match (lang, input) {
        (Lang::En, Some(i)) => format!("I could not read `{i}`: {error}."),
        (Lang::Fr, Some(i)) => format!("Je n'ai pas pu lire `{i}` : {error}."),
        (Lang::En, None) => format!("I could not read this command's options: {error}."),
        (Lang::Fr, None) => format!("Je n'ai pas pu lire les options de cette commande : {error}."),
    }
}

/// Permission names as Discord shows them, joined with commas.
pub fn permission_names(permissions: serenity::Permissions) -> String {
    let names = permissions.get_permission_names();
    if names.is_empty() {
        "required".to_string()
    } else {
        names.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_locales_get_french_answers() {
        assert_eq!(lang_of(Some("fr")), Lang::Fr);
        assert_eq!(lang_of(Some("en-US")), Lang::En);
        assert_eq!(lang_of(None), Lang::En);
        assert!(generic(Lang::Fr).contains("consigné"));
    }

    #[test]
    fn permission_names_are_readable() {
        let p = serenity::Permissions::MANAGE_GUILD | serenity::Permissions::SEND_MESSAGES;
        let names = permission_names(p);
        assert!(
            names.contains("Manage Guild") && names.contains("Send Messages"),
            "{names}"
        );
    }

    #[test]
    fn echoed_input_cannot_break_its_code_span() {
        let text = unreadable(Lang::En, Some("a`b"), "not a number");
        assert_eq!(text, "I could not read `a'b`: not a number.");
    }

    #[test]
    fn serenity_errors_are_internal() {
        let err: BotError = serenity::Error::Other("boom").into();
        assert!(matches!(err, BotError::Internal(_)));
        assert_eq!(
            BotError::user("Only coaches can do that.").to_string(),
            "Only coaches can do that."
        );
    }
}
