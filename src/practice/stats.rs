//! A trainee's progress and the cohort's leaderboard, from their debates.
//! Every score is the effective one (a coach's override wins), and only
//! ended debates count: a live debate is not history yet.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::prospect::{Debate, Outcome};
use crate::scoring::Dimension;

/// Positive moves fired in fewer than this share of turns are "missed".
pub const MISSED_BELOW: f32 = 0.5;
/// Faults listed at most.
const TOP_FAULTS: usize = 5;
/// The moves a coach wants in every answer.
const MOVES: [Dimension; 4] = [
    Dimension::Acknowledgment,
    Dimension::Concession,
    Dimension::Exploration,
    Dimension::Reframe,
];

/// How often a positive move showed up in the trainee's answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionRate {
    /// The move.
    pub dimension: Dimension,
    /// Share of turns where it fired, 0 to 1.
    pub rate: f32,
}

/// How often a negative cue fired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CueCount {
    /// The scorer's cue id.
    pub id: String,
    /// Its dimension.
    pub dimension: Dimension,
    /// Turns it fired in.
    pub count: u32,
}

/// One trainee's statistics. A debate's score is its turns' mean.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraineeStats {
    /// The trainee.
    pub trainee: String,
    /// Ended debates.
    pub debates: u32,
    /// Debates where the prospect agreed to a meeting.
    pub won: u32,
    /// Debates where the prospect hung up.
    pub lost: u32,
    /// Debates the trainee left.
    pub abandoned: u32,
    /// `won / debates` (`None` without debates).
    pub win_rate: Option<f32>,
    /// Mean debate score over the debates with at least one answer.
    pub average: Option<f32>,
    /// Best debate score.
    pub best: Option<f32>,
    /// The first debate's score.
    pub first: Option<f32>,
    /// `best - first`.
    pub improvement: Option<f32>,
    /// Positive moves used in under half the turns, rarest first.
    pub missed: Vec<DimensionRate>,
    /// Negative cues that fired most, most frequent first.
    pub faults: Vec<CueCount>,
    /// Ended debates per language.
    pub per_lang: BTreeMap<Lang, u32>,
}

/// `trainee`'s statistics over `debates` (others' debates are ignored, so a
/// guild's whole history may be passed).
pub fn trainee_stats(debates: &[Debate], trainee: &str) -> TraineeStats {
    stats_of(
        trainee,
        debates.iter().filter(|d| d.trainee == trainee).collect(),
    )
}

/// Statistics over `mine`, one trainee's debates.
fn stats_of(trainee: &str, mut mine: Vec<&Debate>) -> TraineeStats {
    mine.retain(|d| d.is_over());
    mine.sort_by_key(|d| d.started_at);
    let count = |o: Outcome| count_u32(mine.iter().filter(|d| d.outcome == Some(o)).count());
    let scores: Vec<f32> = mine.iter().filter_map(|d| d.average_score()).collect();
    let first = scores.first().copied();
    let best = scores.iter().copied().reduce(f32::max);
    let mut per_lang = BTreeMap::new();
    for d in &mine {
        *per_lang.entry(d.lang).or_insert(0) += 1;
    }
    let n = mine.len();
    TraineeStats {
        trainee: trainee.to_string(),
        debates: count_u32(n),
        won: count(Outcome::Won),
        lost: count(Outcome::Lost),
        abandoned: count(Outcome::Abandoned),
        win_rate: (n > 0).then(|| count(Outcome::Won) as f32 / n as f32),
        average: mean(&scores),
        best,
        first,
        improvement: best.zip(first).map(|(b, f)| b - f),
        missed: missed_moves(&mine),
        faults: faults(&mine),
        per_lang,
    }
}

/// The positive moves fired in fewer than [`MISSED_BELOW`] of the turns.
fn missed_moves(debates: &[&Debate]) -> Vec<DimensionRate> {
    let turns: Vec<_> = debates.iter().flat_map(|d| &d.turns).collect();
    if turns.is_empty() {
        return Vec::new();
    }
    let mut missed: Vec<DimensionRate> = MOVES
        .iter()
        .map(|&dimension| {
            let with = turns.iter().filter(|t| t.has(dimension)).count();
            let rate = with as f32 / turns.len() as f32;
            DimensionRate { dimension, rate }
        })
        .filter(|r| r.rate < MISSED_BELOW)
        .collect();
    missed.sort_by(|a, b| a.rate.total_cmp(&b.rate));
    missed
}

