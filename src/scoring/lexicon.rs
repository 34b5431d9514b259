//! One language's lexicon file (`data/scoring/en.toml`, `fr.toml`): cue
//! families with their phrases and weights, negators, stopwords, detection
//! words and tips. Loaded, validated (a mistake names its file and line) and
//! compiled into one phrase index per language.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use toml::Spanned;

use super::card::Dimension;
use super::error::{from_toml, line_of, ScoringError};
use super::pattern::{expand, Variant};
use super::phrase_index::PhraseIndex;
use crate::lang::Lang;

pub(crate) use super::word_table::WordSet;

/// A fast hasher for maps and sets of short strings: word lookups are on
/// the hot path, where SipHash's flood resistance buys little (in the lexicon
/// build SipHash was a tenth of start-up). Fx hashes a short word in a few
/// word-sized steps where FNV took two steps a byte.
pub(crate) type FastHash = rustc_hash::FxBuildHasher;

/// What a family of phrases is for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Role {
    /// Fires a cue with the family's id, dimension and weight.
    #[default]
    Cue,
    /// "but", "however": erases an acknowledgment just before it.
    Contrast,
    /// Blocks shorter phrases inside it and fires nothing ("but also").
    Mask,
    /// Makes a question open; its weight grades the question.
    QuestionWord,
    /// Number words: count as evidence like digits do.
    Number,
    /// "or", "ou": turns a yes/no question into an either/or one.
    Choice,
}

/// Which sentences a phrase counts in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Scope {
    #[default]
    Any,
    /// Only in a sentence ending with `?`.
    Question,
    /// Only outside questions.
    Statement,
}

