//! `/review member|debate|override`: a coach reads a trainee's debates and
//! transcripts and corrects a turn's score with a comment. The override
//! counts in statistics and leaderboards; the scorer's score is kept.

use poise::serenity_prelude as serenity;

use super::coach_buttons::{self as buttons, button};
use super::complete::{self, Item};
use super::i18n::tr;
use super::reply::{self, EmbedText, Field};
use super::{call, coach, BotError, Context, Data};
use crate::app::AppError;
use crate::lang::Lang;
use crate::prospect::{Debate, DebateError, Turn};

/// Debates per page of `/review member`.
pub const PAGE_SIZE: usize = 10;
/// Button kinds (see `coach_buttons`): a page of a member's debates...
pub const MEMBER_PAGE: &str = "rpage";
/// ...a turn's override button...
pub const OVERRIDE: &str = "override";
/// ...and the override form.
pub const OVERRIDE_FORM: &str = "overrideform";
/// The style of paging and override buttons.
const SECONDARY: serenity::ButtonStyle = serenity::ButtonStyle::Secondary;
/// Characters of transcript text shown per debate (the embed holds 6000).
const TRANSCRIPT_BUDGET: usize = 4800;

/// Review trainees' debates and correct scores (coaches).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "coach::check",
    subcommands("member", "debate", "override_turn"),
    subcommand_required
)]
pub async fn review(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// A trainee's debates, newest first, with their ids.
#[poise::command(slash_command)]
async fn member(
    ctx: Context<'_>,
    #[description = "The trainee"] user: serenity::User,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let (embed, rows) = member_page(ctx.data(), guild, user.id.get(), 0, ui).await?;
    ctx.send(reply::private_embed(embed).components(rows))
        .await?;
    Ok(())
}

/// A debate's transcript, with a button to override each turn's score.
#[poise::command(slash_command)]
async fn debate(
    ctx: Context<'_>,
    #[description = "The debate id (see /review member)"]
    #[autocomplete = "complete_debate"]
    id: String,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let debate = coach::run(ctx.data(), ui, "reading a debate", move |a| {
        a.debate(guild, &id)
    })
    .await?;
    let rows = override_buttons(&debate, ui);
    ctx.send(reply::private_embed(transcript(&debate, ui).build()).components(rows))
        .await?;
    Ok(())
}

/// Correct a turn's score with a comment (the scorer's stays on record).
#[poise::command(slash_command, rename = "override")]
async fn override_turn(
    ctx: Context<'_>,
    #[description = "The debate id"]
    #[autocomplete = "complete_debate"]
    debate: String,
    #[description = "The turn, from 1"]
    #[min = 1]
    turn: u8,
    #[description = "The score it deserves, 0 to 100"]
    #[min = 0]
    #[max = 100]
    score: u8,
    #[description = "Why, for the trainee"]
    #[max_length = 500]
    comment: String,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let index = usize::from(turn).saturating_sub(1);
    let said = apply(ctx.data(), guild, debate, index, score, comment, ui).await?;
    ctx.send(reply::ephemeral(&said)).await?;
    Ok(())
}

/// Overrides one turn and says what changed.
async fn apply(
    data: &Data,
    guild: u64,
    debate_id: String,
    index: usize,
    score: u8,
    comment: String,
    ui: Lang,
) -> Result<String, BotError> {
    let comment = Some(comment.trim().to_string()).filter(|c| !c.is_empty());
    let id = debate_id.clone();
    let overridden = call::raw(&data.app, "overriding a score", move |a| {
        a.override_turn(guild, &id, index, score, comment)
    })
    .await?;
    let debate = match overridden {
        Ok(debate) => debate,
        // The debate counts turns from 0; coaches from 1.
        Err(AppError::Debate(DebateError::NoSuchTurn { turns, .. })) => {
            return Err(BotError::User(match ui {
                Lang::En => format!("Debate `{debate_id}` has {turns} turn(s): pick one from 1 to {turns}. Nothing was changed."),
                Lang::Fr => format!("Le débat `{debate_id}` a {turns} tour(s) : choisissez-en un de 1 à {turns}. Rien n'a été modifié."),
            }))
        }
        Err(err) => return Err(call::bot_error(err, ui, "overriding a score")),
    };
    let scorer = debate.turns.get(index).map_or(score, |t| t.score);
    let turn = index + 1;
    Ok(match ui {
        Lang::En => format!(
            "Turn {turn} of debate `{debate_id}` now counts **{score}** (the scorer gave {scorer}); statistics and leaderboards use it."
        ),
        Lang::Fr => format!(
            "Le tour {turn} du débat `{debate_id}` compte désormais **{score}** (le correcteur avait donné {scorer}) ; statistiques et classements l'utilisent."
        ),
    })
}

/// Autocomplete for debate ids: the guild's debates, newest first.
pub async fn complete_debate(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let Ok(guild) = coach::guild(ctx) else {
        return complete::nothing();
    };
    let debates = coach::run(ctx.data(), Lang::En, "listing debates", move |a| {
        a.history(guild, None)
    })
    .await;
    let Ok(debates) = debates else {
        return complete::nothing();
    };
    let serenity_ctx = ctx.serenity_context();
    let items: Vec<Item> = debates
        .iter()
        .rev()
        .map(|d| Item {
            id: d.id.clone(),
            label: format!(
                "{} · {} · {}",
                coach::display_name(serenity_ctx, ctx.guild_id(), &d.trainee),
                d.objection_id,
                outcome_word(d, Lang::En)
            ),
        })
        .collect();
    complete::response(&complete::rank(partial, &items))
}

/// Handles the member list's paging and the turns' override buttons.
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
        (MEMBER_PAGE, [user, page]) => {
            let (user, page) = (user.parse().unwrap_or(0), page.parse().unwrap_or(0));
            let (embed, rows) = member_page(data, guild, user, page, ui).await?;
            buttons::update(ctx, click, "", Some(embed), rows).await
        }
        (OVERRIDE, [debate_id, index]) => {
            let id = debate_id.to_string();
            let debate =
                coach::run(data, ui, "reading a debate", move |a| a.debate(guild, &id)).await?;
            let index: usize = index.parse().unwrap_or(usize::MAX);
            let turn = debate.turns.get(index).ok_or_else(|| {
                BotError::user(tr(
                    ui,
                    "That turn no longer exists.",
                    "Ce tour n'existe plus.",
                ))
            })?;
            open_form(ctx, click, &debate.id, index, turn, ui).await
        }
        _ => Err(buttons::out_of_date()),
    }
}

