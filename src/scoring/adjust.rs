//! The rules that change cues already found: "but" erasing the
//! acknowledgment before it, empathy that only leads into a pitch or a
//! rebuttal, and empathy phrases stuffed without substance (ten "I
//! understand" never beat one real acknowledgment and a question).

use super::card::Dimension;
use super::cue::{Ctx, Cue, CueId, Structural};
use super::lexical::Found;
use super::matcher::Hit;

/// True if an open question follows the contrast in its own sentence
/// ("I see, but what exactly worries you?" still explores).
fn opens_after(ctx: &Ctx<'_>, found: &Found, h: &Hit, sentence: usize) -> bool {
    ctx.questions.get(sentence).copied().unwrap_or(false)
        && found.question_words.iter().any(|(q, w)| {
            q.start >= h.end
                && ctx.seg.sentence_of(q.start) == sentence
                && *w >= ctx.rubric.questions.open_min
        })
}

/// True if a real concession comes before the contrast.
fn conceded_before(found: &Found, h: &Hit) -> bool {
    found
        .cues
        .iter()
        .any(|c| c.dim == Dimension::Concession && c.weight > 0.0 && c.norm.0 < h.start)
}

/// True if `c` brings evidence rather than a rebuttal: an example or a
/// distinction, or, after a real concession, a figure ("True, we're not the
/// cheapest. But the gap is eight weeks of coaching": the concession stands
/// and the contrast brings the substance).
fn is_evidence(c: &Cue, conceded: bool) -> bool {
    let figure = conceded && c.id == CueId::Structural(Structural::EvidenceNumber);
    let family = matches!(c.id, CueId::Family(_)) && c.weight >= 0.8;
    c.dim == Dimension::Reframe && (family || figure)
}

/// True if the contrast's own sentence brings evidence after it, and
/// nothing hostile ("You're right, it costs more. However, one client
/// recovered it in six weeks").
fn evidence_after(ctx: &Ctx<'_>, found: &Found, h: &Hit, sentence: usize) -> bool {
    let conceded = conceded_before(found, h);
    let evidence = found
        .cues
        .iter()
        .filter(|c| c.sentence == sentence && c.norm.0 >= h.end)
        .any(|c| is_evidence(c, conceded));
    evidence && !ctx.sentence_is_negative(&found.cues, sentence)
}

/// True if the contrast pivots to a full answer rather than a rebuttal:
/// evidence and an open question come after it, in any sentence, and
/// nothing hostile ("It's real. But there's a useful distinction: …
/// What…?"). Defensive "yes, but" answers in the labelled sets never ask one.
fn pivots(ctx: &Ctx<'_>, found: &Found, h: &Hit) -> bool {
    let conceded = conceded_before(found, h);
    let (mut opens, mut evidence) = (false, false);
    for c in found.cues.iter().filter(|c| c.norm.0 >= h.end) {
        if ctx.clearly_negative(c) {
            return false;
        }
        opens |= c.is_open_question();
        evidence |= is_evidence(c, conceded);
    }
    opens && evidence
}

/// "I understand, but..." : the acknowledgment before the contrast (same
/// sentence, or the previous one when the contrast opens its sentence) is
/// erased and a `yes_but` cue fires on the contrast.
pub(crate) fn yes_but(ctx: &Ctx<'_>, found: &mut Found) {
    let keep = ctx.rubric.yes_but.keep;
    let mut add = Vec::new();
    for (h, standalone) in found.contrasts.clone() {
        let sentence = ctx.seg.sentence_of(h.start);
        if !standalone
            && (opens_after(ctx, found, &h, sentence)
                || evidence_after(ctx, found, &h, sentence)
                || pivots(ctx, found, &h))
        {
            continue;
        }
        let opens_sentence = ctx
            .seg
            .sentences
            .get(sentence)
            .is_some_and(|s| s.first == ctx.seg.token_at(h.start));
        let mut cancelled = false;
        for c in found.cues.iter_mut() {
            let near = c.sentence == sentence || (opens_sentence && c.sentence + 1 == sentence);
            if near && c.norm.0 < h.start && c.softens() {
                c.weight *= keep;
                cancelled = true;
            }
        }
        if cancelled || standalone {
            let w = ctx.rubric.structural.yes_but;
            add.push(ctx.structural(Structural::YesBut, (h.start, h.end), w));
            // Figures after the "but" argue back; they reframe nothing.
            for c in found.cues.iter_mut() {
                let rebuttal = c.sentence == sentence && c.norm.0 >= h.end;
                if rebuttal && c.id == CueId::Structural(Structural::EvidenceNumber) {
                    c.weight = 0.0;
                }
            }
        }
    }
    found.cues.extend(add);
}

