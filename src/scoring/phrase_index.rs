//! Finds the lexicon's phrase texts in an answer word by word. The phrase
//! syntax expands to tens of thousands of texts (27,574 in English) over
//! fewer than 2,100 distinct words: a trie over word numbers holds them in a
//! fraction of the memory a byte automaton needs (3.7 MB in English, far
//! more than a core's cache), and is built in a fraction of its time, which
//! every process pays at start-up.
//!
//! It reports exactly what an overlapping Aho-Corasick search for the same
//! texts would, in the same order, on the same haystack (see
//! `matcher::haystack`): a text padded with a space before it matches a run
//! of whole words; one that also ends with a space matches exactly, one that
//! does not lets its last word continue (`frustrat*`, "100%"). The few texts
//! not starting on a word (emoji, "% off") go to a small automaton.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use super::lexicon::FastHash;
use super::word_table::WordTable;

/// No word number, trie node or phrase.
const NONE: u32 = u32::MAX;

/// The trie's root.
const ROOT: u32 = 0;

/// A phrase found: which text, and its byte span in the haystack.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Report {
    pub phrase: usize,
    pub start: usize,
    pub end: usize,
}

/// A word of the haystack, its number in the trie's vocabulary and the
/// row of root prefixes it is tried on.
#[derive(Debug, Clone, Copy)]
struct Token {
    start: u32,
    end: u32,
    id: u32,
    bucket: u32,
}

/// The phrase texts of one language, ready to be found.
pub(crate) struct PhraseIndex {
    /// Every word the trie's edges are labelled with.
    vocab: WordTable<u32>,
    /// The root's child for each word number: every word of an answer
    /// starts a walk there, and indexing a table is cheaper than hashing.
    root: Vec<u32>,
    /// The child of every other node by word number.
    edges: HashMap<(u32, u32), u32, FastHash>,
    /// The phrase that ends at each node, if any.
    terminal: Vec<u32>,
    /// Node `n`'s last-word prefixes are
    /// `prefixes[prefix_start[n]..prefix_start[n + 1]]`.
    prefix_start: Vec<u32>,
    prefixes: Vec<(Box<str>, u32)>,
    /// The root's prefixes (a single word, `frustrat*`) by [`bucket`] of
    /// their first two bytes, in rows: every word of an answer is tried on
    /// them.
    root_start: Vec<u32>,
    root_prefixes: Vec<(Box<str>, u32)>,
    /// The texts that do not start on a word, and their phrase numbers.
    odd: Option<(AhoCorasick, Vec<u32>)>,
}

/// How a text is searched for.
enum Shape<'a> {
    /// These whole words (separated by single spaces), if any, then
    /// optionally a word starting with the prefix.
    Words(Option<&'a str>, Option<&'a str>),
    /// Anywhere in the haystack, word boundaries or not.
    Odd,
}

fn shape(text: &str) -> Shape<'_> {
    let Some(body) = text.strip_prefix(' ').filter(|b| !b.is_empty()) else {
        return Shape::Odd;
    };
    match body.strip_suffix(' ') {
        Some(exact) => Shape::Words(Some(exact), None),
        None => match body.rsplit_once(' ') {
            Some((exact, last)) => Shape::Words(Some(exact), Some(last)),
            None => Shape::Words(None, Some(body)),
        },
    }
}

/// Rows of root prefixes: a word's bucket holds the few prefixes that
/// share its first two bytes (one-byte prefixes go in every bucket of their
/// byte).
const BUCKETS: usize = 1024;

/// The bucket of a word or prefix starting with `b0`, `b1`.
fn bucket(b0: u8, b1: u8) -> usize {
    (usize::from(b0) * 31 + usize::from(b1)) % BUCKETS
}

/// The buckets `prefix` belongs in.
fn buckets_of(prefix: &[u8]) -> Vec<usize> {
    match prefix {
        [] => Vec::new(),
        [b0] => (0..=255).map(|b1| bucket(*b0, b1)).collect(),
        [b0, b1, ..] => vec![bucket(*b0, *b1)],
    }
}

/// The trie while it is being built.
#[derive(Default)]
struct Build {
    vocab: HashMap<Box<[u8]>, u32, FastHash>,
    edges: HashMap<(u32, u32), u32, FastHash>,
    terminal: Vec<u32>,
    prefixes: Vec<(u32, Box<str>, u32)>,
}

impl Build {
    fn word(&mut self, word: &[u8]) -> u32 {
        // Looked up before inserting: `entry` needs an owned key, and most
        // words are already known, so it allocated one per word for nothing.
        if let Some(&id) = self.vocab.get(word) {
            return id;
        }
        let id = self.vocab.len() as u32;
        self.vocab.insert(word.into(), id);
        id
    }

    fn child(&mut self, node: u32, word: u32) -> u32 {
        let next = self.terminal.len() as u32;
        let child = *self.edges.entry((node, word)).or_insert(next);
        if child == next {
            self.terminal.push(NONE);
        }
        child
    }

