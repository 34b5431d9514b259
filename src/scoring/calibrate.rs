//! The calibration file (`data/scoring/calibration.toml`): a linear layer,
//! fitted by `scripts/calibrate.py` on labelled answers, that turns the
//! rubric's verdict into the final level and score. The rubric's cues and
//! gates stay the anchor (the layer reads their level, score and
//! dimension sums, and moves the level by `max_step` levels at most, only
//! the way the words it shows push, so a moved level always names its
//! words); what it adds is what fixed phrases miss, the tone carried by
//! common words ("sure", "oh", "maybe" in a dismissive answer), learned
//! from how coaches label.
//! Only words used across many objections are kept, so it learns tone,
//! not topics. A word written `^so` counts only when it opens a sentence:
//! "So your team can't learn six buttons?" is a retort where a "so" inside
//! a sentence is nothing.

use std::collections::HashMap;

use serde::Deserialize;

use super::card::{Dimension, Level, WordSignal};
use super::compose::{place_in_band, Verdict};
use super::error::{from_toml, line_of, ScoringError};
use super::lexicon::FastHash;
use super::normalize::Normalized;
use super::rubric::Rubric;
use super::segment::Segments;
use super::word_table::WordTable;
use crate::lang::Lang;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    intercept: f32,
    rubric_score: f32,
    rubric_level: [f32; 5],
    cuts: [f32; 4],
    margin: f32,
    /// Older files, fitted before two-level moves, meant one.
    #[serde(default = "one_step")]
    max_step: u8,
    show_at: f32,
    dimensions: HashMap<String, f32>,
    words: Words,
}

