//! A fake Discord on 127.0.0.1 for end-to-end tests of the bot: it answers
//! the REST routes the bot uses, speaks the gateway protocol, records what
//! the bot sends, and lets a test inject slash commands, clicks, modal
//! submissions and messages, then assert on the replies.
//!
//! ```ignore
//! let fake = FakeDiscord::start().await;
//! let bot = TestBot::start(&fake, my_bot).await;          // the real run_bot
//! let inv = fake.slash_command(&fake.trainee, fake.guild.channel_id, "ping", json!([])).await;
//! let reply = fake.reply_to(&inv).await;                   // deferred or not
//! assert_eq!(reply.content(), "pong");
//! bot.stop().await.unwrap();
//! ```
//!
//! Every payload the fake sends is parsed with serenity's types first, so a
//! fixture serenity would silently drop fails the test loudly instead.
//!
//! Layout: `state` (what is shared, under one lock), `world` and `cast`
//! (guilds, roles, members, channels, messages, files), `fixtures`
//! (Discord's JSON and the serenity checks), `gateway` (websocket), `rest/`
//! (HTTP routes), `inject` and `options` (what users do), `answers`,
//! `observe` and `view` (what tests read), `recorder` (the request log),
//! `bot` ([`TestBot`]), `dojo` (the Objection Dojo bot with its database).

#![allow(dead_code)]

pub mod answers;
pub mod bot;
pub mod cast;
pub mod coach;
pub mod dojo;
pub mod fixtures;
pub mod gateway;
pub mod inject;
pub mod observe;
pub mod options;
pub mod recorder;
pub mod rest;
pub mod state;
pub mod view;
pub mod world;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

// Re-exported for tests; each test binary uses only some of them.
#[allow(unused_imports)]
pub use bot::TestBot;
use cast::{add_member, build_guild, new_user, text_channel};
#[allow(unused_imports)]
pub use inject::Invocation;
#[allow(unused_imports)]
pub use options::opt;
#[allow(unused_imports)]
pub use recorder::{FilePart, GatewayRecord, Recorded};
#[allow(unused_imports)]
pub use state::{Config, InteractionState, Outgoing, Session, Shared, State};
#[allow(unused_imports)]
pub use view::{Modal, SentMessage};
#[allow(unused_imports)]
pub use world::{FakeUser, HostedFile};

/// How long any wait on the fake lasts before the test fails.
pub const WAIT: Duration = Duration::from_secs(10);

/// The token the fake accepts; a bot presenting another one is refused.
pub const TOKEN: &str = "MTAxMDEwMTAxMA.fake-discord.c2VjcmV0LXRva2Vu";

/// The default guild's ids, and those of guilds added later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GuildRef {
    /// Guild id.
    pub id: u64,
    /// Its text channel, `#sparring`.
    pub channel_id: u64,
    /// The `Coach` role (no special permissions; the bot checks the role).
    pub coach_role_id: u64,
    /// The `Manager` role (Manage Server).
    pub manager_role_id: u64,
}

/// A running fake Discord. Dropping it stops the server.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    server: JoinHandle<()>,
    /// The default guild.
    pub guild: GuildRef,
    /// A trainee: no role.
    pub trainee: FakeUser,
    /// A coach: holds the Coach role.
    pub coach: FakeUser,
    /// A member with Manage Server (and no Coach role).
    pub manager: FakeUser,
    /// The bot's own user.
    pub bot: FakeUser,
    /// The application id.
    pub application_id: u64,
}

/// Options of [`FakeDiscord::start_with`].
#[derive(Debug, Clone)]
pub struct Options {
    /// HELLO's heartbeat interval; short values make tests see heartbeats.
    pub heartbeat_ms: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            heartbeat_ms: 41_250,
        }
    }
}

