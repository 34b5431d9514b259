//! `/objection add|edit|remove|list|show`: coaches curate the objections
//! the prospect raises. Long text goes through a form (a modal), ids are
//! autocompleted, a removal asks for confirmation, lists page with buttons.

use std::time::Duration;

use poise::serenity_prelude as serenity;

use super::choices::LangChoice;
use super::coach_buttons::{self as buttons, button};
use super::complete::{self, Item};
use super::i18n::tr;
use super::reply::{self, EmbedText, Field};
use super::{coach, BotError, Context, Data};
use crate::app::library::{self as curation, Filter, ObjectionPatch, PushbacksPatch};
use crate::app::{App, AppError};
use crate::lang::Lang;
use crate::library::{slugify, CounterStatus, Objection, Pushbacks};

type AppContext<'a> = poise::ApplicationContext<'a, Data, BotError>;

/// How long a coach may take to fill in a form.
pub const FORM_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// Objections per page of `/objection list`.
pub const PAGE_SIZE: usize = 10;
/// Button kinds (see `coach_buttons`).
pub const LIST_PAGE: &str = "olist";
/// Confirms a removal.
pub const REMOVE: &str = "oremove";
/// Cancels a removal.
pub const KEEP: &str = "okeep";
/// The style of paging and cancel buttons.
const SECONDARY: serenity::ButtonStyle = serenity::ButtonStyle::Secondary;
/// Difficulty when the coach gives none.
const DEFAULT_DIFFICULTY: u8 = 2;

