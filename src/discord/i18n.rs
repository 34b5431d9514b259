//! The bot's own words in both languages: one helper to pick the English or
//! French text, and the labels of the rubric's dimensions and the prospect's
//! moods, so every command names them the same way.

use crate::lang::Lang;
use crate::prospect::Mood;
use crate::scoring::Dimension;

/// The text for `lang` out of an English and a French version.
pub fn tr<'a>(lang: Lang, en: &'a str, fr: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// A dimension's name as a trainee reads it.
pub fn dimension(d: Dimension, lang: Lang) -> &'static str {
    match d {
        Dimension::Acknowledgment => tr(lang, "Acknowledgment", "Reconnaissance"),
        Dimension::Concession => tr(lang, "Concession", "Concession"),
        Dimension::Exploration => tr(lang, "Exploration", "Exploration"),
        Dimension::Reframe => tr(lang, "Reframe", "Recadrage"),
        Dimension::Relevance => tr(lang, "Relevance", "Pertinence"),
        Dimension::Respect => tr(lang, "Respect", "Respect"),
        Dimension::Dismissal => tr(lang, "Dismissal", "Mépris"),
        Dimension::Defensiveness => tr(lang, "Defensiveness", "Défensive"),
    }
}

/// Whether a dimension lowers the score.
pub fn is_negative(d: Dimension) -> bool {
    matches!(d, Dimension::Dismissal | Dimension::Defensiveness)
}

/// A cue id as words (`open_question` → `open question`).
pub fn cue_words(id: &str) -> String {
    id.replace('_', " ")
}

/// How the prospect took the last answer.
pub fn mood(m: Mood, lang: Lang) -> &'static str {
    match m {
        Mood::Warming => tr(lang, "warming up", "se détend"),
        Mood::Unmoved => tr(lang, "unmoved", "pas convaincu"),
        Mood::Irritated => tr(lang, "irritated", "s'agace"),
    }
}

/// The marker shown before a cue: up for what helped, down for what hurt.
pub fn cue_marker(weight: f32) -> &'static str {
    if weight < 0.0 {
        "🔻"
    } else {
        "🔹"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discord::rubric::{DOWN, UP};

    #[test]
    fn every_dimension_has_a_distinct_label_per_language() {
        let all: Vec<Dimension> = UP.iter().chain(DOWN).copied().collect();
        for lang in Lang::ALL {
            let mut labels: Vec<&str> = all.iter().map(|d| dimension(*d, lang)).collect();
            labels.sort_unstable();
            labels.dedup();
            assert_eq!(labels.len(), all.len(), "{lang}");
        }
        assert_eq!(dimension(Dimension::Reframe, Lang::Fr), "Recadrage");
        assert!(is_negative(Dimension::Dismissal) && !is_negative(Dimension::Respect));
    }
}
