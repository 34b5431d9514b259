//! Coaches edit the scoring data: a broken file must be a clear error that
//! names the file and the line, and a valid override must take effect.

use std::fs;
use std::path::Path;

use objection_dojo::scoring::{Level, ScoreRequest, Scorer, ScoringError};
use objection_dojo::Lang;

const EN: &str = include_str!("../data/scoring/en.toml");
const RUBRIC: &str = include_str!("../data/scoring/rubric.toml");

fn data_dir(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    fs::create_dir(dir.path().join("scoring")).expect("scoring/ created");
    for (name, text) in files {
        fs::write(dir.path().join("scoring").join(name), text).expect("file written");
    }
    dir
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let at = text.find(needle).expect("needle present");
    text[..at].matches('\n').count() + 1
}

fn expect_invalid(dir: &Path, file: &str, line: usize, hint: &str) {
    match Scorer::from_dir(dir) {
        Err(ScoringError::Invalid {
            file: f,
            line: l,
            message,
        }) => {
            assert!(f.ends_with(file), "file {f}");
            assert_eq!(l, line, "{message}");
            assert!(message.contains(hint), "{message}");
        }
        other => panic!("expected an invalid-file error, got {other:?}"),
    }
}

#[test]
fn toml_syntax_error_names_file_and_line() {
    let broken = EN.replacen("[cues.acknowledge]", "[cues.acknowledge", 1);
    let dir = data_dir(&[("en.toml", &broken)]);
    let line = line_of(&broken, "[cues.acknowledge");
    expect_invalid(dir.path(), "en.toml", line, "");
    let shown = Scorer::from_dir(dir.path())
        .expect_err("broken")
        .to_string();
    assert!(
        shown.contains("en.toml") && shown.contains(&format!("line {line}")),
        "{shown}"
    );
}

#[test]
fn broken_phrase_syntax_names_its_line() {
    let broken = EN.replacen("\"fair enough\",", "\"fair [enough\",", 1);
    let dir = data_dir(&[("en.toml", &broken)]);
    expect_invalid(
        dir.path(),
        "en.toml",
        line_of(&broken, "fair [enough"),
        "closing",
    );
}

#[test]
fn unknown_dimension_is_reported() {
    let broken = EN.replacen("dimension = \"concession\"", "dimension = \"kindness\"", 1);
    let dir = data_dir(&[("en.toml", &broken)]);
    expect_invalid(
        dir.path(),
        "en.toml",
        line_of(&broken, "\"kindness\""),
        "kindness",
    );
}

#[test]
fn a_phrase_in_two_families_is_reported() {
    let broken = EN.replacen("\"fair enough\",", "\"fair enough\", \"no way\",", 1);
    let dir = data_dir(&[("en.toml", &broken)]);
    match Scorer::from_dir(dir.path()) {
        Err(ScoringError::Invalid { message, .. }) => {
            assert!(message.contains("no way"), "{message}")
        }
        other => panic!("expected a duplicate error, got {other:?}"),
    }
}

#[test]
fn rubric_rules_are_checked() {
    let broken = RUBRIC.replacen("decay = 0.4", "decay = 1.5", 1);
    let dir = data_dir(&[("rubric.toml", &broken)]);
    expect_invalid(
        dir.path(),
        "rubric.toml",
        line_of(&broken, "[repetition]"),
        "decay",
    );
    let unknown = RUBRIC.replacen("shouting = -1.2", "shouting = -1.2\nwhispering = 1.0", 1);
    let dir = data_dir(&[("rubric.toml", &unknown)]);
    expect_invalid(
        dir.path(),
        "rubric.toml",
        line_of(&unknown, "whispering"),
        "whispering",
    );
}

#[test]
fn missing_scoring_folder_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let err = Scorer::from_dir(dir.path()).expect_err("no scoring/ folder");
    assert!(matches!(err, ScoringError::MissingDir { .. }));
    assert!(err.to_string().contains("scoring/"));
}

#[test]
fn an_override_takes_effect_and_other_files_fall_back() {
    let answer = "Honestly.";
    let req = ScoreRequest {
        answer,
        lang: Some(Lang::En),
        ..ScoreRequest::default()
    };
    let builtin = Scorer::builtin().expect("builtin loads").score(&req);
    assert_eq!(builtin.level, Level::Neutral);
    let harsh = EN.replacen(
        "[cues.intensifier]\ndimension = \"defensiveness\"\nweight = -0.3",
        "[cues.intensifier]\ndimension = \"defensiveness\"\nweight = -3.0",
        1,
    );
    assert_ne!(
        harsh, EN,
        "the intensifier table is where the test expects it"
    );
    let dir = data_dir(&[("en.toml", &harsh)]);
    let card = Scorer::load(Some(dir.path()))
        .expect("override loads")
        .score(&req);
    assert_eq!(card.level, Level::Defensive, "{:?}", card.cues);
    let fr = Scorer::from_dir(dir.path())
        .expect("loads")
        .score(&ScoreRequest {
            answer: "Vous avez raison.",
            lang: Some(Lang::Fr),
            ..ScoreRequest::default()
        });
    assert!(
        fr.has_cue("concession"),
        "French fell back to the built-in lexicon"
    );
}
