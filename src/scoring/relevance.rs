//! Relevance: credit for engaging the objection's own topic (content words
//! shared with the objection or its key concerns, compared after stemming
//! with stopwords removed), and for reflecting it back to the prospect ("your
//! time is limited" after "I don't have time").

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::card::Dimension;
use super::cue::{Ctx, Structural};
use super::lexical::Found;
use super::lexicon::{FastHash, LangRules, PatKind};
use super::normalize::normalize_phrase;
use crate::lang::Lang;

/// A longer sentence is saying more than restating the concern.
const MAX_REFLECTION_WORDS: usize = 20;

/// An opening sentence without "you" reflects only if this short.
const MAX_OPENING_WORDS: usize = 12;

/// Fewest words of an opening that reflects without the objection's own
/// words: "D'accord." or "Good to hear." restates nothing.
const MIN_OPENING_WORDS: usize = 5;

/// The objection's content stems; `true` marks a key concern's stem.
pub(crate) type Topic = Vec<(String, bool)>;

fn is_content(rules: &LangRules, word: &str) -> bool {
    word.chars().count() >= 3
        && !word.chars().all(|c| c.is_ascii_digit())
        && !rules.stopwords.contains(word)
}

/// Content stems of the objection and key concerns.
fn compute_topic(rules: &LangRules, objection: Option<&str>, concerns: &[String]) -> Topic {
    let mut out: Topic = Vec::new();
    let sources = concerns
        .iter()
        .map(|c| (c.as_str(), true))
        .chain(objection.map(|o| (o, false)));
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

/// A topic computed on this thread, with what it was computed from.
struct CachedTopic {
    lang: Lang,
    objection: Option<String>,
    concerns: Vec<String>,
    topic: Rc<Topic>,
}

impl CachedTopic {
    fn is_for(&self, lang: Lang, objection: Option<&str>, concerns: &[String]) -> bool {
        self.lang == lang && self.objection.as_deref() == objection && self.concerns == concerns
    }
}

/// Topics kept per thread: a debate scores many answers to one objection
/// in a row, and a batch interleaves a few dozen objections, which a
/// last-one-only cache recomputed at every switch.
const TOPIC_CACHE_ENTRIES: usize = 32;

/// The recent topics, replaced oldest first once full, and which entry
/// answered last (checked first, since answers to one objection come in
/// runs).
#[derive(Default)]
struct TopicCache {
    entries: Vec<CachedTopic>,
    last: usize,
    oldest: usize,
}

impl TopicCache {
    fn get(
        &mut self,
        lang: Lang,
        objection: Option<&str>,
        concerns: &[String],
    ) -> Option<Rc<Topic>> {
        let found = match self.entries.get(self.last) {
            Some(e) if e.is_for(lang, objection, concerns) => self.last,
            _ => self
                .entries
                .iter()
                .position(|e| e.is_for(lang, objection, concerns))?,
        };
        self.last = found;
        self.entries.get(found).map(|e| Rc::clone(&e.topic))
    }

    fn put(&mut self, entry: CachedTopic) {
        if self.entries.len() < TOPIC_CACHE_ENTRIES {
            self.last = self.entries.len();
            self.entries.push(entry);
        } else if let Some(slot) = self.entries.get_mut(self.oldest) {
            *slot = entry;
            self.last = self.oldest;
            self.oldest = (self.oldest + 1) % TOPIC_CACHE_ENTRIES;
        }
    }
}

thread_local! {
    static TOPICS: RefCell<TopicCache> = RefCell::default();
}

/// Content stems of the objection and key concerns, reusing a recent
/// call's result for the same objection.
pub(crate) fn topic(rules: &LangRules, objection: Option<&str>, concerns: &[String]) -> Rc<Topic> {
    TOPICS.with(|cell| {
        let mut cache = cell.borrow_mut();
        if let Some(topic) = cache.get(rules.lang, objection, concerns) {
            return topic;
        }
        let topic = Rc::new(compute_topic(rules, objection, concerns));
        cache.put(CachedTopic {
            lang: rules.lang,
            objection: objection.map(str::to_string),
            concerns: concerns.to_vec(),
            topic: Rc::clone(&topic),
        });
        topic
    })
}

/// How many trailing letters of a word the stemmer may rewrite: Snowball
/// stems keep the rest of their word ("happy" → "happi", "possibly" →
/// "possibl", "heureuse" → "heureux").
const STEM_REWRITES: usize = 2;

/// True if `word` starts like `stem` but for the letters the stemmer may
/// have rewritten: a word failing this cannot stem to it, which spares most
/// calls to the stemmer.
fn shares_stem_prefix(word: &str, stem: &str) -> bool {
    let keep = stem.len().saturating_sub(STEM_REWRITES);
    let (word, stem) = (word.as_bytes(), &stem.as_bytes()[..keep]);
    // Most words differ at once: comparing the first byte here spares a
    // call to memcmp per word and topic stem.
    stem.is_empty() || (word.first() == stem.first() && word.starts_with(stem))
}

fn could_match(word: &str, topic: &Topic) -> bool {
    topic.iter().any(|(stem, _)| shares_stem_prefix(word, stem))
}

/// A word → stem map with a fast hasher.
type StemMap = HashMap<String, String, FastHash>;

/// Entries kept before a cache starts over, bounding its memory.
const STEM_CACHE_WORDS: usize = 16_384;

thread_local! {
    /// Words stemmed on this thread, one map per language: stemming costs a
    /// few thousand instructions a word, and answers share most words.
    static STEMS: RefCell<[StemMap; 2]> = RefCell::new(Default::default());
}

/// Forgets this thread's cached topics and stems.
pub(crate) fn clear_caches() {
    TOPICS.with(|cell| cell.replace(TopicCache::default()));
    STEMS.with(|cell| cell.borrow_mut().iter_mut().for_each(StemMap::clear));
}

/// Calls `f` with the stem of `word` in the language of `rules`.
fn with_stem<T>(rules: &LangRules, word: &str, f: impl FnOnce(&str) -> T) -> T {
    STEMS.with(|cell| {
        let mut caches = cell.borrow_mut();
        let cache = &mut caches[rules.lang.index()];
        if let Some(stem) = cache.get(word) {
            return f(stem);
        }
        if cache.len() >= STEM_CACHE_WORDS {
            cache.clear();
        }
        let stem = rules.stemmer.stem(word).into_owned();
        let out = f(&stem);
        cache.insert(word.to_string(), stem);
        out
    })
}

/// Each token matching a topic stem: (token index, topic index).
fn topic_tokens(ctx: &Ctx<'_>, topic: &Topic) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, t) in ctx.seg.tokens.iter().enumerate() {
        let word = &ctx.norm.text[t.start..t.end];
        if !could_match(word, topic) || !is_content(ctx.rules, word) {
            continue;
        }
        let k = with_stem(ctx.rules, word, |stem| {
            topic.iter().position(|(st, _)| st == stem)
        });
        if let Some(k) = k {
            out.push((i, k));
        }
    }
    out
}

