//! Judges each question as a whole: open and exploratory ("what would you
//! need to see?"), closed ("can I book Tuesday?"), either/or, or logistics
//! ("what address?"). A question carrying an attack or a pitch is rhetorical
//! and earns no exploration credit; so is one talked over (see [`hanging`]).

use super::card::Dimension;
use super::cue::{Ctx, Cue, CueId, Structural};
use super::lexical::Found;
use super::lexicon::{LangRules, PatKind, Role};
use super::matcher::Hit;
use super::normalize::{MarkKind, Normalized};
use super::segment::Segments;

/// Per sentence: does it ask something? A sentence ending with `?` does; so
/// does a last sentence left without punctuation that opens with a question
/// word ("what tool did you use before").
pub(crate) fn flags(
    rules: &LangRules,
    norm: &Normalized,
    seg: &Segments,
    hits: &[Hit],
) -> Vec<bool> {
    let mut flags: Vec<bool> = seg.sentences.iter().map(|s| s.question).collect();
    let unterminated = !matches!(
        norm.marks.last(),
        Some(m) if m.at == norm.text.len() && matches!(m.kind, MarkKind::Sentence { .. })
    );
    if let (true, Some(last), Some(flag)) = (unterminated, seg.sentences.last(), flags.last_mut()) {
        let opens = hits.iter().any(|h| {
            let is_question_word = matches!(
                rules.patterns.get(h.pat).map(|p| p.kind),
                Some(PatKind::Family(f)) if rules.families.get(f).is_some_and(|f| f.role == Role::QuestionWord)
            );
            is_question_word && seg.token_at(h.start) == last.first
        });
        *flag |= opens;
    }
    flags
}

/// Adds one question cue per question sentence.
pub(crate) fn collect(ctx: &Ctx<'_>, found: &mut Found) {
    let r = &ctx.rubric.structural;
    let mut add = Vec::new();
    for (s, _) in ctx.seg.sentences.iter().enumerate() {
        if !ctx.questions.get(s).copied().unwrap_or(false)
            || ctx.sentence_is_negative(&found.cues, s)
        {
            continue;
        }
        let in_sentence = |h: &Hit| ctx.seg.sentence_of(h.start) == s;
        let best = found
            .question_words
            .iter()
            .filter(|(h, _)| in_sentence(h))
            .map(|(_, w)| *w)
            .fold(0.0f32, f32::max);
        let span = ctx.sentence_span(s);
        let cue: Cue = if best >= ctx.rubric.questions.open_min {
            ctx.structural(Structural::OpenQuestion, span, best * r.open_question)
        } else if best <= 0.0 && found.choices.iter().any(in_sentence) {
            ctx.structural(Structural::ChoiceQuestion, span, r.choice_question)
        } else {
            ctx.structural(Structural::ClosedQuestion, span, r.closed_question)
        };
        add.push(cue);
    }
    found.cues.extend(add);
}

/// An "ok" or a "sure" (0.3) lets a jab through; a real acknowledgment
/// (0.7 and up) does not.
const MIN_ACKNOWLEDGMENT: f32 = 0.5;

/// A question the answer does not wait for: statements follow its last
/// question, none of them from the speaker ("I'd like to know…") or
/// inviting them to talk ("Tell me more"), and nothing in the answer
/// acknowledges or concedes. In the pooled labelled batches it fires on 63
/// answers, 53 labelled dismissive and 10 defensive ("Vous avez quelque
/// chose contre les jeunes ? Ils sont souvent plus compétents…"): the
/// question was a jab, so it costs `hanging_question` and earns no
/// exploration credit.
pub(crate) fn hanging(ctx: &Ctx<'_>, found: &mut Found) {
    let Some(asked) = ctx.questions.iter().rposition(|&q| q) else {
        return;
    };
    let tail = asked + 1..ctx.seg.sentences.len();
    let tail_words: usize = ctx.seg.sentences[tail.clone()]
        .iter()
        .map(|s| s.end - s.first)
        .sum();
    let acknowledged = found
        .cues
        .iter()
        .any(|c| c.softens() && c.weight >= MIN_ACKNOWLEDGMENT);
    let engaged_after = found
        .cues
        .iter()
        .any(|c| tail.contains(&c.sentence) && c.weight > 0.0 && c.dim == Dimension::Exploration);
    // A leading echo ("Small? …") already pays for being thrown back.
    let echoed = found
        .cues
        .iter()
        .any(|c| c.sentence == asked && c.id == CueId::Structural(Structural::IncredulousEcho));
    if tail_words < 2 || acknowledged || engaged_after || echoed || speaks_in(ctx, tail.clone()) {
        return;
    }
    for c in found.cues.iter_mut() {
        if c.sentence <= asked && c.dim == Dimension::Exploration {
            c.weight = 0.0;
        }
    }
    let w = ctx.rubric.structural.hanging_question;
    found
        .cues
        .push(ctx.structural(Structural::HangingQuestion, ctx.sentence_span(asked), w));
}

/// Whether the speaker talks about themselves ("I", "we", "I'd") in the
/// sentences `range`.
fn speaks_in(ctx: &Ctx<'_>, range: std::ops::Range<usize>) -> bool {
    ctx.seg.sentences[range].iter().any(|s| {
        ctx.seg.tokens[s.first..s.end].iter().any(|t| {
            let w = &ctx.norm.text[t.start..t.end];
            ctx.rules.me.contains(w) || ctx.rules.neg_speaker.contains(w)
        })
    })
}
