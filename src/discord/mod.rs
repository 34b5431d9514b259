//! The Discord front end: a thin poise bot over the `app` use cases. This
//! module builds the client (pointed at discord.com, or at a fake Discord in
//! tests through `DOJO_DISCORD_API`), registers the commands, and runs until
//! asked to stop, letting work in flight finish first.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use poise::serenity_prelude as serenity;

use crate::app::App;
use crate::config::DiscordSettings;

pub mod answer;
pub mod assign;
pub mod buttons;
pub mod call;
pub mod cards;
pub mod chart;
pub mod choices;
pub mod clicks;
pub mod coach;
pub mod coach_buttons;
pub mod complete;
pub mod config;
pub mod counter;
pub mod download;
pub mod error;
pub mod events;
pub mod i18n;
pub mod inflight;
pub mod leaderboard;
pub mod library;
pub mod objection;
pub mod post;
pub mod progress;
pub mod reply;
pub mod review;
pub mod rubric;
pub mod save_counter;
pub mod score;
pub mod spar;
pub mod suggest;
pub mod thread;

pub use error::BotError;
pub use inflight::{InFlight, InFlightGuard};

/// How long a shutdown waits for work in flight (scoring and persisting a
/// turn takes well under a second; container runtimes kill after ~10 s).
pub const DRAIN_TIMEOUT: Duration = Duration::from_secs(8);

/// How long a shutdown waits for the gateway connection to close.
const CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// What every command and event handler of the bot can reach.
#[derive(Debug, Clone)]
pub struct Data {
    /// The use cases (shared with the terminal front end).
    pub app: Arc<App>,
    /// Work in flight; a command spawning a task that must finish before
    /// shutdown holds [`InFlight::enter`] in it.
    pub in_flight: InFlight,
}

impl Data {
    /// The bot's data over `app`, with nothing in flight.
    pub fn new(app: Arc<App>) -> Data {
        Data {
            app,
            in_flight: InFlight::new(),
        }
    }
}

/// The poise context of this bot's commands.
pub type Context<'a> = poise::Context<'a, Data, BotError>;

/// Handles gateway events that are not commands (messages, button clicks).
pub type EventHandler<U> = for<'a> fn(
    poise::FrameworkContext<'a, U, BotError>,
    &'a serenity::FullEvent,
) -> poise::BoxFuture<'a, Result<(), BotError>>;

/// A bot to run: its data, commands and event handler. [`run`] builds the
/// real one; tests build small ones to run through the same code.
pub struct Bot<U> {
    /// The data every command receives.
    pub data: U,
    /// Slash and context-menu commands, registered at start.
    pub commands: Vec<poise::Command<U, BotError>>,
    /// Non-command events.
    pub event_handler: EventHandler<U>,
    /// Counts dispatched events so that a shutdown can wait for them.
    pub in_flight: InFlight,
    /// How long a shutdown waits for work in flight.
    pub drain_timeout: Duration,
}

impl<U> Bot<U> {
    /// A bot with these data and commands that ignores other events.
    pub fn new(data: U, commands: Vec<poise::Command<U, BotError>>) -> Bot<U> {
        Bot {
            data,
            commands,
            event_handler: ignore_events,
            in_flight: InFlight::new(),
            drain_timeout: DRAIN_TIMEOUT,
        }
    }
}

/// The bot's commands.
pub fn commands() -> Vec<poise::Command<Data, BotError>> {
    vec![
        spar::spar(),
        rubric::rubric(),
        score::score(),
        progress::progress(),
        leaderboard::leaderboard(),
        objection::objection(),
        counter::counter(),
        save_counter::save_counter(),
        library::library(),
        assign::assign(),
        review::review(),
        config::dojo(),
    ]
}

/// An event handler that does nothing.
pub fn ignore_events<U>(
    _: poise::FrameworkContext<'_, U, BotError>,
    _: &serenity::FullEvent,
) -> poise::BoxFuture<'static, Result<(), BotError>> {
    Box::pin(async { Ok(()) })
}

