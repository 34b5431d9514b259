//! What a test reads from the fake: waits bounded by [`WAIT`] that fail with
//! a dump of everything recorded, and views of requests, messages, threads
//! and the gateway.

use super::recorder::{GatewayRecord, Recorded};
use super::view::SentMessage;
use super::{fixtures, world, FakeDiscord, Outgoing, State, WAIT};

impl FakeDiscord {
    /// Waits until `f` returns `Some`, failing the test with a dump of
    /// everything recorded if it does not within [`WAIT`].
    pub async fn wait_until<T>(&self, what: &str, mut f: impl FnMut(&State) -> Option<T>) -> T {
        let mut changes = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            changes.borrow_and_update();
            if let Some(found) = f(&self.shared.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                panic!(
                    "timed out after {WAIT:?} waiting for {what}\n{}",
                    self.dump()
                );
            }
        }
    }

    /// Waits for a REST request matching `pred`, after any already seen.
    pub async fn wait_for(&self, what: &str, pred: impl Fn(&Recorded) -> bool) -> Recorded {
        self.wait_until(what, |s| s.records.iter().find(|r| pred(r)).cloned())
            .await
    }

    /// Every REST request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().records.clone()
    }

    /// REST requests with this method on paths matching `pattern` (`*` = one segment).
    pub fn requests_to(&self, method: &str, pattern: &str) -> Vec<Recorded> {
        self.shared
            .lock()
            .records
            .iter()
            .filter(|r| r.is(method, pattern))
            .cloned()
            .collect()
    }

    /// Requests the fake had no route for (answered 404).
    pub fn unknown_routes(&self) -> Vec<Recorded> {
        self.shared
            .lock()
            .records
            .iter()
            .filter(|r| r.unknown_route)
            .cloned()
            .collect()
    }

    /// Gateway frames so far.
    pub fn gateway_log(&self) -> Vec<GatewayRecord> {
        self.shared.lock().gateway_log.clone()
    }

    /// Fails if the bot used a route the fake does not know or the fake
    /// built a payload serenity cannot read.
    pub fn assert_clean(&self) {
        let state = self.shared.lock();
        let unknown: Vec<String> = state
            .records
            .iter()
            .filter(|r| r.unknown_route)
            .map(Recorded::summary)
            .collect();
        assert!(
            unknown.is_empty() && state.problems.is_empty(),
            "fake Discord saw unknown routes {unknown:#?} and problems {:#?}",
            state.problems
        );
    }

    /// Everything recorded, for failure messages.
    pub fn dump(&self) -> String {
        let state = self.shared.lock();
        let mut out = String::from("--- REST requests ---\n");
        for r in &state.records {
            out.push_str(&r.summary());
            out.push('\n');
        }
        out.push_str("--- gateway ---\n");
        for g in state.gateway_log.iter().filter(|g| g.op != 1 && g.op != 11) {
            out.push_str(&g.summary());
            out.push('\n');
        }
        if !state.problems.is_empty() {
            out.push_str("--- problems ---\n");
            for p in &state.problems {
                out.push_str(p);
                out.push('\n');
            }
        }
        out
    }

    /// A channel or thread as the fake knows it now.
    pub fn channel(&self, id: u64) -> Option<world::ChannelSpec> {
        self.shared.lock().world.channels.get(&id).cloned()
    }

    /// Threads created under `parent`, oldest first.
    pub fn threads_in(&self, parent: u64) -> Vec<world::ChannelSpec> {
        self.shared
            .lock()
            .world
            .channels
            .values()
            .filter(|c| c.is_thread() && c.parent_id == Some(parent))
            .cloned()
            .collect()
    }

    /// Threads the bot created anywhere, oldest first.
    pub fn created_threads(&self) -> Vec<world::ChannelSpec> {
        let bot = self.bot.id;
        self.shared
            .lock()
            .world
            .channels
            .values()
            .filter(|c| c.is_thread() && c.owner_id == Some(bot))
            .cloned()
            .collect()
    }

    /// Messages in a channel (ephemeral ones excluded), oldest first.
    pub fn messages_in(&self, channel_id: u64) -> Vec<SentMessage> {
        let state = self.shared.lock();
        state
            .world
            .messages
            .values()
            .filter(|m| {
                !m.deleted && m.channel_id() == channel_id && m.flags() & fixtures::EPHEMERAL == 0
            })
            .map(|m| SentMessage::new(m, &state.world))
            .collect()
    }

    /// A stored message by id.
    pub fn message(&self, id: u64) -> Option<SentMessage> {
        let state = self.shared.lock();
        state
            .world
            .messages
            .get(&id)
            .map(|m| SentMessage::new(m, &state.world))
    }

    /// Waits for the `n`-th (1-based) message the bot posts in a channel.
    pub async fn wait_bot_message(&self, channel_id: u64, n: usize) -> SentMessage {
        let bot = self.bot.id;
        self.wait_until(&format!("bot message #{n} in channel {channel_id}"), |s| {
            s.world
                .messages
                .values()
                .filter(|m| {
                    !m.deleted
                        && m.channel_id() == channel_id
                        && world::id_of(&m.json["author"]["id"]) == bot
                        && m.flags() & fixtures::LOADING == 0
                })
                .nth(n - 1)
                .map(|m| SentMessage::new(m, &s.world))
        })
        .await
    }

    /// Waits until a bot has identified and is connected (`n` = how many
    /// sessions must have been opened in total, 1 for the first bot).
    pub async fn wait_connected(&self, n: usize) {
        self.wait_until(&format!("bot session #{n} to be connected"), |s| {
            (s.sessions.len() >= n && s.sessions[n - 1].conn.is_some()).then_some(())
        })
        .await
    }

    /// Closes every gateway connection with `code` (4000 makes serenity resume).
    pub fn close_gateway(&self, code: u16) {
        let state = self.shared.lock();
        for session in &state.sessions {
            if let Some((_, tx)) = &session.conn {
                let _ = tx.send(Outgoing::Close(code));
            }
        }
    }
}
