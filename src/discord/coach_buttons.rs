//! The buttons and forms of the coach commands (paging, confirming a
//! removal, upvoting a counter-argument, overriding a turn's score). Their
//! custom ids carry everything needed to act (`coach:vote:spam:c2`), so a
//! click works the same after a restart; this module reads them and sends
//! each to the command group that owns it.

use ::serenity::builder::Builder as _;
use poise::serenity_prelude as serenity;

use super::i18n::tr;
use super::{coach, counter, error, objection, review, BotError, Data};
use crate::lang::Lang;

/// The prefix of every custom id handled here.
pub const PREFIX: &str = "coach:";
/// Most characters in a custom id.
pub const CUSTOM_ID_MAX: usize = 100;

/// A custom id `coach:kind:arg:arg`; `None` when it would be too long for
/// Discord (ids and tags are slugs, which never contain ':').
pub fn custom_id(kind: &str, args: &[&str]) -> Option<String> {
    let mut id = format!("{PREFIX}{kind}");
    for arg in args {
        id.push(':');
        id.push_str(arg);
    }
    (id.chars().count() <= CUSTOM_ID_MAX).then_some(id)
}

/// Splits a custom id made by [`custom_id`] into its kind and arguments.
pub fn parse(custom_id: &str) -> Option<(&str, Vec<&str>)> {
    let mut parts = custom_id.strip_prefix(PREFIX)?.split(':');
    let kind = parts.next()?;
    Some((kind, parts.collect()))
}

/// A button with a custom id from [`custom_id`]; `None` when the id
/// would be too long (only absurdly long objection or counter ids do
/// that), so the button is left out rather than sent broken.
pub fn button(
    kind: &str,
    args: &[&str],
    label: &str,
    style: serenity::ButtonStyle,
) -> Option<serenity::CreateButton> {
    custom_id(kind, args).map(|id| serenity::CreateButton::new(id).label(label).style(style))
}

/// Whether an interaction is a coach button or form (handled here).
pub fn is_ours(interaction: &serenity::Interaction) -> bool {
    let custom_id = match interaction {
        serenity::Interaction::Component(click) => &click.data.custom_id,
        serenity::Interaction::Modal(form) => &form.data.custom_id,
        _ => return false,
    };
    custom_id.starts_with(PREFIX)
}

/// Handles a coach button or form; `Ok(false)` when the interaction is not
/// one of ours (the event handler then tries its others).
pub async fn on_interaction(
    ctx: &serenity::Context,
    data: &Data,
    interaction: &serenity::Interaction,
) -> Result<bool, BotError> {
    match interaction {
        serenity::Interaction::Component(click) => {
            let Some((kind, args)) = parse(&click.data.custom_id) else {
                return Ok(false);
            };
            on_click(ctx, data, click, kind, &args).await?;
            Ok(true)
        }
        serenity::Interaction::Modal(form) => {
            let Some((kind, args)) = parse(&form.data.custom_id) else {
                return Ok(false);
            };
            review::on_form(ctx, data, form, kind, &args).await?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &serenity::ComponentInteraction,
    kind: &str,
    args: &[&str],
) -> Result<(), BotError> {
    match kind {
        objection::LIST_PAGE | objection::REMOVE | objection::KEEP => {
            objection::on_click(ctx, data, click, kind, args).await
        }
        counter::VOTE => counter::on_click(ctx, data, click, args).await,
        review::MEMBER_PAGE | review::OVERRIDE => {
            review::on_click(ctx, data, click, kind, args).await
        }
        _ => Err(BotError::user(
            "This button is no longer in use. / Ce bouton n'est plus utilisé.",
        )),
    }
}

/// An event handler with only the coach buttons and forms, for bots that
/// have no other events (tests) or to call from a fuller handler.
pub fn events<'a>(
    framework: poise::FrameworkContext<'a, Data, BotError>,
    event: &'a serenity::FullEvent,
) -> poise::BoxFuture<'a, Result<(), BotError>> {
    Box::pin(async move {
        if let serenity::FullEvent::InteractionCreate { interaction } = event {
            on_interaction(framework.serenity_context, framework.user_data, interaction).await?;
        }
        Ok(())
    })
}

/// The language of the member who clicked.
pub fn lang(locale: &str) -> Lang {
    error::lang_of(Some(locale))
}

/// Replaces the clicked message with new content, embed and buttons.
pub async fn update(
    ctx: &serenity::Context,
    click: &serenity::ComponentInteraction,
    content: &str,
    embed: Option<serenity::CreateEmbed>,
    rows: Vec<serenity::CreateActionRow>,
) -> Result<(), BotError> {
    let mut message = serenity::CreateInteractionResponseMessage::new()
        .content(super::reply::cut(content, super::reply::CONTENT_MAX))
        .allowed_mentions(super::reply::no_mentions())
        .components(rows);
    message = match embed {
        Some(e) => message.embed(e),
        None => message.embeds(Vec::new()),
    };
    click
        .create_response(
            ctx,
            serenity::CreateInteractionResponse::UpdateMessage(message),
        )
        .await?;
    Ok(())
}

