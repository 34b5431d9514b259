//! `/score`: rates one answer privately, with the full explanation (every
//! cue and the words it rests on, sub-scores, tips), outside any debate.

use poise::serenity_prelude as serenity;

use super::cards::{cue_line, quote};
use super::choices::LangChoice;
use super::error::lang_of;
use super::i18n::{self, tr};
use super::reply::{self, EmbedText, Field};
use super::{call, suggest, BotError, Context};
use crate::app::library;
use crate::app::library::LibraryError;
use crate::app::AppError;
use crate::lang::Lang;
use crate::scoring::{LangSource, ScoreCard};

/// Longest echo of the answer at the top of the explanation.
const ANSWER_MAX: usize = 600;

/// Score one answer privately, with the full explanation.
#[poise::command(
    slash_command,
    name_localized("fr", "noter"),
    description_localized("fr", "Notez une réponse en privé, avec l'explication complète.")
)]
pub async fn score(
    ctx: Context<'_>,
    #[description = "What you would say to the prospect"]
    #[name_localized("fr", "texte")]
    #[description_localized("fr", "Ce que vous diriez au prospect")]
    text: String,
    #[description = "The objection it answers: an id from the library, or its text"]
    #[description_localized(
        "fr",
        "L'objection à laquelle elle répond : un id de la bibliothèque, ou son texte"
    )]
    #[name_localized("fr", "objection")]
    #[autocomplete = "suggest::objections"]
    objection: Option<String>,
    #[description = "The answer's language (else detected)"]
    #[name_localized("fr", "langue")]
    #[description_localized("fr", "La langue de la réponse (sinon détectée)")]
    lang: Option<LangChoice>,
) -> Result<(), BotError> {
    let ui = lang_of(ctx.locale());
    let guild = ctx.guild_id().map_or(0, serenity::GuildId::get);
    let given = lang.map(Lang::from);
    let answer = text.clone();
    let card = call::app(&ctx.data().app, ui, "scoring an answer", move |a| {
        let (objection, lang) = match objection.map(|o| o.trim().to_string()) {
            Some(o) if !o.is_empty() => match library::show(a.store(), guild, &o) {
                Ok(found) => (Some(found.text), given.or(Some(found.lang))),
                // Not an id: the objection's own words.
                Err(LibraryError::NotFound(_)) => (Some(o), given),
                Err(err) => return Err(AppError::from(err)),
            },
            _ => (None, given),
        };
        a.score(&answer, objection.as_deref(), lang)
    })
    .await?;
    let reply = poise::CreateReply::default()
        .embed(explanation(&text, &card, ui).build())
        .ephemeral(true)
        .allowed_mentions(reply::no_mentions());
    ctx.send(reply).await?;
    Ok(())
}

/// The full explanation of a scorecard, labelled in `ui` (tips stay in
/// the answer's language).
pub fn explanation(answer: &str, card: &ScoreCard, ui: Lang) -> EmbedText {
    let echoed = reply::cut(answer.trim(), ANSWER_MAX).replace('\n', "\n> ");
    let mut lines = vec![
        format!("> {}", super::cards::escape(&echoed)),
        String::new(),
    ];
    if card.cues.is_empty() {
        lines.push(tr(ui, "No cue fired.", "Aucun repère relevé.").into());
    }
    for c in &card.cues {
        if c.weight == 0.0 {
            lines.push(format!(
                "▫️ ~~{}~~ ({}) “{}” — {}",
                i18n::dimension(c.dimension, ui),
                i18n::cue_words(&c.id),
                quote(&c.quote),
                tr(ui, "cancelled", "annulé")
            ));
        } else {
            lines.push(format!("{} {:+.1}", cue_line(c, ui), c.weight));
        }
    }
    let subscores: Vec<String> = card
        .subscores
        .iter()
        .map(|s| format!("{} {:+.1}", i18n::dimension(s.dimension, ui), s.value))
        .collect();
    let mut fields = vec![Field::inline(
        tr(ui, "Level", "Niveau"),
        format!("{}/5 · {}", card.level.number(), card.level.label(ui)),
    )];
    if !subscores.is_empty() {
        fields.push(Field::new(
            tr(ui, "Per dimension", "Par dimension"),
            subscores.join(" · "),
        ));
    }
    if let Some(field) = calibration_field(card, ui) {
        fields.push(field);
    }
    if !card.tips.is_empty() {
        let tips: Vec<String> = card.tips.iter().map(|t| format!("• {t}")).collect();
        fields.push(Field::new(tr(ui, "Tips", "Conseils"), tips.join("\n")));
    }
    EmbedText {
        title: Some(format!("{}/100 · {}", card.score, card.level.label(ui))),
        description: Some(lines.join("\n")),
        fields,
        footer: Some(rules_used(card, ui)),
        colour: Some(reply::level_colour(card.level).0),
    }
}