/// Negative cues by the number of turns they fired in.
fn faults(debates: &[&Debate]) -> Vec<CueCount> {
    let mut counts: BTreeMap<&str, CueCount> = BTreeMap::new();
    for turn in debates.iter().flat_map(|d| &d.turns) {
        // Once per turn, however often it fired in it.
        let negative: BTreeMap<&str, Dimension> = turn
            .cues
            .iter()
            .filter(|c| c.weight < 0.0)
            .map(|c| (c.id.as_str(), c.dimension))
            .collect();
        for (id, dimension) in negative {
            let entry = counts.entry(id).or_insert_with(|| CueCount {
                id: id.to_string(),
                dimension,
                count: 0,
            });
            entry.count += 1;
        }
    }
    let mut faults: Vec<CueCount> = counts.into_values().collect();
    faults.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.id.cmp(&b.id)));
    faults.truncate(TOP_FAULTS);
    faults
}

/// What the leaderboard ranks by first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ranking {
    /// Best minus first debate score, then average.
    Improvement,
    /// Average debate score, then improvement.
    Average,
}

/// One trainee on the leaderboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LeaderRow {
    /// 1 for the top row.
    pub rank: u32,
    /// The trainee.
    pub trainee: String,
    /// Ended debates in the period.
    pub debates: u32,
    /// Mean debate score.
    pub average: f32,
    /// Best debate score.
    pub best: f32,
    /// Best minus first debate score, within the period.
    pub improvement: f32,
    /// Share of debates won.
    pub win_rate: f32,
}

/// The cohort ranked by improvement, then average, over the debates started
/// at or after `since` (all if `None`). Trainees who never answered are left out.
pub fn leaderboard(debates: &[Debate], since: Option<u64>) -> Vec<LeaderRow> {
    leaderboard_by(debates, since, Ranking::Improvement)
}

/// The cohort ranked by `ranking`; ties go by the other measure, then name.
pub fn leaderboard_by(debates: &[Debate], since: Option<u64>, ranking: Ranking) -> Vec<LeaderRow> {
    let mut by_trainee: BTreeMap<&str, Vec<&Debate>> = BTreeMap::new();
    for d in debates
        .iter()
        .filter(|d| since.map_or(true, |s| d.started_at >= s))
    {
        by_trainee.entry(d.trainee.as_str()).or_default().push(d);
    }
    let mut rows: Vec<LeaderRow> = by_trainee
        .into_iter()
        .map(|(trainee, mine)| stats_of(trainee, mine))
        .filter_map(row)
        .collect();
    rows.sort_by(|a, b| {
        let (first, second) = match ranking {
            Ranking::Improvement => (
                b.improvement.total_cmp(&a.improvement),
                b.average.total_cmp(&a.average),
            ),
            Ranking::Average => (
                b.average.total_cmp(&a.average),
                b.improvement.total_cmp(&a.improvement),
            ),
        };
        first.then(second).then_with(|| a.trainee.cmp(&b.trainee))
    });
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = count_u32(i + 1);
    }
    rows
}

fn row(stats: TraineeStats) -> Option<LeaderRow> {
    Some(LeaderRow {
        rank: 0,
        average: stats.average?,
        best: stats.best?,
        improvement: stats.improvement?,
        win_rate: stats.win_rate?,
        debates: stats.debates,
        trainee: stats.trainee,
    })
}

fn mean(values: &[f32]) -> Option<f32> {
    (!values.is_empty()).then(|| values.iter().sum::<f32>() / values.len() as f32)
}

fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prospect::testkit::{
        card, dismissive, empathetic, hollow, kit, masterful, objection,
    };
    use crate::scoring::ScoreCard;

    /// An ended debate by `trainee`, started at `at`, answered with `cards`.
    fn debate(trainee: &str, lang: Lang, at: u64, cards: &[ScoreCard]) -> Debate {
        let kit = kit();
        let o = objection("o", lang, 1, &[], 3);
        let (mut d, _) = kit.play(&o, at, cards);
        d.trainee = trainee.into();
        d.started_at = at;
        if !d.is_over() {
            d.abandon(at + 1).unwrap();
        }
        d
    }

    #[test]
    fn stats_add_up_over_ended_debates_with_overrides() {
        // Card scores: level × 20 − 8, so 12, 52, 72, 92.
        let mut first = debate("ana", Lang::En, 10, &[dismissive(), hollow()]);
        first.override_turn(1, 32, None).unwrap(); // first debate: (12 + 32) / 2 = 22
        let won = debate("ana", Lang::Fr, 20, &vec![masterful(); 6]); // 92
        let lost = debate("ana", Lang::En, 30, &vec![dismissive(); 6]); // 12
        let (kit, o) = (kit(), objection("o", Lang::En, 1, &[], 3));
        let (live, _) = kit.play(&o, 40, &[hollow()]);
        let others = debate("ben", Lang::En, 5, &[empathetic()]);
        let all = [lost, others, won, live, first];

        let s = trainee_stats(&all, "ana");
        assert_eq!((s.debates, s.won, s.lost, s.abandoned), (3, 1, 1, 1));
        assert_eq!(s.win_rate, Some(1.0 / 3.0));
        assert_eq!(s.first, Some(22.0));
        assert_eq!(s.best, Some(92.0));
        assert_eq!(s.improvement, Some(70.0));
        assert_eq!(s.average, Some((22.0 + 92.0 + 12.0) / 3.0));
        assert_eq!(s.per_lang, BTreeMap::from([(Lang::En, 2), (Lang::Fr, 1)]));

        let nobody = trainee_stats(&all, "zoe");
        assert_eq!(
            (nobody.debates, nobody.win_rate, nobody.improvement),
            (0, None, None)
        );
        assert!(nobody.missed.is_empty() && nobody.faults.is_empty());
    }

    #[test]
    fn missed_moves_and_faults_point_at_what_to_practise() {
        let defensive = card(
            2,
            &[
                Dimension::Acknowledgment,
                Dimension::Defensiveness,
                Dimension::Defensiveness,
            ],
        );
        let d1 = debate(
            "ana",
            Lang::En,
            1,
            &[defensive.clone(), defensive, empathetic()],
        );
        let d2 = debate("ana", Lang::En, 2, &[dismissive()]);
        let s = trainee_stats(&[d1, d2], "ana");
        // 4 turns: acknowledgment in 3, exploration in 1, concession and reframe in none.
        let missed: Vec<(Dimension, f32)> =
            s.missed.iter().map(|r| (r.dimension, r.rate)).collect();
        assert_eq!(
            missed,
            [
                (Dimension::Concession, 0.0),
                (Dimension::Reframe, 0.0),
                (Dimension::Exploration, 0.25)
            ]
        );
        let faults: Vec<(&str, u32)> = s.faults.iter().map(|c| (c.id.as_str(), c.count)).collect();
        assert_eq!(faults, [("defensiveness", 2), ("dismissal", 1)]);
    }

    #[test]
    fn the_leaderboard_ranks_by_improvement_or_average_within_the_period() {
        let all = [
            // ana: 12 then 92, improvement 80, average 52.
            debate("ana", Lang::En, 100, &vec![dismissive(); 6]),
            debate("ana", Lang::En, 200, &vec![masterful(); 6]),
            // ben: 72 then 72, improvement 0, average 72.
            debate("ben", Lang::En, 100, &[empathetic()]),
            debate("ben", Lang::En, 200, &[empathetic()]),
            // cid: one old debate only, and one with no answer.
            debate("cid", Lang::En, 10, &[masterful()]),
            debate("dan", Lang::En, 150, &[]),
        ];
        let names = |rows: &[LeaderRow]| rows.iter().map(|r| r.trainee.clone()).collect::<Vec<_>>();

        let by_gain = leaderboard(&all, None);
        // ben and cid tie on improvement (0): the better average goes first.
        assert_eq!(names(&by_gain), ["ana", "cid", "ben"], "dan never answered");
        assert_eq!(
            (by_gain[0].rank, by_gain[0].improvement, by_gain[0].average),
            (1, 80.0, 52.0)
        );
        assert_eq!(by_gain[0].win_rate, 0.5);

        let by_average = leaderboard_by(&all, None, Ranking::Average);
        assert_eq!(names(&by_average), ["cid", "ben", "ana"]);
        assert_eq!(
            by_average.iter().map(|r| r.rank).collect::<Vec<_>>(),
            [1, 2, 3]
        );

        let recent = leaderboard(&all, Some(150));
        assert_eq!(names(&recent), ["ana", "ben"]);
        assert_eq!(
            recent[0].improvement, 0.0,
            "only the debate since 150 counts"
        );
        assert_eq!(recent[0].average, 92.0);
        assert_eq!(recent[0].rank, 1, "ties on improvement go by average");
    }
}
