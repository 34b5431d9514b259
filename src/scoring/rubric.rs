//! The rubric file (`data/scoring/rubric.toml`): how cues add up to a level
//! and a 0-100 score. The gates are the rubric's own words (level 4 needs an
//! acknowledgment AND exploration or a reframe); the numbers are the coach's.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::card::Dimension;
use super::error::{from_toml, line_of, ScoringError};

/// Weights of the cues the code finds from structure rather than phrases.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Structural {
    pub open_question: f32,
    pub closed_question: f32,
    pub choice_question: f32,
    pub evidence_number: f32,
    pub explanation: f32,
    pub shouting: f32,
    pub exclamations: f32,
    pub incredulous_echo: f32,
    pub hanging_question: f32,
    pub yes_but: f32,
    pub empathy_stuffing: f32,
    pub reflection: f32,
    pub on_topic: f32,
    pub key_concern: f32,
    pub denial: f32,
}

/// Question handling.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Questions {
    /// A question whose best question word weighs less than this is closed
    /// (logistics: "what address?", "when?").
    pub open_min: f32,
    /// At most this many words for a leading echo ("Small?") to count as
    /// incredulous.
    pub echo_max_words: usize,
}

/// When a sentence counts as hostile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Sentences {
    /// A sentence holding a negative cue at or below this weight attacks or
    /// pitches: its question is rhetorical, its numbers are no evidence, and
    /// it reflects nothing.
    pub negative_at: f32,
}

/// "But" after an acknowledgment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct YesBut {
    /// Share of the cancelled acknowledgment that survives (0 = all of it
    /// is erased).
    pub keep: f32,
}

/// Empathy phrases without substance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Stuffing {
    /// This many empathy phrases (or one said twice) is stuffing.
    pub min_phrases: usize,
    /// The most the stuffing penalty can reach.
    pub max_penalty: f32,
}

/// ALL CAPS detection.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Shouting {
    /// One capitalised word this long is shouting (shorter ones may be acronyms).
    pub min_letters: usize,
    /// This many capitalised words in a row is shouting.
    pub min_run: usize,
}

/// From the raw score to a level and a 0-100 score.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Levels {
    /// Raw score at which levels 2, 3, 4 and 5 start.
    pub starts: [f32; 4],
    /// Raw score mapped to the bottom of level 1's band.
    pub floor: f32,
    /// Raw score mapped to 100.
    pub ceiling: f32,
    /// Score band edges: level n spans `bands[n-1]..bands[n]`.
    pub bands: [u8; 6],
}

