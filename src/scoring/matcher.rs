//! Finds every lexicon phrase in a normalised answer in one automaton pass,
//! keeps whole-word matches only, and lets the longest phrase win where
//! phrases nest ("you're not wrong" hides "wrong"; "no problem" hides the
//! negator "no").

use std::collections::HashMap;

use super::lexicon::{LangRules, PatKind};

/// A phrase found in the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index into `LangRules::patterns`.
    pub pat: usize,
    pub start: usize,
    pub end: usize,
}

fn boundary_before(text: &str, at: usize) -> bool {
    !text[..at].chars().next_back().is_some_and(char::is_alphanumeric)
}

fn boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Where a gapped phrase ends if, from `at`, each gap's one word and then
/// its text follow.
fn follow_gaps(text: &str, mut at: usize, gaps: &[String]) -> Option<usize> {
    for seg in gaps {
        let rest = text.get(at..)?.strip_prefix(' ')?;
        let word = rest.find(' ').unwrap_or(rest.len());
        if word == 0 {
            return None;
        }
        at += 1 + word;
        if !seg.is_empty() {
            let rest = text.get(at..)?.strip_prefix(' ')?;
            if !rest.starts_with(seg.as_str()) {
                return None;
            }
            at += 1 + seg.len();
        }
    }
    Some(at)
}

fn word_rest(s: &str) -> usize {
    s.char_indices()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(s.len(), |(i, _)| i)
}

/// All whole-word, outermost matches in text order.
pub(crate) fn find(rules: &LangRules, text: &str) -> Vec<Hit> {
    let mut hits: Vec<Hit> = rules
        .ac
        .find_overlapping_iter(text)
        .filter_map(|m| {
            let pat = m.pattern().as_usize();
            let p = rules.patterns.get(pat)?;
            // A `word*` phrase covers the whole word it starts; a gapped
            // phrase reaches past its gaps.
            let end = match p.gaps.and_then(|g| rules.gaps.get(g)) {
                Some(gaps) => follow_gaps(text, m.end(), gaps)?,
                None if p.prefix => m.end() + word_rest(&text[m.end()..]),
                None => m.end(),
            };
            let right = if p.gaps.is_some() {
                text[..end].chars().next_back().is_some_and(char::is_alphanumeric)
            } else {
                p.right
            };
            let ok = (!p.left || boundary_before(text, m.start())) && (!right || boundary_after(text, end));
            ok.then_some(Hit {
                pat,
                start: m.start(),
                end,
            })
        })
        .collect();
    hits.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    // Strictly nested phrases drop out; the same span in two families
    // (with different positions) stays for the position check to settle.
    let (mut max_start, mut max_end) = (0, 0);
    hits.retain(|h| {
        let nested = h.end < max_end || (h.end == max_end && h.start != max_start);
        if h.end > max_end {
            (max_start, max_end) = (h.start, h.end);
        }
        !nested
    });
    // Two phrases of one family overlapping ("pleine période" and "période
    // chargée") are one piece of evidence: keep the first.
    let mut family_end: HashMap<PatKind, usize> = HashMap::new();
    hits.retain(|h| {
        let Some(kind) = rules.patterns.get(h.pat).map(|p| p.kind) else {
            return false;
        };
        let end = family_end.entry(kind).or_insert(0);
        let overlaps = h.start < *end;
        if !overlaps {
            *end = h.end;
        }
        !overlaps
    });
    hits
}
