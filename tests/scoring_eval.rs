//! Regression guards: on the labelled dev set, per language, Spearman stays
//! at or above 0.85 and the AUC of levels 4-5 against 1-2 at or above 0.97.
//! `extra.jsonl` holds 493 more answers to 89 other objections, written and
//! labelled by the scorer's author against the rubric (not by the coach who
//! labelled the dev set): it guards the wording the dev set does not cover.
//! `proxy.jsonl` holds 1,400 answers to 140 more objections, written blind (by
//! writers who saw only the rubric and the dev set, never the scorer) in the
//! dev set's style, as stand-ins for the held-out set. Each batch was scored
//! unseen before its misses shaped any rule, so it now guards against rules
//! that fit one batch and break the others. Both are also among the answers
//! `data/scoring/labelled.jsonl` fits the calibration on.
//! `heldout.jsonl` holds 3,350 answers to 335 more objections, written the
//! same blind way, whose lines were never read nor fitted on (only their
//! totals were looked at): the closest stand-in for the held-out set.

use objection_dojo::scoring::eval::{evaluate, EvalItem};
use objection_dojo::scoring::{Level, ScoreRequest, Scorer};
use objection_dojo::Lang;

const DEV: &str = include_str!("data/eval/dev.jsonl");
const EXTRA: &str = include_str!("data/eval/extra.jsonl");
const PROXY: &str = include_str!("data/eval/proxy.jsonl");
const HELDOUT: &str = include_str!("data/eval/heldout.jsonl");

#[derive(serde::Deserialize)]
struct Row {
    answer: String,
    objection: String,
    lang: Lang,
    label: u8,
}

fn items(jsonl: &str) -> Vec<EvalItem> {
    let scorer = Scorer::builtin().expect("the embedded scoring data loads");
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let row: Row = serde_json::from_str(l).expect("eval rows are valid");
            let card = scorer.score(&ScoreRequest {
                answer: &row.answer,
                objection: Some(&row.objection),
                lang: Some(row.lang),
                ..ScoreRequest::default()
            });
            EvalItem {
                lang: row.lang,
                label: Level::try_from(row.label).expect("labels are 1-5"),
                level: card.level,
                score: card.score,
            }
        })
        .collect()
}

fn assert_agreement(items: &[EvalItem], within_one: f64) {
    let report = evaluate(items);
    for lang in Lang::ALL {
        let m = &report.per_lang[&lang];
        let rho = m.spearman.expect("scores vary");
        let auc = m.auc.expect("both sides present");
        assert!(rho >= 0.85, "{lang}: Spearman {rho:.3}");
        assert!(auc >= 0.97, "{lang}: AUC {auc:.3}");
        assert!(
            m.within_one >= within_one,
            "{lang}: within one {:.3}",
            m.within_one
        );
    }
}

#[test]
fn dev_set_agreement_holds_per_language() {
    let items = items(DEV);
    assert_eq!(items.len(), 112);
    assert_agreement(&items, 0.9);
}

#[test]
fn extra_set_agreement_holds_per_language() {
    let items = items(EXTRA);
    assert_eq!(items.len(), 493);
    assert_agreement(&items, 0.9);
}

#[test]
fn proxy_set_agreement_holds_per_language() {
    let items = items(PROXY);
    assert_eq!(items.len(), 1400);
    assert_agreement(&items, 0.85);
}

#[test]
fn heldout_set_agreement_holds_per_language() {
    let items = items(HELDOUT);
    assert_eq!(items.len(), 3350);
    assert_agreement(&items, 0.85);
}
