//! `/library export|import|history`: the guild's library as a JSON file to
//! keep or move between servers, imported all or nothing after every
//! problem is reported, and the audit trail of one objection.

use poise::serenity_prelude as serenity;

use super::download::{self, MAX_IMPORT_BYTES};
use super::i18n::tr;
use super::objection::complete_objection;
use super::reply::{self, EmbedText};
use super::{coach, BotError, Context};
use crate::app::library as curation;
use crate::lang::Lang;
use crate::library::{ChangeAction, LibraryChange};
use crate::store::ImportMode;

/// Most audit entries `/library history` shows (the latest ones).
const HISTORY_SHOWN: usize = 20;

/// The library as a file: export, import, history (coaches).
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    check = "coach::check",
    subcommands("export", "import", "history"),
    subcommand_required
)]
pub async fn library(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Download this server's library as a JSON file.
#[poise::command(slash_command)]
async fn export(ctx: Context<'_>) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let (json, objections, counters) =
        coach::run(ctx.data(), ui, "exporting the library", move |a| {
            let objections = curation::list(a.store(), guild, &curation::Filter::default())?;
            let counters = objections.iter().map(|o| o.counters.len()).sum::<usize>();
            Ok((
                curation::export(a.store(), guild)?,
                objections.len(),
                counters,
            ))
        })
        .await?;
    let said = match ui {
        Lang::En => format!("The library: {objections} objection(s), {counters} counter-argument(s). Import it here or in another server with /library import."),
        Lang::Fr => format!("La bibliothèque : {objections} objection(s), {counters} contre-argument(s). Importez-la ici ou sur un autre serveur avec /library import."),
    };
    let file =
        serenity::CreateAttachment::bytes(json.into_bytes(), format!("dojo-library-{guild}.json"));
    ctx.send(reply::ephemeral(&said).attachment(file)).await?;
    Ok(())
}

/// Import a library file (checked first; all or nothing).
#[poise::command(slash_command)]
async fn import(
    ctx: Context<'_>,
    #[description = "A file from /library export"] file: serenity::Attachment,
    #[description = "Replace the whole library (default: merge)"] replace: Option<bool>,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    ctx.defer_ephemeral().await?;
    let bytes = download::fetch(ctx.http(), &file, MAX_IMPORT_BYTES)
        .await
        .map_err(|err| download_error(err, ui))?;
    let json = String::from_utf8(bytes).map_err(|_| {
        BotError::user(tr(
            ui,
            "Nothing was changed: the file is not UTF-8 text. Export a library with /library export and import that file.",
            "Rien n'a été modifié : le fichier n'est pas du texte UTF-8. Exportez une bibliothèque avec /library export et importez ce fichier.",
        ))
    })?;
    let mode = if replace.unwrap_or(false) {
        ImportMode::Replace
    } else {
        ImportMode::Merge
    };
    let actor = coach::actor(ctx.author());
    let report = coach::run(ctx.data(), ui, "importing a library", move |a| {
        Ok(curation::import(a.store(), guild, &json, mode, &actor)?)
    })
    .await?;
    let said = match ui {
        Lang::En => format!(
            "Imported {}: {} added, {} updated, {} removed.",
            file.filename, report.added, report.updated, report.removed
        ),
        Lang::Fr => format!(
            "{} importé : {} ajoutée(s), {} mise(s) à jour, {} supprimée(s).",
            file.filename, report.added, report.updated, report.removed
        ),
    };
    ctx.send(reply::ephemeral(&said)).await?;
    Ok(())
}

fn download_error(err: download::DownloadError, ui: Lang) -> BotError {
    match err {
        download::DownloadError::TooLarge { size, max } => BotError::User(match ui {
            Lang::En => format!(
                "Nothing was changed: the file is {} and the limit is {}.",
                megabytes(size),
                megabytes(max)
            ),
            Lang::Fr => format!(
                "Rien n'a été modifié : le fichier fait {} et la limite est {}.",
                megabytes(size),
                megabytes(max)
            ),
        }),
        other => BotError::Internal(anyhow::Error::new(other).context("fetching a library file")),
    }
}

/// A size as people read it (`2.0 MB`, `310 kB`).
fn megabytes(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

/// Who changed an objection, how and when (also after it was removed).
#[poise::command(slash_command)]
async fn history(
    ctx: Context<'_>,
    #[description = "The objection"]
    #[autocomplete = "complete_objection"]
    id: String,
) -> Result<(), BotError> {
    let (ui, guild) = (coach::lang(ctx), coach::guild(ctx)?);
    let wanted = id.clone();
    let entries = coach::run(ctx.data(), ui, "reading the library history", move |a| {
        Ok(curation::history(a.store(), guild, &wanted)?)
    })
    .await?;
    ctx.send(reply::private_embed(
        history_card(&id, &entries, ui).build(),
    ))
    .await?;
    Ok(())
}

/// The latest entries, newest last, one line each.
pub fn history_card(id: &str, entries: &[LibraryChange], ui: Lang) -> EmbedText {
    let skipped = entries.len().saturating_sub(HISTORY_SHOWN);
    let lines: Vec<String> = entries[skipped..]
        .iter()
        .map(|e| {
            let counter = e
                .counter_id
                .as_deref()
                .map(|c| format!(" `{c}`"))
                .unwrap_or_default();
            format!(
                "<t:{}:f> · **{}**{counter} · {}",
                e.at_ms / 1000,
                action_word(e.action, ui),
                e.actor
            )
        })
        .collect();
    EmbedText {
        title: Some(match ui {
            Lang::En => format!("History · {id}"),
            Lang::Fr => format!("Historique · {id}"),
        }),
        description: Some(lines.join("\n")),
        footer: (skipped > 0).then(|| match ui {
            Lang::En => format!("{skipped} earlier change(s) not shown"),
            Lang::Fr => format!("{skipped} modification(s) plus ancienne(s) non affichée(s)"),
        }),
        ..EmbedText::default()
    }
}

fn action_word(action: ChangeAction, ui: Lang) -> &'static str {
    match action {
        ChangeAction::Seeded => tr(ui, "seeded", "fournie"),
        ChangeAction::Added => tr(ui, "added", "ajoutée"),
        ChangeAction::Edited => tr(ui, "edited", "modifiée"),
        ChangeAction::Removed => tr(ui, "removed", "supprimée"),
        ChangeAction::Imported => tr(ui, "imported", "importée"),
        ChangeAction::CounterAdded => tr(ui, "counter added", "contre-argument ajouté"),
        ChangeAction::CounterApproved => tr(ui, "counter approved", "contre-argument approuvé"),
        ChangeAction::CounterRemoved => tr(ui, "counter removed", "contre-argument supprimé"),
        ChangeAction::CounterVoted => tr(ui, "counter upvoted", "vote pour un contre-argument"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(action: ChangeAction, at_ms: u64) -> LibraryChange {
        LibraryChange {
            guild: 1,
            objection_id: "spam".into(),
            action,
            counter_id: (action == ChangeAction::CounterAdded).then(|| "c2".to_string()),
            actor: "<@5>".into(),
            at_ms,
        }
    }

    #[test]
    fn history_lists_who_did_what_and_when_latest_twenty() {
        let mut entries = vec![entry(ChangeAction::Seeded, 1_000)];
        entries.extend((0..24).map(|i| entry(ChangeAction::CounterAdded, 2_000 + i)));
        entries.push(entry(ChangeAction::Edited, 90_000));
        let card = history_card("spam", &entries, Lang::En);
        let description = card.description.expect("lines");
        let lines: Vec<&str> = description.lines().collect();
        assert_eq!(lines.len(), HISTORY_SHOWN);
        assert_eq!(lines[HISTORY_SHOWN - 1], "<t:90:f> · **edited** · <@5>");
        assert!(lines[0].contains("**counter added** `c2`"), "{}", lines[0]);
        assert_eq!(
            card.footer.as_deref(),
            Some("6 earlier change(s) not shown")
        );
    }

    #[test]
    fn sizes_read_in_kilobytes_or_megabytes() {
        assert_eq!(megabytes(3 * 1024 * 1024 + 10), "3.0 MB");
        assert_eq!(megabytes(1500), "2 kB");
    }
}
