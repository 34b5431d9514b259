//! `/dojo config`: the server's settings (language, turns per debate,
//! thread auto-archive, the channel sparring threads open in, the coach
//! role). Called without options it shows them; the coach role itself can
//! only be changed by a member with Manage Server.

use poise::serenity_prelude as serenity;

use super::choices::LangChoice;
use super::i18n::tr;
use super::reply::{self, EmbedText, Field};
use super::{coach, BotError, Context};
use crate::app::guild::TURN_RANGE;
use crate::lang::Lang;
use crate::store::GuildConfig;

/// How long an idle sparring thread stays open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum ArchiveChoice {
    /// One hour.
    #[name = "1 hour"]
    #[name_localized("fr", "1 heure")]
    Hour,
    /// One day.
    #[name = "24 hours"]
    #[name_localized("fr", "24 heures")]
    Day,
    /// Three days.
    #[name = "3 days"]
    #[name_localized("fr", "3 jours")]
    ThreeDays,
    /// One week.
    #[name = "1 week"]
    #[name_localized("fr", "1 semaine")]
    Week,
}

impl ArchiveChoice {
    /// The duration in minutes, as Discord counts it.
    pub fn minutes(self) -> u16 {
        match self {
            ArchiveChoice::Hour => 60,
            ArchiveChoice::Day => 1440,
            ArchiveChoice::ThreeDays => 4320,
            ArchiveChoice::Week => 10080,
        }
    }
}

/// A setting to put back to its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum Setting {
    /// The cohort's language.
    #[name = "language"]
    #[name_localized("fr", "langue")]
    Lang,
    /// Turns per debate.
    #[name = "turns"]
    #[name_localized("fr", "tours")]
    Turns,
    /// Thread auto-archive.
    #[name = "archive"]
    #[name_localized("fr", "archivage")]
    Archive,
    /// The sparring channel.
    #[name = "spar-channel"]
    #[name_localized("fr", "salon-de-joute")]
    SparChannel,
    /// The coach role.
    #[name = "coach-role"]
    #[name_localized("fr", "role-coach")]
    CoachRole,
}

/// The server's Objection Dojo settings (coaches).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "coach::check",
    subcommands("config"),
    subcommand_required
)]
pub async fn dojo(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Show or change the settings (no option: show them).
#[poise::command(slash_command)]
async fn config(
    ctx: Context<'_>,
    #[description = "The cohort's language"] lang: Option<LangChoice>,
    #[description = "Turns per debate, 2 to 20"]
    #[min = 2]
    #[max = 20]
    turns: Option<u8>,
    #[description = "Archive idle sparring threads after"] archive: Option<ArchiveChoice>,
    #[description = "Open sparring threads in this channel"]
    #[rename = "spar-channel"]
    #[channel_types("Text")]
    spar_channel: Option<serenity::ChannelId>,
    #[description = "Members with this role may curate (Manage Server only)"]
    #[rename = "coach-role"]
    coach_role: Option<serenity::RoleId>,
    #[description = "Put one setting back to its default"] reset: Option<Setting>,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let touches_role = coach_role.is_some() || reset == Some(Setting::CoachRole);
    if touches_role && !is_manager(ctx).await {
        return Err(BotError::user(tr(
            ui,
            "Only a member with the Manage Server permission can change the coach role. Nothing was changed.",
            "Seul un membre ayant la permission Gérer le serveur peut changer le rôle coach. Rien n'a été modifié.",
        )));
    }
    let change = Change {
        lang: lang.map(Lang::from),
        turns,
        archive: archive.map(ArchiveChoice::minutes),
        spar_channel: spar_channel.map(|c| c.get()),
        coach_role: coach_role.map(|r| r.get()),
        reset,
    };
    let (config, default_lang, default_turns, said) = if change.is_empty() {
        let (config, lang, turns) = coach::run(ctx.data(), ui, "reading the settings", move |a| {
            Ok((a.guild_config(guild)?, a.lang, a.turns))
        })
        .await?;
        (config, lang, turns, String::new())
    } else {
        let actor = coach::actor(ctx.author());
        let (config, lang, turns) = coach::run(ctx.data(), ui, "saving the settings", move |a| {
            let saved = a.update_guild_config(guild, &actor, |c| change.apply(c))?;
            Ok((saved, a.lang, a.turns))
        })
        .await?;
        (
            config,
            lang,
            turns,
            tr(ui, "Saved.", "Enregistré.").to_string(),
        )
    };
    let defaults = Defaults {
        lang: default_lang,
        turns: default_turns,
    };
    ctx.send(reply::ephemeral(&said).embed(card(&config, defaults, ui).build()))
        .await?;
    Ok(())
}

async fn is_manager(ctx: Context<'_>) -> bool {
    ctx.author_member()
        .await
        .and_then(|m| m.permissions)
        .is_some_and(|p| p.administrator() || p.manage_guild())
}

/// What a `/dojo config` call changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Change {
    /// New language.
    pub lang: Option<Lang>,
    /// New turns per debate.
    pub turns: Option<u8>,
    /// New auto-archive, minutes.
    pub archive: Option<u16>,
    /// New sparring channel.
    pub spar_channel: Option<u64>,
    /// New coach role.
    pub coach_role: Option<u64>,
    /// A setting to put back to its default (after the others).
    pub reset: Option<Setting>,
}

