//! Finds every lexicon phrase in a normalised answer in one pass of the
//! phrase index, keeps whole-word matches only, and lets the longest phrase
//! win where phrases nest ("you're not wrong" hides "wrong"; "no problem"
//! hides the negator "no").

use std::cell::OnceCell;

use super::lexicon::{word_bit, GapGroup, LangRules, PatKind, Position};
use super::normalize::{Mark, MarkKind};
use super::segment::Segments;

/// A phrase found in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index into `LangRules::patterns`.
    pub pat: usize,
    pub start: usize,
    pub end: usize,
}

fn boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// The length of the first word of `s`. Words are short: a plain loop
/// beats `str::find`, whose memchr set-up costs more than the scan.
fn word_len(s: &str) -> usize {
    s.bytes().position(|b| b == b' ').unwrap_or(s.len())
}

/// Most words one `_` gap may stand for.
const MAX_GAP_WORDS: usize = 4;

/// Where a gapped phrase ends if, from `at`, each gap's one to four words
/// and then its text follow (the shortest fit wins).
fn follow_gaps(text: &str, at: usize, gaps: &[String]) -> Option<usize> {
    let Some((seg, rest)) = gaps.split_first() else {
        return Some(at);
    };
    let mut pos = at;
    for _ in 0..MAX_GAP_WORDS {
        let after = text.get(pos..)?.strip_prefix(' ')?;
        let word = word_len(after);
        if word == 0 {
            return None;
        }
        pos += 1 + word;
        let end = if seg.is_empty() {
            Some(pos)
        } else {
            text.get(pos..)
                .and_then(|t| t.strip_prefix(' '))
                .filter(|t| t.starts_with(seg.as_str()))
                .map(|_| pos + 1 + seg.len())
        };
        if let Some(found) = end.and_then(|e| follow_gaps(text, e, rest)) {
            return Some(found);
        }
    }
    None
}

/// The word right after a gap of one, two, three and four words from a
/// head's end (empty where the text ends), as far as the text has words.
struct WordsAfterGap<'a> {
    text: &'a str,
    /// Where the gap's words so far end.
    pos: usize,
    /// Gap words still allowed.
    left: usize,
    /// The length of the word after `pos`, when the step before measured
    /// it: each word is scanned once, not as the word after the gap and
    /// again as the gap's next word.
    known: Option<usize>,
}

fn words_after_gap(text: &str, head_end: usize) -> WordsAfterGap<'_> {
    WordsAfterGap {
        text,
        pos: head_end,
        left: MAX_GAP_WORDS,
        known: None,
    }
}

impl<'a> Iterator for WordsAfterGap<'a> {
    type Item = &'a str;

    // Called for every word after every gapped head: as a call it cost the
    // 60-word benchmark answer 2% of its instructions.
    #[inline(always)]
    fn next(&mut self) -> Option<&'a str> {
        self.left = self.left.checked_sub(1)?;
        let after = self.text.get(self.pos..)?.strip_prefix(' ')?;
        let word = self.known.take().unwrap_or_else(|| word_len(after));
        if word == 0 {
            self.left = 0;
            return None;
        }
        self.pos += 1 + word;
        let next = self
            .text
            .get(self.pos..)
            .and_then(|t| t.strip_prefix(' '))
            .unwrap_or_default();
        let len = word_len(next);
        self.known = Some(len);
        Some(&next[..len])
    }
}

/// The words right after a gapped head's gap of one to four words, read
/// once per head: a head's patterns each try their tails on them.
#[derive(Default)]
struct AfterGap<'a> {
    words: [&'a str; MAX_GAP_WORDS],
    count: usize,
}

