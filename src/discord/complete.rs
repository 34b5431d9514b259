//! Autocomplete for ids (objections, counter-arguments, debates): a fuzzy
//! ranking that forgives case, accents and skipped letters, cut to the 25
//! choices Discord shows.

use poise::serenity_prelude as serenity;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::reply::cut;

/// Most choices Discord accepts in one answer.
pub const MAX_CHOICES: usize = 25;
/// Longest choice name Discord accepts.
const NAME_MAX: usize = 100;

/// Something to offer: the id sent back, and a label to match and show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// The value chosen (an id).
    pub id: String,
    /// What is shown beside it (an objection's text, a trainee's name...).
    pub label: String,
}

/// The best items for what the member typed, best first, at most
/// [`MAX_CHOICES`]. Id prefixes beat word prefixes, which beat substrings,
/// which beat letters in order; the label is matched last. Ties keep the
/// given order.
pub fn rank<'a>(partial: &str, items: &'a [Item]) -> Vec<&'a Item> {
    let query = fold(partial.trim());
    let mut scored: Vec<(u8, usize, &Item)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| score(&query, item).map(|s| (s, i, item)))
        .collect();
    scored.sort_by_key(|(s, i, _)| (*s, *i));
    scored
        .into_iter()
        .take(MAX_CHOICES)
        .map(|(_, _, item)| item)
        .collect()
}

fn score(query: &str, item: &Item) -> Option<u8> {
    if query.is_empty() {
        return Some(0);
    }
    let id = fold(&item.id);
    let label = fold(&item.label);
    if id.starts_with(query) {
        Some(0)
    } else if id
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(query))
    {
        Some(1)
    } else if id.contains(query) {
        Some(2)
    } else if label.contains(query) {
        Some(3)
    } else if in_order(query, &id) {
        Some(4)
    } else if query.split_whitespace().all(|w| label.contains(w)) {
        Some(5)
    } else {
        None
    }
}

/// Whether the letters of `query` appear in `text` in order (`lnkd` in
/// `linkedin`), ignoring spaces and dashes typed in the query.
fn in_order(query: &str, text: &str) -> bool {
    let mut rest = text.chars();
    query
        .chars()
        .filter(|c| c.is_alphanumeric())
        .all(|q| rest.any(|t| t == q))
}

/// Lowercase without accents, so `reseau` finds `réseau`.
fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The autocomplete answer for ranked items: `id — label`, cut to fit.
pub fn response(items: &[&Item]) -> serenity::CreateAutocompleteResponse {
    let choices = items
        .iter()
        .map(|item| {
            let name = if item.label.is_empty() {
                item.id.clone()
            } else {
                format!("{} — {}", item.id, item.label)
            };
            let name = cut(&name, NAME_MAX).into_owned();
            serenity::AutocompleteChoice::new(name, item.id.clone())
        })
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// An empty answer (nothing matches, or the lookup failed).
pub fn nothing() -> serenity::CreateAutocompleteResponse {
    serenity::CreateAutocompleteResponse::new().set_choices(Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(pairs: &[(&str, &str)]) -> Vec<Item> {
        pairs
            .iter()
            .map(|(id, label)| Item {
                id: id.to_string(),
                label: label.to_string(),
            })
            .collect()
    }

    fn ids(ranked: &[&Item]) -> Vec<String> {
        ranked.iter().map(|i| i.id.clone()).collect()
    }

    #[test]
    fn prefixes_beat_words_beat_substrings_beat_scattered_letters() {
        let all = items(&[
            ("too-expensive", "It costs too much."),
            ("linkedin-is-spam", "Isn't LinkedIn just spam now?"),
            ("spam-folder", "Your emails land in spam."),
            ("la-prospection-en-ligne", "Le réseau, c'est du spam."),
        ]);
        assert_eq!(
            ids(&rank("spam", &all)),
            vec!["spam-folder", "linkedin-is-spam", "la-prospection-en-ligne"]
        );
        assert_eq!(ids(&rank("lnkd", &all)), vec!["linkedin-is-spam"]);
        assert_eq!(
            ids(&rank("RESEAU", &all)),
            vec!["la-prospection-en-ligne"],
            "case and accents are forgiven"
        );
        assert!(rank("zzz", &all).is_empty());
    }

    #[test]
    fn empty_input_offers_the_first_twenty_five_in_order() {
        let many: Vec<Item> = (0..40)
            .map(|i| Item {
                id: format!("o{i:02}"),
                label: String::new(),
            })
            .collect();
        let ranked = rank("", &many);
        assert_eq!(ranked.len(), MAX_CHOICES);
        assert_eq!(ranked[0].id, "o00");
    }

    #[test]
    fn choice_names_fit_discords_limit() {
        let long = items(&[("id", &"mot ".repeat(60))]);
        let ranked = rank("", &long);
        let built = serde_json::to_value(response(&ranked)).expect("serialises");
        let name = built["choices"][0]["name"].as_str().expect("a name");
        assert!(
            name.chars().count() <= NAME_MAX && name.starts_with("id — "),
            "{name}"
        );
    }
}