impl FakeDiscord {
    /// Starts a fake Discord on 127.0.0.1 with a random port.
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_with(Options::default()).await
    }

    /// Starts a fake Discord with these options.
    pub async fn start_with(options: Options) -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1:0 for the fake Discord");
        let port = listener.local_addr().expect("bound address").port();
        let mut state = State::new();
        let application_id = state.next_id();
        let mut user = |name: &str, bot: bool| {
            let id = state.next_id();
            new_user(&mut state.world, id, name, bot)
        };
        let bot = user("Objection Dojo", true);
        let owner = user("olga", false);
        let trainee = user("alice", false);
        let coach = user("bob", false);
        let manager = user("carol", false);
        let config = Config {
            api_base: format!("http://127.0.0.1:{port}"),
            ws_url: format!("ws://127.0.0.1:{port}/gateway-ws"),
            application_id,
            bot: bot.clone(),
            owner: owner.clone(),
            heartbeat_ms: options.heartbeat_ms,
        };
        let guild = build_guild(
            &mut state,
            "Dojo Cohort",
            &config,
            &[&trainee, &coach, &manager],
        );
        let shared = Arc::new(Shared {
            state: Mutex::new(state),
            changed: watch::channel(0).0,
            config,
        });
        let app = rest::router(Arc::clone(&shared));
        let server = tokio::spawn(async move {
            if let Err(err) = axum::serve(listener, app).await {
                tracing::error!(error = %err, "fake Discord server stopped");
            }
        });
        FakeDiscord {
            shared,
            server,
            guild,
            trainee,
            coach,
            manager,
            bot,
            application_id,
        }
    }

    /// What the bot's `DOJO_DISCORD_API` must be.
    pub fn api_base(&self) -> String {
        self.shared.config.api_base.clone()
    }

    /// The token the bot must present.
    pub fn token(&self) -> String {
        TOKEN.to_string()
    }

    /// The shared state, for assertions the helpers do not cover.
    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Reads the state.
    pub fn with_state<T>(&self, f: impl FnOnce(&State) -> T) -> T {
        f(&self.shared.lock())
    }

    /// Adds a guild with the same cast (trainee, coach, manager, bot) and
    /// tells a connected bot about it (GUILD_CREATE).
    pub async fn add_guild(&self, name: &str) -> GuildRef {
        let cast = [&self.trainee, &self.coach, &self.manager];
        let guild = build_guild(&mut self.shared.lock(), name, &self.shared.config, &cast);
        let payload = fixtures::guild_create(&self.shared.lock().world, guild.id);
        gateway::dispatch(&self.shared, "GUILD_CREATE", payload);
        self.shared.bump();
        guild
    }

    /// Adds a user to a guild with these roles.
    pub fn add_user(&self, guild_id: u64, name: &str, roles: &[u64]) -> FakeUser {
        let mut state = self.shared.lock();
        let id = state.next_id();
        let user = new_user(&mut state.world, id, name, false);
        add_member(&mut state.world, guild_id, user.id, roles);
        drop(state);
        self.shared.bump();
        user
    }

    /// Adds a text channel to a guild.
    pub fn add_channel(&self, guild_id: u64, name: &str) -> u64 {
        let mut state = self.shared.lock();
        let id = state.next_id();
        state
            .world
            .channels
            .insert(id, text_channel(id, guild_id, name));
        drop(state);
        self.shared.bump();
        id
    }

    /// Makes Discord refuse the bot private threads in a channel (403, as
    /// when the bot lacks Create Private Threads there).
    pub fn forbid_private_threads(&self, channel_id: u64) {
        self.shared.lock().no_private_threads.insert(channel_id);
    }

    /// Serves `bytes` as a file under the API base, as Discord's CDN would.
    pub fn host_file(&self, filename: &str, bytes: &[u8]) -> HostedFile {
        let mut state = self.shared.lock();
        let id = state.next_id();
        let file = rest::host(
            &mut state.world,
            &self.shared.config.api_base,
            id,
            filename,
            None,
            bytes.to_vec(),
        );
        drop(state);
        self.shared.bump();
        file
    }
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}
