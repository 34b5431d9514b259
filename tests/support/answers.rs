//! How a test reads the bot's answer to an interaction it injected:
//! whether the bot replied at once, deferred then filled in, followed up,
//! updated a message, opened a modal or offered autocomplete choices.

use serde_json::Value;

use super::fixtures::LOADING;
use super::inject::Invocation;
use super::view::{Modal, SentMessage};
use super::{FakeDiscord, Recorded, State};

impl FakeDiscord {
    /// The bot's first visible answer to an interaction, waiting for it:
    /// the response (once any "thinking…" defer is filled in) or the first
    /// follow-up, whichever the bot sent.
    pub async fn reply_to(&self, inv: &Invocation) -> SentMessage {
        self.replies_to(inv, 1).await.remove(0)
    }

    /// Waits until the bot has sent `n` visible answers to an interaction
    /// (response then follow-ups) and returns them.
    pub async fn replies_to(&self, inv: &Invocation, n: usize) -> Vec<SentMessage> {
        self.wait_until(&format!("{n} answer(s) to interaction {}", inv.id), |s| {
            let answers = answers(s, inv.id);
            (answers.len() >= n).then_some(answers)
        })
        .await
    }

    /// The message a component interaction is attached to, once the bot has
    /// updated it (callback type 7, or an `@original` edit after type 6).
    pub async fn updated_message(&self, inv: &Invocation) -> SentMessage {
        let edit_path = format!(
            "/api/v10/webhooks/{}/{}/messages/@original",
            self.application_id, inv.token
        );
        self.wait_until(
            &format!("the bot to update the message of interaction {}", inv.id),
            |s| {
                let i = s.interactions.get(&inv.id)?;
                let by_callback = i.callbacks.iter().any(|c| c["type"] == 7);
                let by_edit = s
                    .records
                    .iter()
                    .any(|r| r.method == "PATCH" && r.path == edit_path && r.status == 200);
                let source = s.world.messages.get(&i.source_message?)?;
                (by_callback || by_edit).then(|| SentMessage::new(source, &s.world))
            },
        )
        .await
    }

    /// Every REST request the bot made about an interaction so far: its
    /// callback, follow-ups and `@original` edits, with bodies and files.
    pub fn interaction_requests(&self, inv: &Invocation) -> Vec<Recorded> {
        let callback = format!("/api/v10/interactions/{}/{}/callback", inv.id, inv.token);
        let webhook = format!("/api/v10/webhooks/{}/{}", self.application_id, inv.token);
        self.with_state(|s| {
            s.records
                .iter()
                .filter(|r| r.path == callback || r.path.starts_with(&webhook))
                .cloned()
                .collect()
        })
    }

    /// The callback bodies the bot sent for an interaction so far.
    pub fn callbacks(&self, inv: &Invocation) -> Vec<Value> {
        self.with_state(|s| {
            s.interactions
                .get(&inv.id)
                .map(|i| i.callbacks.clone())
                .unwrap_or_default()
        })
    }

    /// Waits for the modal the bot opens in answer to an interaction.
    pub async fn modal_opened(&self, inv: &Invocation) -> Modal {
        self.wait_until(&format!("a modal for interaction {}", inv.id), |s| {
            let i = s.interactions.get(&inv.id)?;
            i.callbacks
                .iter()
                .find(|c| c["type"] == 9)
                .map(|c| Modal::from_callback(&c["data"], inv.id))
        })
        .await
    }

    /// Waits for autocomplete choices: `(name, value)` pairs.
    pub async fn choices(&self, inv: &Invocation) -> Vec<(String, Value)> {
        self.wait_until(
            &format!("autocomplete choices for interaction {}", inv.id),
            |s| {
                let i = s.interactions.get(&inv.id)?;
                let data = &i.callbacks.iter().find(|c| c["type"] == 8)?["data"];
                let list = data["choices"].as_array().cloned().unwrap_or_default();
                Some(
                    list.iter()
                        .map(|c| {
                            (
                                c["name"].as_str().unwrap_or("").to_string(),
                                c["value"].clone(),
                            )
                        })
                        .collect(),
                )
            },
        )
        .await
    }
}

/// Visible answers to an interaction: its response (unless it is the
/// message a component sits on) and follow-ups.
fn answers(s: &State, id: u64) -> Vec<SentMessage> {
    let Some(i) = s.interactions.get(&id) else {
        return Vec::new();
    };
    let original = i.original.filter(|o| Some(*o) != i.source_message);
    original
        .into_iter()
        .chain(i.followups.iter().copied())
        .filter_map(|m| s.world.messages.get(&m))
        .filter(|m| !m.deleted && m.flags() & LOADING == 0)
        .map(|m| SentMessage::new(m, &s.world))
        .collect()
}
