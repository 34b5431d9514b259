//! One to three tips for the trainee, in the answer's language: first what
//! hurt (the heaviest negative cues, quoted), then what was missing for the
//! next level. The wording lives in the `[tips]` table of each lexicon file.

use std::collections::BTreeMap;

use toml::Spanned;

use super::card::{Dimension, FiredCue, Level, ScoreCard};
use super::lexicon::LangRules;
use super::rubric::Rubric;

/// Every tip a lexicon must define, with the placeholders it may use.
pub(crate) const TIP_IDS: [&str; 15] = [
    "drop_attack",
    "let_them_answer",
    "calm_tone",
    "no_but",
    "less_stuffing",
    "concern_first",
    "no_contradiction",
    "acknowledge_first",
    "ask_open",
    "open_up_question",
    "add_evidence",
    "concede",
    "stay_on_topic",
    "keep_going",
    "topic_fallback",
];

/// The tip a negative cue calls for, by cue id; other negative cues use
/// their dimension's default.
fn tip_for_cue(cue: &FiredCue) -> &'static str {
    match cue.id.as_str() {
        "shouting" | "exclamations" | "swearing" => "calm_tone",
        "yes_but" => "no_but",
        "hanging_question" => "let_them_answer",
        "empathy_stuffing" => "less_stuffing",
        "pitch" | "discount" | "closing_push" | "topic_shift" | "stock_praise" => "concern_first",
        _ if cue.dimension == Dimension::Dismissal => "drop_attack",
        _ => "no_contradiction",
    }
}

/// Checks that a `[tips]` table defines every tip and nothing else.
pub(crate) fn check(tips: &BTreeMap<String, Spanned<String>>) -> Result<(), (String, String)> {
    for id in TIP_IDS {
        match tips.get(id) {
            Some(t) if !t.get_ref().trim().is_empty() => {}
            Some(_) => return Err((id.to_string(), format!("[tips] {id} is empty"))),
            None => return Err((String::new(), format!("[tips] is missing `{id}`"))),
        }
    }
    if let Some(extra) = tips.keys().find(|k| !TIP_IDS.contains(&k.as_str())) {
        return Err((
            extra.clone(),
            format!(
                "[tips] `{extra}` is not a known tip ({})",
                TIP_IDS.join(", ")
            ),
        ));
    }
    Ok(())
}

/// What the tips need to know besides the card.
pub(crate) struct TipContext<'a> {
    /// The objection was given (so relevance could be judged).
    pub objection_given: bool,
    /// What to call the prospect's concern.
    pub concern: Option<&'a str>,
}

fn value(card: &ScoreCard, d: Dimension) -> f32 {
    card.subscores
        .iter()
        .find(|s| s.dimension == d)
        .map_or(0.0, |s| s.value)
}

/// Picks up to three tip ids with the quote each one refers to.
fn choose<'c>(
    card: &'c ScoreCard,
    rubric: &Rubric,
    ctx: &TipContext<'_>,
) -> Vec<(&'static str, Option<&'c str>)> {
    let mut picked: Vec<(&'static str, Option<&str>)> = Vec::with_capacity(3);
    fn add<'q>(
        picked: &mut Vec<(&'static str, Option<&'q str>)>,
        id: &'static str,
        quote: Option<&'q str>,
    ) {
        if picked.len() < 3 && !picked.iter().any(|(p, _)| *p == id) {
            picked.push((id, quote));
        }
    }
    // Mild cues (a stray "honestly") are not worth a tip.
    let at = rubric.sentences.negative_at;
    let mut negatives: Vec<&FiredCue> = card.cues.iter().filter(|c| c.weight <= at).collect();
    negatives.sort_by(|a, b| a.weight.total_cmp(&b.weight));
    for cue in negatives {
        add(&mut picked, tip_for_cue(cue), Some(cue.quote.as_str()));
    }
    let g = &rubric.gates;
    let receptive = value(card, Dimension::Acknowledgment)
        + value(card, Dimension::Concession)
        + value(card, Dimension::Respect);
    if receptive < g.empathetic_receptive {
        add(&mut picked, "acknowledge_first", None);
    }
    if value(card, Dimension::Exploration) < g.masterful_exploration {
        let closed = card
            .cues
            .iter()
            .find(|c| c.id == "closed_question" || c.id == "choice_question");
        match closed {
            Some(q) => add(&mut picked, "open_up_question", Some(q.quote.as_str())),
            None => add(&mut picked, "ask_open", None),
        }
    }
    if card.level >= Level::Neutral && value(card, Dimension::Reframe) < g.masterful_reframe {
        add(&mut picked, "add_evidence", None);
    }
    if card.level >= Level::Empathetic && value(card, Dimension::Concession) <= 0.0 {
        add(&mut picked, "concede", None);
    }
    if ctx.objection_given && value(card, Dimension::Relevance) <= 0.0 {
        add(&mut picked, "stay_on_topic", None);
    }
    if picked.is_empty() {
        add(&mut picked, "keep_going", None);
    }
    picked
}