/// Opens the override form for one turn, prefilled with its score.
async fn open_form(
    ctx: &serenity::Context,
    click: &serenity::ComponentInteraction,
    debate_id: &str,
    index: usize,
    turn: &Turn,
    ui: Lang,
) -> Result<(), BotError> {
    let custom_id = buttons::custom_id(OVERRIDE_FORM, &[debate_id, &index.to_string()])
        .ok_or_else(|| BotError::user("This debate id is too long for a form."))?;
    let score = serenity::CreateInputText::new(
        serenity::InputTextStyle::Short,
        tr(ui, "Score, 0 to 100", "Score, de 0 à 100"),
        "score",
    )
    .value(turn.effective_score().to_string())
    .max_length(3);
    let comment = serenity::CreateInputText::new(
        serenity::InputTextStyle::Paragraph,
        tr(ui, "Why, for the trainee", "Pourquoi, pour le stagiaire"),
        "comment",
    )
    .max_length(500);
    let title = match ui {
        Lang::En => format!("Override turn {}", index + 1),
        Lang::Fr => format!("Corriger le tour {}", index + 1),
    };
    let modal = serenity::CreateModal::new(custom_id, title).components(vec![
        serenity::CreateActionRow::InputText(score),
        serenity::CreateActionRow::InputText(comment),
    ]);
    click
        .create_response(ctx, serenity::CreateInteractionResponse::Modal(modal))
        .await?;
    Ok(())
}

