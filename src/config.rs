//! Typed configuration read from the environment (and `.env`), validated at
//! start so that a bad setting fails fast with the variable's name.

use std::path::PathBuf;

use crate::lang::Lang;

/// Where to get a bot token, repeated in every token error.
const TOKEN_HELP: &str = "create an application at https://discord.com/developers/applications, \
     add a bot, copy its token and set DISCORD_TOKEN in the environment or in .env";

/// A setting that is missing or malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// DISCORD_TOKEN is not set.
    #[error("DISCORD_TOKEN is not set: {TOKEN_HELP}")]
    MissingToken,
    /// DISCORD_TOKEN does not look like a bot token.
    #[error(
        "DISCORD_TOKEN is malformed (a bot token has three dot-separated parts): {TOKEN_HELP}"
    )]
    MalformedToken,
    /// A variable holds a value of the wrong form.
    #[error("{var} is invalid: {reason}")]
    Invalid {
        /// The variable's name.
        var: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// Settings shared by every front end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Database directory (`DOJO_DB`, default `./dojo-data`).
    pub db: PathBuf,
    /// Data directory overriding the built-in lexicons and library (`DOJO_DATA`).
    pub data: Option<PathBuf>,
    /// Default language for new guilds and the terminal (`DOJO_LANG`, default `en`).
    pub lang: Lang,
    /// Turns per debate (`DOJO_TURNS`, default 6, 2 to 20).
    pub turns: u8,
}

/// Settings of `dojo serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscordSettings {
    /// The bot token (`DISCORD_TOKEN`).
    pub token: String,
    /// Register commands in this guild at once instead of globally (`DOJO_DEV_GUILD`).
    pub dev_guild: Option<u64>,
    /// Discord API base URL (`DOJO_DISCORD_API`): only for tests against a fake Discord.
    pub api_base: Option<String>,
}

/// Default number of turns in a debate.
pub const DEFAULT_TURNS: u8 = 6;

impl Settings {
    /// Reads the settings through `var` (the environment in production, a map in tests).
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
        let lang = match non_empty(var("DOJO_LANG")) {
            Some(s) => s
                .parse()
                .map_err(|e: crate::lang::UnknownLang| ConfigError::Invalid {
                    var: "DOJO_LANG",
                    reason: e.to_string(),
                })?,
            None => Lang::En,
        };
        let turns = match non_empty(var("DOJO_TURNS")) {
            Some(s) => parse_turns(&s)?,
            None => DEFAULT_TURNS,
        };
        Ok(Settings {
            db: non_empty(var("DOJO_DB"))
                .map_or_else(|| PathBuf::from("./dojo-data"), PathBuf::from),
            data: non_empty(var("DOJO_DATA")).map(PathBuf::from),
            lang,
            turns,
        })
    }

    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Settings, ConfigError> {
        Settings::from_lookup(|k| std::env::var(k).ok())
    }
}

impl DiscordSettings {
    /// Reads the bot's settings through `var`; the token must be present and well formed.
    pub fn from_lookup(
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<DiscordSettings, ConfigError> {
        let token = non_empty(var("DISCORD_TOKEN")).ok_or(ConfigError::MissingToken)?;
        if !looks_like_token(&token) {
            return Err(ConfigError::MalformedToken);
        }
        let dev_guild = match non_empty(var("DOJO_DEV_GUILD")) {
            Some(s) => Some(s.parse::<u64>().ok().filter(|g| *g > 0).ok_or(
                ConfigError::Invalid {
                    var: "DOJO_DEV_GUILD",
                    reason: format!("`{s}` is not a guild id (a positive number)"),
                },
            )?),
            None => None,
        };
        let api_base = non_empty(var("DOJO_DISCORD_API"));
        if let Some(base) = &api_base {
            if !(base.starts_with("http://") || base.starts_with("https://")) {
                return Err(ConfigError::Invalid {
                    var: "DOJO_DISCORD_API",
                    reason: format!("`{base}` is not an http(s) URL"),
                });
            }
        }
        Ok(DiscordSettings {
            token,
            dev_guild,
            api_base,
        })
    }

    /// Reads the bot's settings from the process environment.
    pub fn from_env() -> Result<DiscordSettings, ConfigError> {
        DiscordSettings::from_lookup(|k| std::env::var(k).ok())
    }
}

fn non_empty(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn parse_turns(s: &str) -> Result<u8, ConfigError> {
    s.parse::<u8>()
        .ok()
        .filter(|n| (2..=20).contains(n))
        .ok_or(ConfigError::Invalid {
            var: "DOJO_TURNS",
            reason: format!("`{s}` is not a number from 2 to 20"),
        })
}

/// A bot token is three non-empty base64url parts joined by dots; checking
/// the shape catches a pasted client secret or application id before login.
fn looks_like_token(token: &str) -> bool {
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let s = Settings::from_lookup(lookup(&[])).unwrap();
        assert_eq!(s.db, PathBuf::from("./dojo-data"));
        assert_eq!((s.lang, s.turns, s.data), (Lang::En, DEFAULT_TURNS, None));
    }

    #[test]
    fn bad_values_name_their_variable() {
        let err = Settings::from_lookup(lookup(&[("DOJO_TURNS", "99")])).unwrap_err();
        assert!(err.to_string().starts_with("DOJO_TURNS"), "{err}");
        let err = Settings::from_lookup(lookup(&[("DOJO_LANG", "de")])).unwrap_err();
        assert!(err.to_string().starts_with("DOJO_LANG"), "{err}");
    }

    #[test]
    fn token_must_be_present_and_well_formed() {
        let missing = DiscordSettings::from_lookup(lookup(&[])).unwrap_err();
        assert_eq!(missing, ConfigError::MissingToken);
        assert!(missing.to_string().contains("DISCORD_TOKEN"));
        let bad = DiscordSettings::from_lookup(lookup(&[("DISCORD_TOKEN", "hunter2")]));
        assert_eq!(bad.unwrap_err(), ConfigError::MalformedToken);
        let ok = DiscordSettings::from_lookup(lookup(&[
            ("DISCORD_TOKEN", "MTIz.abc-_.XYZ"),
            ("DOJO_DEV_GUILD", "42"),
        ]))
        .unwrap();
        assert_eq!(ok.dev_guild, Some(42));
    }

    #[test]
    fn api_base_must_be_http() {
        let err = DiscordSettings::from_lookup(lookup(&[
            ("DISCORD_TOKEN", "a.b.c"),
            ("DOJO_DISCORD_API", "ftp://x"),
        ]))
        .unwrap_err();
        assert!(err.to_string().contains("DOJO_DISCORD_API"));
    }
}
