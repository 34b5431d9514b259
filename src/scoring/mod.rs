//! The empathy scorer: pure and deterministic. It judges how a trainee's
//! answer handles an objection, in English or French, and explains itself:
//! a 0-100 score, a rubric level, sub-scores per dimension, every cue that
//! fired with its span in the original text, and one to three tips.
//!
//! Lexicons, weights, tips and the learned calibration (see `calibrate`)
//! are plain TOML files in `data/scoring/`
//! (embedded at build time, overridable with `--data DIR`).
//!
//! # Cue ids
//! Ids are stable; the lexicon ids are the `[cues.<id>]` tables of
//! `data/scoring/{en,fr}.toml` (both languages use the same ids):
//! - acknowledgment: `acknowledge`, `validate`, `emotion`, `paraphrase`,
//!   `accommodate`, `gratitude`, `stock_praise` ("great question": weak,
//!   hollow when a pitch follows), and `reflection` (a short statement to
//!   "you" about the objection's own topic);
//! - concession: `concession`;
//! - exploration: `open_question`, `closed_question`, `choice_question`
//!   (one per question sentence), `invite` ("tell me more"), `softener`
//!   (softened question forms);
//! - reframe: `evidence_number`, `explanation` (specifics laid out after
//!   a colon), `example`, `distinction`, `reasoning`;
//! - relevance: `on_topic`, `key_concern`;
//! - respect: `hedge`, `autonomy`, `permission`, `consideration`,
//!   `curiosity`;
//! - dismissal: `attack`, `sarcasm`, `condescension`,
//!   `rhetorical_question`, `incredulous_echo`, `hanging_question` (a
//!   question talked over, unacknowledged), `swearing`, `shouting`,
//!   `exclamations`;
//! - defensiveness: `contradiction`, `denial` (a negation about the
//!   objection's own topic with nothing acknowledged first), `blame`,
//!   `yes_but`, `minimizing`, `certainty`, `directive`, `intensifier`,
//!   `pitch`, `discount`, `closing_push`, `topic_shift`, `empathy_stuffing`.
//!
//! A cue with weight 0 fired but was cancelled (an acknowledgment erased by
//! "but", an empathy phrase beyond the first when stuffing, or a polite
//! word inside a hostile sentence); [`ScoreCard::has_cue`] ignores those.

mod adjust;
mod calibrate;
mod card;
mod compose;
mod cue;
mod detect;
mod error;
pub mod eval;
mod lexical;
mod lexicon;
mod matcher;
mod normalize;
mod pattern;
mod phrase_index;
mod questions;
mod relevance;
mod rubric;
mod segment;
mod source;
mod structure;
mod tips;
mod word_table;

use std::path::Path;
use std::sync::OnceLock;

pub use card::*;
pub use error::ScoringError;

use crate::lang::Lang;
use cue::Ctx;
use lexicon::LangRules;
use normalize::Normalized;
use rubric::Rubric;

/// What to score.
#[derive(Debug, Clone, Copy, Default)]
pub struct ScoreRequest<'a> {
    /// The trainee's answer.
    pub answer: &'a str,
    /// The objection it answers, if known (enables relevance).
    pub objection: Option<&'a str>,
    /// What the prospect is really worried about (credited when engaged).
    pub key_concerns: &'a [String],
    /// The answer's language; detected when `None`.
    pub lang: Option<Lang>,
}

/// The scorer: lexicons compiled into phrase indexes, plus the rubric. Build it
/// once and share it (it is `Send + Sync`).
#[derive(Debug)]
pub struct Scorer {
    rubric: Rubric,
    en: LangRules,
    fr: LangRules,
    detector: detect::Detector,
    calibrator: calibrate::Calibrator,
}

impl Scorer {
    /// The scorer from the data embedded in the binary.
    pub fn builtin() -> Result<Scorer, ScoringError> {
        Scorer::build(source::Files::builtin())
    }

    /// The scorer from `dir/scoring/` (a `--data` directory). A file missing
    /// there falls back to the embedded copy, so a coach can override just
    /// one.
    pub fn from_dir(dir: &Path) -> Result<Scorer, ScoringError> {
        Scorer::build(source::Files::from_dir(dir)?)
    }

    /// [`Scorer::from_dir`] when a data directory is given, else [`Scorer::builtin`].
    pub fn load(data: Option<&Path>) -> Result<Scorer, ScoringError> {
        match data {
            Some(dir) => Scorer::from_dir(dir),
            None => Scorer::builtin(),
        }
    }