/// Handles a submitted override form.
pub async fn on_form(
    ctx: &serenity::Context,
    data: &Data,
    form: &serenity::ModalInteraction,
    kind: &str,
    args: &[&str],
) -> Result<(), BotError> {
    let ui = buttons::lang(&form.locale);
    let guild = buttons::coach_guild(data, form.guild_id, form.member.as_ref(), ui).await?;
    let (OVERRIDE_FORM, [debate_id, index]) = (kind, args) else {
        return Err(BotError::user(
            "This form is out of date. / Ce formulaire est périmé.",
        ));
    };
    let score = parse_score(&buttons::form_value(form, "score"), ui)?;
    let index = index.parse().unwrap_or(usize::MAX);
    let comment = buttons::form_value(form, "comment");
    let said = apply(
        data,
        guild,
        debate_id.to_string(),
        index,
        score,
        comment,
        ui,
    )
    .await?;
    buttons::whisper(ctx, form.id, &form.token, &said).await
}

/// A score typed in a form: a whole number from 0 to 100.
pub fn parse_score(text: &str, ui: Lang) -> Result<u8, BotError> {
    text.trim()
        .parse::<u8>()
        .ok()
        .filter(|s| *s <= 100)
        .ok_or_else(|| {
            BotError::User(match ui {
                Lang::En => format!("\"{}\" is not a score: write a whole number from 0 to 100. Nothing was changed.", text.trim()),
                Lang::Fr => format!("« {} » n'est pas un score : écrivez un nombre entier de 0 à 100. Rien n'a été modifié.", text.trim()),
            })
        })
}

/// One page of a member's debates, newest first, with paging buttons.
async fn member_page(
    data: &Data,
    guild: u64,
    user: u64,
    page: usize,
    ui: Lang,
) -> Result<(serenity::CreateEmbed, Vec<serenity::CreateActionRow>), BotError> {
    let trainee = user.to_string();
    let mut debates = coach::run(data, ui, "listing debates", move |a| {
        a.history(guild, Some(&trainee))
    })
    .await?;
    debates.reverse();
    let (page, pages) = buttons::page_of(debates.len(), PAGE_SIZE, page);
    let fields: Vec<Field> = debates
        .iter()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|d| debate_field(d, ui))
        .collect();
    let embed = EmbedText {
        title: Some(tr(ui, "Debates", "Débats").to_string()),
        description: Some(match (ui, debates.is_empty()) {
            (Lang::En, true) => format!("<@{user}> has no debate here yet."),
            (Lang::Fr, true) => format!("<@{user}> n'a encore aucun débat ici."),
            (Lang::En, false) => format!(
                "<@{user}> · {} debate(s). Open one with /review debate.",
                debates.len()
            ),
            (Lang::Fr, false) => format!(
                "<@{user}> · {} débat(s). Ouvrez-en un avec /review debate.",
                debates.len()
            ),
        }),
        fields,
        footer: Some(format!("Page {}/{pages}", page + 1)),
        ..EmbedText::default()
    };
    let rows = buttons::pager(ui, MEMBER_PAGE, page, pages, |n| {
        vec![user.to_string(), n.to_string()]
    });
    Ok((embed.build(), rows))
}

fn debate_field(d: &Debate, ui: Lang) -> Field {
    let average = d
        .average_score()
        .map_or_else(|| "—".to_string(), |a| format!("{a:.0}"));
    let value = match ui {
        Lang::En => format!(
            "<t:{}:d> · {} · {} · average {average} over {} turn(s)",
            d.started_at / 1000,
            d.objection_id,
            outcome_word(d, ui),
            d.turns.len()
        ),
        Lang::Fr => format!(
            "<t:{}:d> · {} · {} · moyenne {average} sur {} tour(s)",
            d.started_at / 1000,
            d.objection_id,
            outcome_word(d, ui),
            d.turns.len()
        ),
    };
    Field::new(format!("`{}`", d.id), value)
}

fn outcome_word(d: &Debate, ui: Lang) -> &'static str {
    match d.outcome {
        Some(o) => o.label(ui),
        None => tr(ui, "in progress", "en cours"),
    }
}