impl Change {
    /// Whether nothing is asked (show the settings).
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }

    /// Applies the change to stored settings.
    pub fn apply(&self, c: &mut GuildConfig) {
        c.lang = self.lang.or(c.lang);
        c.turns = self.turns.or(c.turns);
        c.archive_minutes = self.archive.or(c.archive_minutes);
        c.spar_channel = self.spar_channel.or(c.spar_channel);
        c.coach_role = self.coach_role.or(c.coach_role);
        match self.reset {
            Some(Setting::Lang) => c.lang = None,
            Some(Setting::Turns) => c.turns = None,
            Some(Setting::Archive) => c.archive_minutes = None,
            Some(Setting::SparChannel) => c.spar_channel = None,
            Some(Setting::CoachRole) => c.coach_role = None,
            None => {}
        }
    }
}

/// The bot's own defaults, shown for unset settings.
#[derive(Debug, Clone, Copy)]
pub struct Defaults {
    /// Default language.
    pub lang: Lang,
    /// Default turns per debate.
    pub turns: u8,
}

/// The settings as a coach reads them, defaults marked.
pub fn card(c: &GuildConfig, defaults: Defaults, ui: Lang) -> EmbedText {
    let default = tr(ui, " (default)", " (par défaut)");
    let or_default = |set: Option<String>, fallback: String| match set {
        Some(v) => v,
        None => format!("{fallback}{default}"),
    };
    let archive = |m: u16| match (m, ui) {
        (60, Lang::En) => "1 hour".to_string(),
        (60, Lang::Fr) => "1 heure".to_string(),
        (m, Lang::En) => format!("{} day(s)", m / 1440),
        (m, Lang::Fr) => format!("{} jour(s)", m / 1440),
    };
    let mut fields = vec![
        Field::inline(
            tr(ui, "Language", "Langue"),
            or_default(
                c.lang.map(|l| l.code().to_string()),
                defaults.lang.code().to_string(),
            ),
        ),
        Field::inline(
            tr(ui, "Turns per debate", "Tours par débat"),
            or_default(c.turns.map(|t| t.to_string()), defaults.turns.to_string()),
        ),
        Field::inline(
            tr(ui, "Thread auto-archive", "Archivage des fils"),
            c.archive_minutes.map_or_else(
                || tr(ui, "the channel's default", "celui du salon").to_string(),
                archive,
            ),
        ),
        Field::new(
            tr(ui, "Sparring channel", "Salon de joute"),
            c.spar_channel.map_or_else(
                || tr(ui, "where /spar is used", "là où /spar est utilisé").to_string(),
                |id| format!("<#{id}>"),
            ),
        ),
        Field::new(
            tr(ui, "Coach role", "Rôle coach"),
            c.coach_role.map_or_else(
                || {
                    tr(
                        ui,
                        "none: Manage Server only",
                        "aucun : Gérer le serveur seulement",
                    )
                    .to_string()
                },
                |id| format!("<@&{id}>"),
            ),
        ),
    ];
    if let Some(who) = &c.updated_by {
        fields.push(Field::new(
            tr(ui, "Last changed", "Dernière modification"),
            format!("{who} · <t:{}:f>", c.updated_at / 1000),
        ));
    }
    EmbedText {
        title: Some(tr(ui, "Objection Dojo settings", "Réglages d'Objection Dojo").to_string()),
        footer: Some(match ui {
            Lang::En => format!("Turns: {} to {}.", TURN_RANGE.start(), TURN_RANGE.end()),
            Lang::Fr => format!("Tours : de {} à {}.", TURN_RANGE.start(), TURN_RANGE.end()),
        }),
        fields,
        ..EmbedText::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_sets_what_is_given_and_resets_after() {
        let mut c = GuildConfig {
            turns: Some(8),
            coach_role: Some(5),
            ..GuildConfig::default()
        };
        Change {
            lang: Some(Lang::Fr),
            archive: Some(60),
            reset: Some(Setting::CoachRole),
            ..Change::default()
        }
        .apply(&mut c);
        assert_eq!(
            (c.lang, c.turns, c.archive_minutes, c.coach_role),
            (Some(Lang::Fr), Some(8), Some(60), None)
        );
        assert!(Change::default().is_empty());
    }

    #[test]
    fn the_card_marks_defaults() {
        let c = GuildConfig {
            turns: Some(4),
            ..GuildConfig::default()
        };
        let card = card(
            &c,
            Defaults {
                lang: Lang::En,
                turns: 6,
            },
            Lang::En,
        )
        .fit();
        let values: Vec<&str> = card.fields.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(values[..3], ["en (default)", "4", "the channel's default"]);
    }
}