    fn add(&mut self, words: Option<&str>, prefix: Option<&str>, phrase: u32) {
        let mut node = ROOT;
        for w in words.into_iter().flat_map(split_words) {
            let id = self.word(w);
            node = self.child(node, id);
        }
        match prefix {
            Some(p) => self.prefixes.push((node, p.into(), phrase)),
            None => self.terminal[node as usize] = phrase,
        }
    }
}

/// The words of a phrase text, split at each single space (a plain loop:
/// `str::split` set up a memchr per word, a tenth of the build).
fn split_words(text: &str) -> impl Iterator<Item = &[u8]> {
    text.as_bytes().split(|&b| b == b' ')
}

/// Compressed rows: `start[n]..start[n + 1]` indexes node `n`'s items in
/// `items`, which must be sorted by node.
fn rows(nodes: usize, owners: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut start = vec![0u32; nodes + 1];
    for owner in owners {
        start[owner as usize + 1] += 1;
    }
    for n in 0..nodes {
        start[n + 1] += start[n];
    }
    start
}

impl PhraseIndex {
    /// The index of `texts` (phrase `i` is `texts[i]`), each padded as in
    /// `lexicon::Builder::push`.
    pub(crate) fn build(texts: &[&str]) -> Result<PhraseIndex, aho_corasick::BuildError> {
        let mut b = Build {
            terminal: vec![NONE],
            ..Build::default()
        };
        let (mut odd_texts, mut odd_phrases) = (Vec::new(), Vec::new());
        for (i, text) in texts.iter().enumerate() {
            match shape(text) {
                Shape::Words(words, prefix) => b.add(words, prefix, i as u32),
                Shape::Odd => {
                    odd_texts.push(*text);
                    odd_phrases.push(i as u32);
                }
            }
        }
        let odd = if odd_texts.is_empty() {
            None
        } else {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&odd_texts)?;
            Some((ac, odd_phrases))
        };
        Ok(PhraseIndex::from_build(b, odd))
    }

    fn from_build(b: Build, odd: Option<(AhoCorasick, Vec<u32>)>) -> PhraseIndex {
        let nodes = b.terminal.len();
        let mut root = vec![NONE; b.vocab.len()];
        let mut edges = b.edges;
        edges.retain(|&(node, word), &mut child| {
            if node == ROOT {
                root[word as usize] = child;
            }
            node != ROOT
        });
        let mut prefixes = b.prefixes;
        prefixes.sort_unstable_by_key(|p| p.0);
        let split = prefixes.partition_point(|p| p.0 == ROOT);
        let mut root_prefixes: Vec<(usize, Box<str>, u32)> = prefixes
            .drain(..split)
            .flat_map(|(_, p, ph)| {
                let buckets = buckets_of(p.as_bytes());
                buckets.into_iter().map(move |k| (k, p.clone(), ph))
            })
            .collect();
        root_prefixes.sort_unstable();
        root_prefixes.dedup();
        PhraseIndex {
            vocab: WordTable::new(b.vocab.iter().map(|(w, &id)| (w, id))),
            root,
            edges,
            terminal: b.terminal,
            prefix_start: rows(nodes, prefixes.iter().map(|p| p.0)),
            prefixes: prefixes.into_iter().map(|(_, p, ph)| (p, ph)).collect(),
            root_start: rows(BUCKETS, root_prefixes.iter().map(|p| p.0 as u32)),
            root_prefixes: root_prefixes
                .into_iter()
                .map(|(_, p, ph)| (p, ph))
                .collect(),
            odd,
        }
    }

    /// Every phrase in `hay` (spaces between words, one before the first
    /// and after the last), in the order an overlapping Aho-Corasick search
    /// reports them: by where they end, the longer first.
    pub(crate) fn find(&self, hay: &str) -> Vec<Report> {
        let tokens = self.tokens(hay);
        let mut out = Vec::with_capacity(tokens.len() / 2 + 4);
        for i in 0..tokens.len() {
            self.walk(hay, &tokens[i..], &mut out);
        }
        if let Some((ac, phrases)) = &self.odd {
            for m in ac.find_overlapping_iter(hay) {
                if let Some(&phrase) = phrases.get(m.pattern().as_usize()) {
                    out.push(Report {
                        phrase: phrase as usize,
                        start: m.start(),
                        end: m.end(),
                    });
                }
            }
        }
        out.sort_unstable_by(|a, b| a.end.cmp(&b.end).then(a.start.cmp(&b.start)));
        out
    }

    /// The words of `hay`, split at each space, with their numbers.
    fn tokens(&self, hay: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(hay.len() / 4 + 2);
        let mut start = 1;
        // A byte loop: words are short, and `str::split` paid a memchr
        // set-up per word (7% of the benchmark answer's instructions).
        for (end, &b) in hay.as_bytes().iter().enumerate().skip(1) {
            if b != b' ' {
                continue;
            }
            let word = hay.as_bytes().get(start..end).unwrap_or_default();
            let id = self.vocab.get(word).unwrap_or(NONE);
            tokens.push(Token {
                start: start as u32,
                end: end as u32,
                id,
                bucket: bucket_of_word(word),
            });
            start = end + 1;
        }
        tokens
    }

    /// The phrases that start at the first of `tokens`.
    fn walk(&self, hay: &str, tokens: &[Token], out: &mut Vec<Report>) {
        let Some(first) = tokens.first() else {
            return;
        };
        let start = first.start as usize - 1;
        let mut node = ROOT;
        for t in tokens {
            let prefixes = self.prefixes_at(node, t);
            // Most nodes have no prefixes: the word is cut out only for
            // those that do.
            if !prefixes.is_empty() {
                let word = hay.as_bytes().get(t.start as usize..t.end as usize);
                let word = word.unwrap_or_default();
                for (prefix, phrase) in prefixes {
                    if word.starts_with(prefix.as_bytes()) {
                        out.push(Report {
                            phrase: *phrase as usize,
                            start,
                            end: t.start as usize + prefix.len(),
                        });
                    }
                }
            }
            node = self.child(node, t.id);
            if node == NONE {
                return;
            }
            if let Some(&phrase) = self.terminal.get(node as usize).filter(|&&p| p != NONE) {
                out.push(Report {
                    phrase: phrase as usize,
                    start,
                    end: t.end as usize + 1,
                });
            }
        }
    }

    fn child(&self, node: u32, word: u32) -> u32 {
        if word == NONE {
            return NONE;
        }
        if node == ROOT {
            return self.root.get(word as usize).copied().unwrap_or(NONE);
        }
        self.edges.get(&(node, word)).copied().unwrap_or(NONE)
    }

    /// The prefixes to try on the word `t` at `node`.
    fn prefixes_at(&self, node: u32, t: &Token) -> &[(Box<str>, u32)] {
        if node != ROOT {
            return slice(&self.prefixes, &self.prefix_start, node as usize);
        }
        slice(&self.root_prefixes, &self.root_start, t.bucket as usize)
    }
}