impl<'a> AfterGap<'a> {
    fn read(text: &'a str, head_end: usize) -> AfterGap<'a> {
        let mut after = AfterGap::default();
        for (slot, word) in after.words.iter_mut().zip(words_after_gap(text, head_end)) {
            *slot = word;
            after.count += 1;
        }
        after
    }

    fn words(&self) -> &[&'a str] {
        &self.words[..self.count]
    }
}

/// Whether, after a head ending at `head_end`, one of the words that could
/// follow its gap has its bit in `bits`: a head shared by several gapped
/// phrases ("a _") is walked past once, and most of the time no tail can
/// start there.
fn tail_may_follow(text: &str, head_end: usize, bits: u128) -> bool {
    bits != 0 && words_after_gap(text, head_end).any(|next| word_bit(next) & bits != 0)
}

/// The furthest end, up to `limit`, of any tail of `group` that fits after
/// a head ending at `head_end`, followed by `after`.
fn gapped_end(
    text: &str,
    head_end: usize,
    after: &AfterGap<'_>,
    group: &GapGroup,
    limit: usize,
) -> Option<usize> {
    let mut best: Option<usize> = None;
    for &next in after.words() {
        for tail in group.candidates(next) {
            let Some(end) = follow_gaps(text, head_end, tail) else {
                continue;
            };
            let whole = !text[..end]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                || boundary_after(text, end);
            if whole && end <= limit && best.map_or(true, |b| end > b) {
                best = Some(end);
            }
        }
    }
    best
}

fn word_rest(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i)
}

/// The text as the phrase index searches it: padded with spaces and with
/// spaces around each apostrophe, so that whole-word phrases (stored as
/// " word ") only match at word boundaries, including around an elision
/// ("d'hésiter", "you'd"). Returns the positions of the inserted spaces.
fn haystack(text: &str) -> (String, Vec<usize>) {
    let mut hay = String::with_capacity(text.len() + 16);
    let mut inserted = Vec::new();
    hay.push(' ');
    // Copied a run at a time between apostrophes: a char-by-char copy was a
    // sizeable share of matching.
    let mut runs = text.split('\'');
    hay.push_str(runs.next().unwrap_or_default());
    for run in runs {
        inserted.push(hay.len());
        hay.push_str(" '");
        inserted.push(hay.len());
        hay.push(' ');
        hay.push_str(run);
    }
    hay.push(' ');
    (hay, inserted)
}

/// Where the clause holding `at` ends: a gap stands for words of one
/// clause, not for "…in year one. What does your team…" (read as "one _
/// team").
fn clause_end(marks: &[Mark], at: usize, text_len: usize) -> usize {
    let next = marks.partition_point(|m| m.at <= at);
    marks.get(next).map_or(text_len, |m| m.at)
}

/// Whether a sentence ends inside `start..end`: the haystack has no
/// punctuation, so "Bien sûr. Et je parie…" also reads as the phrase "bien
/// sûr et", which must not hide the real one.
fn crosses_sentence(marks: &[Mark], start: usize, end: usize) -> bool {
    let first = marks.partition_point(|m| m.at <= start);
    marks[first..]
        .iter()
        .take_while(|m| m.at < end)
        .any(|m| matches!(m.kind, MarkKind::Sentence { .. }))
}

/// A phrase text found in the answer, for each pattern written that way.
struct Found<'a> {
    text: &'a str,
    marks: &'a [Mark],
    seg: &'a Segments,
    start: usize,
    /// Where the text found ends; a gapped phrase goes on after it.
    head_end: usize,
    /// The words after that end, read for the first gapped pattern.
    after: OnceCell<AfterGap<'a>>,
    /// False when no word that could follow a gap starts a tail.
    gaps_may_fit: bool,
}

impl Found<'_> {
    /// Pattern `pat` found here, if it reaches its end and sits in its place.
    fn hit(&self, rules: &LangRules, pat: usize) -> Option<Hit> {
        let (text, start, head_end) = (self.text, self.start, self.head_end);
        let p = rules.patterns.get(pat)?;
        // A `word*` phrase covers the whole word it starts; a gapped phrase
        // reaches past its gaps.
        let end = match p.gaps.and_then(|g| rules.gaps.get(g)) {
            Some(_) if !self.gaps_may_fit => return None,
            Some(group) => {
                let limit = clause_end(self.marks, start, text.len());
                let after = self.after.get_or_init(|| AfterGap::read(text, head_end));
                gapped_end(text, head_end, after, group, limit)?
            }
            None if p.prefix => head_end + word_rest(&text[head_end..]),
            None => head_end,
        };
        // Most phrases may sit anywhere: the sentence check is all they need.
        let placed = !crosses_sentence(self.marks, start, end)
            && (p.position == Position::Any || self.seg.fits(p.position, start, end));
        (start < end && placed).then_some(Hit { pat, start, end })
    }
}