/// Where in its sentence or clause a phrase must sit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Position {
    #[default]
    Any,
    SentenceStart,
    SentenceEnd,
    ClauseStart,
    ClauseEnd,
    /// The phrase is its whole clause ("Si, ils y sont" but not "Si vous...").
    WholeClause,
    /// The phrase is the whole first clause of its sentence ("No, ..."
    /// contradicts; "..., no?" is a tag).
    FirstClause,
    /// The phrase is its whole sentence ("Seriously?").
    WholeSentence,
    /// The phrase is a whole sentence after the first: a verdict tacked on
    /// to what was said ("…se tournent les pouces ? Belle gestion.").
    Tag,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    lang: Spanned<String>,
    negation: NegationSpec,
    detect: DetectSpec,
    words: WordsSpec,
    tips: BTreeMap<String, Spanned<String>>,
    cues: BTreeMap<String, Spanned<FamilySpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NegationSpec {
    window: usize,
    before: Vec<Spanned<String>>,
    #[serde(default)]
    after: Vec<Spanned<String>>,
    #[serde(default)]
    after_window: usize,
    #[serde(default)]
    speaker: Vec<String>,
    #[serde(default)]
    opinion: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetectSpec {
    words: Vec<String>,
    #[serde(default)]
    chars: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsSpec {
    you: Vec<String>,
    #[serde(default)]
    me: Vec<String>,
    stopwords: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FamilySpec {
    #[serde(default)]
    role: Role,
    dimension: Option<Dimension>,
    weight: Option<f32>,
    #[serde(default)]
    scope: Scope,
    #[serde(default)]
    position: Position,
    #[serde(default)]
    negatable: bool,
    negated_as: Option<String>,
    #[serde(default)]
    empathy: bool,
    #[serde(default)]
    standalone: bool,
    phrases: Vec<Spanned<PhraseSpec>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum PhraseSpec {
    Plain(String),
    Detailed {
        p: String,
        w: Option<f32>,
        at: Option<Position>,
        scope: Option<Scope>,
    },
}

/// A compiled family.
#[derive(Debug, Clone)]
pub(crate) struct Family {
    pub id: String,
    pub role: Role,
    pub dimension: Dimension,
    /// The family's default weight (phrases may override it).
    pub weight: f32,
    pub negatable: bool,
    pub negated_as: Option<usize>,
    /// Counts toward empathy stuffing.
    pub empathy: bool,
    /// A contrast that is a "yes, but" by itself.
    pub standalone: bool,
}

/// What a pattern stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum PatKind {
    Family(usize),
    NegBefore,
    NegAfter,
    NegBoth,
}

/// One pattern of the phrase index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pattern {
    pub kind: PatKind,
    pub weight: f32,
    /// Must start at a word boundary (searched with a leading space).
    pub left: bool,
    /// Must end at a word boundary (searched with a trailing space).
    pub right: bool,
    /// Written `word*`: matches any ending of its last word.
    pub prefix: bool,
    /// Where in its sentence or clause it must sit.
    pub position: Position,
    /// Which sentences it counts in.
    pub scope: Scope,
    /// Index into `LangRules::gaps` when the phrase has `_` gaps.
    pub gaps: Option<usize>,
}

/// The tails of gapped phrases sharing one head ("a _ client of ours",
/// "a _ customer we helped"), indexed by the word right after the first gap
/// so that a common head like "a" only tries the tails that can fit.
#[derive(Debug, Clone, Default)]
pub(crate) struct GapGroup {
    /// Each tail: the text after each `_` (one to four words each).
    pub tails: Vec<Vec<String>>,
    /// First word after the first gap → tails starting with it.
    pub by_first: Vec<(String, Vec<usize>)>,
    /// Tails whose first gap is followed by nothing: always tried.
    pub open: Vec<usize>,
    /// [`word_bit`] of every word in `by_first`. Heads like "a _" or "one _"
    /// stand before most words of an answer, and the word after a gap
    /// rarely starts a tail: this turns most of those lookups away before
    /// any string is compared (they were nearly a tenth of the instructions
    /// spent on the 60-word benchmark answer).
    first_bits: u128,
}

/// One of 128 bits standing for `word`, from its length and end letters:
/// cheap enough to compute for every word after a gap.
pub(crate) fn word_bit(word: &str) -> u128 {
    let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last()) else {
        return 0;
    };
    let mix = (word.len() as u32)
        .wrapping_mul(0x9E37_79B1)
        .wrapping_add(u32::from(first).wrapping_mul(0x85EB_CA77))
        .wrapping_add(u32::from(last).wrapping_mul(0xC2B2_AE3D));
    1u128 << (mix >> 25)
}

impl GapGroup {
    fn new(tails: Vec<Vec<String>>) -> GapGroup {
        let mut group = GapGroup::default();
        for (i, tail) in tails.iter().enumerate() {
            match tail
                .first()
                .and_then(|seg| seg.split(' ').next())
                .filter(|w| !w.is_empty())
            {
                Some(word) => match group.by_first.iter_mut().find(|(w, _)| w == word) {
                    Some((_, list)) => list.push(i),
                    None => group.by_first.push((word.to_string(), vec![i])),
                },
                None => group.open.push(i),
            }
        }
        group.tails = tails;
        group.first_bits = group.by_first.iter().fold(0, |m, (w, _)| m | word_bit(w));
        group
    }

    /// The tails that can follow when `next` is the word after the gap.
    pub(crate) fn candidates<'a>(
        &'a self,
        next: &'a str,
    ) -> impl Iterator<Item = &'a Vec<String>> + 'a {
        let maybe = self.first_bits & word_bit(next) != 0;
        let firsts = (if maybe { &self.by_first[..] } else { &[] })
            .iter()
            .filter(move |(w, _)| w == next)
            .flat_map(|(_, l)| l.iter());
        self.open
            .iter()
            .chain(firsts)
            .filter_map(move |&i| self.tails.get(i))
    }
}

/// One text of the phrase index and the patterns written that way: a head
/// like "a _" opens phrases of four families, and is reported, placed and
/// walked past once instead of once per family.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Phrase {
    /// Where its patterns start in `LangRules::phrase_pats`.
    first: u32,
    /// How many patterns it stands for.
    len: u32,
    /// [`word_bit`] of every word that starts a tail of its gapped patterns.
    pub gap_bits: u128,
    /// Whether one of its gapped patterns has a tail any word may start.
    pub gap_open: bool,
}

