//! Cues read from the shape of the text rather than its phrases: numbers
//! (evidence), specifics laid out after a colon (explanation), ALL CAPS and
//! "!!!" (shouting), and a leading one-word echo question ("Small?",
//! "Essayé ?") that meets an objection with disbelief.

use super::cue::{Ctx, Cue, Structural};
use super::lexical::Found;

/// Adds number, shouting, exclamation and echo cues.
pub(crate) fn collect(ctx: &Ctx<'_>, found: &mut Found) {
    let mut add = Vec::new();
    numbers(ctx, found, &mut add);
    explanation(ctx, found, &mut add);
    shouting(ctx, &mut add);
    let w = ctx.rubric.structural.exclamations;
    for &(start, end) in &ctx.norm.bangs {
        let at = ctx.norm.position_of(start);
        let mut cue = ctx.structural(Structural::Exclamations, (at, at), w);
        cue.orig = (start, end);
        add.push(cue);
    }
    echo(ctx, found, &mut add);
    found.cues.extend(add);
}

/// Digits and number words count as evidence, once per sentence ("from 2
/// to 9 meetings" is one fact), except inside a sentence that attacks or
/// pitches (a discount's "20%" is no reframe).
fn numbers(ctx: &Ctx<'_>, found: &Found, add: &mut Vec<Cue>) {
    let w = ctx.rubric.structural.evidence_number;
    // The words holding a digit, found from the digits: most answers hold
    // none, and a word-by-word search was 2% of the 60-word benchmark
    // answer's instructions.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for at in digits(ctx.norm.text.as_bytes()) {
        // Words split only at spaces and apostrophes: a digit is in one.
        let Some(t) = ctx.seg.tokens.get(ctx.seg.token_at(at)) else {
            continue;
        };
        if spans.last() != Some(&(t.start, t.end)) {
            spans.push((t.start, t.end));
        }
    }
    spans.extend(found.numbers.iter().map(|h| (h.start, h.end)));
    spans.sort_unstable();
    let mut last_sentence = None;
    for span in spans {
        let s = ctx.seg.sentence_of(span.0);
        if last_sentence != Some(s) && !ctx.sentence_is_negative(&found.cues, s) {
            add.push(ctx.structural(Structural::EvidenceNumber, span, w));
        }
        last_sentence = Some(s);
    }
}

/// Where the ASCII digits of `text` are, in order, found eight bytes at a
/// time.
fn digits(text: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let chunks = text.chunks_exact(8);
    let tail = chunks.len() * 8;
    let whole = chunks.enumerate().flat_map(|(i, chunk)| {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        bits(digit_flags(word)).map(move |byte| i * 8 + byte)
    });
    let rest = text.get(tail..).unwrap_or_default().iter().enumerate();
    whole.chain(
        rest.filter(|(_, b)| b.is_ascii_digit())
            .map(move |(i, _)| tail + i),
    )
}

/// The high bit of each byte of `x` that is an ASCII digit. Exact for
/// every byte: the high bits are cleared before the additions, so no carry
/// crosses into the next byte.
fn digit_flags(x: u64) -> u64 {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let y = x & LOW7;
    // The high bit comes on for a byte at or past b'0', then past b'9'.
    let from_zero = y + 0x5050_5050_5050_5050;
    let past_nine = y + 0x4646_4646_4646_4646;
    from_zero & !past_nine & !x & HIGH
}

/// The byte index of each flag of `flags`, lowest first.
fn bits(mut flags: u64) -> impl Iterator<Item = usize> {
    std::iter::from_fn(move || {
        let at = flags.trailing_zeros() as usize / 8;
        (flags != 0).then(|| {
            flags &= flags - 1;
            at
        })
    })
}

/// Fewest words after a colon that make an explanation: "Spoiler : non."
/// explains nothing.
const MIN_EXPLANATION_WORDS: usize = 6;

