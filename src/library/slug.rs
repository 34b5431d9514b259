//! Readable ids made from free text, so a coach adding an objection from
//! Discord need not invent a slug.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Longest generated slug: a few words, readable in autocomplete.
const GENERATED_MAX: usize = 40;

/// A slug from the first words of `text`: accents dropped, lowercase, words
/// joined by '-', cut at a word boundary. `fallback` if nothing is left.
pub fn slugify(text: &str, fallback: &str) -> String {
    let folded: String = text
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut slug = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = word.len() + usize::from(!slug.is_empty());
        if slug.len() + extra > GENERATED_MAX {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        fallback.to_string()
    } else {
        slug
    }
}

/// `base`, or `base-2`, `base-3`, ... : the first that `taken` refuses.
pub fn unique_slug(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2u32..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unbounded range always yields a free suffix")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::is_slug;

    #[test]
    fn folds_accents_and_punctuation_into_a_valid_slug() {
        let slug = slugify("Le social selling, c'est juste une mode ?", "x");
        assert_eq!(slug, "le-social-selling-c-est-juste-une-mode");
        assert!(is_slug(&slug));
    }

    #[test]
    fn cuts_long_text_at_a_word_boundary() {
        let slug = slugify(&"word ".repeat(30), "x");
        assert!(
            slug.len() <= GENERATED_MAX && slug.ends_with("word"),
            "{slug}"
        );
    }

    #[test]
    fn falls_back_when_no_letter_survives() {
        assert_eq!(slugify("?!…", "objection"), "objection");
    }

    #[test]
    fn unique_slug_skips_taken_suffixes() {
        let taken = ["a", "a-2"];
        assert_eq!(unique_slug("a", |s| taken.contains(&s)), "a-3");
        assert_eq!(unique_slug("b", |s| taken.contains(&s)), "b");
    }
}
