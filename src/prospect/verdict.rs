//! The final scorecard of a debate: how the trainee did overall, which cues
//! helped and hurt most, what to work on, and the library's approved
//! counter-arguments closest to what they tried to say.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::debate::{Debate, DebateError, Outcome};
use super::lines::{Lines, Tips};
use super::text::{jaccard, word_set};
use super::turn::Effect;
use crate::lang::Lang;
use crate::library::Objection;
use crate::scoring::Dimension;

/// Cues listed per side (helped / hurt).
const TOP_CUES: usize = 3;
/// Tips given at most.
const MAX_TIPS: usize = 3;
/// Counter-arguments suggested at most.
const MAX_COUNTERS: usize = 3;

/// How the scores moved across the debate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    /// Last turn's score minus the first one's.
    pub first_to_last: i16,
    /// Least-squares slope, in points per turn (0 with fewer than two turns).
    pub slope: f32,
}

/// One cue's total effect over the debate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CueTotal {
    /// The scorer's cue id.
    pub id: String,
    /// Its dimension.
    pub dimension: Dimension,
    /// The summed weight over every turn (negative for cues that hurt).
    pub total: f32,
    /// How many times it fired.
    pub count: u32,
}

/// An approved counter-argument worth reading after this debate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SuggestedCounter {
    /// The objection it answers.
    pub objection_id: String,
    /// The counter's id.
    pub id: String,
    /// The counter itself.
    pub text: String,
    /// Word overlap with the trainee's closest answer, 0 to 1.
    pub similarity: f32,
}

/// The verdict on a finished or abandoned debate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalCard {
    /// The debate.
    pub debate_id: String,
    /// The objection it opened with.
    pub objection_id: String,
    /// Its language (tips are in it).
    pub lang: Lang,
    /// How it ended.
    pub outcome: Outcome,
    /// Each turn's effective score, in order.
    pub scores: Vec<u8>,
    /// Mean score (`None` if the trainee never answered).
    pub average: Option<f32>,
    /// Best score.
    pub best: Option<u8>,
    /// How the scores moved.
    pub trend: Trend,
    /// The cues that helped most, strongest first.
    pub helped: Vec<CueTotal>,
    /// The cues that hurt most, worst first.
    pub hurt: Vec<CueTotal>,
    /// One to three tips.
    pub tips: Vec<String>,
    /// Up to three approved counter-arguments, closest first.
    pub counters: Vec<SuggestedCounter>,
}

impl FinalCard {
    /// The verdict on `debate`. `objections` may be the whole library: the
    /// debate's objection and its escalation are picked out by id for their
    /// counter-arguments.
    pub fn from_debate(
        debate: &Debate,
        objections: &[Objection],
        lines: &Lines,
    ) -> Result<FinalCard, DebateError> {
        let outcome = debate.outcome.ok_or(DebateError::NotEnded)?;
        let scores: Vec<u8> = debate.turns.iter().map(|t| t.effective_score()).collect();
        let (helped, hurt) = cue_totals(debate);
        Ok(FinalCard {
            debate_id: debate.id.clone(),
            objection_id: debate.objection_id.clone(),
            lang: debate.lang,
            outcome,
            average: debate.average_score(),
            best: debate.best_score(),
            trend: trend(&scores),
            scores,
            helped,
            hurt,
            tips: tips(debate, &lines.get(debate.lang).tips),
            counters: closest_counters(debate, objections),
        })
    }
}

fn trend(scores: &[u8]) -> Trend {
    let first_to_last = match (scores.first(), scores.last()) {
        (Some(&a), Some(&b)) => i16::from(b) - i16::from(a),
        _ => 0,
    };
    let n = scores.len() as f32;
    let mean_x = (n - 1.0) / 2.0;
    let mean_y = scores.iter().map(|&s| f32::from(s)).sum::<f32>() / n.max(1.0);
    let (mut num, mut den) = (0.0, 0.0);
    for (i, &s) in scores.iter().enumerate() {
        let dx = i as f32 - mean_x;
        num += dx * (f32::from(s) - mean_y);
        den += dx * dx;
    }
    let slope = if den > 0.0 { num / den } else { 0.0 };
    Trend {
        first_to_last,
        slope,
    }
}

