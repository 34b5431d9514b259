//! Which objection a trainee should face next: spaced repetition over their
//! past debates, so badly handled objections come back soon and well handled
//! ones on growing intervals, with unseen objections mixed in.
//!
//! Intervals are in wall-clock time, not in debates, so a trainee who pauses
//! for a week comes back to what is due, not to where they stopped.
//! - Failed last time (average below [`PASS_SCORE`], or the prospect hung
//!   up): due again [`RETRY_AFTER_MS`] after that debate.
//! - Passed `n` times in a row: due [`INTERVAL_DAYS`]`[n - 1]` days after the
//!   last debate (1, 3, 7, 14, then 30 days).
//! - Every [`NEW_EVERY`]th debate in a language is an unseen objection, when
//!   one is left (easiest first); unseen ones also fill in when nothing is due.

use std::collections::BTreeMap;

use rand::seq::SliceRandom;
use rand::Rng;

use super::summary::DebateSummary;
use crate::lang::Lang;
use crate::library::Objection;
use crate::prospect::Outcome;

/// The average score a debate needs for its objection to count as handled.
pub const PASS_SCORE: f32 = 60.0;
/// How soon a badly handled objection comes back.
pub const RETRY_AFTER_MS: u64 = 10 * 60 * 1000;
/// Intervals after 1, 2, 3... passes in a row, in days.
pub const INTERVAL_DAYS: [u64; 5] = [1, 3, 7, 14, 30];
/// One debate in this many is a new objection.
pub const NEW_EVERY: usize = 3;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Whether a debate counts as a success for scheduling.
pub fn passed(summary: &DebateSummary) -> bool {
    summary.avg_score >= PASS_SCORE && summary.outcome != Some(Outcome::Lost)
}

/// When an objection is due again, from its past debates in any order
/// (`None` if it was never debated).
pub fn due_at(history: &[&DebateSummary]) -> Option<u64> {
    let mut runs: Vec<&DebateSummary> = history.to_vec();
    runs.sort_by_key(|s| s.ended_at);
    let last = runs.last()?;
    let streak = runs.iter().rev().take_while(|s| passed(s)).count();
    let wait = match streak.checked_sub(1) {
        None => RETRY_AFTER_MS,
        Some(i) => INTERVAL_DAYS[i.min(INTERVAL_DAYS.len() - 1)] * DAY_MS,
    };
    Some(last.ended_at.saturating_add(wait))
}

/// The objection in `lang` the trainee with `history` should debate next
/// (`None` if the library has none in that language). Deterministic given
/// `now` and the RNG.
pub fn next_objection<'a>(
    library: &'a [Objection],
    history: &[DebateSummary],
    lang: Lang,
    now: u64,
    rng: &mut impl Rng,
) -> Option<&'a Objection> {
    let mut past: BTreeMap<&str, Vec<&DebateSummary>> = BTreeMap::new();
    for summary in history.iter().filter(|s| s.lang == lang) {
        past.entry(summary.objection_id.as_str())
            .or_default()
            .push(summary);
    }
    let pool: Vec<&Objection> = library.iter().filter(|o| o.lang == lang).collect();
    let unseen: Vec<&Objection> = pool
        .iter()
        .copied()
        .filter(|o| !past.contains_key(o.id.as_str()))
        .collect();
    let done: usize = pool
        .iter()
        .filter_map(|o| past.get(o.id.as_str()))
        .map(Vec::len)
        .sum();
    if (done + 1) % NEW_EVERY == 0 {
        if let Some(new) = easiest(&unseen, rng) {
            return Some(new);
        }
    }
    let mut seen: Vec<(u64, &Objection)> = pool
        .iter()
        .filter_map(|o| Some((due_at(past.get(o.id.as_str())?)?, *o)))
        .collect();
    seen.sort_by(|(da, a), (db, b)| da.cmp(db).then_with(|| a.id.cmp(&b.id)));
    let overdue = seen.first().filter(|(due, _)| *due <= now).map(|(_, o)| *o);
    // Nothing due: something new, else whatever comes due soonest.
    overdue
        .or_else(|| easiest(&unseen, rng))
        .or_else(|| seen.first().map(|(_, o)| *o))
}