/// Everything the scorer knows about one language.
pub(crate) struct LangRules {
    pub lang: Lang,
    /// Finds the distinct texts of `phrases`, in that order.
    pub index: PhraseIndex,
    pub phrases: Vec<Phrase>,
    /// The indices into `patterns` of each phrase, ascending.
    phrase_pats: Vec<u32>,
    pub patterns: Vec<Pattern>,
    /// For gapped phrases: the alternative tails after a shared head.
    pub gaps: Vec<GapGroup>,
    pub families: Vec<Family>,
    pub neg_window: usize,
    pub neg_after_window: usize,
    pub stopwords: WordSet,
    pub you: WordSet,
    /// Words of the speaker ("I", "we", "our"): a sentence about oneself
    /// reflects nothing.
    pub me: WordSet,
    /// Subjects that make a negation the speaker's own ("I won't ask you
    /// to"): it declines to push rather than denies the objection.
    pub neg_speaker: WordSet,
    /// Verbs that turn such a negation back into disagreement ("I don't
    /// think so", "je ne vois pas pourquoi").
    pub neg_opinion: WordSet,
    pub stemmer: Stemmer,
    pub tips: super::tips::Templates,
    pub detect_words: Vec<String>,
    pub detect_chars: Vec<char>,
}

impl LangRules {
    /// The patterns `phrase` stands for, as indices into `patterns`.
    pub(crate) fn pats_of(&self, phrase: &Phrase) -> &[u32] {
        let first = phrase.first as usize;
        self.phrase_pats
            .get(first..first + phrase.len as usize)
            .unwrap_or_default()
    }
}

/// Groups the patterns by text: the distinct texts in order of first use,
/// a phrase for each, and the pattern indices of each phrase in one list.
fn phrases<'t>(
    texts: &'t [String],
    patterns: &[Pattern],
    gaps: &[GapGroup],
) -> (Vec<&'t str>, Vec<Phrase>, Vec<u32>) {
    let mut index: HashMap<&str, usize, FastHash> =
        HashMap::with_capacity_and_hasher(texts.len(), FastHash::default());
    let mut distinct = Vec::with_capacity(texts.len());
    let mut phrases: Vec<Phrase> = Vec::with_capacity(texts.len());
    let slots: Vec<usize> = texts
        .iter()
        .zip(patterns)
        .map(|(text, pattern)| {
            let slot = *index.entry(text).or_insert_with(|| {
                distinct.push(text.as_str());
                phrases.push(Phrase::default());
                phrases.len() - 1
            });
            let phrase = &mut phrases[slot];
            phrase.len += 1;
            if let Some(group) = pattern.gaps.and_then(|g| gaps.get(g)) {
                phrase.gap_bits |= group.first_bits;
                phrase.gap_open |= !group.open.is_empty();
            }
            slot
        })
        .collect();
    let mut next = 0;
    for phrase in &mut phrases {
        phrase.first = next;
        next += phrase.len;
    }
    let mut filled: Vec<u32> = phrases.iter().map(|p| p.first).collect();
    let mut phrase_pats = vec![0; slots.len()];
    for (pat, slot) in slots.into_iter().enumerate() {
        phrase_pats[filled[slot] as usize] = pat as u32;
        filled[slot] += 1;
    }
    (distinct, phrases, phrase_pats)
}

impl std::fmt::Debug for LangRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LangRules")
            .field("lang", &self.lang)
            .field("patterns", &self.patterns.len())
            .field("families", &self.families.len())
            .finish()
    }
}

/// Cue ids the code emits itself; lexicon families may not reuse them.
pub(crate) const STRUCTURAL_IDS: [&str; 15] = [
    "denial",
    "open_question",
    "closed_question",
    "choice_question",
    "evidence_number",
    "explanation",
    "shouting",
    "exclamations",
    "incredulous_echo",
    "hanging_question",
    "yes_but",
    "empathy_stuffing",
    "reflection",
    "on_topic",
    "key_concern",
];