/// Sums each cue's weight over the turns; returns the top positive and the
/// top negative totals.
fn cue_totals(debate: &Debate) -> (Vec<CueTotal>, Vec<CueTotal>) {
    let mut totals: BTreeMap<&str, CueTotal> = BTreeMap::new();
    for cue in debate.turns.iter().flat_map(|t| &t.cues) {
        let entry = totals.entry(&cue.id).or_insert_with(|| CueTotal {
            id: cue.id.clone(),
            dimension: cue.dimension,
            total: 0.0,
            count: 0,
        });
        entry.total += cue.weight;
        entry.count += 1;
    }
    let (mut helped, mut hurt): (Vec<CueTotal>, Vec<CueTotal>) =
        totals.into_values().partition(|c| c.total > 0.0);
    hurt.retain(|c| c.total < 0.0);
    helped.sort_by(|a, b| b.total.total_cmp(&a.total));
    hurt.sort_by(|a, b| a.total.total_cmp(&b.total));
    helped.truncate(TOP_CUES);
    hurt.truncate(TOP_CUES);
    (helped, hurt)
}

/// Faults first (attacks, defensiveness, repetition), then the positive
/// moves used in fewer than half the turns; praise when nothing is missing.
fn tips(debate: &Debate, tips: &Tips) -> Vec<String> {
    let turns = &debate.turns;
    let any = |d: Dimension| turns.iter().any(|t| t.has(d));
    let rare = |dims: &[Dimension]| {
        let with = turns
            .iter()
            .filter(|t| dims.iter().any(|&d| t.has(d)))
            .count();
        with * 2 < turns.len().max(1)
    };
    let candidates = [
        (any(Dimension::Dismissal), &tips.dismissal),
        (any(Dimension::Defensiveness), &tips.defensiveness),
        (
            turns.iter().any(|t| t.effect == Effect::Repeated),
            &tips.repetition,
        ),
        (
            rare(&[Dimension::Acknowledgment, Dimension::Concession]),
            &tips.acknowledge,
        ),
        (rare(&[Dimension::Exploration]), &tips.explore),
        (rare(&[Dimension::Reframe]), &tips.reframe),
        (rare(&[Dimension::Concession]), &tips.concede),
    ];
    let mut chosen: Vec<String> = candidates
        .into_iter()
        .filter(|(applies, _)| *applies)
        .map(|(_, tip)| tip.clone())
        .take(MAX_TIPS)
        .collect();
    if chosen.is_empty() {
        chosen.push(tips.keep_going.clone());
    }
    chosen
}

