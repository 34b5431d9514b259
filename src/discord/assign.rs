//! `/assign create|status|list|close`: drills for the cohort. An assignment
//! is announced in the channel; `/spar` serves its objections first, and
//! `/assign status` shows who finished them.

use poise::serenity_prelude as serenity;

use super::complete::{self, Item};
use super::i18n::tr;
use super::objection::objection_items;
use super::reply::{self, EmbedText};
use super::{coach, BotError, Context};
use crate::app::assign::{parse_due, AssignmentStatus, NewAssignment};
use crate::lang::Lang;
use crate::store::Assignment;
use crate::time::now_ms;

/// Drills for the cohort (coaches).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "coach::check",
    subcommands("create", "status", "list", "close"),
    subcommand_required
)]
pub async fn assign(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Assign objections to spar on before a due date.
#[poise::command(slash_command)]
async fn create(
    ctx: Context<'_>,
    #[description = "Objection ids, comma-separated"]
    #[autocomplete = "complete_objections"]
    objections: String,
    #[description = "Due date: YYYY-MM-DD or a delay (in 7d, in 2w)"] due: String,
    #[description = "Only members with this role (default: everyone)"] role: Option<
        serenity::RoleId,
    >,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let due_ms = parse_due(&due, now_ms()).map_err(|e| BotError::User(sentence(&e.to_string())))?;
    let new = NewAssignment {
        objections: objections.split(',').map(str::to_string).collect(),
        due_ms,
        role: role.map(|r| r.get()),
    };
    let actor = coach::actor(ctx.author());
    let made = coach::run(ctx.data(), ui, "creating an assignment", move |a| {
        a.assign(guild, &actor, new)
    })
    .await?;
    ctx.send(reply::text(&announcement(&made, ui))).await?;
    Ok(())
}

/// Who finished an assignment (default: the latest).
#[poise::command(slash_command)]
async fn status(
    ctx: Context<'_>,
    #[description = "Assignment number (default: the latest)"] id: Option<u64>,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let (assignment, config) = coach::run(ctx.data(), ui, "reading an assignment", move |a| {
        let assignment = match id {
            Some(id) => Some(a.assignment(guild, id)?),
            None => a.assignments(guild)?.pop(),
        };
        Ok((assignment, a.guild_config(guild)?))
    })
    .await?;
    let assignment = assignment.ok_or_else(|| {
        BotError::user(tr(
            ui,
            "There is no assignment yet: make one with /assign create.",
            "Il n'y a encore aucun exercice : créez-en un avec /assign create.",
        ))
    })?;
    let cohort = coach::trainees_in(
        ctx.serenity_context(),
        serenity::GuildId::new(guild),
        config.coach_role,
        assignment.role,
    );
    let number = assignment.id;
    let status = coach::run(ctx.data(), ui, "checking an assignment", move |a| {
        a.assignment_status(guild, number, &cohort)
    })
    .await?;
    ctx.send(
        poise::CreateReply::default()
            .embed(status_card(&status, ui).build())
            .ephemeral(true)
            .allowed_mentions(reply::no_mentions()),
    )
    .await?;
    Ok(())
}

/// Every assignment of this server.
#[poise::command(slash_command)]
async fn list(ctx: Context<'_>) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let all = coach::run(ctx.data(), ui, "listing assignments", move |a| {
        a.assignments(guild)
    })
    .await?;
    let now = now_ms();
    let lines: Vec<String> = all.iter().rev().map(|a| summary(a, now, ui)).collect();
    let embed = EmbedText {
        title: Some(tr(ui, "Assignments", "Exercices assignés").to_string()),
        description: Some(if lines.is_empty() {
            tr(
                ui,
                "None yet: /assign create.",
                "Aucun pour l'instant : /assign create.",
            )
            .to_string()
        } else {
            lines.join("\n")
        }),
        ..EmbedText::default()
    };
    ctx.send(
        poise::CreateReply::default()
            .embed(embed.build())
            .ephemeral(true)
            .allowed_mentions(reply::no_mentions()),
    )
    .await?;
    Ok(())
}

/// Close an assignment: /spar stops serving it.
#[poise::command(slash_command)]
async fn close(
    ctx: Context<'_>,
    #[description = "Assignment number"] id: u64,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let closed = coach::run(ctx.data(), ui, "closing an assignment", move |a| {
        a.close_assignment(guild, id)
    })
    .await?;
    let said = match ui {
        Lang::En => format!("Closed assignment #{}.", closed.id),
        Lang::Fr => format!("Exercice n°{} clos.", closed.id),
    };
    ctx.send(reply::ephemeral(&said)).await?;
    Ok(())
}

/// Autocomplete for a comma-separated list: completes the id being typed
/// after the last comma, keeping those before it.
async fn complete_objections(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let (done, typing) = match partial.rsplit_once(',') {
        Some((done, typing)) => (format!("{}, ", done.trim_end()), typing.trim()),
        None => (String::new(), partial.trim()),
    };
    let items = objection_items(ctx).await;
    let prefixed: Vec<Item> = complete::rank(typing, &items)
        .into_iter()
        .map(|i| Item {
            id: format!("{done}{}", i.id),
            label: i.label.clone(),
        })
        .filter(|i| i.id.chars().count() <= 100)
        .collect();
    complete::response(&prefixed.iter().collect::<Vec<_>>())
}

