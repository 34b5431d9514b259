//! `/progress [member]`: a trainee's statistics and a chart of their
//! debate scores over time, shown only to the person asking. Trainees see
//! their own; coaches may look at anyone.

use poise::serenity_prelude as serenity;

use super::chart;
use super::coach;
use super::error::lang_of;
use super::i18n::{self, tr};
use super::reply::{self, EmbedText, Field};
use super::{call, BotError, Context};
use crate::app::assign::TraineeAssignment;
use crate::lang::Lang;
use crate::practice::TraineeStats;

/// The chart's file name, referenced by the embed.
const CHART_FILE: &str = "progress.png";
/// Recent debate scores listed beside the chart.
const RECENT: usize = 10;

/// Your progress: statistics and a chart of your scores over time.
#[poise::command(
    slash_command,
    guild_only,
    name_localized("fr", "progression"),
    description_localized("fr", "Votre progression : statistiques et courbe de vos notes.")
)]
pub async fn progress(
    ctx: Context<'_>,
    #[description = "Whose progress (coaches may look at anyone)"]
    #[name_localized("fr", "membre")]
    #[description_localized("fr", "La progression de qui (les coachs peuvent voir tout le monde)")]
    member: Option<serenity::User>,
) -> Result<(), BotError> {
    let ui = lang_of(ctx.locale());
    ctx.defer_ephemeral().await?;
    let guild = coach::guild(ctx)?;
    let target = member.map_or(ctx.author().id, |m| m.id);
    if target != ctx.author().id && !may_see_others(ctx, guild, ui).await? {
        return Err(BotError::user(refusal(ui)));
    }
    let trainee = target.get().to_string();
    // The caller's roles decide which role-scoped drills apply; a coach
    // looking at someone else sees the drills for everyone.
    let roles: Vec<u64> = match (target == ctx.author().id, ctx.author_member().await) {
        (true, Some(member)) => member.roles.iter().map(|r| r.get()).collect(),
        _ => Vec::new(),
    };
    let (stats, scores, drills) = call::app(&ctx.data().app, ui, "reading progress", move |a| {
        let scores: Vec<f32> = a
            .history(guild, Some(&trainee))?
            .iter()
            .filter(|d| d.is_over())
            .filter_map(|d| d.average_score())
            .collect();
        let drills = a.open_assignments(guild, &trainee, &roles)?;
        Ok((a.stats(guild, &trainee)?, scores, drills))
    })
    .await?;
    let mut text = card(target.get(), &stats, &scores, ui);
    if let Some(field) = drills_field(&drills, ui) {
        text.fields.push(field);
    }
    let mut embed = text.build();
    let mut reply = poise::CreateReply::default()
        .ephemeral(true)
        .allowed_mentions(reply::no_mentions());
    if !scores.is_empty() {
        let png = tokio::task::spawn_blocking(move || {
            chart::scores_png(&scores, chart::WIDTH, chart::HEIGHT)
        })
        .await
        .map_err(|e| BotError::Internal(anyhow::anyhow!("drawing the progress chart: {e}")))?
        .map_err(|e| {
            BotError::Internal(anyhow::Error::new(e).context("drawing the progress chart"))
        })?;
        embed = embed.image(format!("attachment://{CHART_FILE}"));
        reply = reply.attachment(serenity::CreateAttachment::bytes(png, CHART_FILE));
    }
    ctx.send(reply.embed(embed)).await?;
    Ok(())
}

/// Open drills from coaches, with what is left of each.
fn drills_field(drills: &[TraineeAssignment], ui: Lang) -> Option<Field> {
    let lines: Vec<String> = drills
        .iter()
        .filter(|d| !d.remaining.is_empty())
        .map(|d| {
            let due = d.assignment.due_ms / 1000;
            format!(
                "#{} · {} · <t:{due}:R>",
                d.assignment.id,
                d.remaining.join(", ")
            )
        })
        .collect();
    (!lines.is_empty()).then(|| Field {
        name: tr(ui, "Drills to do", "Exercices à faire").to_string(),
        value: lines.join("\n"),
        inline: false,
    })
}

async fn may_see_others(ctx: Context<'_>, guild: u64, ui: Lang) -> Result<bool, BotError> {
    let Some(member) = ctx.author_member().await else {
        return Ok(false);
    };
    let config = call::app(
        &ctx.data().app,
        ui,
        "reading the guild settings",
        move |a| a.guild_config(guild),
    )
    .await?;
    Ok(coach::is_coach(
        &member.roles,
        member.permissions,
        config.coach_role,
    ))
}

