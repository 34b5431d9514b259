//! The calibration layer (`data/scoring/calibration.toml`) moves the
//! rubric's verdict on what common words say, within bounds a coach can
//! rely on: two levels at most, level 1 only with a dismissal cue, and every
//! word that weighed shown with its span.

use std::fs;

use objection_dojo::scoring::{Level, ScoreCard, ScoreRequest, Scorer};
use objection_dojo::Lang;

const CALIBRATION: &str = include_str!("../data/scoring/calibration.toml");

fn score(s: &Scorer, answer: &str, lang: Lang) -> ScoreCard {
    s.score(&ScoreRequest {
        answer,
        lang: Some(lang),
        ..ScoreRequest::default()
    })
}

/// A scorer whose calibration is the built-in one with `edit` applied.
fn calibrated_with(edit: impl Fn(&str) -> String) -> Scorer {
    let dir = tempfile::tempdir().expect("a temp dir");
    fs::create_dir(dir.path().join("scoring")).expect("scoring/ created");
    let text = edit(CALIBRATION);
    assert_ne!(text, CALIBRATION, "the edit applies");
    fs::write(dir.path().join("scoring/calibration.toml"), text).expect("written");
    Scorer::from_dir(dir.path()).expect("the edited calibration loads")
}

#[test]
fn sarcasm_without_marker_words_drops_below_neutral() {
    let s = Scorer::builtin().expect("builtin loads");
    let cases = [
        (
            "Well, I guess some people just like doing things the hard way.",
            Lang::En,
            "Well",
        ),
        (
            "Sounds like your team likes excuses more than results.",
            Lang::En,
            "Sounds",
        ),
        (
            "Bon, si ça vous amuse de perdre des clients, continuez comme ça.",
            Lang::Fr,
            "Bon",
        ),
    ];
    for (answer, lang, word) in cases {
        let card = score(&s, answer, lang);
        // The rubric alone sees nothing wrong: no cue of its own fires.
        assert_eq!(
            card.calibration.rubric_level,
            Some(Level::Neutral),
            "{answer}"
        );
        assert_eq!(card.level, Level::Defensive, "{answer}: {card:?}");
        assert!(card.score < card.calibration.rubric_score.unwrap_or(0));
        let shown = card
            .calibration
            .words
            .iter()
            .find(|w| &answer[w.start..w.end] == word)
            .unwrap_or_else(|| panic!("{word} shown for {answer}: {card:?}"));
        assert!(shown.weight < 0.0, "{shown:?}");
    }
}

#[test]
fn plain_answers_keep_the_rubrics_level() {
    let s = Scorer::builtin().expect("builtin loads");
    for (answer, lang, level) in [
        ("Honestly.", Lang::En, Level::Neutral),
        ("We can send the contract on Monday.", Lang::En, Level::Neutral),
        ("Je vous envoie le devis demain matin.", Lang::Fr, Level::Neutral),
        (
            "You're right that it's a real cost. What would you need to see to justify it? One client cut onboarding from 6 weeks to 2.",
            Lang::En,
            Level::Masterful,
        ),
    ] {
        let card = score(&s, answer, lang);
        assert_eq!(card.calibration.rubric_level, Some(level), "{answer}");
        assert_eq!(card.level, level, "{answer}: {card:?}");
    }
}

/// `text` with the weight of `word` (its first entry) set to `weight`.
fn set_word(text: &str, word: &str, weight: f32) -> String {
    let key = format!("\"{word}\" = ");
    let line = text
        .lines()
        .find(|l| l.starts_with(&key))
        .unwrap_or_else(|| panic!("{word} is in the calibration"));
    text.replacen(line, &format!("{key}{weight}"), 1)
}