/// A statement that lays out specifics after a colon or semicolon ("Two
/// things explain it: the web price assumes…", "Ce qu'on fait : un tronc
/// commun…") reframes with substance, once per answer. Not in a question,
/// nor in a sentence that attacks or pitches ("Deux options : vous signez
/// aujourd'hui…").
fn explanation(ctx: &Ctx<'_>, found: &Found, add: &mut Vec<Cue>) {
    // memchr's wide search: a byte-by-byte scan of every answer for its
    // rare colons was 1.4% of a dev answer's instructions.
    let colons = memchr::memchr2_iter(b':', b';', ctx.answer.as_bytes())
        // A colon as punctuation, not inside "10:30" or a link.
        .filter(|&at| {
            ctx.answer
                .get(at + 1..)
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
        });
    for at in colons {
        let pos = ctx.norm.position_of(at);
        let first = ctx.seg.token_at(pos);
        let Some(s) = ctx.seg.tokens.get(first).map(|t| t.sentence as usize) else {
            break;
        };
        let words = ctx.seg.tokens[first..]
            .iter()
            .take_while(|t| t.sentence as usize == s)
            .count();
        let asks = ctx.questions.get(s).copied().unwrap_or(false);
        if words >= MIN_EXPLANATION_WORDS && !asks && !ctx.sentence_is_negative(&found.cues, s) {
            let (_, end) = ctx.sentence_span(s);
            let w = ctx.rubric.structural.explanation;
            add.push(ctx.structural(Structural::Explanation, (pos, end.max(pos)), w));
            return;
        }
    }
}

/// Runs of capitalised words, or one long one, are shouting.
fn shouting(ctx: &Ctx<'_>, add: &mut Vec<Cue>) {
    let cfg = &ctx.rubric.shouting;
    let caps = &ctx.norm.caps;
    let mut i = 0;
    while i < caps.len() {
        let mut j = i + 1;
        while j < caps.len() && !ctx.norm.has_letters_between(caps[j - 1].0 .1, caps[j].0 .0) {
            j += 1;
        }
        let run = &caps[i..j];
        if run.len() >= cfg.min_run || run.iter().any(|c| c.1 >= cfg.min_letters) {
            let (start, end) = (run[0].0 .0, run[run.len() - 1].0 .1);
            let at = ctx.norm.position_of(start);
            let mut cue = ctx.structural(
                Structural::Shouting,
                (at, at),
                ctx.rubric.structural.shouting,
            );
            cue.orig = (start, end);
            add.push(cue);
        }
        i = j;
    }
}

/// A first sentence that only repeats a word or two back as a question,
/// without a question word, before anything else is said.
fn echo(ctx: &Ctx<'_>, found: &Found, add: &mut Vec<Cue>) {
    let Some(first) = ctx.seg.sentences.first() else {
        return;
    };
    let words = first.end - first.first;
    let is_echo = first.question
        && ctx.seg.sentences.len() > 1
        && words <= ctx.rubric.questions.echo_max_words
        && !found
            .question_words
            .iter()
            .any(|(h, _)| ctx.seg.sentence_of(h.start) == 0)
        && !found.cues.iter().any(|c| c.sentence == 0);
    if is_echo {
        add.push(ctx.structural(
            Structural::IncredulousEcho,
            ctx.sentence_span(0),
            ctx.rubric.structural.incredulous_echo,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every offset of a text with digits, letters,
    /// punctuation and an accent, and texts of every length up to 20: the
    /// same digits as a byte-by-byte scan.
    #[test]
    fn finds_the_digits_a_byte_scan_finds() {
        let naive =
            |t: &[u8]| -> Vec<usize> { (0..t.len()).filter(|&i| t[i].is_ascii_digit()).collect() };
        for b in 0..=255u8 {
            let text = *b"a1 b/9:x\xc3\xa9 0 zz 42";
            for at in 0..text.len() {
                let mut text = text;
                text[at] = b;
                assert_eq!(
                    digits(&text).collect::<Vec<_>>(),
                    naive(&text),
                    "{b} at {at}"
                );
            }
        }
        let text = b"12345678901234567890";
        for len in 0..=text.len() {
            assert_eq!(
                digits(&text[..len]).collect::<Vec<_>>(),
                naive(&text[..len])
            );
        }
    }
}
