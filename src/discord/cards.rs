//! What a sparring thread shows: the prospect's opening, the compact
//! scorecard after each answer, the prospect's next line, and the final
//! scorecard. Plain text and embed data, built here once and sent by the
//! handlers; everything echoed from users or the library is quoted safely.

use super::i18n::{self, tr};
use super::reply::{self, EmbedText, Field};
use crate::lang::Lang;
use crate::library::Objection;
use crate::prospect::{Debate, FinalCard, Outcome, TurnOutcome};
use crate::scoring::{FiredCue, ScoreCard};

/// Cues shown on the compact scorecard.
const TOP_CUES: usize = 3;
/// Longest quote of an answer shown next to a cue.
const QUOTE_MAX: usize = 80;
/// Longest counter-argument shown on the final scorecard.
const COUNTER_MAX: usize = 300;

/// The first message of a thread: who the prospect is and what they object.
pub fn opening(debate: &Debate, objection: &Objection, public: bool) -> String {
    let lang = debate.lang;
    let p = &debate.persona;
    let mut text = format!(
        "📞 **{}**, {} · {}\n> {}\n\n",
        escape(&p.name),
        escape(&p.role),
        p.temperament.label(lang),
        escape(&debate.opening).replace('\n', "\n> "),
    );
    text.push_str(&match lang {
        Lang::En => format!(
            "*Answer here: each of your messages is one answer ({} at most). Objection `{}`.*",
            debate.max_turns, objection.id
        ),
        Lang::Fr => format!(
            "*Répondez ici : chacun de vos messages est une réponse ({} au plus). Objection `{}`.*",
            debate.max_turns, objection.id
        ),
    });
    if public {
        text.push_str("\n\n");
        text.push_str(public_note(lang));
    }
    reply::cut(&text, reply::CONTENT_MAX).into_owned()
}

/// Said when the thread had to be public.
pub fn public_note(lang: Lang) -> &'static str {
    tr(
        lang,
        "⚠️ Private threads are not available in this channel, so this thread is public: others can read your answers.",
        "⚠️ Les fils privés ne sont pas disponibles dans ce salon : ce fil est public, d'autres peuvent lire vos réponses.",
    )
}

/// The prospect's line after an answer, as a chat line.
pub fn prospect_line(debate: &Debate, turn: &TurnOutcome) -> String {
    let text = format!("**{}:** {}", escape(&debate.persona.name), turn.reply);
    reply::cut(&text, reply::CONTENT_MAX).into_owned()
}

/// The compact scorecard after one answer: score, level, the cues that
/// mattered most quoted from the answer, one tip, and the prospect's mood.
pub fn turn_card(card: &ScoreCard, turn: &TurnOutcome, debate: &Debate) -> EmbedText {
    let lang = debate.lang;
    let cues: Vec<String> = top_cues(&card.cues, TOP_CUES)
        .into_iter()
        .map(|c| cue_line(c, lang))
        .collect();
    let mut fields = Vec::new();
    if let Some(tip) = card.tips.first() {
        fields.push(Field::new(tr(lang, "Tip", "Conseil"), tip.clone()));
    }
    let delta = match turn.resistance_delta {
        d if d > 0 => format!("+{d}"),
        d => d.to_string(),
    };
    let (answer, is, resistance) = match lang {
        Lang::En => ("Answer", " is", "resistance"),
        Lang::Fr => ("Réponse", "", "résistance"),
    };
    let footer = format!(
        "{answer} {}/{} · {}{is} {} ({resistance} {}, {delta})",
        debate.turns.len(),
        debate.max_turns,
        debate.persona.name,
        i18n::mood(turn.mood, lang),
        turn.resistance
    );
    EmbedText {
        title: Some(format!("{}/100 · {}", card.score, card.level.label(lang))),
        description: Some(if cues.is_empty() {
            tr(
                lang,
                "No cue fired in this answer.",
                "Aucun repère relevé dans cette réponse.",
            )
            .to_string()
        } else {
            cues.join("\n")
        }),
        fields,
        footer: Some(footer),
        colour: Some(reply::level_colour(card.level).0),
    }
}

/// The cues that weighed most, either way, in text order; cancelled cues
/// (weight 0) and cues without a quote are left out.
pub fn top_cues(cues: &[FiredCue], n: usize) -> Vec<&FiredCue> {
    let mut ranked: Vec<&FiredCue> = cues
        .iter()
        .filter(|c| c.weight != 0.0 && !c.quote.trim().is_empty())
        .collect();
    ranked.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    ranked.truncate(n);
    ranked.sort_by_key(|c| c.start);
    ranked
}

/// One cue as a line: marker, dimension, cue and the quoted evidence.
pub fn cue_line(c: &FiredCue, lang: Lang) -> String {
    format!(
        "{} **{}** ({}) “{}”",
        i18n::cue_marker(c.weight),
        i18n::dimension(c.dimension, lang),
        i18n::cue_words(&c.id),
        quote(&c.quote)
    )
}

