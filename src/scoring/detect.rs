//! Guesses whether free text is English or French from function words and
//! accented letters listed in each lexicon's `[detect]` table. It needs no
//! model: answers are short, and the two languages share few function words.

use aho_corasick::{AhoCorasick, MatchKind};

use super::lexicon::LangRules;
use super::normalize::Normalized;
use crate::lang::Lang;

/// A language guesser built from the lexicons.
#[derive(Debug)]
pub(crate) struct Detector {
    ac: Option<AhoCorasick>,
    langs: Vec<Lang>,
    chars: Vec<(char, Lang)>,
}

impl Detector {
    /// Builds the guesser; a word listed by both languages is ignored.
    pub(crate) fn new(rules: &[&LangRules]) -> Detector {
        let mut words: Vec<(&str, Lang)> = Vec::new();
        for r in rules {
            for w in &r.detect_words {
                if !w.is_empty() {
                    words.push((w.as_str(), r.lang));
                }
            }
        }
        let shared = |w: &str| words.iter().filter(|(x, _)| *x == w).count() > 1;
        let unique: Vec<(&str, Lang)> = words.iter().filter(|(w, _)| !shared(w)).copied().collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(unique.iter().map(|(w, _)| *w))
            .ok();
        Detector {
            ac,
            langs: unique.iter().map(|(_, l)| *l).collect(),
            chars: rules
                .iter()
                .flat_map(|r| r.detect_chars.iter().map(|c| (*c, r.lang)))
                .collect(),
        }
    }

    /// The language with clearly more evidence, or `None` when unsure.
    pub(crate) fn detect(&self, original: &str, norm: &Normalized) -> Option<Lang> {
        let mut votes = [0usize; 2];
        let slot = |l: Lang| if l == Lang::En { 0 } else { 1 };
        if let Some(ac) = &self.ac {
            let text = norm.text.as_str();
            for m in ac.find_overlapping_iter(text) {
                let before = text[..m.start()].chars().next_back();
                let after = text[m.end()..].chars().next();
                let whole = !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric);
                if whole {
                    if let Some(l) = self.langs.get(m.pattern().as_usize()) {
                        votes[slot(*l)] += 2;
                    }
                }
            }
        }
        for c in original.chars().flat_map(char::to_lowercase) {
            if let Some((_, l)) = self.chars.iter().find(|(x, _)| *x == c) {
                votes[slot(*l)] += 1;
            }
        }
        match votes[0].cmp(&votes[1]) {
            std::cmp::Ordering::Greater => Some(Lang::En),
            std::cmp::Ordering::Less => Some(Lang::Fr),
            std::cmp::Ordering::Equal => None,
        }
    }
}