/// Hollow empathy: an acknowledgment followed by a pitch, a push or a
/// rebuttal ("I hear you. A year is the standard though, everyone signs"),
/// with no open question after it and nothing concrete anywhere, only
/// clears the way for the pitch. The rubric calls that defensive, and so do
/// the labelled batches (53 of the 58 answers it empties are labelled 2): the
/// acknowledgment is erased as a "but" would erase it.
pub(crate) fn hollow_empathy(ctx: &Ctx<'_>, found: &mut Found) {
    let Some(acked_in) = found
        .cues
        .iter()
        .filter(|c| c.softens())
        .map(|c| c.sentence)
        .min()
    else {
        return;
    };
    // A defensive turn in a later sentence: tone (shouting, sarcasm) is
    // judged on its own, and a word inside the acknowledgment itself ("so
    // the timing is wrong") is no turn.
    let Some(turn) = found
        .cues
        .iter()
        .filter(|c| {
            c.sentence > acked_in && c.dim == Dimension::Defensiveness && ctx.clearly_negative(c)
        })
        .map(|c| c.norm.0)
        .min()
    else {
        return;
    };
    let answered = found
        .cues
        .iter()
        .any(|c| c.is_concrete_reframe() || (c.norm.0 > turn && c.is_open_question()));
    if answered {
        return;
    }
    let keep = ctx.rubric.yes_but.keep;
    for c in found
        .cues
        .iter_mut()
        .filter(|c| c.softens() && c.norm.0 < turn)
    {
        c.weight *= keep;
    }
}

/// Polite words inside a hostile sentence ("Sure, I'll use short sentences
/// for your precious time") are no empathy: they count for nothing.
pub(crate) fn hostile_sentences(ctx: &Ctx<'_>, found: &mut Found) {
    let at = ctx.rubric.sentences.negative_at;
    let hostile: Vec<usize> = found
        .cues
        .iter()
        .filter(|c| c.dim == Dimension::Dismissal && c.weight <= at)
        .map(|c| c.sentence)
        .collect();
    for c in found.cues.iter_mut() {
        if c.weight > 0.0 && hostile.contains(&c.sentence) {
            c.weight = 0.0;
        }
    }
}

/// True if the answer explores or reframes: the empathy had a purpose.
fn has_substance(found: &Found) -> bool {
    found
        .cues
        .iter()
        .any(|c| matches!(c.dim, Dimension::Exploration | Dimension::Reframe) && c.weight > 0.0)
}

/// Several empathy phrases (or one said twice, or two with nothing after
/// them) is stuffing: only the first keeps its weight and a penalty grows
/// with each extra phrase.
pub(crate) fn stuffing(ctx: &Ctx<'_>, found: &mut Found) {
    let cfg = &ctx.rubric.stuffing;
    let text = &ctx.norm.text;
    let mut idx: Vec<usize> = (0..found.cues.len())
        .filter(|&i| found.cues[i].empathy)
        .collect();
    idx.sort_by_key(|&i| found.cues[i].norm.0);
    let phrase = |c: &Cue| text.get(c.norm.0..c.norm.1).unwrap_or_default();
    let repeated = idx.iter().enumerate().any(|(k, &i)| {
        idx[..k]
            .iter()
            .any(|&j| phrase(&found.cues[j]) == phrase(&found.cues[i]))
    });
    // Phrases count by clause: "Dommage, ça a dû être décevant" is one
    // feeling in two clauses, not stuffing.
    let mut clauses: Vec<u32> = idx
        .iter()
        .filter_map(|&i| {
            ctx.seg
                .tokens
                .get(ctx.seg.token_at(found.cues[i].norm.0))
                .map(|t| t.clause)
        })
        .collect();
    clauses.dedup();
    let n = clauses.len().max(usize::from(repeated) + 1);
    if idx.len() < 2 || n < 2 || (n < cfg.min_phrases && !repeated && has_substance(found)) {
        return;
    }
    // Without a question or a reframe after them, every phrase beyond the
    // first is hollow; with one, only those beyond what is natural are.
    let extra = if has_substance(found) {
        (n + 1).saturating_sub(cfg.min_phrases).max(1)
    } else {
        n - 1
    } as f32;
    let penalty = (ctx.rubric.structural.empathy_stuffing * extra).max(cfg.max_penalty);
    let last = &found.cues[idx[idx.len() - 1]];
    let span = (found.cues[idx[1]].norm.0, last.norm.1);
    for &i in &idx[1..] {
        found.cues[i].weight = 0.0;
    }
    found
        .cues
        .push(ctx.structural(Structural::EmpathyStuffing, span, penalty));
}
