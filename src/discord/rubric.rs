//! `/rubric`: how answers are scored, in the reader's language, so a
//! trainee knows what the prospect rewards before the first debate.

use super::error::lang_of;
use super::i18n::{self, tr};
use super::reply::{EmbedText, Field};
use super::{BotError, Context};
use crate::lang::Lang;
use crate::scoring::{Dimension, Level};

/// How answers are scored: levels and cues.
#[poise::command(
    slash_command,
    name_localized("fr", "grille"),
    description_localized("fr", "Comment les réponses sont notées : niveaux et repères.")
)]
pub async fn rubric(ctx: Context<'_>) -> Result<(), BotError> {
    let lang = lang_of(ctx.locale());
    let reply = poise::CreateReply::default()
        .embed(card(lang).build())
        .ephemeral(true);
    ctx.send(reply).await?;
    Ok(())
}

/// The rubric as an embed in `lang`.
pub fn card(lang: Lang) -> EmbedText {
    let mut fields: Vec<Field> = Level::ALL
        .iter()
        .rev()
        .map(|&l| {
            Field::new(
                format!("{} · {}", l.number(), l.label(lang)),
                level_text(l, lang),
            )
        })
        .collect();
    let dims = |list: &[Dimension]| {
        list.iter()
            .map(|&d| {
                format!(
                    "**{}**: {}",
                    i18n::dimension(d, lang),
                    dimension_text(d, lang)
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    fields.push(Field::new(
        tr(lang, "What raises the score", "Ce qui fait monter la note"),
        dims(UP),
    ));
    fields.push(Field::new(
        tr(lang, "What lowers it", "Ce qui la fait baisser"),
        dims(DOWN),
    ));
    fields.push(Field::new(
        tr(lang, "Try it", "Essayez"),
        tr(
            lang,
            "`/score` rates one answer privately with every cue explained; `/spar` opens a debate with the prospect.",
            "`/score` note une réponse en privé en expliquant chaque repère ; `/spar` ouvre un débat avec le prospect.",
        ),
    ));
    EmbedText {
        title: Some(tr(lang, "How answers are scored", "Comment les réponses sont notées").into()),
        description: Some(tr(
            lang,
            "Each answer gets a score from 0 to 100 and one of five levels. The scorer looks for cues in what you write, both ways. The prospect softens after empathetic answers and digs in after dismissive ones; repeating the same phrases earns less each time.",
            "Chaque réponse reçoit une note de 0 à 100 et l'un des cinq niveaux. Le correcteur repère des indices dans ce que vous écrivez, dans les deux sens. Le prospect s'adoucit après une réponse empathique et se braque après une réponse méprisante ; répéter les mêmes formules rapporte de moins en moins.",
        ).into()),
        fields,
        footer: Some(tr(
            lang,
            "Both English and French answers are understood.",
            "Les réponses en français comme en anglais sont comprises.",
        ).into()),
        colour: Some(super::reply::level_colour(Level::Masterful).0),
    }
}

/// The dimensions that raise a score, in the order the rubric lists them
/// (`Dimension::ALL` lists them before the two that lower it).
pub(crate) const UP: &[Dimension] = Dimension::ALL.split_at(6).0;
/// The dimensions that lower a score.
pub(crate) const DOWN: &[Dimension] = Dimension::ALL.split_at(6).1;

fn level_text(level: Level, lang: Lang) -> &'static str {
    match level {
        Level::Masterful => tr(
            lang,
            "Concedes what is true, reframes with something concrete (an example, a number, a distinction) and opens with a genuine open question, respectfully.",
            "Concède ce qui est vrai, recadre avec du concret (un exemple, un chiffre, une distinction) et ouvre par une vraie question ouverte, avec respect.",
        ),
        Level::Empathetic => tr(
            lang,
            "Acknowledges or validates the concern AND explores it with an open question or reframes it with substance.",
            "Reconnaît ou valide l'inquiétude ET l'explore par une question ouverte ou la recadre avec du fond.",
        ),
        Level::Neutral => tr(
            lang,
            "Polite and on topic, but neither acknowledges nor explores: facts only, a bare question, generic reassurance.",
            "Poli et dans le sujet, mais sans reconnaître ni explorer : des faits seuls, une question sèche, une réassurance générique.",
        ),
        Level::Defensive => tr(
            lang,
            "Flat contradiction, \"yes, but\", hollow empathy, or pushing the pitch or a discount instead of the concern.",
            "Contradiction frontale, « oui, mais », empathie de façade, ou le pitch et la remise poussés à la place de l'inquiétude.",
        ),
        Level::Dismissive => tr(
            lang,
            "Attacks the question or the person: sarcasm, contempt, condescension.",
            "Attaque la question ou la personne : sarcasme, mépris, condescendance.",
        ),
    }
}

fn dimension_text(d: Dimension, lang: Lang) -> &'static str {
    match d {
        Dimension::Acknowledgment => tr(
            lang,
            "showing you heard the concern (\"I hear you\", reflecting it in your words).",
            "montrer que vous avez entendu l'inquiétude (« je vous entends », la reformuler).",
        ),
        Dimension::Concession => tr(
            lang,
            "granting what is true (\"you're right that…\").",
            "concéder ce qui est vrai (« vous n'avez pas tort… »).",
        ),
        Dimension::Exploration => tr(
            lang,
            "open questions (what, how, what would it take), softened ones count more than a bare \"why?\".",
            "questions ouvertes (quoi, comment, qu'est-ce qu'il faudrait) ; adoucies, elles comptent plus qu'un « pourquoi ? » sec.",
        ),
        Dimension::Reframe => tr(
            lang,
            "substance: a number, a client example, a distinction.",
            "du fond : un chiffre, un exemple client, une distinction.",
        ),
        Dimension::Relevance => tr(
            lang,
            "staying on the objection's own topic.",
            "rester sur le sujet de l'objection.",
        ),
        Dimension::Respect => tr(
            lang,
            "hedges, asking permission, leaving them the choice.",
            "nuances, demander la permission, leur laisser le choix.",
        ),
        Dimension::Dismissal => tr(
            lang,
            "attacks, sarcasm, condescension (\"obviously\"), swearing, ALL CAPS, \"!!!\".",
            "attaques, sarcasme, condescendance (« évidemment »), jurons, MAJUSCULES, « !!! ».",
        ),
        Dimension::Defensiveness => tr(
            lang,
            "flat contradiction, \"but\" cancelling an acknowledgment, certainty, pitch or discount over the concern, empathy phrases stuffed without substance.",
            "contradiction frontale, « mais » qui annule la reconnaissance, certitude, pitch ou remise à la place de l'inquiétude, formules d'empathie empilées sans fond.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rubric_names_every_level_and_dimension_in_both_languages() {
        for lang in Lang::ALL {
            let card = card(lang).fit();
            for level in Level::ALL {
                assert!(
                    card.fields
                        .iter()
                        .any(|f| f.name.contains(level.label(lang))),
                    "{lang}: {level:?} missing"
                );
            }
            let text: String = card.fields.iter().map(|f| f.value.clone()).collect();
            for d in UP.iter().chain(DOWN) {
                assert!(
                    text.contains(i18n::dimension(*d, lang)),
                    "{lang}: {d:?} missing"
                );
            }
            assert!(card.total_len() <= super::super::reply::EMBED_TOTAL_MAX);
        }
        assert!(card(Lang::Fr).title.unwrap().contains("notées"));
    }
}
