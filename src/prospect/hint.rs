//! The *Hint* button: one short coaching line for the next answer, built from
//! what the last answer missed and the objection's key concerns.

use std::collections::BTreeSet;

use super::data::fill;
use super::debate::Debate;
use super::lines::{Hints, Lines};
use super::text::word_set;
use super::turn::{Effect, Turn};
use crate::library::Objection;
use crate::scoring::{Dimension, Level};

impl Debate {
    /// A coaching hint in the debate's language for answering `objection`
    /// (pass the current one, see [`Debate::current_objection_id`]). After a
    /// weak answer it adds the objection's model answer, if the library has one.
    pub fn hint(&self, objection: &Objection, lines: &Lines) -> String {
        let hints = &lines.get(self.lang).hints;
        let last = self.turns.last();
        let concern = self.open_concern(objection);
        let hint = fill(template(hints, last), &[("concern", concern)]);
        let weak = last.is_some_and(|t| t.level <= Level::Neutral);
        let example = [Level::Empathetic, Level::Masterful]
            .iter()
            .find_map(|l| objection.examples.get(&l.number()));
        match example {
            Some(example) if weak => {
                let example = fill(&hints.example, &[("example", example)]);
                format!("{hint} {example}")
            }
            _ => hint,
        }
    }

    /// The first key concern no answer has touched yet (else the first one,
    /// else the objection itself).
    fn open_concern<'a>(&self, objection: &'a Objection) -> &'a str {
        let said: BTreeSet<String> = self
            .turns
            .iter()
            .flat_map(|t| word_set(&t.answer, self.lang))
            .collect();
        let untouched = objection.key_concerns.iter().find(|c| {
            let concern = word_set(c, self.lang);
            concern.is_disjoint(&said)
        });
        untouched
            .or(objection.key_concerns.first())
            .map_or(objection.text.as_str(), String::as_str)
    }
}

/// The hint for what the last answer missed most.
fn template<'a>(hints: &'a Hints, last: Option<&Turn>) -> &'a str {
    let Some(turn) = last else {
        return &hints.start;
    };
    if turn.effect == Effect::Repeated {
        &hints.fresh
    } else if turn.effect == Effect::Hurt {
        &hints.calm
    } else if !turn.has(Dimension::Acknowledgment) && !turn.has(Dimension::Concession) {
        &hints.acknowledge
    } else if !turn.has(Dimension::Reframe) && turn.has(Dimension::Exploration) {
        &hints.reframe
    } else {
        &hints.explore
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::prospect::testkit::{card, dismissive, empathetic, hollow, kit, objection};
    use crate::prospect::Lines;
    use crate::scoring::{Dimension, ScoreCard};

    /// The hint after answering `answers`, scored as `cards`.
    fn after(lang: Lang, cards: &[ScoreCard], answers: &[&str]) -> (String, Lines) {
        let kit = kit();
        let mut o = objection("o", lang, 1, &[], 3);
        o.examples.insert(4, "model answer".into());
        let (mut debate, mut rng) = kit.start(&o, 6, 1);
        for (c, a) in cards.iter().zip(answers) {
            debate.answer(a, c, kit.ctx(&o, None), 1, &mut rng).unwrap();
        }
        (debate.hint(&o, &kit.lines), kit.lines)
    }

    #[test]
    fn the_first_hint_points_at_the_first_concern() {
        let (hint, lines) = after(Lang::En, &[], &[]);
        let expected = lines
            .get(Lang::En)
            .hints
            .start
            .replace("{concern}", "wasted time");
        assert_eq!(hint, expected);
    }

    #[test]
    fn hints_follow_what_the_last_answer_missed_and_skip_touched_concerns() {
        let (hint, lines) = after(Lang::En, &[hollow()], &["I see, time matters"]);
        let h = &lines.get(Lang::En).hints;
        // Acknowledged without exploring; "time" was touched, so the next concern.
        let explore = h.explore.replace("{concern}", "spam");
        assert!(hint.starts_with(&explore), "{hint}");
        assert!(
            hint.ends_with("\"model answer\""),
            "a weak answer earns the example: {hint}"
        );

        let (hint, _) = after(Lang::En, &[dismissive()], &["nonsense"]);
        assert!(
            hint.starts_with(&h.calm.replace("{concern}", "wasted time")),
            "{hint}"
        );

        let no_ack = card(4, &[Dimension::Exploration]);
        let (hint, _) = after(Lang::En, &[no_ack], &["what do you mean?"]);
        assert!(hint.starts_with(&h.acknowledge[..20]), "{hint}");

        let (hint, _) = after(
            Lang::En,
            &[empathetic()],
            &["I hear you, what worries you?"],
        );
        assert!(
            hint.starts_with(&h.reframe[..20]) && !hint.contains("model answer"),
            "{hint}"
        );
    }

    #[test]
    fn hints_speak_the_debate_language() {
        let (hint, lines) = after(Lang::Fr, &[hollow(), hollow()], &["oui", "oui"]);
        assert!(hint.starts_with(&lines.get(Lang::Fr).hints.fresh), "{hint}");
    }
}