fn one_step() -> u8 {
    1
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Words {
    #[serde(default)]
    en: HashMap<String, f32>,
    #[serde(default)]
    fr: HashMap<String, f32>,
}

/// Words per language at most: an answer marks the ones it used in a
/// bitset on the stack rather than a list on the heap.
const MAX_WORDS: usize = 2048;

/// A listed word's index (to count it once per answer) and learned weight.
type Listed = Option<(u32, f32)>;

/// What one word weighs anywhere and as a sentence's opening: one lookup
/// per token finds both.
#[derive(Debug, Default, Clone, Copy)]
struct WordEntry {
    anywhere: Listed,
    opening: Listed,
}

/// The listed words of one language.
type WordWeights = WordTable<WordEntry>;

/// The loaded, validated calibration layer.
#[derive(Debug)]
pub(crate) struct Calibrator {
    intercept: f32,
    rubric_score: f32,
    rubric_level: [f32; 5],
    cuts: [f32; 4],
    margin: f32,
    max_step: u8,
    show_at: f32,
    dimensions: [f32; 8],
    words: [WordWeights; 2],
}

/// The final verdict and the words that moved it.
#[derive(Debug)]
pub(crate) struct Calibrated {
    pub level: Level,
    pub score: u8,
    pub words: Vec<WordSignal>,
}

impl Calibrator {
    /// Parses and validates `text`, naming `file` and the line in errors.
    pub(crate) fn parse(file: &str, text: &str) -> Result<Calibrator, ScoringError> {
        let raw: Raw = toml::from_str(text).map_err(|e| from_toml(file, text, &e))?;
        let invalid = |key: &str, message: String| ScoringError::Invalid {
            file: file.to_string(),
            // Words are written quoted; a coach may have left the quotes off.
            line: text
                .find(key)
                .or_else(|| text.find(key.trim_matches('"')))
                .map_or(1, |at| line_of(text, at)),
            message,
        };
        let numbers = [raw.intercept, raw.rubric_score, raw.margin, raw.show_at]
            .into_iter()
            .chain(raw.rubric_level)
            .chain(raw.cuts);
        if numbers.into_iter().any(|n| !n.is_finite()) {
            return Err(invalid("=", "every number must be finite".into()));
        }
        if raw.cuts.windows(2).any(|w| w[0] >= w[1]) {
            return Err(invalid("cuts", "cuts must rise strictly".into()));
        }
        if raw.margin < 0.0 {
            return Err(invalid("margin", "margin cannot be negative".into()));
        }
        if !(1..=4).contains(&raw.max_step) {
            return Err(invalid("max_step", "max_step must be 1 to 4".into()));
        }
        let mut dimensions = [0.0; 8];
        for (name, w) in &raw.dimensions {
            let i = Dimension::ALL.iter().position(|d| d.name() == name);
            match i {
                Some(i) if w.is_finite() && *w >= 0.0 => dimensions[i] = *w,
                // Dismissal and defensiveness sums are negative already: a
                // negative weight would turn a rubric penalty into credit,
                // or its credit into a penalty.
                Some(_) => {
                    return Err(invalid(
                        name,
                        format!("{name}: must be a number, 0 or more"),
                    ))
                }
                None => return Err(invalid(name, format!("unknown dimension `{name}`"))),
            }
        }
        let en = word_table(&raw.words.en, &invalid)?;
        let fr = word_table(&raw.words.fr, &invalid)?;
        Ok(Calibrator {
            intercept: raw.intercept,
            rubric_score: raw.rubric_score,
            rubric_level: raw.rubric_level,
            cuts: raw.cuts,
            margin: raw.margin,
            max_step: raw.max_step,
            show_at: raw.show_at,
            dimensions,
            words: [en, fr],
        })
    }

    /// Moves the rubric's `verdict` by what the answer's words and sums say.
    pub(crate) fn apply(
        &self,
        lang: Lang,
        norm: &Normalized,
        seg: &Segments,
        verdict: &Verdict,
        rubric: &Rubric,
    ) -> Calibrated {
        let rule = usize::from(verdict.level.number()) - 1;
        let mut p = self.intercept
            + self.rubric_score * f32::from(verdict.score) / 100.0
            + self.rubric_level[rule];
        for (d, w) in Dimension::ALL.iter().zip(self.dimensions) {
            p += w * verdict.sums.get(*d);
        }
        let (p, words) = self.word_weights(p, lang, norm, seg);
        // A moved level must name what moved it: it goes only the way the
        // words shown on the card push.
        let push: f32 = words.iter().map(|w| w.weight).sum();
        let (mut level, mut pos) = self.level_of(p, verdict.level, push);
        // Level 1 is the rubric's "attacks, sarcasm, contempt": words alone
        // do not make an answer dismissive without one of its cues.
        let dismissal_seen = verdict.sums.get(Dimension::Dismissal) < 0.0;
        if level == Level::Dismissive && verdict.level != Level::Dismissive && !dismissal_seen {
            (level, pos) = (Level::Defensive, 0.0);
        }
        Calibrated {
            level,
            score: place_in_band(pos, level, rubric),
            words,
        }
    }

    /// `p` plus the weights of the listed words the answer uses (each
    /// counted once, an opening apart from the word anywhere), and those
    /// heavy enough to show.
    fn word_weights(
        &self,
        mut p: f32,
        lang: Lang,
        norm: &Normalized,
        seg: &Segments,
    ) -> (f32, Vec<WordSignal>) {
        let table = &self.words[lang.index()];
        let mut seen = [0u64; MAX_WORDS / 64];
        let mut words = Vec::new();
        let text = norm.text.as_bytes();
        for (i, t) in seg.tokens.iter().enumerate() {
            let Some(entry) = text.get(t.start..t.end).and_then(|w| table.get(w)) else {
                continue;
            };
            // Each listed word counts once, its opening form apart.
            let mut count = |(id, w): (u32, f32), opening: bool| {
                let Some(slot) = seen.get_mut(id as usize / 64) else {
                    return;
                };
                let bit = 1u64 << (id % 64);
                if *slot & bit != 0 {
                    return;
                }
                *slot |= bit;
                p += w;
                if w.abs() >= self.show_at {
                    let (start, end) = norm.original(t.start, t.end);
                    words.push(WordSignal {
                        word: norm
                            .text
                            .get(t.start..t.end)
                            .unwrap_or_default()
                            .to_string(),
                        weight: (w * 100.0).round() / 100.0,
                        start,
                        end,
                        opening,
                    });
                }
            };
            if let Some(anywhere) = entry.anywhere {
                count(anywhere, false);
            }
            let opens = i == 0 || seg.tokens[i - 1].sentence != t.sentence;
            if let Some(opening) = entry.opening.filter(|_| opens) {
                count(opening, true);
            }
        }
        (p, words)
    }

    /// The level `p` falls in, at most `max_step` from the rubric's: each
    /// step needs `p` to lie `margin` beyond the next cut in the direction
    /// `push` points (down if negative, up if positive). Also where in that
    /// level it sits (0 to 1).
    fn level_of(&self, p: f32, rule: Level, push: f32) -> (Level, f32) {
        let mut i = usize::from(rule.number()) - 1;
        for _ in 0..self.max_step {
            if push < 0.0 && i > 0 && p < self.cuts[i - 1] - self.margin {
                i -= 1;
            } else if push > 0.0 && i < 4 && p >= self.cuts[i] + self.margin {
                i += 1;
            } else {
                break;
            }
        }
        // Levels 1 and 5 are open-ended: one label unit wide.
        let lo = if i == 0 {
            self.cuts[0] - 1.0
        } else {
            self.cuts[i - 1]
        };
        let hi = if i == 4 {
            self.cuts[3] + 1.0
        } else {
            self.cuts[i]
        };
        (Level::ALL[i], ((p - lo) / (hi - lo)).clamp(0.0, 1.0))
    }
}

/// A word must be one token as the scorer sees it: lowercase, accents
/// folded, no space, apostrophe or punctuation; a leading `^` makes it
/// count only when it opens a sentence.
fn word_table(
    words: &HashMap<String, f32>,
    invalid: &impl Fn(&str, String) -> ScoringError,
) -> Result<WordWeights, ScoringError> {
    let mut entries: HashMap<&str, WordEntry, FastHash> = HashMap::default();
    if words.len() > MAX_WORDS {
        return Err(invalid(
            "[words",
            format!("{} words in one language, {MAX_WORDS} at most", words.len()),
        ));
    }
    for (i, (key, w)) in words.iter().enumerate() {
        let (word, opening) = match key.strip_prefix('^') {
            Some(word) => (word, true),
            None => (key.as_str(), false),
        };
        let norm = Normalized::new(word);
        if norm.text != word || word.contains([' ', '\'']) || word.is_empty() {
            return Err(invalid(
                &format!("\"{key}\""),
                format!(
                    "`{key}` must be one lowercase word without accents (`{}`), \
                     with `^` in front to count it only opening a sentence",
                    norm.text
                ),
            ));
        }
        if !w.is_finite() {
            return Err(invalid(
                &format!("\"{key}\""),
                format!("{key}: not a finite number"),
            ));
        }
        // Below MAX_WORDS, checked above.
        let id = u32::try_from(i).unwrap_or(0);
        let entry = entries.entry(word).or_default();
        let slot = if opening {
            &mut entry.opening
        } else {
            &mut entry.anywhere
        };
        *slot = Some((id, *w));
    }
    Ok(WordTable::new(entries))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
intercept = 3.0
rubric_score = 0.0
rubric_level = [-2.0, -1.0, 0.0, 1.0, 2.0]
cuts = [1.5, 2.5, 3.5, 4.5]
margin = 0.2
show_at = 0.1
[dimensions]
dismissal = 0.0
[words.en]
sure = -0.6
well = 0.05
[words.fr]
"#;

    #[test]
    fn a_broken_file_names_its_line() {
        for (from, to, says) in [
            ("cuts = [1.5, 2.5", "cuts = [2.5, 1.5", "line 5"),
            ("sure =", "Sûre =", "line 11"),
            ("well = 0.05", "\"^\" = 0.05", "line 12"),
            ("dismissal = 0.0", "dismissal = -0.5", "line 9"),
            ("dismissal", "tone", "unknown dimension"),
        ] {
            let bad = FILE.replace(from, to);
            let err = Calibrator::parse("calibration.toml", &bad).unwrap_err();
            assert!(err.to_string().contains(says), "{to}: {err}");
        }
    }

    #[test]
    fn moves_one_level_at_most_and_places_the_score_inside_it() {
        let cal = Calibrator::parse("c", FILE).unwrap();
        let (down, up) = (-0.5, 0.5);
        assert_eq!(cal.level_of(1.0, Level::Empathetic, down).0, Level::Neutral);
        assert_eq!(cal.level_of(4.9, Level::Neutral, up).0, Level::Empathetic);
        let (level, pos) = cal.level_of(3.0, Level::Neutral, down);
        assert_eq!(level, Level::Neutral);
        assert!((pos - 0.5).abs() < 1e-6);
        // Within the margin of a cut, the rubric's level stands.
        assert_eq!(cal.level_of(2.4, Level::Neutral, down).0, Level::Neutral);
        assert_eq!(cal.level_of(2.2, Level::Neutral, down).0, Level::Defensive);
        assert_eq!(cal.level_of(3.65, Level::Neutral, up).0, Level::Neutral);
        assert_eq!(cal.level_of(3.75, Level::Neutral, up).0, Level::Empathetic);
    }

    #[test]
    fn moves_up_to_max_step_levels_each_past_its_own_cut() {
        let cal = Calibrator::parse(
            "c",
            &FILE.replace("margin = 0.2", "margin = 0.2\nmax_step = 2"),
        )
        .unwrap();
        let (down, up) = (-0.5, 0.5);
        assert_eq!(
            cal.level_of(1.0, Level::Empathetic, down).0,
            Level::Defensive
        );
        assert_eq!(cal.level_of(4.9, Level::Defensive, up).0, Level::Empathetic);
        // The second step needs its own cut passed by the margin.
        assert_eq!(cal.level_of(2.4, Level::Empathetic, down).0, Level::Neutral);
        assert_eq!(cal.level_of(3.6, Level::Defensive, up).0, Level::Neutral);
        for bad in ["max_step = 0", "max_step = 5"] {
            let text = FILE.replace("margin = 0.2", &format!("margin = 0.2\n{bad}"));
            let err = Calibrator::parse("calibration.toml", &text).unwrap_err();
            assert!(err.to_string().contains("line 7"), "{bad}: {err}");
        }
    }

    #[test]
    fn a_level_moves_only_the_way_the_shown_words_push() {
        let cal = Calibrator::parse("c", FILE).unwrap();
        // Far below the cut, but no shown word pushed down (none, or only
        // words pushing up): the rubric's level stands, and the card never
        // reports a move it cannot explain.
        for push in [0.0, 0.3] {
            assert_eq!(cal.level_of(1.0, Level::Neutral, push).0, Level::Neutral);
        }
        for push in [0.0, -0.3] {
            assert_eq!(cal.level_of(4.9, Level::Neutral, push).0, Level::Neutral);
        }
    }
}