/// Declares a form with the fields an objection's text and pushbacks are
/// typed in, after any fields of its own (new and edit forms share them).
macro_rules! objection_form {
    ($(#[$meta:meta])* struct $name:ident { $($own:tt)* }) => {
        $(#[$meta])*
        struct $name {
            $($own)*
            #[name = "What the prospect says"]
            #[paragraph]
            #[max_length = 4000]
            text: String,
            #[name = "Soft pushbacks (one per line)"]
            #[paragraph]
            #[max_length = 4000]
            soft: String,
            #[name = "Hard pushbacks (one per line)"]
            #[paragraph]
            #[max_length = 4000]
            hard: String,
            #[name = "Key concerns (one per line, optional)"]
            #[paragraph]
            #[max_length = 1000]
            concerns: Option<String>,
        }
    };
}

objection_form! {
    /// The form of a new objection.
    #[derive(Debug, poise::Modal)]
    #[name = "New objection"]
    struct NewForm {
        #[name = "Id (optional: made from the text)"]
        #[placeholder = "linkedin-is-spam"]
        #[max_length = 64]
        id: Option<String>,
    }
}

objection_form! {
    /// The form of an edit, prefilled with the objection as it is.
    #[derive(Debug, poise::Modal)]
    #[name = "Edit objection"]
    struct EditForm {}
}

/// Curate the objections the prospect raises (coaches).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "coach::check",
    subcommands("add", "edit", "remove", "list", "show"),
    subcommand_required
)]
pub async fn objection(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Add an objection: a form asks for its text and pushbacks.
#[poise::command(slash_command)]
async fn add(
    ctx: AppContext<'_>,
    #[description = "Language (default: the server's)"] lang: Option<LangChoice>,
    #[description = "1 easy to 3 hard (default 2)"]
    #[min = 1]
    #[max = 3]
    difficulty: Option<u8>,
    #[description = "Tags, comma-separated (linkedin, price)"] tags: Option<String>,
) -> Result<(), BotError> {
    let c = poise::Context::Application(ctx);
    let (ui, guild) = (coach::lang(c), coach::guild(c)?);
    let form = poise::execute_modal(ctx, None::<NewForm>, Some(FORM_TIMEOUT))
        .await?
        .ok_or_else(|| timed_out(ui))?;
    let lang = match lang {
        Some(l) => Lang::from(l),
        None => {
            coach::run(c.data(), ui, "reading the server language", move |a| {
                a.guild_lang(guild)
            })
            .await?
        }
    };
    let objection = Objection {
        id: form.id.as_deref().map(given_id).unwrap_or_default(),
        lang,
        text: form.text.trim().to_string(),
        tags: tags.as_deref().map(split_tags).unwrap_or_default(),
        difficulty: difficulty.unwrap_or(DEFAULT_DIFFICULTY),
        key_concerns: lines(form.concerns.as_deref().unwrap_or("")),
        pushbacks: Pushbacks {
            soft: lines(&form.soft),
            hard: lines(&form.hard),
        },
        examples: Default::default(),
        counters: Vec::new(),
    };
    let added = move |a: &App, actor: &str| Ok(curation::add(a.store(), guild, objection, actor)?);
    save(c, ui, "adding an objection", added, |id| match ui {
        Lang::En => format!("Added objection **{id}**."),
        Lang::Fr => format!("Objection **{id}** ajoutée."),
    })
    .await
}

/// Edit an objection: a form prefilled with its text and pushbacks.
#[poise::command(slash_command)]
async fn edit(
    ctx: AppContext<'_>,
    #[description = "The objection"]
    #[autocomplete = "complete_objection"]
    id: String,
    #[description = "New language"] lang: Option<LangChoice>,
    #[description = "New difficulty, 1 to 3"]
    #[min = 1]
    #[max = 3]
    difficulty: Option<u8>,
    #[description = "New tags, comma-separated"] tags: Option<String>,
) -> Result<(), BotError> {
    let c = poise::Context::Application(ctx);
    let (ui, guild) = (coach::lang(c), coach::guild(c)?);
    let current = read(c.data(), ui, guild, id.clone()).await?;
    let defaults = EditForm {
        text: current.text.clone(),
        soft: current.pushbacks.soft.join("\n"),
        hard: current.pushbacks.hard.join("\n"),
        concerns: Some(current.key_concerns.join("\n")).filter(|s| !s.is_empty()),
    };
    let form = poise::execute_modal(ctx, Some(defaults), Some(FORM_TIMEOUT))
        .await?
        .ok_or_else(|| timed_out(ui))?;
    let patch = ObjectionPatch {
        lang: lang.map(Lang::from),
        text: Some(form.text.trim().to_string()),
        tags: tags.as_deref().map(split_tags),
        difficulty,
        key_concerns: Some(lines(form.concerns.as_deref().unwrap_or(""))),
        pushbacks: Some(PushbacksPatch {
            soft: Some(lines(&form.soft)),
            hard: Some(lines(&form.hard)),
        }),
        ..ObjectionPatch::default()
    };
    let edited =
        move |a: &App, actor: &str| Ok(curation::edit(a.store(), guild, &id, &patch, actor)?);
    save(c, ui, "editing an objection", edited, |id| match ui {
        Lang::En => format!("Saved objection **{id}**."),
        Lang::Fr => format!("Objection **{id}** enregistrée."),
    })
    .await
}

/// Saves an objection through `change` (given the app and the coach as
/// actor) and shows the coach the result, under the line `said` makes
/// from its id.
async fn save(
    c: Context<'_>,
    ui: Lang,
    doing: &'static str,
    change: impl FnOnce(&App, &str) -> Result<Objection, AppError> + Send + 'static,
    said: impl FnOnce(&str) -> String,
) -> Result<(), BotError> {
    let actor = coach::actor(c.author());
    let saved = coach::run(c.data(), ui, doing, move |a| change(a, &actor)).await?;
    c.send(with_embed(&said(&saved.id), card(&saved, ui)))
        .await?;
    Ok(())
}

/// Remove an objection (asks for confirmation; its history stays).
#[poise::command(slash_command)]
async fn remove(
    ctx: Context<'_>,
    #[description = "The objection"]
    #[autocomplete = "complete_objection"]
    id: String,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let current = read(ctx.data(), ui, guild, id.clone()).await?;
    let question = match ui {
        Lang::En => format!(
            "Remove objection **{}** and its {} counter-argument(s)? Debates already played keep their record.",
            current.id,
            current.counters.len()
        ),
        Lang::Fr => format!(
            "Supprimer l'objection **{}** et ses {} contre-argument(s) ? Les débats déjà joués restent enregistrés.",
            current.id,
            current.counters.len()
        ),
    };
    let remove = tr(ui, "Remove", "Supprimer");
    let row = buttons::rows([
        button(
            REMOVE,
            &[&current.id],
            remove,
            serenity::ButtonStyle::Danger,
        ),
        button(KEEP, &[&current.id], tr(ui, "Keep", "Garder"), SECONDARY),
    ]);
    ctx.send(reply::ephemeral(&question).components(row))
        .await?;
    Ok(())
}

/// List the objections, ten per page.
#[poise::command(slash_command)]
async fn list(
    ctx: Context<'_>,
    #[description = "Only this tag"] tag: Option<String>,
    #[description = "Only this language"] lang: Option<LangChoice>,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let filter = Filter {
        lang: lang.map(Lang::from),
        tag: tag
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty()),
    };
    let (embed, rows) = page(ctx.data(), guild, filter, 0, ui).await?;
    ctx.send(reply::private_embed(embed).components(rows))
        .await?;
    Ok(())
}

/// Show an objection with its pushbacks and counter-arguments.
#[poise::command(slash_command)]
async fn show(
    ctx: Context<'_>,
    #[description = "The objection"]
    #[autocomplete = "complete_objection"]
    id: String,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let objection = read(ctx.data(), ui, guild, id).await?;
    ctx.send(reply::private_embed(card(&objection, ui).build()))
        .await?;
    Ok(())
}