/// One piece of a tip's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Topic,
    Quote,
}

/// A lexicon's tips, split at their placeholders once at load time so that
/// writing a tip is a few copies.
#[derive(Debug, Clone, Default)]
pub(crate) struct Templates {
    parts: Vec<Vec<Part>>,
    /// What to call the concern when none is known, as written.
    topic_fallback: String,
}

impl Templates {
    /// Splits every tip of a checked `[tips]` table (see [`check`]).
    pub(crate) fn new(tips: &BTreeMap<String, Spanned<String>>) -> Templates {
        let split = |id: &str| {
            let mut parts = Vec::new();
            let mut rest = tips.get(id).map_or("", |t| t.get_ref().as_str());
            while let Some(at) = rest.find('{') {
                let (part, len) = if rest[at..].starts_with("{topic}") {
                    (Part::Topic, "{topic}".len())
                } else if rest[at..].starts_with("{quote}") {
                    (Part::Quote, "{quote}".len())
                } else {
                    parts.push(Part::Text(rest[..=at].to_string()));
                    rest = &rest[at + 1..];
                    continue;
                };
                parts.push(Part::Text(rest[..at].to_string()));
                parts.push(part);
                rest = &rest[at + len..];
            }
            parts.push(Part::Text(rest.to_string()));
            parts.retain(|p| *p != Part::Text(String::new()));
            parts
        };
        Templates {
            parts: TIP_IDS.iter().map(|id| split(id)).collect(),
            topic_fallback: tips
                .get("topic_fallback")
                .map(|t| t.get_ref().clone())
                .unwrap_or_default(),
        }
    }

    fn get(&self, id: &str) -> Option<&[Part]> {
        let at = TIP_IDS.iter().position(|t| *t == id)?;
        self.parts.get(at).map(Vec::as_slice)
    }

    /// The tip `id` with its placeholders filled.
    fn render(&self, id: &str, topic: &str, quote: &str) -> Option<String> {
        let parts = self.get(id)?;
        let mut tip = String::with_capacity(160);
        for part in parts {
            match part {
                Part::Text(t) => tip.push_str(t),
                Part::Topic => tip.push_str(topic),
                Part::Quote => push_short(&mut tip, quote),
            }
        }
        Some(tip)
    }
}

/// Writes the tips for `card` in the language of `rules`.
pub(crate) fn write(
    card: &ScoreCard,
    rubric: &Rubric,
    rules: &LangRules,
    ctx: &TipContext<'_>,
) -> Vec<String> {
    let topic = ctx
        .concern
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or(&rules.tips.topic_fallback);
    // Pushed into a list of the right size: collecting in place reused the
    // picks' larger buffer and then shrank it, one more reallocation.
    let picked = choose(card, rubric, ctx);
    let mut tips = Vec::with_capacity(picked.len());
    for (id, quote) in picked {
        tips.extend(rules.tips.render(id, topic, quote.unwrap_or_default()));
    }
    tips
}

/// Appends a quote short enough to sit inside a tip.
fn push_short(out: &mut String, q: &str) {
    const MAX: usize = 60;
    let q = q.trim();
    match q.char_indices().nth(MAX) {
        None => out.push_str(q),
        Some((cut, _)) => {
            out.push_str(q[..cut].trim_end());
            out.push('…');
        }
    }
}