/// Runs the Objection Dojo bot until `shutdown` completes, then lets work in
/// flight finish and disconnects.
pub async fn run(
    settings: DiscordSettings,
    data: Data,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    let in_flight = data.in_flight.clone();
    let bot = Bot {
        in_flight,
        event_handler: events::handle,
        ..Bot::new(data, commands())
    };
    run_bot(&settings, bot, shutdown).await
}

/// Runs any bot the way the real one runs: same client, error handler,
/// registration and shutdown.
pub async fn run_bot<U: Send + Sync + 'static>(
    settings: &DiscordSettings,
    bot: Bot<U>,
    shutdown: impl Future<Output = ()> + Send,
) -> anyhow::Result<()> {
    let in_flight = bot.in_flight.clone();
    let drain_timeout = bot.drain_timeout;
    let framework = inflight::Tracked {
        inner: build_framework(settings.dev_guild, bot),
        in_flight: in_flight.clone(),
    };
    let mut client = serenity::ClientBuilder::new_with_http(build_http(settings), intents())
        .framework(framework)
        .await
        .context("could not build the Discord client")?;
    let shard_manager = client.shard_manager.clone();
    let mut running = tokio::spawn(async move { client.start().await });

    tokio::select! {
        ended = &mut running => return connection_ended(ended),
        () = shutdown => {}
    }
    tracing::info!(in_flight = in_flight.count(), "shutting down");
    in_flight.close();
    if !in_flight.drained(drain_timeout).await {
        tracing::warn!(
            in_flight = in_flight.count(),
            "shutting down with work still in flight"
        );
    }
    shard_manager.shutdown_all().await;
    match tokio::time::timeout(CLOSE_TIMEOUT, &mut running).await {
        Ok(ended) => connection_ended(ended),
        Err(_) => {
            running.abort();
            tracing::warn!("the gateway connection did not close in time");
            Ok(())
        }
    }
}

/// The intents the bot needs: guild structure, and messages with their
/// content (trainees answer the prospect in threads).
pub fn intents() -> serenity::GatewayIntents {
    serenity::GatewayIntents::GUILDS
        | serenity::GatewayIntents::GUILD_MESSAGES
        | serenity::GatewayIntents::MESSAGE_CONTENT
}

/// The permissions the invite link asks for: see and post in channels and
/// threads, open private (else public) sparring threads, archive and lock
/// them, embeds, the progress chart, and the thread's history.
pub fn permissions() -> serenity::Permissions {
    use serenity::Permissions as P;
    P::VIEW_CHANNEL
        | P::SEND_MESSAGES
        | P::SEND_MESSAGES_IN_THREADS
        | P::CREATE_PRIVATE_THREADS
        | P::CREATE_PUBLIC_THREADS
        | P::MANAGE_THREADS
        | P::EMBED_LINKS
        | P::ATTACH_FILES
        | P::READ_MESSAGE_HISTORY
}

/// The REST client. With an API base (tests), every route goes there: the
/// proxy replaces `https://discord.com`, and serenity honours it only with
/// the rate limiter off. Mentions are off unless a reply allows some.
fn build_http(settings: &DiscordSettings) -> serenity::Http {
    let mut builder =
        serenity::HttpBuilder::new(&settings.token).default_allowed_mentions(reply::no_mentions());
    if let Some(base) = &settings.api_base {
        builder = builder.proxy(proxy_base(base)).ratelimiter_disabled(true);
    }
    builder.build()
}

/// The part of an API base URL that stands for `https://discord.com`, so a
/// base given with its `/api/v10` suffix works too.
fn proxy_base(base: &str) -> &str {
    let base = base.trim_end_matches('/');
    base.strip_suffix("/api/v10")
        .or_else(|| base.strip_suffix("/api"))
        .unwrap_or(base)
}