/// Autocomplete for objection ids: fuzzy over ids and texts.
pub async fn complete_objection(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let items = objection_items(ctx).await;
    complete::response(&complete::rank(partial, &items))
}

/// The guild's objections as autocomplete items (empty on failure: an
/// autocomplete cannot report errors).
pub async fn objection_items(ctx: Context<'_>) -> Vec<Item> {
    let Ok(guild) = coach::guild(ctx) else {
        return Vec::new();
    };
    let listed = coach::run(ctx.data(), Lang::En, "listing objections", move |a| {
        Ok(curation::list(a.store(), guild, &Filter::default())?)
    })
    .await;
    match listed {
        Ok(objections) => objections
            .into_iter()
            .map(|o| Item {
                id: o.id,
                label: o.text,
            })
            .collect(),
        Err(err) => {
            tracing::warn!(error = %err, "objection autocomplete failed");
            Vec::new()
        }
    }
}

/// Handles the list's paging buttons and the removal's confirmation.
pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    kind: &str,
    args: &[&str],
) -> Result<(), BotError> {
    let ui = buttons::lang(&click.locale);
    let guild = buttons::coach_guild(data, click.guild_id, click.member.as_ref(), ui).await?;
    match (kind, args) {
        (LIST_PAGE, [page_no, lang, tag]) => {
            let filter = Filter {
                lang: lang.parse().ok(),
                tag: Some(tag.to_string()).filter(|t| t != "-"),
            };
            let n = page_no.parse().unwrap_or(0);
            let (embed, rows) = page(data, guild, filter, n, ui).await?;
            buttons::update(ctx, click, "", Some(embed), rows).await
        }
        (REMOVE, [id]) => {
            let (id, actor) = (id.to_string(), coach::actor(&click.user));
            let removed = coach::run(data, ui, "removing an objection", move |a| {
                Ok(curation::remove(a.store(), guild, &id, &actor)?)
            })
            .await?;
            let said = match ui {
                Lang::En => format!(
                    "Removed objection **{}**. Its history stays: /library history.",
                    removed.id
                ),
                Lang::Fr => format!(
                    "Objection **{}** supprimée. Son historique reste : /library history.",
                    removed.id
                ),
            };
            buttons::update(ctx, click, &said, None, Vec::new()).await
        }
        (KEEP, [id]) => {
            let said = match ui {
                Lang::En => format!("Kept objection **{id}**."),
                Lang::Fr => format!("Objection **{id}** conservée."),
            };
            buttons::update(ctx, click, &said, None, Vec::new()).await
        }
        _ => Err(buttons::out_of_date()),
    }
}

/// One objection of the guild, as the coach named it.
pub async fn read(data: &Data, ui: Lang, guild: u64, id: String) -> Result<Objection, BotError> {
    coach::run(data, ui, "reading an objection", move |a| {
        Ok(curation::show(a.store(), guild, &id)?)
    })
    .await
}

/// One page of the list, with Previous/Next buttons carrying the filter.
async fn page(
    data: &Data,
    guild: u64,
    filter: Filter,
    page: usize,
    ui: Lang,
) -> Result<(serenity::CreateEmbed, Vec<serenity::CreateActionRow>), BotError> {
    let wanted = filter.clone();
    let all = coach::run(data, ui, "listing objections", move |a| {
        Ok(curation::list(a.store(), guild, &wanted)?)
    })
    .await?;
    let (page, pages) = buttons::page_of(all.len(), PAGE_SIZE, page);
    let mut embed = EmbedText {
        title: Some(tr(ui, "Objections", "Objections").to_string()),
        footer: Some(match ui {
            Lang::En => format!("Page {}/{pages} · {} objection(s)", page + 1, all.len()),
            Lang::Fr => format!("Page {}/{pages} · {} objection(s)", page + 1, all.len()),
        }),
        ..EmbedText::default()
    };
    if all.is_empty() {
        embed.description = Some(
            tr(
                ui,
                "No objection matches.",
                "Aucune objection ne correspond.",
            )
            .to_string(),
        );
    }
    embed.fields = all
        .iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|o| list_field(o, ui))
        .collect();
    let lang = filter.lang.map_or("-", Lang::code);
    let tag = filter.tag.as_deref().unwrap_or("-");
    let rows = buttons::pager(ui, LIST_PAGE, page, pages, |n| {
        vec![n.to_string(), lang.to_string(), tag.to_string()]
    });
    Ok((embed.build(), rows))
}

fn list_field(o: &Objection, ui: Lang) -> Field {
    let approved = o.approved_counters().count();
    let meta = match ui {
        Lang::En => format!(
            "{} · difficulty {} · {} counter(s), {approved} approved",
            o.lang,
            o.difficulty,
            o.counters.len()
        ),
        Lang::Fr => format!(
            "{} · difficulté {} · {} contre-argument(s), {approved} approuvé(s)",
            o.lang,
            o.difficulty,
            o.counters.len()
        ),
    };
    let tags = if o.tags.is_empty() {
        String::new()
    } else {
        format!(" · {}", o.tags.join(", "))
    };
    Field::new(
        o.id.clone(),
        format!("{}\n*{meta}{tags}*", reply::cut(&o.text, 200)),
    )
}

