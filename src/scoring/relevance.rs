//! Relevance: credit for engaging the objection's own topic (content words
//! shared with the objection or its key concerns, compared after stemming
//! with stopwords removed), and for reflecting it back to the prospect ("your
//! time is limited" after "I don't have time").

use super::card::Dimension;
use super::cue::{Ctx, Structural};
use super::lexical::Found;
use super::lexicon::{LangRules, PatKind};
use super::normalize::normalize_phrase;

/// A longer sentence is saying more than restating the concern.
const MAX_REFLECTION_WORDS: usize = 20;

/// The objection's content stems; `true` marks a key concern's stem.
pub(crate) type Topic = Vec<(String, bool)>;

fn is_content(rules: &LangRules, word: &str) -> bool {
    word.chars().count() >= 3
        && !word.chars().all(|c| c.is_ascii_digit())
        && !rules.stopwords.contains(word)
}

/// Content stems of the objection and key concerns.
pub(crate) fn topic(rules: &LangRules, objection: Option<&str>, concerns: &[String]) -> Topic {
    let mut out: Topic = Vec::new();
    let sources = concerns.iter().map(|c| (c.as_str(), true)).chain(objection.map(|o| (o, false)));
    for (text, key) in sources {
        let norm = normalize_phrase(text);
        for word in norm.split([' ', '\'']).filter(|w| is_content(rules, w)) {
            let stem = rules.stemmer.stem(word).into_owned();
            if !out.iter().any(|(s, _)| *s == stem) {
                out.push((stem, key));
            }
        }
    }
    out
}

/// Per sentence: does it mention the objection's topic?
fn topic_sentences(ctx: &Ctx<'_>, topic: &Topic) -> Vec<bool> {
    let mut out = vec![false; ctx.seg.sentences.len()];
    for t in &ctx.seg.tokens {
        let word = &ctx.norm.text[t.start..t.end];
        if let Some(slot) = out.get_mut(t.sentence as usize) {
            if !*slot && is_content(ctx.rules, word) {
                let stem = ctx.rules.stemmer.stem(word);
                *slot = topic.iter().any(|(st, _)| *st == stem);
            }
        }
    }
    out
}

/// A statement that negates something about the objection's own topic,
/// with nothing acknowledged before it, flatly denies the objection.
fn denials(ctx: &Ctx<'_>, found: &Found, on_topic: &[bool]) -> Vec<super::cue::Cue> {
    let first_softening = found
        .cues
        .iter()
        .filter(|c| matches!(c.dim, Dimension::Acknowledgment | Dimension::Concession) && c.weight > 0.0)
        .map(|c| c.norm.0)
        .min()
        .unwrap_or(usize::MAX);
    let mut out = Vec::new();
    for (s, _) in ctx.seg.sentences.iter().enumerate() {
        if ctx.questions.get(s).copied().unwrap_or(false) || !on_topic.get(s).copied().unwrap_or(false) {
            continue;
        }
        let negator = ctx.hits.iter().find(|h| {
            matches!(ctx.rules.patterns.get(h.pat).map(|p| p.kind), Some(PatKind::NegBefore | PatKind::NegAfter))
                && ctx.seg.sentence_of(h.start) == s
                && h.start < first_softening
        });
        if negator.is_some() {
            let w = ctx.rubric.structural.denial;
            out.push(ctx.structural(Structural::Denial, ctx.sentence_span(s), w));
        }
    }
    out
}

/// Adds on-topic, key-concern, reflection and denial cues.
pub(crate) fn collect(ctx: &Ctx<'_>, found: &mut Found, topic: &Topic) {
    if topic.is_empty() {
        return;
    }
    let on_topic = topic_sentences(ctx, topic);
    let denied = denials(ctx, found, &on_topic);
    let mut seen = vec![false; topic.len()];
    let mut sentence_hits = vec![false; ctx.seg.sentences.len()];
    let mut add = Vec::new();
    // Echoing their words while attacking or contradicting them is no
    // engagement with the topic.
    let hostile = |s: usize| ctx.sentence_is_negative(&found.cues, s);
    for t in &ctx.seg.tokens {
        let word = &ctx.norm.text[t.start..t.end];
        let s = t.sentence as usize;
        if !is_content(ctx.rules, word) || hostile(s) {
            continue;
        }
        let stem = ctx.rules.stemmer.stem(word);
        let Some(i) = topic.iter().position(|(st, _)| *st == stem) else {
            continue;
        };
        if let Some(h) = sentence_hits.get_mut(s) {
            *h = true;
        }
        if !seen[i] {
            seen[i] = true;
            let kind = if topic[i].1 {
                Structural::KeyConcern
            } else {
                Structural::OnTopic
            };
            add.push(ctx.structural(kind, (t.start, t.end), kind.weight(ctx.rubric)));
        }
    }
    for (s, sentence) in ctx.seg.sentences.iter().enumerate() {
        let addresses_them = ctx.seg.tokens[sentence.first..sentence.end]
            .iter()
            .any(|t| ctx.rules.you.contains(&ctx.norm.text[t.start..t.end]));
        // A reflection restates their concern: short, not a question, and
        // not the evidence of a reframe.
        let short = sentence.end - sentence.first <= MAX_REFLECTION_WORDS;
        let reframes = found.cues.iter().any(|c| c.sentence == s && c.dim == Dimension::Reframe);
        let eligible = sentence_hits[s]
            && addresses_them
            && short
            && !reframes
            && !ctx.questions.get(s).copied().unwrap_or(false)
            && !ctx.sentence_is_negative(&found.cues, s);
        if eligible {
            let w = ctx.rubric.structural.reflection;
            add.push(ctx.structural(Structural::Reflection, ctx.sentence_span(s), w));
        }
    }
    found.cues.extend(add);
    found.cues.extend(denied);
}
