//! Turns phrase matches into cues: checks each family's scope (questions or
//! statements; positions are checked by the matcher), and lets a
//! negator in the same clause cancel a negatable cue ("I don't understand why
//! you'd ask" is no acknowledgment) or turn it into another ("I don't agree"
//! is a contradiction).

use super::cue::{Ctx, Cue, CueId};
use super::lexicon::{PatKind, Role, Scope};
use super::matcher::Hit;

/// Matches that feed the structural steps rather than firing directly.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub cues: Vec<Cue>,
    /// "but"-like words, and whether each is a "yes, but" by itself.
    pub contrasts: Vec<(Hit, bool)>,
    /// Question words with their weight.
    pub question_words: Vec<(Hit, f32)>,
    pub numbers: Vec<Hit>,
    pub choices: Vec<Hit>,
}

/// Negators split by side, in text order.
struct Negators {
    before: Vec<Hit>,
    after: Vec<Hit>,
}

impl Negators {
    fn new(ctx: &Ctx<'_>) -> Negators {
        let mut n = Negators {
            before: Vec::new(),
            after: Vec::new(),
        };
        for h in ctx.hits {
            match ctx.rules.patterns.get(h.pat).map(|p| p.kind) {
                Some(PatKind::NegBefore) => n.before.push(*h),
                Some(PatKind::NegAfter) => n.after.push(*h),
                Some(PatKind::NegBoth) => {
                    n.before.push(*h);
                    n.after.push(*h);
                }
                _ => {}
            }
        }
        n
    }

    /// A negator ends within the window before `h`, or (French "pas") just
    /// after it, in the same clause.
    fn negates(&self, ctx: &Ctx<'_>, h: &Hit) -> bool {
        let seg = ctx.seg;
        let first = seg.token_at(h.start);
        let Some(clause) = seg.tokens.get(first).map(|t| t.clause) else {
            return false;
        };
        let idx = self.before.partition_point(|n| n.end <= h.start);
        let before = self.before[..idx].iter().rev().take(4).any(|n| {
            let n_end = seg.token_end_at(n.end);
            let same = n_end
                .checked_sub(1)
                .and_then(|i| seg.tokens.get(i))
                .is_some_and(|t| t.clause == clause);
            same && first.saturating_sub(n_end) <= ctx.rules.neg_window
        });
        if before {
            return true;
        }
        let last_end = seg.token_end_at(h.end);
        let idx = self.after.partition_point(|n| n.start < h.end);
        self.after.get(idx).is_some_and(|n| {
            let n_first = seg.token_at(n.start);
            let same = seg.tokens.get(n_first).is_some_and(|t| t.clause == clause);
            same && n_first.saturating_sub(last_end) < ctx.rules.neg_after_window.max(1)
                && ctx.rules.neg_after_window > 0
        })
    }
}

/// Sorts every match into cues and structural material.
pub(crate) fn collect(ctx: &Ctx<'_>) -> Found {
    let negators = Negators::new(ctx);
    let mut found = Found::default();
    for h in ctx.hits {
        let Some((f, role)) = ctx.family_of(h) else {
            continue;
        };
        let family = &ctx.rules.families[f];
        let pattern = &ctx.rules.patterns[h.pat];
        let weight = pattern.weight;
        let sentence = ctx.seg.sentence_of(h.start);
        let in_question = ctx.questions.get(sentence).copied().unwrap_or(false);
        let scope_ok = match pattern.scope {
            Scope::Any => true,
            Scope::Question => in_question,
            Scope::Statement => !in_question,
        };
        if !scope_ok {
            continue;
        }
        match role {
            Role::Mask => {}
            Role::Contrast => found.contrasts.push((*h, family.standalone)),
            Role::QuestionWord => found.question_words.push((*h, weight)),
            Role::Number => found.numbers.push(*h),
            Role::Choice => found.choices.push(*h),
            Role::Cue => {
                let mut fam = f;
                let mut w = weight;
                if family.negatable && negators.negates(ctx, h) {
                    match family.negated_as {
                        Some(target) => {
                            fam = target;
                            w = ctx.rules.families[target].weight;
                        }
                        None => continue,
                    }
                }
                let fam_ref = &ctx.rules.families[fam];
                found.cues.push(Cue {
                    id: CueId::Family(fam),
                    dim: fam_ref.dimension,
                    weight: w,
                    norm: (h.start, h.end),
                    orig: ctx.norm.original(h.start, h.end),
                    sentence,
                    empathy: fam_ref.empathy,
                });
            }
        }
    }
    found
}