/// Accumulates patterns while checking for duplicates.
struct Builder<'a> {
    file: &'a str,
    src: &'a str,
    texts: Vec<String>,
    patterns: Vec<Pattern>,
    gaps: Vec<GapGroup>,
    /// Every variant registered so far, where it came from, in which family.
    seen: HashMap<(Variant, Position, Scope), (usize, PatKind), FastHash>,
}

impl Builder<'_> {
    fn err(&self, offset: usize, message: String) -> ScoringError {
        ScoringError::Invalid {
            file: self.file.to_string(),
            line: line_of(self.src, offset),
            message,
        }
    }

    /// Registers one pattern.
    fn push(
        &mut self,
        text: &str,
        prefix: bool,
        gaps: Option<usize>,
        what: (PatKind, f32, Position, Scope),
    ) {
        let (kind, weight, position, scope) = what;
        let first = text.chars().next().is_some_and(char::is_alphanumeric);
        let last = text.chars().next_back().is_some_and(char::is_alphanumeric);
        // Spaces around whole-word phrases make the phrase index respect
        // word boundaries (see `matcher::haystack`).
        let mut padded = String::with_capacity(text.len() + 8);
        if first {
            padded.push(' ');
        }
        for part in text.split_inclusive('\'') {
            match part.strip_suffix('\'') {
                Some(word) => {
                    padded.push_str(word);
                    padded.push_str(" ' ");
                }
                None => padded.push_str(part),
            }
        }
        if last && !prefix {
            padded.push(' ');
        }
        self.texts.push(padded);
        self.patterns.push(Pattern {
            kind,
            weight,
            left: first,
            right: last && !prefix,
            prefix,
            position,
            scope,
            gaps,
        });
    }

    fn add(
        &mut self,
        phrase: &str,
        offset: usize,
        kind: PatKind,
        weight: f32,
        place: (Position, Scope),
    ) -> Result<(), ScoringError> {
        let (position, scope) = place;
        if !weight.is_finite() || weight.abs() > 5.0 {
            return Err(self.err(
                offset,
                format!("`{phrase}`: weight must be between -5 and 5"),
            ));
        }
        let mut heads: Vec<(String, Vec<Vec<String>>)> = Vec::new();
        for v in expand(phrase).map_err(|m| self.err(offset, m))? {
            // A phrase may sit in two families only at different positions
            // ("right" as a whole clause acknowledges, as a tag it presses).
            let key = (v.clone(), position, scope);
            if let Some(&(first, first_kind)) = self.seen.get(&key) {
                // Within one family a variant may come up twice; across
                // families it would be ambiguous.
                if first_kind != kind {
                    let line = line_of(self.src, first);
                    return Err(self.err(
                        offset,
                        format!(
                            "`{}` is already listed on line {line}; keep it in one family",
                            v.text
                        ),
                    ));
                }
                continue;
            }
            self.seen.insert(key, (offset, kind));
            if v.gaps.is_empty() {
                self.push(&v.text, v.prefix, None, (kind, weight, position, scope));
            } else {
                // Variants sharing a head ("a _ client", "a _ customer") are
                // one pattern with alternative tails, so a common
                // head like "a" is matched once, not once per variant.
                match heads.iter_mut().find(|(h, _)| *h == v.text) {
                    Some((_, tails)) => tails.push(v.gaps),
                    None => heads.push((v.text, vec![v.gaps])),
                }
            }
        }
        for (head, tails) in heads {
            self.gaps.push(GapGroup::new(tails));
            let g = self.gaps.len() - 1;
            self.push(&head, false, Some(g), (kind, weight, position, scope));
        }
        Ok(())
    }
}

