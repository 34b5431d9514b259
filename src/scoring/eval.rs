//! How well the scorer agrees with a coach's labels: Spearman correlation
//! (ties get average ranks), AUC of the good answers (levels 4-5) against
//! the poor ones (1-2) using the 0-100 score, exact and within-one level
//! agreement, and a confusion matrix; overall and per language. Pure math,
//! so `dojo eval` stays a thin reader and printer.

use std::collections::BTreeMap;

use serde::Serialize;

use super::card::Level;
use crate::lang::Lang;

/// One labelled answer and the scorer's verdict on it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvalItem {
    /// The answer's language.
    pub lang: Lang,
    /// The coach's level.
    pub label: Level,
    /// The scorer's level.
    pub level: Level,
    /// The scorer's 0-100 score.
    pub score: u8,
}

/// Agreement figures for one group of items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metrics {
    /// Number of items.
    pub n: usize,
    /// Spearman correlation of score and label (`None` without variation).
    pub spearman: Option<f64>,
    /// AUC of levels 4-5 against 1-2 (`None` if either side is empty).
    pub auc: Option<f64>,
    /// Share of items whose level equals the label.
    pub exact: f64,
    /// Share of items whose level is within one of the label.
    pub within_one: f64,
    /// `confusion[label-1][level-1]` counts.
    pub confusion: [[usize; 5]; 5],
}

/// Metrics overall and per language.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    /// Every item.
    pub overall: Metrics,
    /// Items of each language present.
    pub per_lang: BTreeMap<Lang, Metrics>,
}

/// Ranks from 1, ties sharing the average of the ranks they span.
pub fn average_ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i + 1;
        while j < order.len() && values[order[j]] == values[order[i]] {
            j += 1;
        }
        let avg = (i + j + 1) as f64 / 2.0;
        for &k in &order[i..j] {
            ranks[k] = avg;
        }
        i = j;
    }
    ranks
}

fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let (mx, my) = (
        x.iter().sum::<f64>() / n as f64,
        y.iter().sum::<f64>() / n as f64,
    );
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Spearman's rank correlation with average ranks for ties.
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&average_ranks(x), &average_ranks(y))
}

/// Probability that a random positive scores above a random negative (ties
/// count half), via the Mann-Whitney rank sum.
pub fn auc(positives: &[f64], negatives: &[f64]) -> Option<f64> {
    let (np, nn) = (positives.len() as f64, negatives.len() as f64);
    if positives.is_empty() || negatives.is_empty() {
        return None;
    }
    let all: Vec<f64> = positives.iter().chain(negatives).copied().collect();
    let ranks = average_ranks(&all);
    let rank_sum: f64 = ranks[..positives.len()].iter().sum();
    Some((rank_sum - np * (np + 1.0) / 2.0) / (np * nn))
}

/// All metrics for `items`.
pub fn metrics(items: &[EvalItem]) -> Metrics {
    let scores: Vec<f64> = items.iter().map(|i| f64::from(i.score)).collect();
    let labels: Vec<f64> = items.iter().map(|i| f64::from(i.label.number())).collect();
    let pick = |good: bool| -> Vec<f64> {
        items
            .iter()
            .filter(|i| {
                if good {
                    i.label >= Level::Empathetic
                } else {
                    i.label <= Level::Defensive
                }
            })
            .map(|i| f64::from(i.score))
            .collect()
    };
    let mut confusion = [[0usize; 5]; 5];
    let (mut exact, mut near) = (0usize, 0usize);
    for i in items {
        let (l, p) = (
            usize::from(i.label.number()) - 1,
            usize::from(i.level.number()) - 1,
        );
        confusion[l][p] += 1;
        exact += usize::from(l == p);
        near += usize::from(l.abs_diff(p) <= 1);
    }
    let share = |k: usize| {
        if items.is_empty() {
            0.0
        } else {
            k as f64 / items.len() as f64
        }
    };
    Metrics {
        n: items.len(),
        spearman: spearman(&scores, &labels),
        auc: auc(&pick(true), &pick(false)),
        exact: share(exact),
        within_one: share(near),
        confusion,
    }
}

/// Metrics overall and per language.
pub fn evaluate(items: &[EvalItem]) -> EvalReport {
    let mut per_lang = BTreeMap::new();
    for lang in Lang::ALL {
        let subset: Vec<EvalItem> = items.iter().filter(|i| i.lang == lang).copied().collect();
        if !subset.is_empty() {
            per_lang.insert(lang, metrics(&subset));
        }
    }
    EvalReport {
        overall: metrics(items),
        per_lang,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn ties_share_the_average_rank() {
        assert_eq!(
            average_ranks(&[10.0, 20.0, 10.0, 30.0]),
            vec![1.5, 3.0, 1.5, 4.0]
        );
    }

    #[test]
    fn spearman_matches_a_hand_computed_value() {
        // Ranks x: 1,2,3,4,5; y: 2,1,4,3,5. d^2 = 1+1+1+1+0 = 4.
        // rho = 1 - 6*4 / (5*24) = 0.8.
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0, 5.0], &[20.0, 10.0, 40.0, 30.0, 50.0]).unwrap();
        assert!(close(rho, 0.8), "{rho}");
        let inverse = spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]).unwrap();
        assert!(close(inverse, -1.0));
        assert_eq!(spearman(&[1.0, 1.0], &[1.0, 2.0]), None);
    }

    #[test]
    fn spearman_with_ties_uses_pearson_on_average_ranks() {
        // x ranks: 1.5,1.5,3,4 ; y ranks: 1,2,3,4.
        // mean 2.5 both; sxy = (-1)(-1.5)+(-1)(-0.5)+0.5*0.5+1.5*1.5 = 4.5
        // sxx = 1+1+0.25+2.25 = 4.5 ; syy = 5 -> 4.5/sqrt(22.5) = 0.948683...
        let rho = spearman(&[1.0, 1.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 4.0]).unwrap();
        assert!(close(rho, 4.5 / 22.5f64.sqrt()), "{rho}");
    }

    #[test]
    fn auc_counts_ties_as_half() {
        // Pairs: (3>1) (3>2) (2>1) (2=2 -> 0.5): 3.5 / 4.
        assert!(close(auc(&[3.0, 2.0], &[1.0, 2.0]).unwrap(), 0.875));
        assert!(close(auc(&[5.0], &[1.0, 2.0]).unwrap(), 1.0));
        assert!(close(auc(&[0.0], &[1.0]).unwrap(), 0.0));
        assert_eq!(auc(&[], &[1.0]), None);
    }

    #[test]
    fn agreement_and_confusion_count_levels() {
        let item = |label: u8, level: u8, score: u8| EvalItem {
            lang: Lang::En,
            label: Level::try_from(label).unwrap(),
            level: Level::try_from(level).unwrap(),
            score,
        };
        let items = [
            item(1, 1, 5),
            item(2, 3, 45),
            item(5, 3, 50),
            item(4, 4, 70),
        ];
        let m = metrics(&items);
        assert!(close(m.exact, 0.5));
        assert!(close(m.within_one, 0.75));
        assert_eq!(m.confusion[4][2], 1);
        assert_eq!(m.confusion[1][2], 1);
        // Positives 50, 70 against negatives 5, 45: all four pairs won.
        assert!(close(m.auc.unwrap(), 1.0));
        let report = evaluate(&items);
        assert_eq!(report.per_lang.len(), 1);
        assert_eq!(report.per_lang[&Lang::En].n, 4);
    }
}