/// The final scorecard: outcome, average and best, trend, the cues that
/// helped and hurt, tips, and counter-arguments from the library.
pub fn final_card(card: &FinalCard) -> EmbedText {
    let lang = card.lang;
    let mut fields = vec![
        Field::inline(
            tr(lang, "Average", "Moyenne"),
            card.average.map_or("—".into(), |a| format!("{a:.0}/100")),
        ),
        Field::inline(
            tr(lang, "Best", "Meilleur"),
            card.best.map_or("—".into(), |b| format!("{b}/100")),
        ),
        Field::inline(tr(lang, "Trend", "Tendance"), trend(card)),
    ];
    let totals = |list: &[crate::prospect::verdict::CueTotal]| {
        list.iter()
            .map(|c| {
                format!(
                    "{} {} ({}) ×{}",
                    i18n::cue_marker(c.total),
                    i18n::dimension(c.dimension, lang),
                    i18n::cue_words(&c.id),
                    c.count
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    if !card.helped.is_empty() {
        fields.push(Field::new(
            tr(lang, "What helped", "Ce qui a aidé"),
            totals(&card.helped),
        ));
    }
    if !card.hurt.is_empty() {
        fields.push(Field::new(
            tr(lang, "What hurt", "Ce qui a nui"),
            totals(&card.hurt),
        ));
    }
    if !card.tips.is_empty() {
        let tips: Vec<String> = card.tips.iter().map(|t| format!("• {t}")).collect();
        fields.push(Field::new(tr(lang, "Tips", "Conseils"), tips.join("\n")));
    }
    for c in &card.counters {
        fields.push(Field::new(
            tr(
                lang,
                "A counter-argument to read",
                "Un contre-argument à lire",
            ),
            format!(
                "> {}",
                reply::cut(&c.text, COUNTER_MAX).replace('\n', "\n> ")
            ),
        ));
    }
    let scores: Vec<String> = card.scores.iter().map(u8::to_string).collect();
    EmbedText {
        title: Some(outcome_title(card.outcome, lang).to_string()),
        description: Some(match (lang, scores.is_empty()) {
            (Lang::En, true) => "No answer was given.".to_string(),
            (Lang::Fr, true) => "Aucune réponse n'a été donnée.".to_string(),
            (Lang::En, false) => format!("Scores: {}", scores.join(" → ")),
            (Lang::Fr, false) => format!("Scores : {}", scores.join(" → ")),
        }),
        fields,
        footer: Some(format!(
            "{} `{}`",
            tr(lang, "Objection", "Objection"),
            card.objection_id
        )),
        colour: Some(outcome_colour(card.outcome)),
    }
}

fn outcome_title(outcome: Outcome, lang: Lang) -> &'static str {
    match outcome {
        Outcome::Won => tr(
            lang,
            "🏆 Won: the prospect agreed to a meeting",
            "🏆 Gagné : le prospect accepte un rendez-vous",
        ),
        Outcome::Lost => tr(
            lang,
            "📵 Lost: the prospect hung up",
            "📵 Perdu : le prospect a raccroché",
        ),
        Outcome::Abandoned => tr(lang, "⏹️ Debate ended", "⏹️ Débat terminé"),
    }
}

fn outcome_colour(outcome: Outcome) -> u32 {
    match outcome {
        Outcome::Won => 0x2E_B8_6B,
        Outcome::Lost => 0xD9_3A_3A,
        Outcome::Abandoned => 0x95_A5_A6,
    }
}

fn trend(card: &FinalCard) -> String {
    if card.scores.len() < 2 {
        return "—".to_string();
    }
    let d = card.trend.first_to_last;
    let arrow = match d {
        d if d > 0 => "↗",
        d if d < 0 => "↘",
        _ => "→",
    };
    format!("{arrow} {d:+}")
}

/// User text safe to show in bold or quotes: one line, cut, Markdown escaped.
pub fn quote(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    escape(&reply::cut(&one_line, QUOTE_MAX))
}

/// Escapes Markdown so echoed text shows as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '*' | '_' | '~' | '`' | '|' | '\\' | '>' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scoring::Dimension;

    fn cue(id: &str, dimension: Dimension, weight: f32, start: usize, quote: &str) -> FiredCue {
        FiredCue {
            id: id.into(),
            dimension,
            weight,
            start,
            end: start + quote.len(),
            quote: quote.into(),
        }
    }

    #[test]
    fn top_cues_are_the_weightiest_either_way_in_text_order() {
        let cues = vec![
            cue(
                "acknowledge",
                Dimension::Acknowledgment,
                1.0,
                0,
                "I hear you",
            ),
            cue("hedge", Dimension::Respect, 0.2, 12, "maybe"),
            cue("yes_but", Dimension::Defensiveness, -1.3, 20, "but"),
            cue("validate", Dimension::Acknowledgment, 0.0, 30, "fair"),
            cue(
                "open_question",
                Dimension::Exploration,
                1.4,
                40,
                "what would help?",
            ),
        ];
        let ids: Vec<&str> = top_cues(&cues, 3).iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["acknowledge", "yes_but", "open_question"]);
    }

    #[test]
    fn quotes_are_one_line_cut_and_escaped() {
        assert_eq!(quote("a *b*\n  c"), "a \\*b\\* c");
        let long = "word ".repeat(40);
        assert!(quote(&long).chars().count() <= QUOTE_MAX);
        assert_eq!(escape("`x` > y"), "\\`x\\` \\> y");
    }

    #[test]
    fn cue_lines_show_dimension_cue_and_quote_in_the_language() {
        let c = cue("concession", Dimension::Concession, 1.0, 0, "you're right");
        assert_eq!(
            cue_line(&c, Lang::En),
            "🔹 **Concession** (concession) “you're right”"
        );
        let c = cue("yes_but", Dimension::Defensiveness, -1.0, 0, "mais");
        assert!(cue_line(&c, Lang::Fr).starts_with("🔻 **Défensive**"));
    }
}
