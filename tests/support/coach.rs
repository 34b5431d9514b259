//! What the coach commands' end-to-end tests need from the fake: the real
//! Objection Dojo bot on a fresh database, role and channel options (with
//! their `resolved` data, as Discord sends them), and short waits.

use std::sync::Arc;

use objection_dojo::app::App;
use objection_dojo::discord::Data;
use serde_json::{json, Value};

use super::fixtures;
use super::{FakeDiscord, State, TestBot};

/// The dojo bot running against a fake Discord, with its app for checks.
pub struct Dojo {
    /// The fake Discord.
    pub fake: FakeDiscord,
    /// The bot (`discord::run`, as `dojo serve` runs it).
    pub bot: TestBot,
    /// The app the bot uses, to check what was stored.
    pub app: Arc<App>,
    _db: tempfile::TempDir,
}

impl Dojo {
    /// Starts the real bot on an empty database; the default guild's
    /// Coach role is configured as its coach role unless `coach_role` is false.
    pub async fn start(coach_role: bool) -> Dojo {
        let fake = FakeDiscord::start().await;
        let db = tempfile::tempdir().expect("a temporary directory");
        let app = TestBot::open_app(db.path(), 11);
        if coach_role {
            let role = fake.guild.coach_role_id;
            app.update_guild_config(fake.guild.id, "setup", |c| c.coach_role = Some(role))
                .expect("configure the coach role");
        }
        let bot = TestBot::start_dojo(&fake, Data::new(Arc::clone(&app))).await;
        Dojo {
            fake,
            bot,
            app,
            _db: db,
        }
    }

    /// Stops the bot and checks the fake saw nothing unexpected.
    pub async fn stop(self) {
        self.bot.stop().await.expect("the bot stops cleanly");
        self.fake.assert_clean();
    }
}

/// A role option.
pub fn role_opt(name: &str, role_id: u64) -> Value {
    json!({"name": name, "type": 8, "value": role_id.to_string()})
}

/// A channel option.
pub fn channel_opt(name: &str, channel_id: u64) -> Value {
    json!({"name": name, "type": 7, "value": channel_id.to_string()})
}

/// The `resolved` entry of a role or channel option (`kind` 8 or 7), as
/// Discord sends it; `None` for other option types.
pub fn resolved(state: &State, guild_id: u64, kind: u64, id: u64) -> Option<(&'static str, Value)> {
    match kind {
        8 => {
            let role = state
                .world
                .guild(guild_id)
                .and_then(|g| g.roles.iter().find(|r| r.id == id))
                .unwrap_or_else(|| panic!("role option: no role {id} in guild {guild_id}"));
            Some(("roles", fixtures::role(role)))
        }
        7 => {
            let channel = state
                .world
                .channels
                .get(&id)
                .unwrap_or_else(|| panic!("channel option: no channel {id}"));
            let mut value = fixtures::channel(channel);
            value["permissions"] = json!(serenity::model::Permissions::all().bits().to_string());
            Some(("channels", value))
        }
        _ => None,
    }
}