    fn build(files: source::Files) -> Result<Scorer, ScoringError> {
        let rubric = Rubric::parse(&files.rubric.name, &files.rubric.text)?;
        // Compiling a lexicon is most of a command's start-up time: the two
        // languages compile side by side, and the calibration (a sixth of
        // the English lexicon's work) goes with the smaller French one.
        let (en, (fr, calibrator)) = std::thread::scope(|scope| {
            let fr = scope.spawn(|| {
                let fr = lexicon::parse(&files.fr.name, &files.fr.text, Lang::Fr);
                let calibration = &files.calibration;
                (
                    fr,
                    calibrate::Calibrator::parse(&calibration.name, &calibration.text),
                )
            });
            let en = lexicon::parse(&files.en.name, &files.en.text, Lang::En);
            let fr = fr
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (en, fr)
        });
        let (calibrator, en, fr) = (calibrator?, en?, fr?);
        let detector = detect::Detector::new(&[&en, &fr]);
        Ok(Scorer {
            rubric,
            en,
            fr,
            detector,
            calibrator,
        })
    }

    fn rules(&self, lang: Lang) -> &LangRules {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// Guesses the language of `text` with this scorer's word lists.
    pub fn detect_lang(&self, text: &str) -> Option<Lang> {
        self.detector.detect(text, &Normalized::new(text))
    }

    /// Scores one answer. Pure, deterministic, and never panics.
    pub fn score(&self, req: &ScoreRequest<'_>) -> ScoreCard {
        let norm = Normalized::new(req.answer);
        let (lang, lang_source) = match req.lang {
            Some(l) => (l, LangSource::Given),
            None => match self.detector.detect(req.answer, &norm) {
                Some(l) => (l, LangSource::Detected),
                None => (Lang::En, LangSource::Fallback),
            },
        };
        let rules = self.rules(lang);
        let seg = segment::Segments::new(&norm);
        let hits = matcher::find(rules, &norm.text, &norm.marks, &seg);
        let ctx = Ctx {
            answer: req.answer,
            rules,
            rubric: &self.rubric,
            norm: &norm,
            seg: &seg,
            hits: &hits,
            questions: questions::flags(rules, &norm, &seg, &hits),
        };
        let mut found = lexical::collect(&ctx);
        adjust::hostile_sentences(&ctx, &mut found);
        structure::collect(&ctx, &mut found);
        questions::collect(&ctx, &mut found);
        let topic = relevance::topic(rules, req.objection, req.key_concerns);
        relevance::collect(&ctx, &mut found, &topic);
        adjust::stuffing(&ctx, &mut found);
        adjust::yes_but(&ctx, &mut found);
        adjust::hollow_empathy(&ctx, &mut found);
        questions::hanging(&ctx, &mut found);
        compose::diminish(&mut found.cues, self.rubric.decay);
        let verdict = compose::verdict(&found.cues, &self.rubric);
        let calibrated = self
            .calibrator
            .apply(lang, &norm, &seg, &verdict, &self.rubric);
        let mut card = ScoreCard {
            score: calibrated.score,
            level: calibrated.level,
            band: calibrated.level.band().to_string(),
            lang,
            lang_source,
            subscores: compose::subscores(&found.cues, &verdict.sums),
            cues: found
                .cues
                .iter()
                .map(|c| self.fired(rules, c, req.answer))
                .collect(),
            tips: Vec::new(),
            calibration: Calibration {
                rubric_level: Some(verdict.level),
                rubric_score: Some(verdict.score),
                words: calibrated.words,
            },
        };
        card.tips = tips_for(self, &card, lang, req);
        card
    }

    fn fired(&self, rules: &LangRules, c: &cue::Cue, answer: &str) -> FiredCue {
        let id = match c.id {
            cue::CueId::Family(f) => rules.families.get(f).map_or("", |f| f.id.as_str()),
            cue::CueId::Structural(s) => s.id(),
        };
        let (start, end) = c.orig;
        FiredCue {
            id: id.to_string(),
            dimension: c.dim,
            weight: (c.weight * 100.0).round() / 100.0,
            start,
            end,
            quote: quote(answer.get(start..end).unwrap_or_default()),
        }
    }
}

/// The evidence as written, shortened beyond 200 characters.
fn quote(s: &str) -> String {
    const MAX: usize = 200;
    // No more bytes than the limit means no more characters either: most
    // quotes need no count.
    if s.len() <= MAX {
        return s.to_string();
    }
    match s.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// Forgets the current thread's caches (the last objection's topic and the
/// word stems), so that a benchmark can time an answer scored cold.
pub fn clear_caches() {
    relevance::clear_caches();
}

/// Guesses whether `text` is English or French (`None` when unsure), with
/// the built-in word lists.
pub fn detect_lang(text: &str) -> Option<Lang> {
    static BUILTIN: OnceLock<Option<Scorer>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| Scorer::builtin().ok())
        .as_ref()?
        .detect_lang(text)
}

/// One to three tips for `card`, written in `lang` (say, the cohort's
/// language rather than the answer's), for the request it answered.
pub fn tips_for(
    scorer: &Scorer,
    card: &ScoreCard,
    lang: Lang,
    req: &ScoreRequest<'_>,
) -> Vec<String> {
    let ctx = tips::TipContext {
        objection_given: req.objection.is_some_and(|o| !o.trim().is_empty()),
        concern: req.key_concerns.first().map(String::as_str),
    };
    tips::write(card, &scorer.rubric, scorer.rules(lang), &ctx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scorer_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Scorer>();
    }
}
