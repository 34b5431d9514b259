//! From cues to a verdict: repeats of a cue count less and less, each
//! dimension is capped, the sum gives a raw score, the rubric's gates bound
//! the level, and the level's band places the 0-100 score.
//!
//! Gates, in the rubric's words: contempt (dismissal at or below its gate)
//! is level 1 whatever else is said; heavy defensiveness (contradiction,
//! "yes, but", pitching) caps at 2 whatever polite words surround it; level
//! 4 needs an acknowledgment (or respect shown, or a polite opener or a
//! concrete reframe followed by a deep question) AND exploration or a
//! reframe, with no more than a trace of negatives; level 5 also needs a
//! concrete reframe, an open question and no real negative.

use super::card::{Dimension, Level, SubScore};
use super::cue::{Cue, CueId};
use super::rubric::Rubric;

/// Per-dimension sums after caps.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sums([f32; 8]);

impl Sums {
    pub(crate) fn get(&self, d: Dimension) -> f32 {
        Dimension::ALL
            .iter()
            .position(|x| *x == d)
            .map_or(0.0, |i| self.0[i])
    }

    pub(crate) fn total(&self) -> f32 {
        self.0.iter().sum()
    }
}

/// The level, score and sums of one answer.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    pub level: Level,
    pub score: u8,
    pub sums: Sums,
}

/// Applies diminishing returns: among the occurrences of one cue id, the
/// strongest counts fully and the k-th strongest keeps `decay^k` of its
/// weight. Cues end up in text order.
pub(crate) fn diminish(cues: &mut [Cue], decay: f32) {
    cues.sort_by(|a, b| {
        b.weight
            .abs()
            .total_cmp(&a.weight.abs())
            .then(a.orig.0.cmp(&b.orig.0))
    });
    // Few distinct ids per answer: a linear list beats hashing.
    let mut seen: Vec<(CueId, i32)> = Vec::with_capacity(cues.len());
    for c in cues.iter_mut() {
        if c.weight == 0.0 {
            continue;
        }
        let k = match seen.iter_mut().find(|(id, _)| *id == c.id) {
            Some((_, k)) => k,
            None => {
                seen.push((c.id, 0));
                &mut seen.last_mut().expect("an entry was just pushed").1
            }
        };
        c.weight *= decay.powi(*k);
        *k += 1;
    }
    cues.sort_by(|a, b| a.orig.0.cmp(&b.orig.0).then(a.orig.1.cmp(&b.orig.1)));
}

/// Sums per dimension, each capped.
pub(crate) fn sums(cues: &[Cue], rubric: &Rubric) -> Sums {
    let mut s = Sums::default();
    for c in cues {
        if let Some(i) = Dimension::ALL.iter().position(|d| *d == c.dim) {
            s.0[i] += c.weight;
        }
    }
    for (sum, cap) in s.0.iter_mut().zip(rubric.caps()) {
        *sum = sum.clamp(-cap, *cap);
    }
    s
}

/// The sub-scores of every dimension a cue touched.
pub(crate) fn subscores(cues: &[Cue], sums: &Sums) -> Vec<SubScore> {
    Dimension::ALL
        .iter()
        .filter(|d| cues.iter().any(|c| c.dim == **d))
        .map(|d| SubScore {
            dimension: *d,
            value: (sums.get(*d) * 100.0).round() / 100.0,
        })
        .collect()
}

fn level_from_raw(raw: f32, rubric: &Rubric) -> Level {
    let n = rubric.levels.starts.iter().filter(|s| raw >= **s).count();
    Level::ALL[n.min(4)]
}

/// The highest level the rubric's gates allow.
fn gate(s: &Sums, rubric: &Rubric) -> Level {
    use Dimension::*;
    let g = &rubric.gates;
    let negatives = s.get(Dismissal) + s.get(Defensiveness);
    if s.get(Dismissal) <= g.dismissive {
        return Level::Dismissive;
    }
    if negatives <= g.defensive {
        return Level::Defensive;
    }
    let receptive = s.get(Acknowledgment) + s.get(Concession) + s.get(Respect);
    let engaged = s.get(Exploration) + s.get(Reframe);
    // A polite opener followed by a deep, softened question about them
    // acknowledges by listening, as much as "I understand" does.
    let listens = (receptive >= g.empathetic_polite
        || (s.get(Reframe) >= g.masterful_reframe && negatives >= g.masterful_negatives))
        && s.get(Exploration) >= g.empathetic_deep_question;
    if (receptive < g.empathetic_receptive && !listens)
        || engaged < g.empathetic_engaged
        || negatives <= g.tainted
    {
        return Level::Neutral;
    }
    let masterful = s.get(Acknowledgment) + s.get(Concession) >= g.masterful_receptive
        && s.get(Reframe) >= g.masterful_reframe
        && s.get(Exploration) >= g.masterful_exploration
        && negatives >= g.masterful_negatives;
    if masterful {
        Level::Masterful
    } else {
        Level::Empathetic
    }
}

/// Decides the level and the 0-100 score.
pub(crate) fn verdict(cues: &[Cue], rubric: &Rubric) -> Verdict {
    let sums = sums(cues, rubric);
    let raw = sums.total();
    let mut level = level_from_raw(raw, rubric).min(gate(&sums, rubric));
    // Level 1 is the rubric's "attacks, sarcasm, contempt": only dismissal
    // leads there, however defensive an answer is.
    if level == Level::Dismissive && sums.get(Dimension::Dismissal) > rubric.gates.dismissive {
        level = Level::Defensive;
    }
    Verdict {
        level,
        score: score_in_band(raw, level, rubric),
        sums,
    }
}

/// Places `raw` inside the band of `level`; a level held down by a gate
/// sits at the top of its band.
fn score_in_band(raw: f32, level: Level, rubric: &Rubric) -> u8 {
    let l = &rubric.levels;
    let i = usize::from(level.number()) - 1;
    let lo = if i == 0 { l.floor } else { l.starts[i - 1] };
    let hi = if i == 4 { l.ceiling } else { l.starts[i] };
    place_in_band(((raw - lo) / (hi - lo)).clamp(0.0, 1.0), level, rubric)
}

/// The 0-100 score at `pos` (0 to 1) of `level`'s band.
pub(crate) fn place_in_band(pos: f32, level: Level, rubric: &Rubric) -> u8 {
    let l = &rubric.levels;
    let i = usize::from(level.number()) - 1;
    let (b_lo, b_hi) = (f32::from(l.bands[i]), f32::from(l.bands[i + 1]));
    let top = if i == 4 { b_hi } else { b_hi - 1.0 };
    (b_lo + pos * (b_hi - b_lo)).floor().clamp(b_lo, top) as u8
}
