//! The scorecard: what the scorer says about one answer, in a form that both
//! front ends can render and the store can keep.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The rubric's five levels, as a coach judges an answer (see DESIGN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum Level {
    /// Attacks the question or the person, sarcasm, contempt.
    Dismissive = 1,
    /// Flat contradiction, "yes, but", hollow empathy, pitch over the concern.
    Defensive = 2,
    /// Polite and on topic, but neither acknowledges nor explores.
    Neutral = 3,
    /// Acknowledges the concern and explores or reframes it.
    Empathetic = 4,
    /// Concedes, reframes concretely and opens with a genuine question.
    Masterful = 5,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 5] = [
        Level::Dismissive,
        Level::Defensive,
        Level::Neutral,
        Level::Empathetic,
        Level::Masterful,
    ];

    /// The level's number, 1 to 5.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The band name used in JSON and reports (`dismissive` .. `masterful`).
    pub fn band(self) -> &'static str {
        match self {
            Level::Dismissive => "dismissive",
            Level::Defensive => "defensive",
            Level::Neutral => "neutral",
            Level::Empathetic => "empathetic",
            Level::Masterful => "masterful",
        }
    }

    /// The band name as a trainee reads it in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Level::Dismissive) => "Dismissive",
            (Lang::En, Level::Defensive) => "Defensive",
            (Lang::En, Level::Neutral) => "Neutral",
            (Lang::En, Level::Empathetic) => "Empathetic",
            (Lang::En, Level::Masterful) => "Masterful",
            (Lang::Fr, Level::Dismissive) => "Méprisant",
            (Lang::Fr, Level::Defensive) => "Défensif",
            (Lang::Fr, Level::Neutral) => "Neutre",
            (Lang::Fr, Level::Empathetic) => "Empathique",
            (Lang::Fr, Level::Masterful) => "Magistral",
        }
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.number()
    }
}

/// A number outside 1..=5 given as a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("level must be 1 to 5, got {0}")]
pub struct BadLevel(pub u8);

impl TryFrom<u8> for Level {
    type Error = BadLevel;

    fn try_from(n: u8) -> Result<Self, Self::Error> {
        Level::ALL
            .get(usize::from(n).wrapping_sub(1))
            .copied()
            .ok_or(BadLevel(n))
    }
}

/// What a cue speaks to. Positive dimensions raise the score, negative ones
/// (`Dismissal`, `Defensiveness`) lower it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// Acknowledging, validating, reflecting or reacting to the concern.
    Acknowledgment,
    /// Conceding what is true in the objection.
    Concession,
    /// Open, exploratory questions; seeking collaboration.
    Exploration,
    /// Reframing with substance: numbers, examples, distinctions.
    Reframe,
    /// Engaging the objection's own topic.
    Relevance,
    /// Respectful tone: hedges, autonomy, permission.
    Respect,
    /// Attacks, contempt, sarcasm, condescension, shouting.
    Dismissal,
    /// Contradiction, "yes, but", hollow empathy, pitching over the concern.
    Defensiveness,
}

impl Dimension {
    /// Every dimension, in the rubric's order.
    pub const ALL: [Dimension; 8] = [
        Dimension::Acknowledgment,
        Dimension::Concession,
        Dimension::Exploration,
        Dimension::Reframe,
        Dimension::Relevance,
        Dimension::Respect,
        Dimension::Dismissal,
        Dimension::Defensiveness,
    ];

    /// The dimension's name in JSON (`acknowledgment`, `dismissal`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Acknowledgment => "acknowledgment",
            Dimension::Concession => "concession",
            Dimension::Exploration => "exploration",
            Dimension::Reframe => "reframe",
            Dimension::Relevance => "relevance",
            Dimension::Respect => "respect",
            Dimension::Dismissal => "dismissal",
            Dimension::Defensiveness => "defensiveness",
        }
    }
}

/// Where the language of an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LangSource {
    /// The caller said which language it is.
    Given,
    /// Detected from the text.
    Detected,
    /// Could not be detected; English rules were used.
    Fallback,
}

