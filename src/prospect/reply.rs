//! What the prospect says next: a pushback from the objection's own lines,
//! softer after a helpful answer and harder after a hurtful one, never the
//! same line twice in a debate; and which harder objection to escalate to.

use rand::seq::SliceRandom;
use rand::Rng;

use super::lines::ProspectLines;
use super::turn::Effect;
use crate::library::Objection;

/// At or above this resistance a neutral answer draws a hard pushback.
const HARD_AFTER_NEUTRAL: u8 = 50;

/// The next pushback, or `None` when every line has been said. Pools are
/// tried in order: the objection's preferred pool, its other pool, then the
/// stock lines in the same order.
pub(crate) fn next_pushback(
    objection: &Objection,
    stock: &ProspectLines,
    effect: Effect,
    resistance: u8,
    said: impl Fn(&str) -> bool,
    rng: &mut impl Rng,
) -> Option<String> {
    let soft_first = match effect {
        Effect::Helped => true,
        Effect::Hurt | Effect::Repeated => false,
        Effect::Neutral => resistance < HARD_AFTER_NEUTRAL,
    };
    let own = &objection.pushbacks;
    let pools = if soft_first {
        [&own.soft, &own.hard, &stock.soft, &stock.hard]
    } else {
        [&own.hard, &own.soft, &stock.hard, &stock.soft]
    };
    pools.into_iter().find_map(|pool| {
        let fresh: Vec<&String> = pool
            .iter()
            .filter(|line| !line.trim().is_empty() && !said(line))
            .collect();
        fresh.choose(rng).map(|line| line.to_string())
    })
}

/// A harder objection related to `current` to escalate to: same language,
/// higher difficulty, sharing at least one tag (case-insensitive). Drawn at
/// random among those that qualify.
pub fn pick_escalation<'a>(
    current: &Objection,
    library: &'a [Objection],
    rng: &mut impl Rng,
) -> Option<&'a Objection> {
    let shares_tag = |o: &Objection| {
        o.tags
            .iter()
            .any(|t| current.tags.iter().any(|c| c.eq_ignore_ascii_case(t)))
    };
    let candidates: Vec<&Objection> = library
        .iter()
        .filter(|o| {
            o.lang == current.lang
                && o.id != current.id
                && o.difficulty > current.difficulty
                && shares_tag(o)
        })
        .collect();
    candidates.choose(rng).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::prospect::testkit::objection;
    use crate::prospect::Lines;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    fn stock() -> ProspectLines {
        Lines::builtin().unwrap().get(Lang::En).prospect.clone()
    }

    #[test]
    fn helpful_answers_draw_soft_lines_and_hurtful_ones_hard_lines() {
        let o = objection("o", Lang::En, 1, &[], 3);
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let soft = next_pushback(&o, &stock(), Effect::Helped, 90, |_| false, &mut rng).unwrap();
        let hard = next_pushback(&o, &stock(), Effect::Hurt, 10, |_| false, &mut rng).unwrap();
        let calm = next_pushback(&o, &stock(), Effect::Neutral, 20, |_| false, &mut rng).unwrap();
        let tense = next_pushback(&o, &stock(), Effect::Neutral, 80, |_| false, &mut rng).unwrap();
        assert!(o.pushbacks.soft.contains(&soft) && o.pushbacks.soft.contains(&calm));
        assert!(o.pushbacks.hard.contains(&hard) && o.pushbacks.hard.contains(&tense));
    }

    #[test]
    fn exhausted_pools_fall_back_to_the_other_pool_then_stock_then_nothing() {
        let o = objection("o", Lang::En, 1, &[], 1);
        let stock = stock();
        let mut said: Vec<String> = Vec::new();
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        while let Some(line) = next_pushback(
            &o,
            &stock,
            Effect::Helped,
            0,
            |l| said.iter().any(|s| s == l),
            &mut rng,
        ) {
            assert!(!said.contains(&line), "repeated {line}");
            said.push(line);
        }
        assert_eq!(said[0], "o soft 1");
        assert_eq!(said[1], "o hard 1");
        assert!(stock.soft.contains(&said[2]));
        assert_eq!(said.len(), 2 + stock.soft.len() + stock.hard.len());
    }

    #[test]
    fn escalation_is_a_harder_related_objection_in_the_same_language() {
        let current = objection("spam", Lang::En, 1, &["LinkedIn"], 1);
        let library = vec![
            current.clone(),
            objection("same-level", Lang::En, 1, &["linkedin"], 1),
            objection("french", Lang::Fr, 3, &["linkedin"], 1),
            objection("unrelated", Lang::En, 3, &["price"], 1),
            objection("harder", Lang::En, 2, &["linkedin", "time"], 1),
        ];
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        for _ in 0..10 {
            let picked = pick_escalation(&current, &library, &mut rng).unwrap();
            assert_eq!(picked.id, "harder");
        }
        let top = objection("top", Lang::En, 3, &["linkedin"], 1);
        assert!(pick_escalation(&top, &library, &mut rng).is_none());
    }
}