/// Parses, validates and compiles a lexicon file.
pub(crate) fn parse(file: &str, src: &str, expected: Lang) -> Result<LangRules, ScoringError> {
    let raw: LexiconFile = toml::from_str(src).map_err(|e| from_toml(file, src, &e))?;
    let mut b = Builder {
        file,
        src,
        texts: Vec::new(),
        patterns: Vec::new(),
        gaps: Vec::new(),
        // Room for a variant every two bytes of the file (the English one
        // expands to about one every three): the map never rehashes while
        // it fills, which was a fortieth of start-up.
        seen: HashMap::with_capacity_and_hasher(src.len() / 2, FastHash::default()),
    };
    let lang: Lang = raw
        .lang
        .get_ref()
        .parse()
        .map_err(|e| b.err(raw.lang.span().start, format!("{e}")))?;
    if lang != expected {
        return Err(b.err(
            raw.lang.span().start,
            format!("this file must say lang = \"{}\"", expected.code()),
        ));
    }
    let families = compile_families(&raw.cues, &mut b)?;
    // A negator listed on both sides (French "pas": "pas absurde", "je
    // comprends pas") reaches both ways.
    let both: Vec<&str> = raw
        .negation
        .before
        .iter()
        .map(|n| n.get_ref().as_str())
        .filter(|n| raw.negation.after.iter().any(|a| a.get_ref() == n))
        .collect();
    for (list, kind) in [
        (&raw.negation.before, PatKind::NegBefore),
        (&raw.negation.after, PatKind::NegAfter),
    ] {
        for n in list {
            let kind = if both.contains(&n.get_ref().as_str()) {
                if kind == PatKind::NegAfter {
                    continue;
                }
                PatKind::NegBoth
            } else {
                kind
            };
            b.add(
                n.get_ref(),
                n.span().start,
                kind,
                0.0,
                (Position::Any, Scope::Any),
            )?;
        }
    }
    super::tips::check(&raw.tips).map_err(|(key, m)| {
        let at = raw.tips.get(&key).map_or(0, |s| s.span().start);
        b.err(at, m)
    })?;
    let (distinct, phrases, phrase_pats) = phrases(&b.texts, &b.patterns, &b.gaps);
    let index = PhraseIndex::build(&distinct)
        .map_err(|e| b.err(0, format!("cannot build the phrase index: {e}")))?;
    let norm_set = |v: &[String]| {
        v.iter()
            .map(|w| super::normalize::normalize_phrase(w))
            .collect::<WordSet>()
    };
    Ok(LangRules {
        lang,
        index,
        phrases,
        phrase_pats,
        patterns: b.patterns,
        gaps: b.gaps,
        families,
        neg_window: raw.negation.window,
        neg_after_window: raw.negation.after_window,
        stopwords: norm_set(&raw.words.stopwords),
        you: norm_set(&raw.words.you),
        me: norm_set(&raw.words.me),
        neg_speaker: norm_set(&raw.negation.speaker),
        neg_opinion: norm_set(&raw.negation.opinion),
        stemmer: Stemmer::create(match lang {
            Lang::En => Algorithm::English,
            Lang::Fr => Algorithm::French,
        }),
        tips: super::tips::Templates::new(&raw.tips),
        detect_words: raw
            .detect
            .words
            .iter()
            .map(|w| super::normalize::normalize_phrase(w))
            .collect(),
        detect_chars: raw.detect.chars.chars().collect(),
    })
}