/// Respect cues at least this strong (considerate, not a mere "maybe")
/// soften a sentence like an acknowledgment does.
const SOFTENING_RESPECT: f32 = 0.5;

/// True for a cue that takes the prospect's side: an acknowledgment, a
/// concession, or a clear mark of respect ("I won't push you").
fn softens(c: &super::cue::Cue) -> bool {
    match c.dim {
        Dimension::Acknowledgment | Dimension::Concession => c.weight > 0.0,
        Dimension::Respect => c.weight >= SOFTENING_RESPECT,
        _ => false,
    }
}

/// A statement that negates something about the objection's own topic,
/// with nothing acknowledged before it or in it, flatly denies the
/// objection. A negation in a sentence that also grants their point ("fair,
/// nobody has time in a rush", "plant managers aren't on LinkedIn, you're
/// right") agrees with them instead.
fn denials(ctx: &Ctx<'_>, found: &Found, on_topic: &[bool]) -> Vec<super::cue::Cue> {
    // Once a sentence has taken their side, it and every later one may
    // negate freely ("fair, nobody has time in a rush").
    let first_softened = found
        .cues
        .iter()
        .filter(|c| softens(c))
        .map(|c| c.sentence)
        .min()
        .unwrap_or(usize::MAX);
    let mut out = Vec::new();
    for s in 0..ctx.seg.sentences.len().min(first_softened) {
        if ctx.questions.get(s).copied().unwrap_or(false)
            || !on_topic.get(s).copied().unwrap_or(false)
        {
            continue;
        }
        let negator = ctx.hits.iter().find(|h| {
            matches!(
                ctx.rules.patterns.get(h.pat).map(|p| p.kind),
                Some(PatKind::NegBefore | PatKind::NegAfter | PatKind::NegBoth)
            ) && ctx.seg.sentence_of(h.start) == s
                && !speaker_negates(ctx, h.start)
        });
        if negator.is_some() {
            let w = ctx.rubric.structural.denial;
            out.push(ctx.structural(Structural::Denial, ctx.sentence_span(s), w));
        }
    }
    out
}

