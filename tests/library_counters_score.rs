//! Every built-in counter-argument is a model answer: the scorer must rate
//! each one Empathetic (4) or Masterful (5) against its own objection.

use objection_dojo::library::builtin_objections;
use objection_dojo::scoring::{Level, ScoreRequest, Scorer};

#[test]
fn every_builtin_counter_scores_level_four_or_five() {
    let scorer = Scorer::builtin().expect("the embedded scorer loads");
    let mut weak = Vec::new();
    let mut scored = 0;
    for obj in builtin_objections().expect("the embedded library is valid") {
        for counter in &obj.counters {
            let card = scorer.score(&ScoreRequest {
                answer: &counter.text,
                objection: Some(&obj.text),
                key_concerns: &obj.key_concerns,
                lang: Some(obj.lang),
            });
            scored += 1;
            if card.level < Level::Empathetic {
                let cues: Vec<String> = card
                    .cues
                    .iter()
                    .map(|c| format!("{}({:+.1})", c.id, c.weight))
                    .collect();
                weak.push(format!(
                    "{}/{}: level {} score {} cues [{}]",
                    obj.id,
                    counter.id,
                    card.level.number(),
                    card.score,
                    cues.join(", ")
                ));
            }
        }
    }
    assert!(scored >= 48, "only {scored} counters scored");
    assert!(
        weak.is_empty(),
        "counters below level 4:\n{}",
        weak.join("\n")
    );
}