/// The approved counters of the debate's objections, ranked by their best
/// word overlap with any of the trainee's answers, then by votes.
fn closest_counters(debate: &Debate, objections: &[Objection]) -> Vec<SuggestedCounter> {
    let answers: Vec<_> = debate
        .turns
        .iter()
        .map(|t| word_set(&t.answer, debate.lang))
        .collect();
    let used = |o: &&Objection| {
        o.id == debate.objection_id || debate.state.escalated_to.as_deref() == Some(&o.id)
    };
    let mut ranked: Vec<(SuggestedCounter, u32)> = objections
        .iter()
        .filter(used)
        .flat_map(|o| o.approved_counters().map(move |c| (o, c)))
        .map(|(o, c)| {
            let words = word_set(&c.text, debate.lang);
            let similarity = answers
                .iter()
                .map(|a| jaccard(a, &words))
                .fold(0.0, f32::max);
            let counter = SuggestedCounter {
                objection_id: o.id.clone(),
                id: c.id.clone(),
                text: c.text.clone(),
                similarity,
            };
            (counter, c.votes)
        })
        .collect();
    ranked.sort_by(|(a, va), (b, vb)| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(vb.cmp(va))
            .then_with(|| a.id.cmp(&b.id))
    });
    ranked
        .into_iter()
        .take(MAX_COUNTERS)
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::CounterStatus;
    use crate::prospect::testkit::{
        counter, dismissive, empathetic, hollow, kit, masterful, objection, ANSWERS,
    };

    #[test]
    fn a_live_debate_has_no_final_card() {
        let kit = kit();
        let o = objection("o", Lang::En, 1, &[], 3);
        let (debate, _) = kit.play(&o, 1, &[hollow()]);
        assert_eq!(
            FinalCard::from_debate(&debate, &[o], &kit.lines),
            Err(DebateError::NotEnded)
        );
    }

    #[test]
    fn scores_trend_and_cue_totals_add_up() {
        let kit = kit();
        let o = objection("o", Lang::En, 1, &[], 3);
        let (mut debate, _) = kit.play(&o, 1, &[dismissive(), hollow(), empathetic()]);
        debate.abandon(5).unwrap();
        let card = FinalCard::from_debate(&debate, &[], &kit.lines).unwrap();
        assert_eq!(card.outcome, Outcome::Abandoned);
        assert_eq!(card.scores, vec![12, 52, 72]);
        assert_eq!((card.average, card.best), (Some(136.0 / 3.0), Some(72)));
        assert_eq!(card.trend.first_to_last, 60);
        assert!(
            (card.trend.slope - 30.0).abs() < 1e-4,
            "{}",
            card.trend.slope
        );
        assert_eq!(card.helped[0].id, "acknowledgment");
        assert_eq!((card.helped[0].total, card.helped[0].count), (16.0, 2));
        assert_eq!(card.helped.len(), 3);
        assert_eq!(card.hurt.len(), 1);
        assert_eq!(
            (card.hurt[0].id.as_str(), card.hurt[0].total),
            ("dismissal", -10.0)
        );
        assert!(card.counters.is_empty());
    }

    #[test]
    fn tips_name_faults_first_then_missing_moves_in_the_debate_language() {
        let kit = kit();
        let o = objection("o", Lang::Fr, 1, &[], 3);
        let (debate, _) = kit.play(&o, 1, &vec![dismissive(); 6]);
        let card = FinalCard::from_debate(&debate, &[], &kit.lines).unwrap();
        let tips = &kit.lines.get(Lang::Fr).tips;
        assert_eq!(
            card.tips,
            vec![
                tips.dismissal.clone(),
                tips.acknowledge.clone(),
                tips.explore.clone()
            ]
        );

        let o = objection("o", Lang::En, 1, &[], 3);
        let (debate, _) = kit.play(&o, 1, &vec![masterful(); 6]);
        let card = FinalCard::from_debate(&debate, &[], &kit.lines).unwrap();
        assert_eq!(
            card.tips,
            vec![kit.lines.get(Lang::En).tips.keep_going.clone()]
        );
    }

    #[test]
    fn suggests_approved_counters_closest_to_what_the_trainee_said() {
        let kit = kit();
        let mut o = objection("spam", Lang::En, 1, &["linkedin"], 3);
        let mut harder = objection("no-time", Lang::En, 3, &["linkedin"], 3);
        let mut other = objection("other", Lang::En, 3, &["linkedin"], 3);
        o.counters = vec![
            counter(
                "budget",
                "Budgets are tight everywhere; what would a pilot cost you?",
                CounterStatus::Approved,
                9,
            ),
            counter(
                "close",
                "Most cold messages are generic, so how do you decide which deserve a reply?",
                CounterStatus::Approved,
                0,
            ),
            counter("draft", ANSWERS[1], CounterStatus::Draft, 50),
        ];
        harder.counters = vec![counter(
            "time",
            "Protect your time: what happened the last time a vendor wasted it?",
            CounterStatus::Approved,
            1,
        )];
        other.counters = vec![counter("elsewhere", ANSWERS[0], CounterStatus::Approved, 3)];
        let (mut debate, mut rng) = kit.start(&o, 6, 3);
        for (i, (obj, esc)) in [(&o, Some(&harder)), (&o, Some(&harder)), (&harder, None)]
            .into_iter()
            .enumerate()
        {
            debate
                .answer(
                    ANSWERS[i + 1],
                    &empathetic(),
                    kit.ctx(obj, esc),
                    1,
                    &mut rng,
                )
                .unwrap();
        }
        assert_eq!(debate.state.escalated_to.as_deref(), Some("no-time"));
        assert_eq!(debate.outcome, Some(Outcome::Won));
        let library = [other, harder, o];
        let card = FinalCard::from_debate(&debate, &library, &kit.lines).unwrap();
        let ids: Vec<&str> = card.counters.iter().map(|c| c.id.as_str()).collect();
        // Drafts and other objections' counters are left out; the escalated
        // objection's count; the closest come first whatever their votes.
        assert_eq!(ids, ["time", "close", "budget"], "{:?}", card.counters);
        assert!(card.counters[1].similarity > card.counters[2].similarity);
    }
}
