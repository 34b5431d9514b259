//! A small word-set view of a text, shared by repetition detection and the
//! ranking of counter-arguments: accent- and case-folded, stemmed per
//! language, so "Vous avez raison" and "vous avez RAISON !" compare equal.

use std::collections::BTreeSet;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};

use crate::lang::Lang;

/// Stems shorter than this carry little meaning ("a", "de", "it").
const MIN_WORD_CHARS: usize = 3;

/// The set of folded word stems of `text` that have at least three letters.
pub(crate) fn word_set(text: &str, lang: Lang) -> BTreeSet<String> {
    let stemmer = Stemmer::create(match lang {
        Lang::En => Algorithm::English,
        Lang::Fr => Algorithm::French,
    });
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .map(|w| stemmer.stem(w).into_owned())
        .filter(|stem| stem.chars().count() >= MIN_WORD_CHARS)
        .collect()
}

/// Jaccard similarity of two word sets: 0 (nothing shared) to 1 (same words).
pub(crate) fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f32 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f32 / union as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_punctuation_and_inflections() {
        let a = word_set("Vous avez RAISON, les réseaux sociaux !", Lang::Fr);
        let b = word_set("vous avez raison : le réseau social", Lang::Fr);
        assert_eq!(jaccard(&a, &b), 1.0, "{a:?} vs {b:?}");
        assert!(a.contains("reseau"), "{a:?}");
    }

    #[test]
    fn jaccard_measures_shared_words() {
        let a = word_set("LinkedIn messages feel like spam", Lang::En);
        let b = word_set("Most messages on LinkedIn are spam", Lang::En);
        let c = word_set("What budget do you have?", Lang::En);
        let ab = jaccard(&a, &b);
        assert!(ab > 0.3 && ab < 1.0, "{ab}");
        assert_eq!(jaccard(&a, &c), 0.0);
        assert_eq!(jaccard(&BTreeSet::new(), &BTreeSet::new()), 0.0);
    }
}