/// Words before a negator that can still hold its subject ("je ne vous le
/// demanderai pas": the subject is three words back).
const SUBJECT_WINDOW: usize = 3;

/// Words after a negator that can hold an opinion verb ("I really don't
/// think", "je ne vois vraiment pas").
const OPINION_WINDOW: usize = 2;

/// Whether the negator at `pos` is the speaker declining to push ("I
/// wouldn't ask you to", "je ne viens pas vous dire le contraire"): that
/// denies nothing the prospect said, unless it is an opinion ("I don't
/// think so", "je ne vois pas pourquoi").
fn speaker_negates(ctx: &Ctx<'_>, pos: usize) -> bool {
    let at = ctx.seg.token_at(pos);
    let Some(clause) = ctx.seg.tokens.get(at).map(|t| t.clause) else {
        return false;
    };
    // The words of the negator's clause among `range` tokens, elisions
    // split ("j'", "i'm").
    let words = |range: std::ops::Range<usize>| {
        ctx.seg.tokens[range]
            .iter()
            .filter(move |t| t.clause == clause)
            .flat_map(|t| ctx.norm.text[t.start..t.end].split('\''))
    };
    let end = (at + 1 + OPINION_WINDOW).min(ctx.seg.tokens.len());
    words(at.saturating_sub(SUBJECT_WINDOW)..at).any(|w| ctx.rules.neg_speaker.contains(w))
        && !words(at..end).any(|w| ctx.rules.neg_opinion.contains(w))
}

/// Whether the answer goes anywhere: a question, an acknowledgment, a
/// concession or a reframe. A restatement in an answer that does none of
/// these is no reflection: "Si vous voulez des résultats en une semaine,
/// essayez le loto."
fn engages(cues: &[super::cue::Cue]) -> bool {
    cues.iter().any(|c| {
        c.weight > 0.0
            && matches!(
                c.dim,
                Dimension::Acknowledgment
                    | Dimension::Concession
                    | Dimension::Exploration
                    | Dimension::Reframe
            )
    })
}

/// Short statements that restate their concern: about them, on their topic
/// (or opening before an open question), not hostile, not a reframe's
/// evidence and not a denial.
fn reflections(
    ctx: &Ctx<'_>,
    found: &Found,
    sentence_hits: &[bool],
    hostile: &[bool],
    denied: &[super::cue::Cue],
) -> Vec<super::cue::Cue> {
    if !engages(&found.cues) {
        return Vec::new();
    }
    let defensive = hostile.iter().any(|h| *h);
    // An opening statement that answers with their situation, then an open
    // question about it ("A freeze puts you in an awkward spot. What would
    // have to happen…?"), validates before exploring even in other words
    // than the objection's.
    let asks_later = asks_open(&found.cues, 1);
    let full_answer = asks_later && reframes_concretely(&found.cues, 1);
    let mut out = Vec::new();
    for (s, sent) in ctx.seg.sentences.iter().enumerate() {
        let opens = s == 0 && asks_later && sent.end - sent.first >= MIN_OPENING_WORDS;
        if !(sentence_hits[s] || opens)
            || hostile[s]
            || ctx.questions.get(s).copied().unwrap_or(false)
        {
            continue;
        }
        let words = || {
            ctx.seg.tokens[sent.first..sent.end]
                .iter()
                .map(|t| &ctx.norm.text[t.start..t.end])
        };
        let addresses_them = words().any(|w| ctx.rules.you.contains(w));
        // An opening about their situation in general terms ("A launch eats
        // everything") reflects too, if it is not about ourselves.
        let opens_on_them = s == 0
            && !defensive
            && sent.end - sent.first <= MAX_OPENING_WORDS
            && !words().any(|w| ctx.rules.me.contains(w));
        // A reflection restates their concern: short, not a question, and
        // not the evidence of a reframe. An opening before the evidence and
        // the question of a full answer may run longer ("Cash is tight at
        // your stage, no point pretending otherwise, and I'd rather…").
        let short = sent.end - sent.first <= MAX_REFLECTION_WORDS || (s == 0 && full_answer);
        let reframes = found
            .cues
            .iter()
            .any(|c| c.sentence == s && c.dim == Dimension::Reframe);
        // Turning their words against them ("It's your network that's the
        // problem, not LinkedIn") restates nothing of their concern.
        let denies = denied.iter().any(|c| c.sentence == s);
        if (addresses_them || opens_on_them) && short && !reframes && !denies {
            let w = ctx.rubric.structural.reflection;
            out.push(ctx.structural(Structural::Reflection, ctx.sentence_span(s), w));
        }
    }
    out
}