fn compile_families(
    cues: &BTreeMap<String, Spanned<FamilySpec>>,
    b: &mut Builder<'_>,
) -> Result<Vec<Family>, ScoringError> {
    let index: HashMap<&str, usize> = cues
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut families = Vec::with_capacity(cues.len());
    for (i, (id, spanned)) in cues.iter().enumerate() {
        let at = spanned.span().start;
        let f = spanned.get_ref();
        check_family(id, f, &index, cues).map_err(|m| b.err(at, format!("[cues.{id}] {m}")))?;
        let weight = f.weight.unwrap_or(1.0);
        for p in &f.phrases {
            let (text, w, place) = match p.get_ref() {
                PhraseSpec::Plain(t) => (t.as_str(), weight, (f.position, f.scope)),
                PhraseSpec::Detailed { p: t, w, at, scope } => (
                    t.as_str(),
                    w.unwrap_or(weight),
                    (at.unwrap_or(f.position), scope.unwrap_or(f.scope)),
                ),
            };
            b.add(text, p.span().start, PatKind::Family(i), w, place)?;
        }
        families.push(Family {
            id: id.clone(),
            role: f.role,
            weight,
            dimension: f.dimension.unwrap_or(match f.role {
                Role::Number => Dimension::Reframe,
                _ => Dimension::Exploration,
            }),
            negatable: f.negatable,
            negated_as: f.negated_as.as_deref().and_then(|n| index.get(n).copied()),
            empathy: f.empathy,
            standalone: f.standalone,
        });
    }
    Ok(families)
}

fn check_family(
    id: &str,
    f: &FamilySpec,
    index: &HashMap<&str, usize>,
    cues: &BTreeMap<String, Spanned<FamilySpec>>,
) -> Result<(), String> {
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Err("ids use lowercase letters, digits and `_` only".into());
    }
    if STRUCTURAL_IDS.contains(&id) {
        return Err(format!(
            "`{id}` is a cue the scorer finds by itself; pick another id"
        ));
    }
    if f.phrases.is_empty() {
        return Err("needs at least one phrase".into());
    }
    if f.role == Role::Cue && (f.dimension.is_none() || f.weight.is_none()) {
        return Err("a cue family needs a `dimension` and a `weight`".into());
    }
    if let Some(w) = f.weight {
        if !w.is_finite() || w.abs() > 5.0 {
            return Err("weight must be between -5 and 5".into());
        }
    }
    if let Some(target) = &f.negated_as {
        match index.get(target.as_str()) {
            Some(_)
                if cues
                    .get(target)
                    .is_some_and(|t| t.get_ref().role == Role::Cue) => {}
            _ => {
                return Err(format!(
                    "negated_as = \"{target}\" is not a cue family of this file"
                ))
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: &str = include_str!("../../data/scoring/en.toml");
    const FR: &str = include_str!("../../data/scoring/fr.toml");

    #[test]
    fn both_languages_use_the_same_cue_ids() {
        let en = parse("en.toml", EN, Lang::En).expect("en loads");
        let fr = parse("fr.toml", FR, Lang::Fr).expect("fr loads");
        let ids = |r: &LangRules| r.families.iter().map(|f| f.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&en), ids(&fr));
    }

    #[test]
    fn wrong_language_tag_is_reported() {
        let err = parse("fr.toml", FR, Lang::En).expect_err("fr is not en");
        assert!(err.to_string().contains("lang = \"en\""), "{err}");
    }

    #[test]
    fn a_negator_on_both_sides_reaches_both_ways() {
        let fr = parse("fr.toml", FR, Lang::Fr).expect("fr loads");
        assert!(fr.patterns.iter().any(|p| p.kind == PatKind::NegBoth));
    }

    /// The word filter may only turn away words that start no tail: every
    /// tail of every gapped phrase stays reachable from its first word, and
    /// a word that starts none reaches the open tails alone.
    #[test]
    fn gap_tails_stay_reachable_from_their_first_word() {
        let mut groups = 0;
        for (file, src, lang) in [("en.toml", EN, Lang::En), ("fr.toml", FR, Lang::Fr)] {
            let rules = parse(file, src, lang).expect("loads");
            for group in &rules.gaps {
                for (word, tails) in &group.by_first {
                    let found: Vec<_> = group.candidates(word).collect();
                    for &i in tails.iter().chain(&group.open) {
                        assert!(
                            found.contains(&&group.tails[i]),
                            "{word}: {:?}",
                            group.tails[i]
                        );
                    }
                }
                let none: Vec<_> = group.candidates("zzqx").collect();
                assert_eq!(none.len(), group.open.len());
                groups += 1;
            }
        }
        assert!(groups > 50, "only {groups} gapped groups");
    }
}
