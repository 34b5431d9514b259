//! The Objection Dojo bot itself on the fake Discord: a temp database, a
//! fixed seed, the real `discord::run` (commands and event handler), and
//! the steps a trainee takes (`/spar`, answering in the thread), with
//! restarts on the same database.

use std::sync::Arc;
use std::time::Duration;

use objection_dojo::app::App;
use objection_dojo::discord;
use serde_json::{json, Value};
use tempfile::TempDir;

use super::view::SentMessage;
use super::world::{id_of, FakeUser};
use super::{fixtures, FakeDiscord, Invocation, TestBot};

/// The seed every dojo test runs with.
pub const SEED: u64 = 7;

/// How long a restart waits for the previous bot to let go of the database.
const RELEASE_WAIT: Duration = Duration::from_secs(10);

/// A fake Discord with the dojo bot connected to it.
pub struct Dojo {
    /// The fake Discord.
    pub fake: FakeDiscord,
    app: Option<Arc<App>>,
    bot: Option<TestBot>,
    db: TempDir,
}

impl Dojo {
    /// Starts a fake Discord and the dojo bot on a fresh database.
    pub async fn start() -> Dojo {
        let fake = FakeDiscord::start().await;
        let db = tempfile::tempdir().expect("a temp dir for the database");
        let app = TestBot::open_app(db.path(), SEED);
        let bot = TestBot::start_dojo(&fake, discord::Data::new(Arc::clone(&app))).await;
        Dojo {
            fake,
            app: Some(app),
            bot: Some(bot),
            db,
        }
    }

    /// The app the bot runs on (the same store), for setup and assertions.
    pub fn app(&self) -> &App {
        self.app
            .as_deref()
            .expect("the app is open between restarts")
    }

    /// The default guild's id.
    pub fn guild(&self) -> u64 {
        self.fake.guild.id
    }

    /// Stops the bot (as SIGTERM would), reopens the database and starts a
    /// new bot on it: what a deploy or a crash-restart does.
    pub async fn restart(&mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await.expect("the bot stops cleanly");
        }
        let mut old = self.app.take().expect("the app is open");
        let deadline = tokio::time::Instant::now() + RELEASE_WAIT;
        // The old app must be gone before the database is opened again.
        loop {
            match Arc::try_unwrap(old) {
                Ok(app) => break drop(app),
                Err(still_shared) => old = still_shared,
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "the stopped bot still holds the app"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let app = TestBot::open_app(self.db.path(), SEED);
        self.app = Some(Arc::clone(&app));
        let data = discord::Data::new(app);
        self.bot = Some(TestBot::start_dojo(&self.fake, data).await);
    }

    /// Stops the bot and checks that the fake saw nothing it could not serve.
    pub async fn stop(mut self) {
        if let Some(bot) = self.bot.take() {
            bot.stop().await.expect("the bot stops cleanly");
        }
        self.fake.assert_clean();
    }

    /// Runs `/spar` as `user` in the guild's channel and returns the
    /// interaction and the thread it opened.
    pub async fn spar(&self, user: &FakeUser, options: Value) -> (Invocation, u64) {
        let inv = self
            .fake
            .slash_command(user, self.fake.guild.channel_id, "spar", options)
            .await;
        let reply = self.fake.reply_to(&inv).await;
        let thread = thread_in(reply.content())
            .unwrap_or_else(|| panic!("no thread in the /spar reply: {}", reply.content()));
        (inv, thread)
    }

    /// Posts `answer` as `user` in `thread` and waits for the bot's two
    /// posts about it: the scorecard and the prospect's line.
    pub async fn answer(
        &self,
        user: &FakeUser,
        thread: u64,
        answer: &str,
    ) -> (SentMessage, SentMessage) {
        let before = self.posts(thread).len();
        self.fake.user_message(user, thread, answer).await;
        let posts = self.wait_posts(thread, before + 2).await;
        (posts[before].clone(), posts[before + 1].clone())
    }

    /// The bot's visible messages in a channel (ephemeral answers left out), oldest first.
    pub fn posts(&self, channel: u64) -> Vec<SentMessage> {
        let bot = self.fake.bot.id;
        self.fake
            .messages_in(channel)
            .into_iter()
            .filter(|m| m.author_id() == bot && !m.loading())
            .collect()
    }

    /// Waits until the bot has posted `n` visible messages in a channel.
    pub async fn wait_posts(&self, channel: u64, n: usize) -> Vec<SentMessage> {
        let bot = self.fake.bot.id;
        self.fake
            .wait_until(&format!("{n} bot posts in channel {channel}"), |s| {
                let posts: Vec<SentMessage> = s
                    .world
                    .messages
                    .values()
                    .filter(|m| {
                        !m.deleted
                            && m.channel_id() == channel
                            && id_of(&m.json["author"]["id"]) == bot
                            && m.flags() & (fixtures::EPHEMERAL | fixtures::LOADING) == 0
                    })
                    .map(|m| SentMessage::new(m, &s.world))
                    .collect();
                (posts.len() >= n).then_some(posts)
            })
            .await
    }

    /// Waits until a thread is archived and locked.
    pub async fn wait_closed(&self, thread: u64) {
        self.fake
            .wait_until(&format!("thread {thread} to be archived and locked"), |s| {
                s.world
                    .channels
                    .get(&thread)
                    .filter(|c| c.archived && c.locked)
                    .map(drop)
            })
            .await;
    }

    /// Makes `user` a member of a thread (a moderator looking in).
    pub fn join_thread(&self, user: &FakeUser, thread: u64) {
        let mut state = self.fake.shared().lock();
        let channel = state
            .world
            .channels
            .get_mut(&thread)
            .expect("the thread exists");
        if !channel.thread_members.contains(&user.id) {
            channel.thread_members.push(user.id);
        }
    }
}

/// The thread id in a `<#id>` mention.
pub fn thread_in(text: &str) -> Option<u64> {
    let start = text.find("<#")? + 2;
    let end = start + text[start..].find('>')?;
    text[start..end].parse().ok()
}

/// Custom id of a debate's button (`hint`, `new`, `end`).
pub fn button(action: &str, debate: u64) -> String {
    format!("spar:{action}:{debate}")
}

/// A `/spar` objection option.
pub fn objection(id: &str) -> Value {
    json!([super::opt::str("objection", id)])
}