fn build_framework<U: Send + Sync + 'static>(
    dev_guild: Option<u64>,
    bot: Bot<U>,
) -> poise::Framework<U, BotError> {
    let options = poise::FrameworkOptions {
        commands: bot.commands,
        on_error: error::on_error,
        event_handler: bot.event_handler,
        allowed_mentions: Some(reply::no_mentions()),
        // Owners get no special treatment, so skip the extra request.
        initialize_owners: false,
        ..Default::default()
    };
    let data = bot.data;
    poise::Framework::builder()
        .options(options)
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(user = %ready.user.name, guilds = ready.guilds.len(), "connected to Discord");
                register(ctx, &framework.options().commands, dev_guild).await;
                Ok(data)
            })
        })
        .build()
}

/// Registers the commands in the dev guild (instant) or globally. A failure
/// is logged, not fatal: the commands registered last time keep working and
/// the bot must not hang without its data.
async fn register<U, E>(
    ctx: &serenity::Context,
    commands: &[poise::Command<U, E>],
    dev_guild: Option<u64>,
) {
    let result = match dev_guild {
        Some(guild) => {
            poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::new(guild)).await
        }
        None => poise::builtins::register_globally(ctx, commands).await,
    };
    match result {
        Ok(()) => tracing::info!(count = commands.len(), dev_guild, "commands registered"),
        Err(err) => tracing::error!(error = %err, "could not register the commands"),
    }
}

fn connection_ended(
    ended: Result<Result<(), serenity::Error>, tokio::task::JoinError>,
) -> anyhow::Result<()> {
    match ended.context("the Discord client task failed")? {
        Ok(()) => Ok(()),
        Err(serenity::Error::Gateway(serenity::GatewayError::InvalidAuthentication)) => {
            Err(anyhow::anyhow!(
                "Discord rejected DISCORD_TOKEN (authentication failed): check the bot token"
            ))
        }
        Err(err) => Err(anyhow::Error::new(err).context("the Discord connection failed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_base_may_carry_the_api_path() {
        assert_eq!(proxy_base("http://127.0.0.1:5000"), "http://127.0.0.1:5000");
        assert_eq!(
            proxy_base("http://127.0.0.1:5000/"),
            "http://127.0.0.1:5000"
        );
        assert_eq!(
            proxy_base("http://127.0.0.1:5000/api/v10/"),
            "http://127.0.0.1:5000"
        );
        assert_eq!(proxy_base("http://h/api"), "http://h");
    }

    #[test]
    fn trainee_commands_and_their_options_are_localised_in_french() {
        let trainee = [
            spar::spar(),
            rubric::rubric(),
            score::score(),
            progress::progress(),
            leaderboard::leaderboard(),
        ];
        for command in trainee {
            let fr = |m: &[(
                std::borrow::Cow<'static, str>,
                std::borrow::Cow<'static, str>,
            )]| {
                m.iter()
                    .any(|(locale, text)| locale == "fr" && !text.is_empty())
            };
            assert!(command.description.is_some(), "/{}", command.name);
            assert!(fr(&command.name_localizations), "/{}", command.name);
            assert!(fr(&command.description_localizations), "/{}", command.name);
            for p in &command.parameters {
                let what = format!("/{} {}", command.name, p.name);
                assert!(p.description.is_some(), "{what}");
                assert!(
                    fr(&p.name_localizations) && fr(&p.description_localizations),
                    "{what}"
                );
            }
        }
    }

    #[test]
    fn the_invite_permissions_are_the_number_the_readme_gives() {
        assert_eq!(permissions().bits(), 395_137_108_992);
    }

    #[test]
    fn intents_include_message_content() {
        assert!(intents().contains(serenity::GatewayIntents::MESSAGE_CONTENT));
        assert!(!intents().contains(serenity::GatewayIntents::GUILD_PRESENCES));
    }
}