/// One of the lowest-difficulty objections of `objections`, at random.
fn easiest<'a>(objections: &[&'a Objection], rng: &mut impl Rng) -> Option<&'a Objection> {
    let lowest = objections.iter().map(|o| o.difficulty).min()?;
    let easiest: Vec<&Objection> = objections
        .iter()
        .copied()
        .filter(|o| o.difficulty == lowest)
        .collect();
    easiest.choose(rng).copied()
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    use super::*;
    use crate::prospect::testkit::objection;

    const T0: u64 = 1_700_000_000_000;
    const HOUR: u64 = 60 * 60 * 1000;

    fn run(id: &str, lang: Lang, score: f32, outcome: Outcome, ended_at: u64) -> DebateSummary {
        DebateSummary {
            objection_id: id.into(),
            lang,
            avg_score: score,
            outcome: Some(outcome),
            ended_at,
        }
    }

    fn next<'a>(
        library: &'a [Objection],
        history: &[DebateSummary],
        lang: Lang,
        now: u64,
    ) -> &'a str {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        next_objection(library, history, lang, now, &mut rng).map_or("-", |o| o.id.as_str())
    }

    #[test]
    fn intervals_grow_with_each_pass_and_reset_on_a_failure() {
        let good = |t| run("a", Lang::En, 80.0, Outcome::Won, t);
        let h: Vec<DebateSummary> = (0..7).map(|i| good(T0 + i)).collect();
        let due = |runs: &[DebateSummary]| due_at(&runs.iter().collect::<Vec<_>>()).unwrap();
        let days: Vec<u64> = (1..=7)
            .map(|n| (due(&h[..n]) - h[n - 1].ended_at) / DAY_MS)
            .collect();
        assert_eq!(days, [1, 3, 7, 14, 30, 30, 30]);

        let mut h = h;
        h.push(run("a", Lang::En, 40.0, Outcome::Abandoned, T0 + 100));
        assert_eq!(due(&h), T0 + 100 + RETRY_AFTER_MS);
        h.push(good(T0 + 200));
        assert_eq!(
            due(&h),
            T0 + 200 + DAY_MS,
            "the streak restarts after a failure"
        );
        // A high average does not count as a pass if the prospect hung up.
        h.push(run("a", Lang::En, 75.0, Outcome::Lost, T0 + 300));
        assert_eq!(due(&h), T0 + 300 + RETRY_AFTER_MS);
        assert_eq!(due_at(&[]), None);
    }

    #[test]
    fn a_badly_handled_objection_comes_back_before_a_well_handled_one() {
        let library = [
            objection("good", Lang::En, 1, &[], 1),
            objection("bad", Lang::En, 1, &[], 1),
        ];
        let history = [
            run("bad", Lang::En, 35.0, Outcome::Lost, T0),
            run("good", Lang::En, 85.0, Outcome::Won, T0),
        ];
        assert_eq!(next(&library, &history, Lang::En, T0 + HOUR), "bad");
        // Both due: the one due longest comes first.
        assert_eq!(next(&library, &history, Lang::En, T0 + 3 * DAY_MS), "bad");
        // The bad one was redone well: now the other is due first.
        let mut history = history.to_vec();
        history.push(run("bad", Lang::En, 90.0, Outcome::Won, T0 + HOUR));
        assert_eq!(next(&library, &history, Lang::En, T0 + 2 * DAY_MS), "good");
        // Nothing due and nothing new: the soonest due, to practise ahead.
        assert_eq!(next(&library, &history, Lang::En, T0 + 2 * HOUR), "good");
    }

    #[test]
    fn every_third_debate_is_a_new_objection_easiest_first() {
        let library = [
            objection("seen-1", Lang::En, 1, &[], 1),
            objection("seen-2", Lang::En, 1, &[], 1),
            objection("new-hard", Lang::En, 3, &[], 1),
            objection("new-easy", Lang::En, 2, &[], 1),
        ];
        let mut history = vec![run("seen-1", Lang::En, 20.0, Outcome::Lost, T0)];
        let later = T0 + DAY_MS;
        assert_eq!(
            next(&library, &history, Lang::En, later),
            "seen-1",
            "second debate: due one"
        );
        history.push(run("seen-2", Lang::En, 20.0, Outcome::Lost, T0));
        assert_eq!(
            next(&library, &history, Lang::En, later),
            "new-easy",
            "third debate: new"
        );
        history.push(run("seen-1", Lang::En, 20.0, Outcome::Lost, T0 + 1));
        assert_eq!(next(&library, &history, Lang::En, later), "seen-2");
        assert_eq!(
            next(&library[2..], &[], Lang::En, T0),
            "new-easy",
            "nothing due: new"
        );
    }

    #[test]
    fn the_trainee_language_is_respected() {
        let library = [
            objection("en-1", Lang::En, 1, &[], 1),
            objection("fr-1", Lang::Fr, 1, &[], 1),
            objection("fr-2", Lang::Fr, 1, &[], 1),
        ];
        // Two English debates do not make the next French one "every third".
        let history = [
            run("en-1", Lang::En, 20.0, Outcome::Lost, T0),
            run("en-1", Lang::En, 20.0, Outcome::Lost, T0 + 1),
            run("fr-1", Lang::Fr, 20.0, Outcome::Lost, T0),
        ];
        assert_eq!(next(&library, &history, Lang::Fr, T0 + DAY_MS), "fr-1");
        assert_eq!(next(&library, &history, Lang::En, T0 + DAY_MS), "en-1");
        let english_only = &library[..1];
        assert_eq!(next(english_only, &history, Lang::Fr, T0), "-");
    }

    #[test]
    fn picks_are_deterministic_per_seed_and_vary_across_seeds() {
        let library: Vec<Objection> = (0..6)
            .map(|i| objection(&format!("o{i}"), Lang::En, 1, &[], 1))
            .collect();
        let pick = |seed| {
            let mut rng = ChaCha8Rng::seed_from_u64(seed);
            next_objection(&library, &[], Lang::En, T0, &mut rng).map(|o| o.id.clone())
        };
        assert_eq!(pick(5), pick(5));
        let distinct: std::collections::BTreeSet<_> = (0..20).map(pick).collect();
        assert!(distinct.len() > 1, "new objections are drawn at random");
    }
}
