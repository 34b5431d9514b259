//! `/counter add|approve|remove|list`: the cohort's counter-arguments.
//! Coaches add (approved at once), approve drafts and remove; everyone can
//! list them and upvote with a button, once per member.

use poise::serenity_prelude as serenity;

use super::coach_buttons::{self as buttons, button};
use super::complete::{self, Item};
use super::i18n::tr;
use super::objection::complete_objection;
use super::reply::{self, EmbedText, Field};
use super::{call, coach, BotError, Context, Data};
use crate::app::library::{self as curation, LibraryError, NewCounter};
use crate::app::AppError;
use crate::lang::Lang;
use crate::library::{slugify, Counter, CounterSource, CounterStatus, Objection};
use crate::store::Store;

/// The upvote button kind (see `coach_buttons`).
pub const VOTE: &str = "vote";

/// Counter-arguments: coaches curate them, everyone can list and upvote.
#[poise::command(
    slash_command,
    guild_only,
    subcommands("add", "approve", "remove", "list"),
    subcommand_required
)]
pub async fn counter(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Add a counter-argument to an objection (coaches; approved at once).
#[poise::command(slash_command, check = "coach::check")]
async fn add(
    ctx: Context<'_>,
    #[description = "The objection it answers"]
    #[autocomplete = "complete_objection"]
    objection: String,
    #[description = "The answer, as a trainee would say it"]
    #[max_length = 4000]
    text: String,
    #[description = "Its id (default c1, c2, ...)"] id: Option<String>,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let actor = coach::actor(ctx.author());
    let new = NewCounter {
        id: id.map(|i| slugify(&i, "c")),
        text: text.trim().to_string(),
        author: actor.clone(),
        status: CounterStatus::Approved,
        source: CounterSource::Coach,
    };
    let target = objection.clone();
    let added = coach::run(ctx.data(), ui, "adding a counter-argument", move |a| {
        Ok(curation::add_counter(
            a.store(),
            guild,
            &target,
            &new,
            &actor,
        )?)
    })
    .await?;
    let said = match ui {
        Lang::En => format!(
            "Added counter-argument **{}** to **{objection}**, approved.",
            added.id
        ),
        Lang::Fr => format!(
            "Contre-argument **{}** ajouté à **{objection}**, approuvé.",
            added.id
        ),
    };
    ctx.send(reply::ephemeral(&said)).await?;
    Ok(())
}

/// Approve a draft counter-argument (coaches): it is then suggested to trainees.
#[poise::command(slash_command, check = "coach::check")]
async fn approve(
    ctx: Context<'_>,
    #[description = "The objection"]
    #[autocomplete = "complete_objection"]
    objection: String,
    #[description = "The counter-argument"]
    #[autocomplete = "complete_counter"]
    counter: String,
) -> Result<(), BotError> {
    let said = |ui: Lang| match ui {
        Lang::En => format!(
            "Approved **{counter}** of **{objection}**: final scorecards can suggest it now."
        ),
        Lang::Fr => {
            format!("**{counter}** de **{objection}** approuvé : les bilans peuvent le suggérer.")
        }
    };
    change(
        ctx,
        &objection,
        &counter,
        "approving a counter-argument",
        curation::approve_counter,
        said,
    )
    .await
}

/// Remove a counter-argument (coaches).
#[poise::command(slash_command, check = "coach::check")]
async fn remove(
    ctx: Context<'_>,
    #[description = "The objection"]
    #[autocomplete = "complete_objection"]
    objection: String,
    #[description = "The counter-argument"]
    #[autocomplete = "complete_counter"]
    counter: String,
) -> Result<(), BotError> {
    let said = |ui: Lang| match ui {
        Lang::En => format!("Removed **{counter}** from **{objection}**."),
        Lang::Fr => format!("**{counter}** retiré de **{objection}**."),
    };
    change(
        ctx,
        &objection,
        &counter,
        "removing a counter-argument",
        curation::remove_counter,
        said,
    )
    .await
}

/// What a coach may do to one counter-argument (approve it, remove it).
type CounterChange = fn(&Store, u64, &str, &str, &str) -> Result<Counter, LibraryError>;

/// Runs a coach's change to counter-argument `counter` of `objection`
/// and tells the coach, in their language, what `said` says was done.
async fn change(
    ctx: Context<'_>,
    objection: &str,
    counter: &str,
    doing: &'static str,
    op: CounterChange,
    said: impl FnOnce(Lang) -> String,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let (actor, target, cid) = (
        coach::actor(ctx.author()),
        objection.to_string(),
        counter.to_string(),
    );
    coach::run(ctx.data(), ui, doing, move |a| {
        Ok(op(a.store(), guild, &target, &cid, &actor)?)
    })
    .await?;
    ctx.send(reply::ephemeral(&said(ui))).await?;
    Ok(())
}

/// List an objection's counter-arguments, with a button to upvote each.
#[poise::command(slash_command)]
async fn list(
    ctx: Context<'_>,
    #[description = "The objection"]
    #[autocomplete = "complete_objection"]
    objection: String,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let found = super::objection::read(ctx.data(), ui, guild, objection).await?;
    let (embed, rows) = view(&found, ui);
    ctx.send(reply::private_embed(embed.build()).components(rows))
        .await?;
    Ok(())
}

/// Autocomplete for the counter-arguments of the objection already chosen.
pub async fn complete_counter(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let (Ok(guild), Some(objection)) = (coach::guild(ctx), string_option(ctx, "objection")) else {
        return complete::nothing();
    };
    let found = coach::run(ctx.data(), Lang::En, "reading an objection", move |a| {
        Ok(curation::show(a.store(), guild, &objection)?)
    })
    .await;
    let Ok(found) = found else {
        return complete::nothing();
    };
    let items: Vec<Item> = found
        .counters
        .into_iter()
        .map(|c| Item {
            label: format!("[{}] {}", status_word(c.status, Lang::En), c.text),
            id: c.id,
        })
        .collect();
    complete::response(&complete::rank(partial, &items))
}

/// The text typed so far in another string option of the same command.
pub fn string_option(ctx: Context<'_>, name: &str) -> Option<String> {
    let poise::Context::Application(app) = ctx else {
        return None;
    };
    app.args
        .iter()
        .find(|o| o.name == name)
        .and_then(|o| match &o.value {
            serenity::ResolvedValue::String(s) => Some(s.to_string()),
            _ => None,
        })
}

/// Handles an upvote: counted once per member, the list refreshed.
pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    args: &[&str],
) -> Result<(), BotError> {
    let ui = buttons::lang(&click.locale);
    let (Some(guild), [objection, counter]) = (click.guild_id.map(|g| g.get()), args) else {
        return Err(buttons::out_of_date());
    };
    let (o, c, voter) = (
        objection.to_string(),
        counter.to_string(),
        click.user.id.get().to_string(),
    );
    let voted = call::raw(&data.app, "voting for a counter-argument", move |a| {
        curation::vote_once(a.store(), guild, &o, &c, &voter)?;
        Ok(curation::show(a.store(), guild, &o)?)
    })
    .await?;
    match voted {
        Ok(found) => {
            let (embed, rows) = view(&found, ui);
            let said = match ui {
                Lang::En => format!("Your vote for **{counter}** is counted."),
                Lang::Fr => format!("Votre vote pour **{counter}** est compté."),
            };
            buttons::update(ctx, click, &said, Some(embed.build()), rows).await
        }
        Err(AppError::Library(LibraryError::AlreadyVoted { .. })) => {
            let said = match ui {
                Lang::En => {
                    format!("You have already voted for **{counter}**: one vote per member.")
                }
                Lang::Fr => format!("Vous avez déjà voté pour **{counter}** : un vote par membre."),
            };
            buttons::whisper(ctx, click.id, &click.token, &said).await
        }
        Err(err) => Err(call::bot_error(err, ui, "voting for a counter-argument")),
    }
}