/// All whole-word, outermost matches in text order; `marks` are the text's
/// sentence and clause boundaries, in order. A phrase out of its place
/// (`Position`) is dropped before the nesting pass: "parce que vous", a
/// retort only at the start of a question, must not hide "parce que" in
/// "je vous appelle parce que vous…".
pub(crate) fn find(rules: &LangRules, text: &str, marks: &[Mark], seg: &Segments) -> Vec<Hit> {
    let (hay, inserted) = haystack(text);
    let to_text = |h: usize| {
        h.saturating_sub(1 + inserted.partition_point(|&i| i < h))
            .min(text.len())
    };
    // Sized for a typical answer's matches, so the list rarely grows.
    let mut hits: Vec<Hit> = Vec::with_capacity(text.len() / 8 + 8);
    for m in rules.index.find(&hay) {
        let Some(phrase) = rules.phrases.get(m.phrase) else {
            continue;
        };
        let pats = rules.pats_of(phrase);
        // One text: the same word boundaries for all its patterns.
        let Some(first) = pats.first().and_then(|&p| rules.patterns.get(p as usize)) else {
            continue;
        };
        let head_end = to_text(m.end - usize::from(first.right));
        let found = Found {
            text,
            marks,
            seg,
            start: to_text(m.start + usize::from(first.left)),
            head_end,
            gaps_may_fit: phrase.gap_open || tail_may_follow(text, head_end, phrase.gap_bits),
            after: OnceCell::new(),
        };
        hits.extend(
            pats.iter()
                .filter_map(|&pat| found.hit(rules, pat as usize)),
        );
    }
    // Stable: where two phrases cover the same words, the one the index
    // reported first stays first (`PhraseIndex::find` gives its order).
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    outermost(rules, &mut hits);
    hits
}

/// Drops, from hits sorted by start (longest first), the strictly nested
/// phrases (the same span in two families, with different positions, stays
/// for the position check to settle), then a phrase overlapping an earlier
/// one of its family ("pleine période" and "période chargée" are one piece
/// of evidence: the first stays). One pass: a nested hit never counts as
/// its family's latest.
fn outermost(rules: &LangRules, hits: &mut Vec<Hit>) {
    let (mut max_start, mut max_end) = (0, 0);
    let mut family_end = vec![0usize; rules.families.len() + 2];
    hits.retain(|h| {
        let nested = h.end < max_end || (h.end == max_end && h.start != max_start);
        if nested {
            return false;
        }
        if h.end > max_end {
            (max_start, max_end) = (h.start, h.end);
        }
        let slot = match rules.patterns.get(h.pat).map(|p| p.kind) {
            Some(PatKind::Family(f)) => f,
            Some(PatKind::NegBefore) => rules.families.len(),
            Some(PatKind::NegAfter | PatKind::NegBoth) => rules.families.len() + 1,
            None => return false,
        };
        let Some(end) = family_end.get_mut(slot) else {
            return false;
        };
        let overlaps = h.start < *end;
        if !overlaps {
            *end = h.end;
        }
        !overlaps
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word after a gap of one to four words, each word read once
    /// however the gap grows.
    #[test]
    fn reads_the_word_after_each_gap_length() {
        let text = "i met a big client of ours";
        let head_end = "i met a".len();
        let after = AfterGap::read(text, head_end);
        assert_eq!(after.words(), ["client", "of", "ours", ""]);
        // Fewer words left than gap lengths, and a gap at the text's end.
        assert_eq!(
            AfterGap::read(text, "i met a big client".len()).words(),
            ["ours", ""]
        );
        assert!(AfterGap::read(text, text.len()).words().is_empty());
        // Not at a word's end, or a double space: no gap fits.
        assert!(AfterGap::read(text, "i me".len()).words().is_empty());
        assert_eq!(AfterGap::read("a b  c", 1).words(), [""]);
    }
}