/// The message announcing a new assignment to the channel.
pub fn announcement(a: &Assignment, ui: Lang) -> String {
    let ids: Vec<String> = a.objections.iter().map(|o| format!("`{o}`")).collect();
    let who = a.role.map_or_else(
        || tr(ui, "everyone", "tout le monde").to_string(),
        |r| format!("<@&{r}>"),
    );
    let due = a.due_ms / 1000;
    match ui {
        Lang::En => format!(
            "📋 Assignment #{} for {who}: spar on {} before <t:{due}:f> (<t:{due}:R>). /spar serves them first.",
            a.id,
            ids.join(", ")
        ),
        Lang::Fr => format!(
            "📋 Exercice n°{} pour {who} : joutez sur {} avant le <t:{due}:f> (<t:{due}:R>). /spar les propose en premier.",
            a.id,
            ids.join(", ")
        ),
    }
}

/// One line per member: done or not, and what is left.
pub fn status_card(status: &AssignmentStatus, ui: Lang) -> EmbedText {
    let a = &status.assignment;
    let total = a.objections.len();
    let lines: Vec<String> = status
        .members
        .iter()
        .map(|m| {
            let mark = if m.complete { "✅" } else { "⏳" };
            let left: Vec<&str> = a
                .objections
                .iter()
                .filter(|o| !m.done.contains(o))
                .map(String::as_str)
                .collect();
            let rest = if left.is_empty() {
                String::new()
            } else {
                format!(" · {} {}", tr(ui, "left:", "reste :"), left.join(", "))
            };
            format!(
                "{mark} {} — {}/{total}{rest}",
                coach::mention_id(&m.trainee),
                m.done.len()
            )
        })
        .collect();
    let done = status.members.iter().filter(|m| m.complete).count();
    EmbedText {
        title: Some(match ui {
            Lang::En => format!(
                "Assignment #{} · {done}/{} done",
                a.id,
                status.members.len()
            ),
            Lang::Fr => format!(
                "Exercice n°{} · {done}/{} terminé(s)",
                a.id,
                status.members.len()
            ),
        }),
        description: Some(if lines.is_empty() {
            tr(
                ui,
                "Nobody has sparred on it yet.",
                "Personne ne s'y est encore essayé.",
            )
            .to_string()
        } else {
            lines.join("\n")
        }),
        footer: Some(format!("{} · {}", a.objections.join(", "), due_text(a, ui))),
        ..EmbedText::default()
    }
}

fn summary(a: &Assignment, now: u64, ui: Lang) -> String {
    let state = if a.closed {
        tr(ui, "closed", "clos")
    } else if now > a.due_ms {
        tr(ui, "overdue", "échu")
    } else {
        tr(ui, "open", "ouvert")
    };
    let who = a.role.map(|r| format!(" · <@&{r}>")).unwrap_or_default();
    format!(
        "**#{}** · {state} · <t:{}:d>{who} · {}",
        a.id,
        a.due_ms / 1000,
        a.objections.join(", ")
    )
}

fn due_text(a: &Assignment, ui: Lang) -> String {
    let secs = a.due_ms / 1000;
    match ui {
        Lang::En => format!("due {}", format_day(secs)),
        Lang::Fr => format!("à rendre le {}", format_day(secs)),
    }
}

/// `YYYY-MM-DD` of a Unix time (footers cannot hold Discord timestamps).
fn format_day(secs: u64) -> String {
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Howard Hinnant's `civil_from_days`.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The app's message as a sentence.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let capital: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{capital}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::assign::MemberProgress;

    fn assignment() -> Assignment {
        Assignment {
            id: 3,
            guild: 1,
            objections: vec!["spam".into(), "price".into()],
            due_ms: 1_743_465_599_999,
            role: Some(9),
            created_by: "<@1>".into(),
            created_at: 0,
            closed: false,
        }
    }

    #[test]
    fn status_shows_each_member_and_what_is_left() {
        let status = AssignmentStatus {
            assignment: assignment(),
            members: vec![
                MemberProgress {
                    trainee: "11".into(),
                    done: vec!["spam".into(), "price".into()],
                    complete: true,
                },
                MemberProgress {
                    trainee: "12".into(),
                    done: vec!["price".into()],
                    complete: false,
                },
            ],
        };
        let card = status_card(&status, Lang::En);
        assert_eq!(card.title.as_deref(), Some("Assignment #3 · 1/2 done"));
        assert_eq!(
            card.description.as_deref(),
            Some("✅ <@11> — 2/2\n⏳ <@12> — 1/2 · left: spam")
        );
        assert_eq!(card.footer.as_deref(), Some("spam, price · due 2025-03-31"));
    }

    #[test]
    fn the_announcement_names_the_role_and_the_due_time() {
        let text = announcement(&assignment(), Lang::Fr);
        assert!(
            text.contains("<@&9>") && text.contains("<t:1743465599:f>"),
            "{text}"
        );
        assert!(text.contains("`spam`, `price`"), "{text}");
    }
}