/// Answers an interaction with a message only the member sees.
pub async fn whisper(
    ctx: &serenity::Context,
    id: serenity::InteractionId,
    token: &str,
    text: &str,
) -> Result<(), BotError> {
    let message = serenity::CreateInteractionResponseMessage::new()
        .content(super::reply::cut(text, super::reply::CONTENT_MAX))
        .allowed_mentions(super::reply::no_mentions())
        .ephemeral(true);
    serenity::CreateInteractionResponse::Message(message)
        .execute(ctx, (id, token))
        .await?;
    Ok(())
}

/// The text of a form's input `custom_id` (empty if missing).
pub fn form_value(form: &serenity::ModalInteraction, custom_id: &str) -> String {
    form.data
        .components
        .iter()
        .flat_map(|row| row.components.iter())
        .find_map(|c| match c {
            serenity::ActionRowComponent::InputText(t) if t.custom_id == custom_id => {
                t.value.clone()
            }
            _ => None,
        })
        .unwrap_or_default()
}

/// The error for a button whose custom id no longer matches what it acts on.
pub fn out_of_date() -> BotError {
    BotError::user("This button is out of date. / Ce bouton est périmé.")
}

/// The guild of a coach button or form, once its clicker is checked to be
/// a coach there.
pub async fn coach_guild(
    data: &Data,
    guild_id: Option<serenity::GuildId>,
    member: Option<&serenity::Member>,
    ui: Lang,
) -> Result<u64, BotError> {
    let guild = guild_id
        .map(|g| g.get())
        .ok_or_else(|| BotError::user(coach::SERVER_ONLY))?;
    coach::require_member(data, guild, member, ui).await?;
    Ok(guild)
}

/// The page to show of `len` items, `per_page` a page, and how many pages
/// there are (at least one, so an empty list still shows a page).
pub fn page_of(len: usize, per_page: usize, page: usize) -> (usize, usize) {
    let pages = len.div_ceil(per_page).max(1);
    (page.min(pages - 1), pages)
}

/// Previous/Next buttons of kind `kind`; `args` makes a button's custom id
/// arguments from the page number it leads to.
pub fn pager(
    ui: Lang,
    kind: &str,
    page: usize,
    pages: usize,
    args: impl Fn(&str) -> Vec<String>,
) -> Vec<serenity::CreateActionRow> {
    let to = |n: usize, label: &str, disabled: bool| {
        let args = args(&n.to_string());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        button(kind, &refs, label, serenity::ButtonStyle::Secondary).map(|b| b.disabled(disabled))
    };
    rows([
        to(
            page.saturating_sub(1),
            tr(ui, "Previous", "Précédent"),
            page == 0,
        ),
        to(page + 1, tr(ui, "Next", "Suivant"), page + 1 >= pages),
    ])
}

/// Action rows of at most five buttons each, at most five rows; buttons
/// that could not be made are skipped.
pub fn rows(
    buttons: impl IntoIterator<Item = Option<serenity::CreateButton>>,
) -> Vec<serenity::CreateActionRow> {
    let made: Vec<serenity::CreateButton> = buttons.into_iter().flatten().take(25).collect();
    made.chunks(5)
        .map(|chunk| serenity::CreateActionRow::Buttons(chunk.to_vec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_respect_the_limit() {
        let id = custom_id("vote", &["linkedin-is-spam", "c2"]).expect("fits");
        assert_eq!(id, "coach:vote:linkedin-is-spam:c2");
        assert_eq!(parse(&id), Some(("vote", vec!["linkedin-is-spam", "c2"])));
        assert_eq!(
            parse("spar:hint:1"),
            None,
            "other handlers' ids are not ours"
        );
        let long = "x".repeat(64);
        assert_eq!(custom_id("vote", &[&long, &long]), None);
    }

    #[test]
    fn buttons_are_laid_out_five_per_row_and_unmakeable_ones_skipped() {
        let style = serenity::ButtonStyle::Secondary;
        let long = "x".repeat(99);
        let seven = (0..7)
            .map(|i| button("page", &[&i.to_string()], "n", style))
            .chain([button("vote", &[&long], "too long", style)]);
        let laid = rows(seven);
        assert_eq!(laid.len(), 2);
        let second = serde_json::to_value(&laid[1]).expect("serialises");
        assert_eq!(second["components"].as_array().map(Vec::len), Some(2));
        let many = (0..30).map(|i| button("page", &[&i.to_string()], "n", style));
        assert_eq!(rows(many).len(), 5, "Discord shows at most 25 buttons");
    }
}
