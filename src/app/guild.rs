//! A guild's settings as the use cases need them: the stored overrides,
//! validated on change, resolved against the bot's defaults on read.

use super::{App, AppError};
use crate::lang::Lang;
use crate::store::GuildConfig;
use crate::time::now_ms;

/// Turns per debate a coach may choose.
pub const TURN_RANGE: std::ops::RangeInclusive<u8> = 2..=20;
/// Thread auto-archive durations Discord accepts, in minutes.
pub const ARCHIVE_MINUTES: [u16; 4] = [60, 1440, 4320, 10080];

impl App {
    /// The stored settings of `guild` (unset fields are `None`).
    pub fn guild_config(&self, guild: u64) -> Result<GuildConfig, AppError> {
        Ok(self.store().guild_config(guild)?)
    }

    /// The language debates in `guild` use unless one is asked for.
    pub fn guild_lang(&self, guild: u64) -> Result<Lang, AppError> {
        Ok(self.guild_config(guild)?.lang.unwrap_or(self.lang))
    }

    /// Turns per debate in `guild`.
    pub fn guild_turns(&self, guild: u64) -> Result<u8, AppError> {
        Ok(self.guild_config(guild)?.turns.unwrap_or(self.turns))
    }

    /// Applies `change` to the settings of `guild`, checks the result and
    /// stores it durably, recording who changed it.
    pub fn update_guild_config(
        &self,
        guild: u64,
        actor: &str,
        change: impl FnOnce(&mut GuildConfig),
    ) -> Result<GuildConfig, AppError> {
        let mut config = self.guild_config(guild)?;
        change(&mut config);
        check(&config)?;
        config.updated_by = Some(actor.to_string());
        config.updated_at = now_ms();
        self.store().save_guild_config(guild, &config)?;
        Ok(config)
    }
}

fn check(config: &GuildConfig) -> Result<(), AppError> {
    if let Some(turns) = config.turns.filter(|t| !TURN_RANGE.contains(t)) {
        return Err(AppError::BadSetting(format!(
            "turns per debate must be {} to {}, got {turns}",
            TURN_RANGE.start(),
            TURN_RANGE.end()
        )));
    }
    if let Some(minutes) = config
        .archive_minutes
        .filter(|m| !ARCHIVE_MINUTES.contains(m))
    {
        return Err(AppError::BadSetting(format!(
            "thread auto-archive must be one of 60, 1440, 4320 or 10080 minutes, got {minutes}"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app() -> App {
        crate::app::test_app(1)
    }

    #[test]
    fn settings_default_to_the_app_and_persist_per_guild() {
        let app = app();
        assert_eq!(
            (app.guild_lang(5).unwrap(), app.guild_turns(5).unwrap()),
            (Lang::En, 6)
        );
        let saved = app
            .update_guild_config(5, "coach", |c| {
                c.lang = Some(Lang::Fr);
                c.turns = Some(4);
            })
            .unwrap();
        assert_eq!(saved.updated_by.as_deref(), Some("coach"));
        assert_eq!(
            (app.guild_lang(5).unwrap(), app.guild_turns(5).unwrap()),
            (Lang::Fr, 4)
        );
        assert_eq!(
            app.guild_lang(6).unwrap(),
            Lang::En,
            "another guild is untouched"
        );
    }

    #[test]
    fn out_of_range_settings_are_refused_and_not_stored() {
        let app = app();
        let err = app
            .update_guild_config(5, "coach", |c| c.turns = Some(99))
            .unwrap_err();
        assert!(
            err.is_user_error() && err.to_string().contains("turns"),
            "{err}"
        );
        let err = app
            .update_guild_config(5, "coach", |c| c.archive_minutes = Some(7))
            .unwrap_err();
        assert!(err.to_string().contains("auto-archive"), "{err}");
        assert_eq!(app.guild_config(5).unwrap(), GuildConfig::default());
    }

    #[test]
    fn new_debates_follow_the_guild_language_and_length() {
        let app = app();
        app.update_guild_config(9, "coach", |c| {
            c.lang = Some(Lang::Fr);
            c.turns = Some(3);
        })
        .unwrap();
        let started = app.start_debate(9, "t", Default::default()).unwrap();
        assert_eq!(started.debate.lang, Lang::Fr);
        assert_eq!(started.debate.max_turns, 3);
    }
}