/// The bucket of root prefixes a word is tried on; past the last one (no
/// row) for an empty word.
fn bucket_of_word(word: &[u8]) -> u32 {
    let row = match word {
        [] => BUCKETS,
        [b0] => bucket(*b0, 0),
        [b0, b1, ..] => bucket(*b0, *b1),
    };
    row as u32
}

/// Row `n` of compressed rows.
fn slice<'a, T>(items: &'a [T], start: &[u32], n: usize) -> &'a [T] {
    match (start.get(n), start.get(n + 1)) {
        (Some(&a), Some(&b)) => items.get(a as usize..b as usize).unwrap_or_default(),
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an overlapping Aho-Corasick search reports, in its order.
    fn by_automaton(texts: &[&str], hay: &str) -> Vec<Report> {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(texts)
            .unwrap();
        ac.find_overlapping_iter(hay)
            .map(|m| Report {
                phrase: m.pattern().as_usize(),
                start: m.start(),
                end: m.end(),
            })
            .collect()
    }

    const TEXTS: [&str; 12] = [
        " i see ",
        " i ",
        " i see what you mean ",
        " see ",
        " frustrat",
        " so frustrat",
        " 100%",
        "% off ",
        "🙄",
        " you ' re right ",
        " ' re ",
        " what you ",
    ];

    #[test]
    fn reports_what_the_automaton_reports_in_its_order() {
        let index = PhraseIndex::build(&TEXTS).unwrap();
        for hay in [
            " i see what you mean so i see ",
            " so frustrating i see 100% 🙄 20% off ",
            " you ' re right  ' re you ' re ",
            " frustrat frustration so so frustrated ",
            " ",
            " iii see  i  see ",
        ] {
            assert_eq!(index.find(hay), by_automaton(&TEXTS, hay), "{hay:?}");
        }
    }

    /// Random texts of every shape over a few words, searched for in random
    /// haystacks (double spaces included): the same reports as the
    /// automaton, in the same order.
    #[test]
    fn agrees_with_the_automaton_on_random_texts() {
        use rand::{Rng, SeedableRng};
        let words = ["a", "ab", "abc", "b", "'", "x%", "🙄", "i"];
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let pick = |n: usize, rng: &mut rand_chacha::ChaCha8Rng| {
            (0..n)
                .map(|_| words[rng.gen_range(0..words.len())])
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut texts: Vec<String> = Vec::new();
        while texts.len() < 60 {
            let body = pick(rng.gen_range(1..4), &mut rng);
            let text = match rng.gen_range(0..4) {
                0 => format!(" {body}"),
                1 => format!("{body} "),
                _ => format!(" {body} "),
            };
            if !texts.contains(&text) {
                texts.push(text);
            }
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let index = PhraseIndex::build(&texts).unwrap();
        for _ in 0..500 {
            let len = rng.gen_range(0..12);
            let sep = if rng.gen_bool(0.1) { "  " } else { " " };
            let hay = format!(" {} ", pick(len, &mut rng).replace(' ', sep));
            assert_eq!(index.find(&hay), by_automaton(&texts, &hay), "{hay:?}");
        }
    }
}