/// The rubric's gates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Gates {
    pub dismissive: f32,
    pub defensive: f32,
    pub tainted: f32,
    pub empathetic_receptive: f32,
    pub empathetic_engaged: f32,
    pub empathetic_polite: f32,
    pub empathetic_deep_question: f32,
    pub masterful_receptive: f32,
    pub masterful_reframe: f32,
    pub masterful_exploration: f32,
    pub masterful_negatives: f32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricFile {
    repetition: Spanned<Repetition>,
    caps: Spanned<BTreeMap<Dimension, f32>>,
    structural: Spanned<Structural>,
    questions: Spanned<Questions>,
    sentences: Spanned<Sentences>,
    yes_but: Spanned<YesBut>,
    stuffing: Spanned<Stuffing>,
    shouting: Spanned<Shouting>,
    levels: Spanned<Levels>,
    gates: Spanned<Gates>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Repetition {
    decay: f32,
}

/// The loaded, validated rubric.
#[derive(Debug, Clone)]
pub(crate) struct Rubric {
    /// The k-th repeat of a cue counts `decay^k` of its weight.
    pub decay: f32,
    /// In the order of `Dimension::ALL`: summing runs once per answer, and a
    /// map lookup per dimension showed in its profile.
    caps: [f32; Dimension::ALL.len()],
    pub structural: Structural,
    pub questions: Questions,
    pub sentences: Sentences,
    pub yes_but: YesBut,
    pub stuffing: Stuffing,
    pub shouting: Shouting,
    pub levels: Levels,
    pub gates: Gates,
}

impl Rubric {
    /// Parses and validates `src`, naming `file` in errors.
    pub(crate) fn parse(file: &str, src: &str) -> Result<Rubric, ScoringError> {
        let raw: RubricFile = toml::from_str(src).map_err(|e| from_toml(file, src, &e))?;
        let bad = |span: std::ops::Range<usize>, message: String| ScoringError::Invalid {
            file: file.to_string(),
            line: line_of(src, span.start),
            message,
        };
        let decay = raw.repetition.get_ref().decay;
        if !(0.0..=1.0).contains(&decay) {
            return Err(bad(
                raw.repetition.span(),
                "[repetition] decay must be between 0 and 1".into(),
            ));
        }
        for d in Dimension::ALL {
            match raw.caps.get_ref().get(&d) {
                Some(c) if c.is_finite() && *c > 0.0 => {}
                _ => {
                    let name = serde_plain_name(d);
                    return Err(bad(
                        raw.caps.span(),
                        format!("[caps] needs a positive `{name}`"),
                    ));
                }
            }
        }
        check_levels(raw.levels.get_ref()).map_err(|m| bad(raw.levels.span(), m))?;
        check_gates(raw.gates.get_ref()).map_err(|m| bad(raw.gates.span(), m))?;
        if !(0.0..=1.0).contains(&raw.yes_but.get_ref().keep) {
            return Err(bad(
                raw.yes_but.span(),
                "[yes_but] keep must be between 0 and 1".into(),
            ));
        }
        if raw.stuffing.get_ref().min_phrases < 2 {
            return Err(bad(
                raw.stuffing.span(),
                "[stuffing] min_phrases must be at least 2".into(),
            ));
        }
        Ok(Rubric {
            decay,
            caps: Dimension::ALL
                .map(|d| raw.caps.get_ref().get(&d).copied().unwrap_or(f32::INFINITY)),
            structural: raw.structural.into_inner(),
            questions: raw.questions.into_inner(),
            sentences: raw.sentences.into_inner(),
            yes_but: raw.yes_but.into_inner(),
            stuffing: raw.stuffing.into_inner(),
            shouting: raw.shouting.into_inner(),
            levels: raw.levels.into_inner(),
            gates: raw.gates.into_inner(),
        })
    }

    /// The most each dimension's sum may reach, in absolute value, in the
    /// order of `Dimension::ALL`.
    pub(crate) fn caps(&self) -> &[f32; Dimension::ALL.len()] {
        &self.caps
    }
}

fn serde_plain_name(d: Dimension) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn check_levels(l: &Levels) -> Result<(), String> {
    let mut prev = l.floor;
    for s in l.starts.iter().chain(std::iter::once(&l.ceiling)) {
        if !s.is_finite() || *s <= prev {
            return Err("[levels] floor < starts (increasing) < ceiling is required".into());
        }
        prev = *s;
    }
    if l.bands[0] != 0 || l.bands[5] != 100 || l.bands.windows(2).any(|w| w[0] >= w[1]) {
        return Err("[levels] bands must rise strictly from 0 to 100".into());
    }
    Ok(())
}

fn check_gates(g: &Gates) -> Result<(), String> {
    let all = [
        g.dismissive,
        g.defensive,
        g.tainted,
        g.empathetic_receptive,
        g.empathetic_engaged,
        g.empathetic_polite,
        g.empathetic_deep_question,
        g.masterful_receptive,
        g.masterful_reframe,
        g.masterful_exploration,
        g.masterful_negatives,
    ];
    if all.iter().any(|v| !v.is_finite()) {
        return Err("[gates] values must be numbers".into());
    }
    if g.dismissive >= 0.0 || g.defensive >= 0.0 || g.tainted >= 0.0 || g.masterful_negatives > 0.0
    {
        return Err(
            "[gates] dismissive, defensive, tainted and masterful_negatives are sums \
                    of negative cues: use values below zero"
                .into(),
        );
    }
    Ok(())
}
