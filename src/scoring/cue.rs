//! The scorer's working representation of a cue while an answer is being
//! analysed, before weights are finalised into the public [`FiredCue`].
//!
//! [`FiredCue`]: super::card::FiredCue

use super::card::Dimension;
use super::lexicon::{LangRules, Role};
use super::matcher::Hit;
use super::normalize::{Normalized, Span};
use super::rubric::Rubric;
use super::segment::Segments;

/// Cues found from structure rather than from a lexicon phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Structural {
    OpenQuestion,
    ClosedQuestion,
    ChoiceQuestion,
    EvidenceNumber,
    Explanation,
    Shouting,
    Exclamations,
    IncredulousEcho,
    HangingQuestion,
    YesBut,
    EmpathyStuffing,
    Reflection,
    OnTopic,
    KeyConcern,
    Denial,
}

impl Structural {
    /// The stable id (see the module docs of `scoring`).
    pub(crate) fn id(self) -> &'static str {
        match self {
            Structural::OpenQuestion => "open_question",
            Structural::ClosedQuestion => "closed_question",
            Structural::ChoiceQuestion => "choice_question",
            Structural::EvidenceNumber => "evidence_number",
            Structural::Explanation => "explanation",
            Structural::Shouting => "shouting",
            Structural::Exclamations => "exclamations",
            Structural::IncredulousEcho => "incredulous_echo",
            Structural::HangingQuestion => "hanging_question",
            Structural::YesBut => "yes_but",
            Structural::EmpathyStuffing => "empathy_stuffing",
            Structural::Reflection => "reflection",
            Structural::OnTopic => "on_topic",
            Structural::KeyConcern => "key_concern",
            Structural::Denial => "denial",
        }
    }

    /// The dimension it counts toward.
    pub(crate) fn dimension(self) -> Dimension {
        match self {
            Structural::OpenQuestion | Structural::ClosedQuestion | Structural::ChoiceQuestion => {
                Dimension::Exploration
            }
            Structural::EvidenceNumber | Structural::Explanation => Dimension::Reframe,
            Structural::Shouting
            | Structural::Exclamations
            | Structural::IncredulousEcho
            | Structural::HangingQuestion => Dimension::Dismissal,
            Structural::YesBut | Structural::EmpathyStuffing | Structural::Denial => {
                Dimension::Defensiveness
            }
            Structural::Reflection => Dimension::Acknowledgment,
            Structural::OnTopic | Structural::KeyConcern => Dimension::Relevance,
        }
    }

    /// Its weight in the rubric.
    pub(crate) fn weight(self, r: &Rubric) -> f32 {
        let s = &r.structural;
        match self {
            Structural::OpenQuestion => s.open_question,
            Structural::ClosedQuestion => s.closed_question,
            Structural::ChoiceQuestion => s.choice_question,
            Structural::EvidenceNumber => s.evidence_number,
            Structural::Explanation => s.explanation,
            Structural::Shouting => s.shouting,
            Structural::Exclamations => s.exclamations,
            Structural::IncredulousEcho => s.incredulous_echo,
            Structural::HangingQuestion => s.hanging_question,
            Structural::YesBut => s.yes_but,
            Structural::EmpathyStuffing => s.empathy_stuffing,
            Structural::Reflection => s.reflection,
            Structural::OnTopic => s.on_topic,
            Structural::KeyConcern => s.key_concern,
            Structural::Denial => s.denial,
        }
    }
}

/// Which cue fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum CueId {
    /// A lexicon family, by index.
    Family(usize),
    /// A structural cue.
    Structural(Structural),
}

/// A cue during analysis.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub id: CueId,
    pub dim: Dimension,
    pub weight: f32,
    /// Span in the normalised text (ordering, look-backs, repeats).
    pub norm: Span,
    /// Span in the original answer.
    pub orig: Span,
    /// Sentence index.
    pub sentence: usize,
    /// Counts toward empathy stuffing.
    pub empathy: bool,
}

/// A reframe cue at least this strong is concrete (a number, an example, a
/// distinction), not a mere "because".
const CONCRETE_REFRAME: f32 = 0.5;

impl Cue {
    /// True for cues that lower the score.
    pub(crate) fn is_negative(&self) -> bool {
        matches!(self.dim, Dimension::Dismissal | Dimension::Defensiveness) && self.weight < 0.0
    }

    /// True for an acknowledgment or a concession that still counts: what a
    /// "but" or a pitch after it can empty.
    pub(crate) fn softens(&self) -> bool {
        matches!(self.dim, Dimension::Acknowledgment | Dimension::Concession) && self.weight > 0.0
    }

    /// True for an open question that still counts.
    pub(crate) fn is_open_question(&self) -> bool {
        self.id == CueId::Structural(Structural::OpenQuestion) && self.weight > 0.0
    }

    /// True for something concrete brought in: a number, an example, a
    /// distinction.
    pub(crate) fn is_concrete_reframe(&self) -> bool {
        self.dim == Dimension::Reframe && self.weight >= CONCRETE_REFRAME
    }
}

/// Everything the analysis steps share about one answer.
pub(crate) struct Ctx<'a> {
    /// The answer as written.
    pub answer: &'a str,
    pub rules: &'a LangRules,
    pub rubric: &'a Rubric,
    pub norm: &'a Normalized,
    pub seg: &'a Segments,
    pub hits: &'a [Hit],
    /// Per sentence: does it ask something?
    pub questions: Vec<bool>,
}

impl Ctx<'_> {
    /// The role of a hit's family, if it is a family phrase.
    pub(crate) fn family_of(&self, h: &Hit) -> Option<(usize, Role)> {
        match self.rules.patterns.get(h.pat)?.kind {
            super::lexicon::PatKind::Family(f) => Some((f, self.rules.families.get(f)?.role)),
            _ => None,
        }
    }

    /// A structural cue over `norm` bytes of the normalised text.
    pub(crate) fn structural(&self, s: Structural, norm: Span, weight: f32) -> Cue {
        Cue {
            id: CueId::Structural(s),
            dim: s.dimension(),
            weight,
            norm,
            orig: self.norm.original(norm.0, norm.1),
            sentence: self.seg.sentence_of(norm.0),
            empathy: false,
        }
    }

    /// The normalised byte span of sentence `s`.
    pub(crate) fn sentence_span(&self, s: usize) -> Span {
        self.seg
            .sentences
            .get(s)
            .map_or((0, 0), |x| self.seg.bytes(x.first, x.end))
    }

    /// [`Ctx::sentence_is_negative`] for every sentence at once.
    pub(crate) fn negative_sentences(&self, cues: &[Cue]) -> Vec<bool> {
        let mut out = vec![false; self.seg.sentences.len()];
        for c in cues.iter().filter(|c| self.clearly_negative(c)) {
            if let Some(slot) = out.get_mut(c.sentence) {
                *slot = true;
            }
        }
        out
    }

    /// True if sentence `s` holds a clearly negative cue (an attack, a
    /// pitch, a contradiction; a mere "honestly" does not count).
    pub(crate) fn sentence_is_negative(&self, cues: &[Cue], s: usize) -> bool {
        cues.iter()
            .any(|c| c.sentence == s && self.clearly_negative(c))
    }

    /// True for a clearly negative cue: an attack, a pitch, a
    /// contradiction, not a mere "honestly" (see `sentences.negative_at`).
    pub(crate) fn clearly_negative(&self, c: &Cue) -> bool {
        c.is_negative() && c.weight <= self.rubric.sentences.negative_at
    }
}