/// Adds on-topic, key-concern, reflection and denial cues.
pub(crate) fn collect(ctx: &Ctx<'_>, found: &mut Found, topic: &Topic) {
    if topic.is_empty() {
        return;
    }
    let matches = topic_tokens(ctx, topic);
    let sentence = |i: usize| ctx.seg.tokens[i].sentence as usize;
    let mut on_topic = vec![false; ctx.seg.sentences.len()];
    for &(i, _) in &matches {
        on_topic[sentence(i)] = true;
    }
    let denied = denials(ctx, found, &on_topic);
    // Echoing their words while attacking or contradicting them is no
    // engagement with the topic.
    let hostile = ctx.negative_sentences(&found.cues);
    let mut seen = vec![false; topic.len()];
    let mut sentence_hits = vec![false; ctx.seg.sentences.len()];
    let mut add = Vec::new();
    for &(i, k) in &matches {
        let s = sentence(i);
        if hostile[s] {
            continue;
        }
        sentence_hits[s] = true;
        if !seen[k] {
            seen[k] = true;
            let kind = if topic[k].1 {
                Structural::KeyConcern
            } else {
                Structural::OnTopic
            };
            let t = ctx.seg.tokens[i];
            add.push(ctx.structural(kind, (t.start, t.end), kind.weight(ctx.rubric)));
        }
    }
    add.extend(reflections(ctx, found, &sentence_hits, &hostile, &denied));
    found.cues.extend(add);
    if !explores_and_reframes(&found.cues) {
        found.cues.extend(denied);
    }
}

/// Whether an open question is asked from sentence `from` on.
fn asks_open(cues: &[super::cue::Cue], from: usize) -> bool {
    cues.iter()
        .any(|c| c.sentence >= from && c.is_open_question())
}

/// Whether something concrete is brought from sentence `from` on.
fn reframes_concretely(cues: &[super::cue::Cue], from: usize) -> bool {
    cues.iter()
        .any(|c| c.sentence >= from && c.is_concrete_reframe())
}

/// Whether the answer asks an open question and brings something concrete:
/// a negation in such an answer draws a distinction ("posting isn't really
/// the core of it: the quieter reps comment…") instead of flatly
/// contradicting them, which is what a denial punishes.
fn explores_and_reframes(cues: &[super::cue::Cue]) -> bool {
    asks_open(cues, 0) && reframes_concretely(cues, 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::{Algorithm, Stemmer};

    /// The prefilter is only sound if every stem keeps its word's start:
    /// checked on every word of the evaluation answers and objections.
    #[test]
    fn stems_keep_all_but_the_last_letters_of_their_word() {
        let texts = [
            include_str!("../../tests/data/eval/dev.jsonl"),
            include_str!("../../tests/data/eval/extra.jsonl"),
        ];
        let mut checked = 0;
        for algorithm in [Algorithm::English, Algorithm::French] {
            let stemmer = Stemmer::create(algorithm);
            for text in texts {
                let norm = normalize_phrase(text);
                for word in norm.split([' ', '\'']).filter(|w| w.len() >= 3) {
                    let stem = stemmer.stem(word);
                    assert!(shares_stem_prefix(word, &stem), "{word} -> {stem}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "only {checked} words checked");
    }

    #[test]
    fn interleaved_objections_reuse_their_topics() {
        let scorer = crate::scoring::Scorer::builtin().unwrap();
        let rules = scorer.rules(Lang::En);
        let first = topic(rules, Some("It is too expensive"), &[]);
        let second = topic(rules, Some("I have no time"), &[]);
        assert!(Rc::ptr_eq(
            &first,
            &topic(rules, Some("It is too expensive"), &[])
        ));
        assert!(Rc::ptr_eq(
            &second,
            &topic(rules, Some("I have no time"), &[])
        ));
        let concern = ["budget".to_string()];
        assert!(!Rc::ptr_eq(
            &first,
            &topic(rules, Some("It is too expensive"), &concern)
        ));
        for i in 0..TOPIC_CACHE_ENTRIES {
            topic(rules, Some(&format!("objection {i}")), &[]);
        }
        let again = topic(rules, Some("It is too expensive"), &[]);
        assert!(!Rc::ptr_eq(&first, &again));
        assert_eq!(*first, *again);
    }
}