/// A debate turn by turn: each answer with its score (and any override),
/// and the prospect's reply, cut so the whole fits one embed.
pub fn transcript(d: &Debate, ui: Lang) -> EmbedText {
    let per_turn = TRANSCRIPT_BUDGET / d.turns.len().max(1);
    let fields = d
        .turns
        .iter()
        .enumerate()
        .map(|(i, t)| turn_field(i, t, per_turn, ui))
        .collect();
    let head = match ui {
        Lang::En => format!(
            "<@{}> · {} · {}",
            d.trainee,
            d.objection_id,
            outcome_word(d, ui)
        ),
        Lang::Fr => format!(
            "<@{}> · {} · {}",
            d.trainee,
            d.objection_id,
            outcome_word(d, ui)
        ),
    };
    EmbedText {
        title: Some(match ui {
            Lang::En => format!("Debate {}", d.id),
            Lang::Fr => format!("Débat {}", d.id),
        }),
        description: Some(format!("{head}\n> {}", reply::cut(&d.opening, 300))),
        fields,
        ..EmbedText::default()
    }
}

fn turn_field(i: usize, t: &Turn, budget: usize, ui: Lang) -> Field {
    let scored = format!("{} ({})", t.score, t.level.label(ui));
    let name = match (ui, t.override_score) {
        (Lang::En, Some(o)) => format!("Turn {} · {scored} → {o} (coach)", i + 1),
        (Lang::Fr, Some(o)) => format!("Tour {} · {scored} → {o} (coach)", i + 1),
        (Lang::En, None) => format!("Turn {} · {scored}", i + 1),
        (Lang::Fr, None) => format!("Tour {} · {scored}", i + 1),
    };
    let answer = reply::cut(&t.answer, budget * 3 / 5);
    let prospect = reply::cut(&t.prospect_reply, budget / 5);
    let mut value = format!("{answer}\n↳ *{prospect}*");
    if let Some(comment) = &t.override_comment {
        value.push_str(&format!("\n📝 {}", reply::cut(comment, budget / 5)));
    }
    Field::new(name, value)
}

/// One override button per turn (at most 25).
fn override_buttons(d: &Debate, ui: Lang) -> Vec<serenity::CreateActionRow> {
    let label = tr(ui, "Override", "Corriger");
    buttons::rows((0..d.turns.len()).map(|i| {
        let text = format!("{label} {}", i + 1);
        button(OVERRIDE, &[&d.id, &i.to_string()], &text, SECONDARY)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prospect::testkit::{dismissive, kit, objection};

    #[test]
    fn a_long_transcript_keeps_every_turn_within_the_embed_limit() {
        let kit = kit();
        let o = objection("spam", Lang::En, 1, &[], 2);
        let (mut d, _) = kit.play(&o, 3, &[dismissive()]);
        let mut turn = d.turns[0].clone();
        turn.answer = "mot ".repeat(500);
        turn.override_score = Some(90);
        turn.override_comment = Some("note ".repeat(100));
        d.turns = vec![turn; 20];
        let embed = transcript(&d, Lang::En).fit();
        assert_eq!(embed.fields.len(), 20, "no turn dropped");
        assert!(embed.total_len() <= reply::EMBED_TOTAL_MAX);
        assert!(
            embed.fields[19].name.starts_with("Turn 20 · "),
            "{}",
            embed.fields[19].name
        );
        assert!(embed.fields[0].name.ends_with("→ 90 (coach)"));
        assert_eq!(
            override_buttons(&d, Lang::En).len(),
            4,
            "20 buttons, 5 per row"
        );
    }

    #[test]
    fn typed_scores_must_be_whole_numbers_up_to_100() {
        assert_eq!(parse_score(" 85 ", Lang::En).ok(), Some(85));
        for bad in ["101", "-3", "eighty", ""] {
            let err = parse_score(bad, Lang::Fr).expect_err(bad);
            assert!(err.to_string().contains("Rien n'a été modifié"), "{err}");
        }
    }
}
