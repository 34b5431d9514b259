//! What a test makes users do: run slash commands (with subcommands and
//! autocomplete), click buttons, submit modals, use a message context menu,
//! post messages (answers are read with the helpers in `answers.rs`).
//!
//! Injections behave like Discord's client: only registered commands with
//! their declared options can be run, only existing enabled buttons
//! clicked, only threads the user may see posted in. A test that breaks
//! these rules fails with a message saying which one.

use serde_json::{json, Value};

use super::fixtures::{self, InteractionBase};
use super::gateway;
use super::options::{resolve, wrap_options};
use super::view::Modal;
use super::world::{id_of, kind, FakeUser, HostedFile, StoredMessage};
use super::{FakeDiscord, InteractionState, State};

/// An interaction a test injected; pass it back to read the bot's answer.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// Interaction id.
    pub id: u64,
    /// Its token.
    pub token: String,
    /// Channel it happened in.
    pub channel_id: u64,
    /// Guild it happened in.
    pub guild_id: u64,
    /// Who acted.
    pub user_id: u64,
}

impl FakeDiscord {
    /// Runs `/command` (or `/command sub`, `/command group sub`) as `user` in
    /// a channel, with options built by [`super::opt`].
    pub async fn slash_command(
        &self,
        user: &FakeUser,
        channel_id: u64,
        command: &str,
        options: Value,
    ) -> Invocation {
        self.command_interaction(user, channel_id, command, options, 2)
            .await
    }

    /// Asks the bot for autocomplete choices while `user` types an option
    /// (mark it with [`super::opt::focused`]); read them with [`FakeDiscord::choices`].
    pub async fn autocomplete(
        &self,
        user: &FakeUser,
        channel_id: u64,
        command: &str,
        options: Value,
    ) -> Invocation {
        self.command_interaction(user, channel_id, command, options, 4)
            .await
    }

    /// Sets the Discord locale of a user's interactions (`fr`, `en-US`).
    pub fn set_locale(&self, user: &FakeUser, locale: &str) {
        self.shared()
            .lock()
            .locales
            .insert(user.id, locale.to_string());
    }

    async fn command_interaction(
        &self,
        user: &FakeUser,
        channel_id: u64,
        command: &str,
        options: Value,
        kind: u8,
    ) -> Invocation {
        let guild_id = self.guild_of(channel_id);
        let root = command.split_whitespace().next().unwrap_or("").to_string();
        let registered = self
            .wait_until(&format!("/{root} to be registered"), |s| {
                s.commands_in(guild_id)
                    .into_iter()
                    .find(|c| c["name"] == root.as_str() && c["type"] == 1)
                    .cloned()
            })
            .await;
        let provided = options.as_array().cloned().unwrap_or_default();
        let wrapped = wrap_options(&registered, command, provided, kind == 4);
        let mut state = self.shared().lock();
        let resolved = resolve(&state, guild_id, &wrapped);
        let data = json!({
            "id": id_of(&registered["id"]).to_string(),
            "name": root,
            "type": 1,
            "options": wrapped,
            "resolved": resolved,
            "guild_id": guild_id.to_string(),
        });
        let interaction = self.new_interaction(&mut state, user, channel_id, kind, None);
        drop(state);
        self.deliver(interaction, data, None)
    }

