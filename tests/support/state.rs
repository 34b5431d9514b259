//! The fake's shared state: the world, what was recorded, gateway sessions
//! and injected interactions, under one lock, with a change signal that
//! waits listen to.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, MutexGuard};

use serde_json::Value;
use tokio::sync::{mpsc, watch};

use super::recorder::{GatewayRecord, Recorded};
use super::world::{FakeUser, World};

/// Fixed facts about this fake instance.
#[derive(Debug, Clone)]
pub struct Config {
    /// `http://127.0.0.1:PORT`.
    pub api_base: String,
    /// `ws://127.0.0.1:PORT/gateway-ws`.
    pub ws_url: String,
    /// The application id.
    pub application_id: u64,
    /// The bot user.
    pub bot: FakeUser,
    /// The guild owner (who owns the application too).
    pub owner: FakeUser,
    /// HELLO's heartbeat interval.
    pub heartbeat_ms: u64,
}

/// What the server tasks and the test share.
pub struct Shared {
    pub(super) state: Mutex<State>,
    pub(super) changed: watch::Sender<u64>,
    /// Fixed facts.
    pub config: Config,
}

/// A message to one websocket connection.
#[derive(Debug)]
pub enum Outgoing {
    /// A JSON frame.
    Frame(Value),
    /// Close with this code.
    Close(u16),
}

/// One gateway session (from IDENTIFY), possibly resumed over several connections.
#[derive(Debug)]
pub struct Session {
    /// Session id given in READY.
    pub id: String,
    /// Last sequence number sent.
    pub seq: u64,
    /// Every dispatch sent, for replay on RESUME.
    pub sent: Vec<Value>,
    /// Gateway intents from IDENTIFY.
    pub intents: u64,
    /// The live connection, if any.
    pub conn: Option<(u64, mpsc::UnboundedSender<Outgoing>)>,
    /// Closed cleanly (1000) by the bot: will not come back.
    pub ended: bool,
}

/// What happened to one injected interaction.
#[derive(Debug, Clone)]
pub struct InteractionState {
    /// Interaction id.
    pub id: u64,
    /// Its token.
    pub token: String,
    /// Interaction type (2 command, 3 component, 4 autocomplete, 5 modal).
    pub kind: u8,
    /// Channel it happened in.
    pub channel_id: u64,
    /// Guild it happened in.
    pub guild_id: u64,
    /// Who acted.
    pub user_id: u64,
    /// Whether a callback was accepted.
    pub acknowledged: bool,
    /// Callback bodies, in order.
    pub callbacks: Vec<Value>,
    /// The `@original` response message.
    pub original: Option<u64>,
    /// Follow-up messages.
    pub followups: Vec<u64>,
    /// For a component interaction, the message it is attached to.
    pub source_message: Option<u64>,
}

/// Everything mutable, under one lock.
#[derive(Debug, Default)]
pub struct State {
    /// Users, guilds, channels, messages, files.
    pub world: World,
    /// REST requests in order.
    pub records: Vec<Recorded>,
    /// Gateway frames in order.
    pub gateway_log: Vec<GatewayRecord>,
    /// Fixtures the fake built that serenity cannot read, and similar faults.
    pub problems: Vec<String>,
    /// Injected interactions by id.
    pub interactions: BTreeMap<u64, InteractionState>,
    /// Gateway sessions in creation order.
    pub sessions: Vec<Session>,
    /// Registered commands: `None` for global, `Some(guild)` per guild.
    pub commands: BTreeMap<Option<u64>, Vec<Value>>,
    /// Discord locale per user id (default `en-US`).
    pub locales: BTreeMap<u64, String>,
    /// Channels where the bot may not open private threads (Discord answers 403).
    pub no_private_threads: BTreeSet<u64>,
    next_id: u64,
    next_connection: u64,
}

/// Where the fake's snowflakes start: large, like Discord's.
const FIRST_ID: u64 = 1_200_000_000_000_000_000;

impl State {
    /// An empty state.
    pub fn new() -> State {
        State {
            next_id: FIRST_ID,
            ..State::default()
        }
    }

    /// A fresh snowflake; ids only grow, as Discord's do.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// A fresh connection number.
    pub fn next_connection(&mut self) -> u64 {
        self.next_connection += 1;
        self.next_connection
    }

    /// The interaction with this token.
    pub fn interaction_by_token(&mut self, token: &str) -> Option<&mut InteractionState> {
        self.interactions.values_mut().find(|i| i.token == token)
    }

    /// Sessions with a live, identified connection.
    pub fn live_sessions(&self) -> usize {
        self.sessions.iter().filter(|s| s.conn.is_some()).count()
    }

    /// Registered commands visible in a guild (its own, then global ones).
    pub fn commands_in(&self, guild_id: u64) -> Vec<&Value> {
        let own = self.commands.get(&Some(guild_id)).into_iter().flatten();
        own.chain(self.commands.get(&None).into_iter().flatten())
            .collect()
    }
}

impl Shared {
    /// Locks the state (a panicking test must not hide the state from others).
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Wakes every waiter: call after each change.
    pub fn bump(&self) {
        self.changed.send_modify(|v| *v += 1);
    }

    /// Records a fault of the fake itself, shown by dumps and `assert_clean`.
    pub fn problem(&self, text: String) {
        tracing::error!("{text}");
        self.lock().problems.push(text);
        self.bump();
    }
}