fn refusal(ui: Lang) -> &'static str {
    tr(
        ui,
        "Only coaches can look at another member's progress. Use /progress without a member to see yours.",
        "Seuls les coachs peuvent consulter la progression d'un autre membre. Utilisez /progress sans membre pour voir la vôtre.",
    )
}

/// The statistics as an embed in `ui`; `scores` are the ended debates'
/// scores, oldest first.
pub fn card(user: u64, stats: &TraineeStats, scores: &[f32], ui: Lang) -> EmbedText {
    let title = tr(ui, "Progress", "Progression").to_string();
    if stats.debates == 0 {
        let text = match ui {
            Lang::En => format!("<@{user}> has no finished debate yet: start one with /spar."),
            Lang::Fr => {
                format!("<@{user}> n'a encore terminé aucun débat : lancez-en un avec /spar.")
            }
        };
        return EmbedText {
            title: Some(title),
            description: Some(text),
            ..EmbedText::default()
        };
    }
    let description = match ui {
        Lang::En => format!(
            "<@{user}> · {} debates: {} won, {} lost, {} ended early",
            stats.debates, stats.won, stats.lost, stats.abandoned
        ),
        Lang::Fr => format!(
            "<@{user}> · {} débats : {} gagnés, {} perdus, {} arrêtés",
            stats.debates, stats.won, stats.lost, stats.abandoned
        ),
    };
    let num = |v: Option<f32>| v.map_or("—".to_string(), |v| format!("{v:.0}"));
    let mut fields = vec![
        Field::inline(tr(ui, "Average", "Moyenne"), num(stats.average)),
        Field::inline(tr(ui, "Best", "Meilleur"), num(stats.best)),
        Field::inline(
            tr(ui, "First → best", "Premier → meilleur"),
            match (stats.first, stats.improvement) {
                (Some(f), Some(i)) => format!("{f:.0} ({i:+.0})"),
                _ => "—".into(),
            },
        ),
        Field::inline(
            tr(ui, "Win rate", "Taux de réussite"),
            stats
                .win_rate
                .map_or("—".into(), |r| format!("{:.0} %", r * 100.0)),
        ),
    ];
    let recent: Vec<String> = scores[scores.len().saturating_sub(RECENT)..]
        .iter()
        .map(|s| format!("{s:.0}"))
        .collect();
    fields.extend(joined_field(
        tr(
            ui,
            "Recent debates (oldest first)",
            "Derniers débats (du plus ancien)",
        ),
        &recent,
        " → ",
    ));
    let missed: Vec<String> = stats
        .missed
        .iter()
        .map(|m| {
            format!(
                "{} ({:.0} %)",
                i18n::dimension(m.dimension, ui),
                m.rate * 100.0
            )
        })
        .collect();
    fields.extend(joined_field(
        tr(
            ui,
            "To practise (share of answers)",
            "À travailler (part des réponses)",
        ),
        &missed,
        " · ",
    ));
    let faults: Vec<String> = stats
        .faults
        .iter()
        .map(|f| format!("{} ×{}", i18n::cue_words(&f.id), f.count))
        .collect();
    fields.extend(joined_field(
        tr(ui, "Frequent faults", "Défauts fréquents"),
        &faults,
        " · ",
    ));
    EmbedText {
        title: Some(title),
        description: Some(description),
        fields,
        footer: Some(
            tr(
                ui,
                "The chart shows each finished debate's average score (0-100), oldest on the left; the best is in gold.",
                "La courbe montre la note moyenne de chaque débat terminé (0-100), du plus ancien à gauche ; le meilleur est en or.",
            )
            .into(),
        ),
        colour: Some(0x2D_6C_DF),
    }
}

/// A field listing `items` joined by `separator`; none when there is
/// nothing to list.
fn joined_field(name: &str, items: &[String], separator: &str) -> Option<Field> {
    (!items.is_empty()).then(|| Field::new(name, items.join(separator)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::trainee_stats;

    #[test]
    fn no_debate_yet_says_how_to_start() {
        let stats = trainee_stats(&[], "42");
        let embed = card(42, &stats, &[], Lang::En);
        assert!(embed
            .description
            .unwrap()
            .contains("<@42> has no finished debate yet"));
        assert!(embed.fields.is_empty());
    }
}
