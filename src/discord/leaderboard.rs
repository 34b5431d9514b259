//! `/leaderboard [period]`: the cohort ranked by improvement (first debate
//! to best) and by average, with the viewer's neighbours shown even beyond
//! the top ten. Members appear as mentions, which never ping here.

use super::choices::Period;
use super::error::lang_of;
use super::i18n::tr;
use super::reply::{self, EmbedText, Field};
use super::{call, coach, BotError, Context};
use crate::app::progress::Leaderboard;
use crate::lang::Lang;
use crate::practice::LeaderRow;
use crate::time::now_ms;

/// Rows shown from the top of each ranking.
pub const TOP: usize = 10;
/// Neighbours shown on each side of the viewer when they are below the top.
pub const AROUND: usize = 2;

/// The cohort's leaderboard, by improvement and by average.
#[poise::command(
    slash_command,
    guild_only,
    name_localized("fr", "classement"),
    description_localized("fr", "Le classement de la promotion, par progrès et par moyenne.")
)]
pub async fn leaderboard(
    ctx: Context<'_>,
    #[description = "Which debates count (default: all)"]
    #[name_localized("fr", "période")]
    #[description_localized("fr", "Quels débats comptent (par défaut : tous)")]
    period: Option<Period>,
) -> Result<(), BotError> {
    let ui = lang_of(ctx.locale());
    ctx.defer().await?;
    let guild = coach::guild(ctx)?;
    let period = period.unwrap_or(Period::All);
    let since = period.since(now_ms());
    let board = call::app(&ctx.data().app, ui, "ranking the cohort", move |a| {
        a.leaderboard(guild, since)
    })
    .await?;
    let viewer = ctx.author().id.get().to_string();
    let reply = poise::CreateReply::default()
        .embed(card(&board, &viewer, period, ui).build())
        .allowed_mentions(reply::no_mentions());
    ctx.send(reply).await?;
    Ok(())
}

/// The leaderboard as an embed in `ui`, from `viewer`'s point of view.
pub fn card(board: &Leaderboard, viewer: &str, period: Period, ui: Lang) -> EmbedText {
    let title = match (ui, period) {
        (Lang::En, Period::Week) => "Leaderboard · last 7 days",
        (Lang::En, Period::Month) => "Leaderboard · last 30 days",
        (Lang::En, Period::All) => "Leaderboard · all time",
        (Lang::Fr, Period::Week) => "Classement · 7 derniers jours",
        (Lang::Fr, Period::Month) => "Classement · 30 derniers jours",
        (Lang::Fr, Period::All) => "Classement · depuis le début",
    };
    if board.by_improvement.is_empty() {
        return EmbedText {
            title: Some(title.into()),
            description: Some(
                tr(
                    ui,
                    "Nobody has finished a debate in this period yet: /spar to be the first.",
                    "Personne n'a encore terminé de débat sur cette période : /spar pour être le premier.",
                )
                .into(),
            ),
            ..EmbedText::default()
        };
    }
    let improvement = |r: &LeaderRow| format!("**{:+.0}**", r.improvement);
    let average = |r: &LeaderRow| format!("**{:.0}**", r.average);
    EmbedText {
        title: Some(title.into()),
        description: Some(
            tr(
                ui,
                "Improvement is the best debate's score minus the first one's.",
                "Le progrès, c'est la note du meilleur débat moins celle du premier.",
            )
            .into(),
        ),
        fields: vec![
            Field::new(
                tr(ui, "By improvement", "Par progrès"),
                lines(&board.by_improvement, viewer, ui, improvement).join("\n"),
            ),
            Field::new(
                tr(ui, "By average", "Par moyenne"),
                lines(&board.by_average, viewer, ui, average).join("\n"),
            ),
        ],
        footer: None,
        colour: Some(reply::level_colour(crate::scoring::Level::Masterful).0),
    }
}

/// The top rows, then a gap and the viewer with their neighbours when the
/// viewer ranks below the top.
pub fn lines(
    rows: &[LeaderRow],
    viewer: &str,
    ui: Lang,
    value: impl Fn(&LeaderRow) -> String,
) -> Vec<String> {
    let line = |r: &LeaderRow| {
        let who = mention(&r.trainee);
        let debates = match ui {
            Lang::En => format!("{} debates", r.debates),
            Lang::Fr => format!("{} débats", r.debates),
        };
        let me = if r.trainee == viewer { " ←" } else { "" };
        format!("`#{}` {who} {} · {debates}{me}", r.rank, value(r))
    };
    let mut out: Vec<String> = rows.iter().take(TOP).map(line).collect();
    if let Some(at) = rows
        .iter()
        .position(|r| r.trainee == viewer)
        .filter(|&i| i >= TOP)
    {
        let from = at.saturating_sub(AROUND).max(TOP);
        if from > TOP {
            out.push("…".into());
        }
        let to = (at + AROUND + 1).min(rows.len());
        out.extend(rows[from..to].iter().map(line));
    }
    out
}

/// A member mention for a Discord id; other trainee names as plain text.
fn mention(trainee: &str) -> String {
    match trainee.parse::<u64>() {
        Ok(id) => format!("<@{id}>"),
        Err(_) => super::cards::escape(trainee),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: u32) -> Vec<LeaderRow> {
        (1..=n)
            .map(|rank| LeaderRow {
                rank,
                trainee: (1000 + rank).to_string(),
                debates: 2,
                average: 90.0 - rank as f32,
                best: 90.0,
                improvement: 40.0 - rank as f32,
                win_rate: 0.5,
            })
            .collect()
    }

    fn ranks(lines: &[String]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.split('`').nth(1).unwrap_or(l).to_string())
            .collect()
    }

    #[test]
    fn a_viewer_far_below_sees_the_top_a_gap_and_their_neighbours() {
        let all = rows(20);
        let out = lines(&all, "1015", Lang::En, |r| format!("{:+.0}", r.improvement));
        let expected: Vec<String> = (1..=10)
            .map(|r| format!("#{r}"))
            .chain(["…".to_string()])
            .chain((13..=17).map(|r| format!("#{r}")))
            .collect();
        assert_eq!(ranks(&out), expected);
        assert!(
            out[13].contains("<@1015>") && out[13].ends_with('←'),
            "{}",
            out[13]
        );
        assert!(
            out[0].starts_with("`#1` <@1001> +39 · 2 debates"),
            "{}",
            out[0]
        );
    }

    #[test]
    fn neighbours_join_the_top_without_a_gap_or_repeats() {
        let all = rows(13);
        let out = lines(&all, "1012", Lang::Fr, |r| format!("{:.0}", r.average));
        let expected: Vec<String> = (1..=13).map(|r| format!("#{r}")).collect();
        assert_eq!(ranks(&out), expected);
        assert!(out[0].contains("2 débats"));
        let top = lines(&all, "1003", Lang::En, |_| String::new());
        assert_eq!(top.len(), TOP, "a viewer in the top adds nothing");
        let absent = lines(&all, "someone-else", Lang::En, |_| String::new());
        assert_eq!(absent.len(), TOP);
    }
}
