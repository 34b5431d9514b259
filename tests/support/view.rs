//! Read-only views of what the bot sent, for assertions: a message with its
//! embeds, buttons, flags and uploaded files; a modal it opened.

use serde_json::Value;

use super::fixtures::{EPHEMERAL, LOADING};
use super::world::{id_of, HostedFile, StoredMessage, World};

/// A message the fake stores, as a test reads it.
#[derive(Debug, Clone)]
pub struct SentMessage {
    /// Discord's JSON for the message.
    pub json: Value,
    /// The `allowed_mentions` the sender asked for.
    pub allowed_mentions: Option<Value>,
    /// Files attached to it, with their bytes.
    pub files: Vec<HostedFile>,
}

/// One embed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedField {
    /// Field name.
    pub name: String,
    /// Field value.
    pub value: String,
}

impl SentMessage {
    /// Builds the view of a stored message.
    pub fn new(m: &StoredMessage, world: &World) -> SentMessage {
        let files = m.json["attachments"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| world.files.get(&id_of(&a["id"])).cloned())
            .collect();
        SentMessage {
            json: m.json.clone(),
            allowed_mentions: m.allowed_mentions.clone(),
            files,
        }
    }

    /// Message id.
    pub fn id(&self) -> u64 {
        id_of(&self.json["id"])
    }

    /// Channel id.
    pub fn channel_id(&self) -> u64 {
        id_of(&self.json["channel_id"])
    }

    /// Author id.
    pub fn author_id(&self) -> u64 {
        id_of(&self.json["author"]["id"])
    }

    /// Text content.
    pub fn content(&self) -> &str {
        self.json["content"].as_str().unwrap_or("")
    }

    /// Only the invoker sees it.
    pub fn ephemeral(&self) -> bool {
        self.flags() & EPHEMERAL != 0
    }

    /// Still a "thinking…" placeholder.
    pub fn loading(&self) -> bool {
        self.flags() & LOADING != 0
    }

    fn flags(&self) -> u64 {
        self.json["flags"].as_u64().unwrap_or(0)
    }

    /// Embeds, as sent.
    pub fn embeds(&self) -> Vec<Value> {
        self.json["embeds"].as_array().cloned().unwrap_or_default()
    }

    /// The first embed's title.
    pub fn embed_title(&self) -> Option<String> {
        self.embeds().first()?["title"].as_str().map(str::to_string)
    }

    /// The first embed's description.
    pub fn embed_description(&self) -> Option<String> {
        self.embeds().first()?["description"]
            .as_str()
            .map(str::to_string)
    }

    /// The first embed's colour.
    pub fn embed_colour(&self) -> Option<u64> {
        self.embeds().first()?["color"].as_u64()
    }

    /// The first embed's fields.
    pub fn embed_fields(&self) -> Vec<EmbedField> {
        let Some(first) = self.embeds().into_iter().next() else {
            return Vec::new();
        };
        first["fields"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| EmbedField {
                name: f["name"].as_str().unwrap_or("").to_string(),
                value: f["value"].as_str().unwrap_or("").to_string(),
            })
            .collect()
    }

    /// Every component (buttons, selects) across rows, as sent.
    pub fn components(&self) -> Vec<Value> {
        self.json["components"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .collect()
    }

    /// Custom ids of the buttons, in order.
    pub fn button_ids(&self) -> Vec<String> {
        self.components()
            .iter()
            .filter(|c| c["type"] == 2)
            .filter_map(|c| c["custom_id"].as_str().map(str::to_string))
            .collect()
    }

    /// Whether the sender made sure nobody is pinged (no parse, users or roles allowed).
    pub fn pings_nobody(&self) -> bool {
        let Some(am) = &self.allowed_mentions else {
            return false;
        };
        let empty = |k: &str| am[k].as_array().map_or(true, Vec::is_empty);
        empty("parse") && empty("users") && empty("roles")
    }

    /// The typed serenity message.
    pub fn message(&self) -> serenity::model::channel::Message {
        serde_json::from_value(self.json.clone())
            .expect("stored messages were checked as serenity messages")
    }
}

/// A modal the bot opened.
#[derive(Debug, Clone)]
pub struct Modal {
    /// Its custom id (what the submission must carry).
    pub custom_id: String,
    /// Its title.
    pub title: String,
    /// `(custom_id, label)` of each text input.
    pub inputs: Vec<(String, String)>,
    /// The interaction that opened it.
    pub interaction_id: u64,
}

impl Modal {
    /// Reads a type-9 callback's data.
    pub fn from_callback(data: &Value, interaction_id: u64) -> Modal {
        let inputs = data["components"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|row| row["components"].get(0))
            .map(|c| {
                let s = |k: &str| c[k].as_str().unwrap_or("").to_string();
                (s("custom_id"), s("label"))
            })
            .collect();
        Modal {
            custom_id: data["custom_id"].as_str().unwrap_or("").to_string(),
            title: data["title"].as_str().unwrap_or("").to_string(),
            inputs,
            interaction_id,
        }
    }
}