#[test]
fn the_file_drives_the_words_within_two_levels_and_never_to_contempt_alone() {
    let polite = "Sure, we can do that next week.";
    let defensive = "Sure, but our price is the price, take it or leave it.";
    let harsh = calibrated_with(|t| set_word(t, "sure", -9.0));
    let card = score(&harsh, polite, Lang::En);
    assert_eq!(card.calibration.rubric_level, Some(Level::Neutral));
    // Far below every cut, but no dismissal cue fired: defensive, at the
    // bottom of its band, not dismissive.
    assert_eq!((card.level, card.score), (Level::Defensive, 20), "{card:?}");
    let kind = calibrated_with(|t| set_word(t, "sure", 9.0));
    let card = score(&kind, defensive, Lang::En);
    assert_eq!(card.calibration.rubric_level, Some(Level::Defensive));
    assert_eq!(
        card.level,
        Level::Empathetic,
        "two levels up at most: {card:?}"
    );
    let sure = &card.calibration.words[0];
    assert_eq!(
        (&defensive[sure.start..sure.end], sure.weight),
        ("Sure", 9.0)
    );
}

#[test]
fn an_opening_word_weighs_only_where_it_opens_a_sentence() {
    let strict = calibrated_with(|t| set_word(t, "^so", -9.0));
    let retort = "So your team can't learn six buttons?";
    let card = score(&strict, retort, Lang::En);
    assert_eq!(card.calibration.rubric_level, Some(Level::Neutral));
    assert_eq!(card.level, Level::Defensive, "{card:?}");
    let so = card
        .calibration
        .words
        .iter()
        .find(|w| w.opening)
        .unwrap_or_else(|| panic!("the opening is shown: {card:?}"));
    assert_eq!((&retort[so.start..so.end], so.weight), ("So", -9.0));
    // Inside a sentence the word is not an opening; opening the second
    // sentence, it is.
    for (answer, opens) in [
        (
            "We can set that up, so your team keeps its own process.",
            false,
        ),
        (
            "We can set that up. So your team keeps its own process.",
            true,
        ),
    ] {
        let card = score(&strict, answer, Lang::En);
        let words = &card.calibration.words;
        let opened = words.iter().any(|w| w.opening && w.word == "so");
        assert_eq!(opened, opens, "{answer}: {card:?}");
        assert_eq!(card.level == Level::Defensive, opens, "{answer}: {card:?}");
    }
}

#[test]
fn every_moved_level_names_the_words_that_moved_it() {
    let s = Scorer::builtin().expect("builtin loads");
    let mut moved = 0;
    for line in include_str!("data/eval/heldout.jsonl").lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let field = |k: &str| row[k].as_str().expect("a string field");
        let lang = field("lang").parse().expect("en or fr");
        let card = s.score(&ScoreRequest {
            answer: field("answer"),
            objection: Some(field("objection")),
            lang: Some(lang),
            ..ScoreRequest::default()
        });
        let rubric = card.calibration.rubric_level.expect("calibrated");
        let push: f32 = card.calibration.words.iter().map(|w| w.weight).sum();
        if card.level < rubric {
            assert!(push < 0.0, "moved down without its words: {card:?}");
        } else if card.level > rubric {
            assert!(push > 0.0, "moved up without its words: {card:?}");
        } else {
            continue;
        }
        moved += 1;
    }
    // The guard means something only if the layer does move levels.
    assert!(moved > 100, "{moved} levels moved");
}

#[test]
fn a_broken_calibration_names_its_line() {
    let dir = tempfile::tempdir().expect("a temp dir");
    fs::create_dir(dir.path().join("scoring")).expect("scoring/ created");
    let broken = set_word(CALIBRATION, "sure", f32::NAN).replace("NaN", "nan");
    fs::write(dir.path().join("scoring/calibration.toml"), &broken).expect("written");
    let err = Scorer::from_dir(dir.path()).expect_err("a NaN weight is refused");
    let line = broken[..broken.find("\"sure\" = nan").expect("edited")]
        .matches('\n')
        .count()
        + 1;
    let shown = err.to_string();
    assert!(
        shown.contains("calibration.toml") && shown.contains(&format!("line {line}")),
        "{shown}"
    );
}