    /// Clicks the button `custom_id` on a message.
    pub async fn button_click(
        &self,
        user: &FakeUser,
        message_id: u64,
        custom_id: &str,
    ) -> Invocation {
        self.wait_connected_any().await;
        let mut state = self.shared().lock();
        let message = live_message(&state, message_id);
        let buttons: Vec<Value> = message.json["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .filter(|c| c["type"] == 2)
            .collect();
        let Some(button) = buttons.iter().find(|b| b["custom_id"] == custom_id) else {
            let ids: Vec<&Value> = buttons.iter().map(|b| &b["custom_id"]).collect();
            panic!("message {message_id} has no button `{custom_id}`; its buttons: {ids:?}");
        };
        assert!(
            button["disabled"] != true,
            "button `{custom_id}` on message {message_id} is disabled"
        );
        let channel_id = message.channel_id();
        let data = json!({"custom_id": custom_id, "component_type": 2});
        let interaction = self.new_interaction(&mut state, user, channel_id, 3, Some(message_id));
        drop(state);
        self.deliver(interaction, data, Some(message.json))
    }

    /// Submits a modal the bot opened (see [`FakeDiscord::modal_opened`]),
    /// with `(input custom_id, value)` pairs.
    pub async fn modal_submit(
        &self,
        user: &FakeUser,
        modal: &Modal,
        fields: &[(&str, &str)],
    ) -> Invocation {
        let mut state = self.shared().lock();
        let opener = state
            .interactions
            .get(&modal.interaction_id)
            .cloned()
            .expect("the modal's interaction exists");
        let rows: Vec<Value> = fields
            .iter()
            .map(|(id, value)| {
                assert!(
                    modal.inputs.iter().any(|(input, _)| input == id),
                    "modal `{}` has no input `{id}`; inputs: {:?}",
                    modal.title,
                    modal.inputs
                );
                json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]})
            })
            .collect();
        let data = json!({"custom_id": modal.custom_id, "components": rows});
        let message = opener
            .source_message
            .map(|id| live_message(&state, id).json);
        let interaction = self.new_interaction(
            &mut state,
            user,
            opener.channel_id,
            5,
            opener.source_message,
        );
        drop(state);
        self.deliver(interaction, data, message)
    }

    /// Uses the message context menu command `name` on a message.
    pub async fn message_context_menu(
        &self,
        user: &FakeUser,
        message_id: u64,
        name: &str,
    ) -> Invocation {
        let channel_id = self.with_state(|s| live_message(s, message_id).channel_id());
        let guild_id = self.guild_of(channel_id);
        let registered = self
            .wait_until(&format!("message command `{name}` to be registered"), |s| {
                s.commands_in(guild_id)
                    .into_iter()
                    .find(|c| c["name"] == name && c["type"] == 3)
                    .cloned()
            })
            .await;
        let mut state = self.shared().lock();
        let target = live_message(&state, message_id).json;
        let data = json!({
            "id": id_of(&registered["id"]).to_string(),
            "name": name,
            "type": 3,
            "target_id": message_id.to_string(),
            "resolved": {"messages": {message_id.to_string(): target}},
            "guild_id": guild_id.to_string(),
        });
        let interaction = self.new_interaction(&mut state, user, channel_id, 2, None);
        drop(state);
        self.deliver(interaction, data, None)
    }

    /// Posts a message as `user` (MESSAGE_CREATE); returns its id.
    pub async fn user_message(&self, user: &FakeUser, channel_id: u64, content: &str) -> u64 {
        self.user_message_with(user, channel_id, content, &[]).await
    }

    /// Posts a message with attachments (files hosted with `host_file`).
    pub async fn user_message_with(
        &self,
        user: &FakeUser,
        channel_id: u64,
        content: &str,
        files: &[&HostedFile],
    ) -> u64 {
        self.wait_connected_any().await;
        let mut state = self.shared().lock();
        check_may_post(&mut state, user, channel_id);
        let id = state.next_id();
        let attachments = files
            .iter()
            .map(|f| {
                fixtures::attachment(
                    f.id,
                    &f.filename,
                    f.bytes.len(),
                    f.content_type.as_deref(),
                    &f.url,
                )
            })
            .collect();
        let guild_id = state.world.channels[&channel_id].guild_id;
        let json = fixtures::message(fixtures::NewMessage {
            id,
            channel_id,
            guild_id: Some(guild_id),
            author: user,
            kind: 0,
            payload: &json!({"content": content}),
            attachments,
            webhook_id: None,
        });
        state.world.messages.insert(
            id,
            StoredMessage {
                json: json.clone(),
                allowed_mentions: None,
                deleted: false,
            },
        );
        let mut member = fixtures::member(&state.world, guild_id, user.id);
        if let Some(m) = member.as_object_mut() {
            m.remove("user");
        }
        drop(state);
        let mut event = json;
        event["member"] = member;
        let live = gateway::try_dispatch(self.shared(), "MESSAGE_CREATE", event)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            live > 0,
            "no bot is connected to receive the message\n{}",
            self.dump()
        );
        id
    }

    fn guild_of(&self, channel_id: u64) -> u64 {
        self.with_state(|s| s.world.channels.get(&channel_id).map(|c| c.guild_id))
            .unwrap_or_else(|| panic!("channel {channel_id} does not exist in the fake Discord"))
    }

    async fn wait_connected_any(&self) {
        self.wait_until("a bot to be connected", |s| {
            (s.live_sessions() > 0).then_some(())
        })
        .await;
    }

    fn new_interaction(
        &self,
        state: &mut State,
        user: &FakeUser,
        channel_id: u64,
        kind: u8,
        source_message: Option<u64>,
    ) -> (InteractionState, Value) {
        check_may_see(state, user, channel_id);
        let id = state.next_id();
        let token = format!("fake-token-{id}");
        let channel = state.world.channels[&channel_id].clone();
        let locale = state
            .locales
            .get(&user.id)
            .cloned()
            .unwrap_or_else(|| "en-US".to_string());
        let payload = fixtures::interaction(InteractionBase {
            id,
            token: &token,
            kind,
            application_id: self.application_id,
            channel: &channel,
            member: fixtures::member(&state.world, channel.guild_id, user.id),
            app_permissions: state
                .world
                .permissions(channel.guild_id, self.bot.id)
                .bits(),
            locale: &locale,
        });
        let record = InteractionState {
            id,
            token,
            kind,
            channel_id,
            guild_id: channel.guild_id,
            user_id: user.id,
            acknowledged: false,
            callbacks: Vec::new(),
            original: None,
            followups: Vec::new(),
            source_message,
        };
        state.interactions.insert(id, record.clone());
        (record, payload)
    }

    fn deliver(
        &self,
        (record, mut payload): (InteractionState, Value),
        data: Value,
        message: Option<Value>,
    ) -> Invocation {
        payload["data"] = data;
        if let Some(m) = message {
            payload["message"] = m;
        }
        let live = gateway::try_dispatch(self.shared(), "INTERACTION_CREATE", payload)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            live > 0,
            "no bot is connected to receive the interaction\n{}",
            self.dump()
        );
        Invocation {
            id: record.id,
            token: record.token,
            channel_id: record.channel_id,
            guild_id: record.guild_id,
            user_id: record.user_id,
        }
    }
}