/// Where the learned calibration moved the rubric's level, the rubric's
/// own level and the words that weighed: a trainee sees why "Sure, …"
/// scored lower than its cues alone say.
fn calibration_field(card: &ScoreCard, ui: Lang) -> Option<Field> {
    let rubric = card.calibration.rubric_level?;
    if rubric == card.level {
        return None;
    }
    let words: Vec<String> = card
        .calibration
        .words
        .iter()
        .map(|w| format!("{} {:+.2}", w.describe(ui), w.weight))
        .collect();
    let value = match ui {
        Lang::En => format!(
            "Cues alone: level {}. Words: {}",
            rubric.number(),
            words.join(", ")
        ),
        Lang::Fr => format!(
            "Repères seuls : niveau {}. Mots : {}",
            rubric.number(),
            words.join(", ")
        ),
    };
    Some(Field::new(
        tr(ui, "Tone of the words", "Ton des mots"),
        value,
    ))
}

fn rules_used(card: &ScoreCard, ui: Lang) -> String {
    let lang = match card.lang {
        Lang::En => tr(ui, "English", "anglais"),
        Lang::Fr => tr(ui, "French", "français"),
    };
    let how = match card.lang_source {
        LangSource::Given => tr(ui, "as asked", "comme demandé"),
        LangSource::Detected => tr(ui, "detected", "détecté"),
        LangSource::Fallback => tr(ui, "could not detect the language", "langue non détectée"),
    };
    match ui {
        Lang::En => format!("Rules: {lang} ({how})"),
        Lang::Fr => format!("Règles : {lang} ({how})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::{Dimension, FiredCue, Level, SubScore};

    fn card() -> ScoreCard {
        let cue = |id: &str, dimension, weight, quote: &str| FiredCue {
            id: id.into(),
            dimension,
            weight,
            start: 0,
            end: quote.len(),
            quote: quote.into(),
        };
        ScoreCard {
            score: 47,
            level: Level::Neutral,
            band: "neutral".into(),
            lang: Lang::En,
            lang_source: LangSource::Detected,
            subscores: vec![SubScore {
                dimension: Dimension::Defensiveness,
                value: -1.3,
            }],
            cues: vec![
                cue("acknowledge", Dimension::Acknowledgment, 0.0, "I hear you"),
                cue("yes_but", Dimension::Defensiveness, -1.3, "but"),
            ],
            tips: vec!["Drop the but.".into()],
            calibration: Default::default(),
        }
    }

    #[test]
    fn a_level_moved_by_the_calibration_names_the_rubrics_level_and_words() {
        let mut moved = card();
        moved.calibration = crate::scoring::Calibration {
            rubric_level: Some(Level::Empathetic),
            rubric_score: Some(61),
            words: vec![crate::scoring::WordSignal {
                word: "sure".into(),
                weight: -0.27,
                start: 0,
                end: 4,
                opening: false,
            }],
        };
        let embed = explanation("Sure.", &moved, Lang::Fr);
        let field = embed.fields.iter().find(|f| f.name == "Ton des mots");
        let value = &field.expect("a tone field").value;
        assert!(
            value.contains("niveau 4") && value.contains("“sure” -0.27"),
            "{value}"
        );
        // A word weighed as a sentence's opening says so.
        if let Some(word) = moved.calibration.words.first_mut() {
            word.opening = true;
        }
        for (ui, name, shown) in [
            (
                Lang::En,
                "Tone of the words",
                "“sure” opening a sentence -0.27",
            ),
            (Lang::Fr, "Ton des mots", "“sure” en début de phrase -0.27"),
        ] {
            let embed = explanation("Sure.", &moved, ui);
            let field = embed.fields.iter().find(|f| f.name == name);
            let value = &field.expect("a tone field").value;
            assert!(value.contains(shown), "{value}");
        }
        let same = explanation("Sure.", &card(), Lang::En);
        assert!(same.fields.iter().all(|f| f.name != "Tone of the words"));
    }

    #[test]
    fn every_cue_is_explained_even_the_cancelled_ones() {
        let embed = explanation("I hear you, but @everyone *look*", &card(), Lang::En).fit();
        let text = embed.description.unwrap();
        assert!(
            text.starts_with("> I hear you, but @everyone \\*look\\*"),
            "{text}"
        );
        assert!(
            text.contains("~~Acknowledgment~~ (acknowledge) “I hear you” — cancelled"),
            "{text}"
        );
        assert!(
            text.contains("🔻 **Defensiveness** (yes but) “but” -1.3"),
            "{text}"
        );
        assert_eq!(embed.title.as_deref(), Some("47/100 · Neutral"));
        assert_eq!(embed.footer.as_deref(), Some("Rules: English (detected)"));
        assert!(embed.fields.iter().any(|f| f.value == "• Drop the but."));
    }

    #[test]
    fn labels_follow_the_readers_language() {
        let embed = explanation("I hear you, but", &card(), Lang::Fr).fit();
        assert_eq!(embed.title.as_deref(), Some("47/100 · Neutre"));
        assert_eq!(embed.footer.as_deref(), Some("Règles : anglais (détecté)"));
        assert!(embed.description.unwrap().contains("annulé"));
    }
}