/// An objection in full, as coaches read it.
pub fn card(o: &Objection, ui: Lang) -> EmbedText {
    let none = tr(ui, "none", "aucun");
    let bullets = |items: &[String]| {
        if items.is_empty() {
            none.to_string()
        } else {
            items
                .iter()
                .map(|i| format!("• {i}"))
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    let mut fields = vec![
        Field::inline(tr(ui, "Language", "Langue"), o.lang.code()),
        Field::inline(tr(ui, "Difficulty", "Difficulté"), o.difficulty.to_string()),
        Field::inline(
            "Tags",
            if o.tags.is_empty() {
                none.to_string()
            } else {
                o.tags.join(", ")
            },
        ),
        Field::new(
            tr(ui, "Key concerns", "Préoccupations clés"),
            bullets(&o.key_concerns),
        ),
        Field::new(
            tr(ui, "Soft pushbacks", "Relances douces"),
            bullets(&o.pushbacks.soft),
        ),
        Field::new(
            tr(ui, "Hard pushbacks", "Relances dures"),
            bullets(&o.pushbacks.hard),
        ),
    ];
    fields.extend(o.counters.iter().map(|c| {
        let status = match c.status {
            CounterStatus::Approved => tr(ui, "approved", "approuvé"),
            CounterStatus::Draft => tr(ui, "draft", "brouillon"),
        };
        let score = c.score.map(|s| format!(" · score {s}")).unwrap_or_default();
        Field::new(
            format!("{} · {status} · {} 👍{score}", c.id, c.votes),
            format!("{}\n— {}", reply::cut(&c.text, 900), c.author),
        )
    }));
    EmbedText {
        title: Some(o.id.clone()),
        description: Some(o.text.clone()),
        fields,
        ..EmbedText::default()
    }
}

/// A reply with a line of text over an embed, only for the coach.
pub fn with_embed(content: &str, embed: EmbedText) -> poise::CreateReply {
    reply::ephemeral(content).embed(embed.build())
}

fn timed_out(ui: Lang) -> BotError {
    BotError::user(tr(
        ui,
        "The form was not sent in time; nothing was changed.",
        "Le formulaire n'a pas été envoyé à temps ; rien n'a été modifié.",
    ))
}

/// The non-empty trimmed lines of a form field.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Tags typed as `LinkedIn, price timing` → `linkedin`, `price`, `timing`.
pub fn split_tags(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = text
        .split(|c: char| c == ',' || c.is_whitespace())
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect();
    tags.dedup();
    tags
}

/// A typed id made into a slug (`LinkedIn Spam` → `linkedin-spam`), so a
/// coach need not know the rules; blank stays blank (made from the text).
fn given_id(id: &str) -> String {
    let id = id.trim();
    if id.is_empty() {
        String::new()
    } else {
        slugify(id, "objection")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_become_clean_lists() {
        assert_eq!(
            lines("  First line \n\n second\r\n"),
            vec!["First line", "second"]
        );
        assert_eq!(
            split_tags("LinkedIn, price  timing,,"),
            vec!["linkedin", "price", "timing"]
        );
        assert_eq!(given_id(" LinkedIn Spam! "), "linkedin-spam");
        assert_eq!(given_id("  "), "");
    }

    #[test]
    fn a_card_shows_every_counter_with_its_status_votes_and_score() {
        let mut o = Objection {
            id: "spam".into(),
            lang: Lang::Fr,
            text: "C'est du spam ?".into(),
            tags: vec!["linkedin".into()],
            difficulty: 2,
            key_concerns: Vec::new(),
            pushbacks: Pushbacks {
                soft: vec!["Peut-être.".into()],
                hard: vec!["Non.".into()],
            },
            examples: Default::default(),
            counters: Vec::new(),
        };
        o.counters.push(crate::library::Counter {
            id: "c1".into(),
            text: "Vous avez raison, qu'est-ce qui vous gêne ?".into(),
            author: "<@1>".into(),
            status: CounterStatus::Draft,
            votes: 3,
            source: crate::library::CounterSource::Trainee,
            created_at: 0,
            voters: Vec::new(),
            score: Some(84),
        });
        let embed = card(&o, Lang::Fr).fit();
        let last = embed.fields.last().expect("a counter field");
        assert_eq!(last.name, "c1 · brouillon · 3 👍 · score 84");
        assert!(last.value.ends_with("— <@1>"), "{}", last.value);
        assert_eq!(embed.fields[2].value, "linkedin");
    }
}