fn live_message(state: &State, id: u64) -> StoredMessage {
    match state.world.messages.get(&id) {
        Some(m) if !m.deleted => m.clone(),
        _ => panic!("message {id} does not exist (or was deleted) in the fake Discord"),
    }
}

/// Panics unless `user` can see the channel: private threads need membership.
fn check_may_see(state: &State, user: &FakeUser, channel_id: u64) {
    let Some(channel) = state.world.channels.get(&channel_id) else {
        panic!("channel {channel_id} does not exist in the fake Discord");
    };
    if channel.kind == kind::PRIVATE_THREAD && !channel.thread_members.contains(&user.id) {
        panic!(
            "{} cannot see private thread `{}`: not a thread member (the bot must add them)",
            user.name, channel.name
        );
    }
}

/// Panics unless `user` may post in the channel (seen, and not a locked
/// thread); posting in an archived thread unarchives it, as in Discord.
fn check_may_post(state: &mut State, user: &FakeUser, channel_id: u64) {
    check_may_see(state, user, channel_id);
    let channel = state
        .world
        .channels
        .get_mut(&channel_id)
        .expect("checked above");
    if channel.is_thread() {
        assert!(
            !channel.locked,
            "{} cannot post in locked thread `{}`",
            user.name, channel.name
        );
        channel.archived = false;
    }
}