impl LangSource {
    /// The name in JSON (`given`, `detected`, `fallback`).
    pub fn name(self) -> &'static str {
        match self {
            LangSource::Given => "given",
            LangSource::Detected => "detected",
            LangSource::Fallback => "fallback",
        }
    }
}

/// One cue that fired, with the byte span in the original answer it rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FiredCue {
    /// Stable identifier from the lexicon (`concession`, `yes_but`, ...).
    pub id: String,
    /// The dimension it counts toward.
    pub dimension: Dimension,
    /// Its signed contribution to the raw score, after diminishing returns.
    pub weight: f32,
    /// Byte offset where the evidence starts in the original answer.
    pub start: usize,
    /// Byte offset just past the evidence.
    pub end: usize,
    /// The evidence itself, as written by the trainee.
    pub quote: String,
}

/// A per-dimension sub-score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubScore {
    /// The dimension.
    pub dimension: Dimension,
    /// Its summed weight after diminishing returns.
    pub value: f32,
}

/// The scorer's verdict on one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreCard {
    /// 0 to 100.
    pub score: u8,
    /// The rubric level.
    pub level: Level,
    /// The level's band name (`empathetic`), for readers of the JSON.
    pub band: String,
    /// The language whose rules were applied.
    pub lang: Lang,
    /// How that language was chosen.
    pub lang_source: LangSource,
    /// Sub-scores, one per dimension that any cue touched.
    pub subscores: Vec<SubScore>,
    /// Every cue that fired, in text order.
    pub cues: Vec<FiredCue>,
    /// One to three tips for the trainee, in the answer's language.
    pub tips: Vec<String>,
    /// How the learned calibration moved the rubric's verdict.
    #[serde(default)]
    pub calibration: Calibration,
}

/// How the learned calibration (`data/scoring/calibration.toml`) moved the
/// verdict of the rubric's cues and gates, so a coach can see both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// The level from the rubric alone (`None` when not calibrated).
    pub rubric_level: Option<Level>,
    /// The 0-100 score from the rubric alone.
    pub rubric_score: Option<u8>,
    /// The words whose learned weight counts most, in text order.
    pub words: Vec<WordSignal>,
}

/// A common word whose learned weight moved the verdict: coaches' labels
/// tie it to dismissive answers (negative) or to receptive ones.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WordSignal {
    /// The word as the scorer sees it (lowercase, accents folded).
    pub word: String,
    /// What it adds to the calibrated level (in levels).
    pub weight: f32,
    /// Byte offset where it starts in the original answer.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Weighed as the word opening a sentence ("So your team…?"), not as
    /// the word anywhere.
    #[serde(default)]
    pub opening: bool,
}

impl WordSignal {
    /// The word as a scorecard shows it, in `ui`'s language: quoted, and
    /// saying so when it counted for opening a sentence.
    pub fn describe(&self, ui: Lang) -> String {
        match (self.opening, ui) {
            (false, _) => format!("“{}”", self.word),
            (true, Lang::En) => format!("“{}” opening a sentence", self.word),
            (true, Lang::Fr) => format!("“{}” en début de phrase", self.word),
        }
    }
}

impl ScoreCard {
    /// True if a cue with this id fired and still counts (weight not 0):
    /// `card.has_cue("yes_but")`, `card.has_cue("open_question")`.
    pub fn has_cue(&self, id: &str) -> bool {
        self.cues.iter().any(|c| c.id == id && c.weight != 0.0)
    }

    /// The sub-score of a dimension (0 when no cue touched it).
    pub fn subscore(&self, dimension: Dimension) -> f32 {
        self.subscores
            .iter()
            .find(|s| s.dimension == dimension)
            .map_or(0.0, |s| s.value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_serialised_names() {
        for d in Dimension::ALL {
            assert_eq!(serde_json::to_value(d).unwrap(), d.name());
        }
        for s in [
            LangSource::Given,
            LangSource::Detected,
            LangSource::Fallback,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.name());
        }
    }
}