/// An objection's counter-arguments (approved first, then by votes), with
/// an upvote button for each (at most 25).
pub fn view(o: &Objection, ui: Lang) -> (EmbedText, Vec<serenity::CreateActionRow>) {
    let mut counters: Vec<&Counter> = o.counters.iter().collect();
    counters.sort_by_key(|c| {
        (
            c.status != CounterStatus::Approved,
            std::cmp::Reverse(c.votes),
        )
    });
    let embed = EmbedText {
        title: Some(match ui {
            Lang::En => format!("Counter-arguments · {}", o.id),
            Lang::Fr => format!("Contre-arguments · {}", o.id),
        }),
        description: Some(if counters.is_empty() {
            tr(ui, "None yet.", "Aucun pour l'instant.").to_string()
        } else {
            reply::cut(&o.text, 400).into_owned()
        }),
        fields: counters.iter().map(|c| field(c, ui)).collect(),
        ..EmbedText::default()
    };
    let votes = counters.iter().map(|c| {
        let label = format!("👍 {}", c.id);
        button(
            VOTE,
            &[&o.id, &c.id],
            &label,
            serenity::ButtonStyle::Secondary,
        )
    });
    (embed, buttons::rows(votes))
}

fn field(c: &Counter, ui: Lang) -> Field {
    let score = c.score.map(|s| format!(" · score {s}")).unwrap_or_default();
    let votes = match ui {
        Lang::En => format!("{} vote(s)", c.votes),
        Lang::Fr => format!("{} vote(s)", c.votes),
    };
    Field::new(
        format!("{} · {} · {votes}{score}", c.id, status_word(c.status, ui)),
        format!("{}\n— {}", reply::cut(&c.text, 900), c.author),
    )
}

fn status_word(status: CounterStatus, ui: Lang) -> &'static str {
    match status {
        CounterStatus::Approved => tr(ui, "approved", "approuvé"),
        CounterStatus::Draft => tr(ui, "draft", "brouillon"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Pushbacks;
    use crate::prospect::testkit;

    fn counter(id: &str, status: CounterStatus, votes: u32) -> Counter {
        testkit::counter(id, &format!("answer {id}"), status, votes)
    }

    #[test]
    fn approved_counters_come_first_then_the_most_voted() {
        let o = Objection {
            id: "spam".into(),
            lang: Lang::En,
            text: "Isn't it spam?".into(),
            tags: Vec::new(),
            difficulty: 1,
            key_concerns: Vec::new(),
            pushbacks: Pushbacks::default(),
            examples: Default::default(),
            counters: vec![
                counter("c1", CounterStatus::Draft, 9),
                counter("c2", CounterStatus::Approved, 1),
                counter("c3", CounterStatus::Approved, 4),
            ],
        };
        let (embed, rows) = view(&o, Lang::En);
        let names: Vec<&str> = embed.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "c3 · approved · 4 vote(s)",
                "c2 · approved · 1 vote(s)",
                "c1 · draft · 9 vote(s)"
            ]
        );
        assert_eq!(rows.len(), 1);
    }
}
