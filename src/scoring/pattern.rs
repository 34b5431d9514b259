//! The small phrase syntax of the lexicons, so a coach writes one readable
//! line instead of twenty variants:
//! - `[a|b|c]` picks one alternative; an empty one makes the group optional
//!   (`[totally |]agree` is `totally agree` or `agree`);
//! - a final `*` matches any word ending (`frustrat*` covers frustrating,
//!   frustrated, frustration);
//! - an alternative starting with an apostrophe joins the word before it
//!   (`[you|they] ['ve got|have]` gives "you've got");
//! - `_` stands for one to four words (`a _ client of ours` covers "a
//!   logistics client of ours").
//!
//! Phrases are then normalised like answers, so case, accents and the
//! apostrophe style do not matter.

use std::collections::HashSet;

use super::lexicon::FastHash;
use super::normalize::normalize_phrase;

/// Most variants one phrase may expand to; more is surely a typo.
pub(crate) const MAX_VARIANTS: usize = 1024;

/// One concrete phrase ready for the phrase index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Variant {
    /// The normalised text to search for.
    pub text: String,
    /// A trailing `*`: the last word may continue.
    pub prefix: bool,
    /// What follows each `_` (one to four words, then this text, maybe
    /// empty).
    pub gaps: Vec<String>,
}

/// Expands `phrase` into its normalised variants, or says what is wrong.
pub(crate) fn expand(phrase: &str) -> Result<Vec<Variant>, String> {
    let (body, prefix) = match phrase.trim_end().strip_suffix('*') {
        Some(body) => (body, true),
        None => (phrase, false),
    };
    if body.contains('*') {
        return Err(format!("`{phrase}`: `*` is only allowed at the very end"));
    }
    let mut variants = vec![String::new()];
    let mut rest = body;
    while !rest.is_empty() {
        match rest.find('[') {
            None => {
                if rest.contains(']') || rest.contains('|') {
                    return Err(format!("`{phrase}`: `]` or `|` outside a [..] group"));
                }
                append(&mut variants, &[rest]);
                rest = "";
            }
            Some(open) => {
                let (before, group) = rest.split_at(open);
                if before.contains(']') || before.contains('|') {
                    return Err(format!("`{phrase}`: `]` or `|` outside a [..] group"));
                }
                append(&mut variants, &[before]);
                let close = group
                    .find(']')
                    .ok_or_else(|| format!("`{phrase}`: `[` without a closing `]`"))?;
                let inner = &group[1..close];
                if inner.contains('[') {
                    return Err(format!("`{phrase}`: groups cannot be nested"));
                }
                let options: Vec<&str> = inner.split('|').collect();
                if variants.len() * options.len() > MAX_VARIANTS {
                    return Err(format!(
                        "`{phrase}` expands to more than {MAX_VARIANTS} variants"
                    ));
                }
                append(&mut variants, &options);
                rest = &group[close + 1..];
            }
        }
    }
    let mut out: Vec<Variant> = Vec::with_capacity(variants.len());
    let mut seen = HashSet::with_capacity_and_hasher(variants.len(), FastHash::default());
    for mut v in variants {
        // `[you|they] ['ve got|have]` means "you've got", not "you 've got".
        if v.contains(" '") || v.contains(" ’") {
            v = v.replace(" '", "'").replace(" ’", "’");
        }
        let mut parts = v.split('_').map(normalize_phrase);
        let text = parts.next().unwrap_or_default();
        let gaps: Vec<String> = parts.collect();
        if text.is_empty() {
            return Err(format!(
                "`{phrase}`: a variant has no words before its first `_`"
            ));
        }
        if prefix && !gaps.is_empty() {
            return Err(format!("`{phrase}`: `*` and `_` cannot be combined"));
        }
        let variant = Variant { text, prefix, gaps };
        if seen.insert(variant.clone()) {
            out.push(variant);
        }
    }
    Ok(out)
}

fn append(variants: &mut Vec<String>, options: &[&str]) {
    let mut next = Vec::with_capacity(variants.len() * options.len());
    for v in variants.iter() {
        for o in options {
            let mut joined = String::with_capacity(v.len() + o.len());
            joined.push_str(v);
            joined.push_str(o);
            next.push(joined);
        }
    }
    *variants = next;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &str) -> Vec<String> {
        expand(p).unwrap().into_iter().map(|v| v.text).collect()
    }

    #[test]
    fn expands_groups_and_optional_words() {
        assert_eq!(
            texts("[you're|you are] [totally |]right"),
            vec![
                "you're totally right",
                "you're right",
                "you are totally right",
                "you are right"
            ]
        );
    }

    #[test]
    fn normalises_accents_and_apostrophes() {
        assert_eq!(texts("Vous n’avez pas TORT"), vec!["vous n'avez pas tort"]);
    }

    #[test]
    fn an_apostrophe_option_joins_the_word_before() {
        assert_eq!(
            texts("[you|they] ['ve got|have]"),
            vec!["you've got", "you have", "they've got", "they have"]
        );
    }

    #[test]
    fn underscore_leaves_a_one_word_gap() {
        let v = expand("[a|one] _ client of ours").unwrap();
        assert_eq!(v[0].text, "a");
        assert_eq!(v[0].gaps, vec!["client of ours".to_string()]);
        assert!(expand("_ client").is_err());
        assert!(expand("a _ client*").is_err());
    }

    #[test]
    fn trailing_star_makes_a_prefix() {
        let v = expand("frustrat*").unwrap();
        assert!(v[0].prefix);
        assert_eq!(v[0].text, "frustrat");
    }

    #[test]
    fn rejects_broken_syntax() {
        assert!(expand("[a|b").is_err());
        assert!(expand("a]b").is_err());
        assert!(expand("a*b").is_err());
        assert!(expand("[a|[b]]").is_err());
        assert!(expand("[|]").is_err());
        assert!(expand("...").is_err());
    }
}
