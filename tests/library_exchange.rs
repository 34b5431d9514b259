//! The exchange format through the app layer and the real `dojo` binary:
//! round trips are exact, every validation error is reported with its path,
//! and a refused import writes nothing.

use std::path::Path;
use std::process::{Command, Output};

use objection_dojo::app::library::{self as uc, LibraryError, NewCounter};
use objection_dojo::library::{CounterSource, CounterStatus, ExchangeError};
use objection_dojo::store::{ImportMode, Store};

/// A store holding the built-in library plus a draft counter with a vote,
/// so that every field kind takes part in the round trip.
fn curated_store() -> Store {
    let store = Store::open_temporary().expect("temporary store");
    uc::seed(&store, None).expect("seeds");
    let new = NewCounter {
        id: Some("trainee-idea".into()),
        text: "I hear you: what would make a message worth reading?".into(),
        author: "trainee-42".into(),
        status: CounterStatus::Draft,
        source: CounterSource::Trainee,
    };
    uc::add_counter(&store, 0, "linkedin-is-spam", &new, "coach").expect("counter");
    uc::vote_counter(&store, 0, "linkedin-is-spam", "trainee-idea", "t").expect("vote");
    store
}

#[test]
fn export_import_export_is_identical_in_a_fresh_store() {
    let source = curated_store();
    let first = uc::export(&source, 0).unwrap();
    let target = Store::open_temporary().unwrap();
    uc::import(&target, 7, &first, ImportMode::Replace, "coach").unwrap();
    assert_eq!(uc::export(&target, 7).unwrap(), first);
    assert_eq!(
        uc::list(&target, 7, &Default::default()).unwrap(),
        uc::list(&source, 0, &Default::default()).unwrap()
    );
}

#[test]
fn reimporting_an_export_over_itself_changes_nothing() {
    let store = curated_store();
    let before = uc::export(&store, 0).unwrap();
    for mode in [ImportMode::Merge, ImportMode::Replace] {
        let report = uc::import(&store, 0, &before, mode, "coach").unwrap();
        assert_eq!((report.added, report.removed), (0, 0));
        assert_eq!(uc::export(&store, 0).unwrap(), before);
    }
}

#[test]
fn export_is_sorted_by_id_and_pretty() {
    let json = uc::export(&curated_store(), 0).unwrap();
    let file: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ids: Vec<&str> = file["objections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted);
    assert!(
        json.starts_with("{\n  \"version\": 1,\n  \"objections\": [\n"),
        "{}",
        &json[..60]
    );
}

/// A valid one-objection file whose JSON a test can break in one place.
fn valid_file() -> serde_json::Value {
    serde_json::json!({"version": 1, "objections": [
        {"id": "spam", "lang": "en", "text": "Isn't LinkedIn spam?", "tags": ["linkedin"],
         "difficulty": 2, "key_concerns": ["spam"],
         "pushbacks": {"soft": ["Maybe."], "hard": ["No."]},
         "counters": [{"id": "c1", "text": "You're right, what would help?", "author": "coach", "status": "approved"}]},
        {"id": "fad", "lang": "fr", "text": "C'est une mode ?", "difficulty": 1,
         "pushbacks": {"soft": ["Bon."], "hard": ["Non."]}}
    ]})
}

fn import_err(file: &serde_json::Value) -> ExchangeError {
    let store = Store::open_temporary().unwrap();
    match uc::import(&store, 0, &file.to_string(), ImportMode::Merge, "t") {
        Err(LibraryError::Exchange(err)) => {
            assert!(
                store.objection_ids(0).unwrap().is_empty(),
                "nothing written"
            );
            err
        }
        other => panic!("expected an exchange error, got {other:?}"),
    }
}

fn issue_lines(err: &ExchangeError) -> Vec<String> {
    err.issues().iter().map(ToString::to_string).collect()
}

#[test]
fn the_valid_file_imports() {
    let store = Store::open_temporary().unwrap();
    let report = uc::import(&store, 0, &valid_file().to_string(), ImportMode::Merge, "t").unwrap();
    assert_eq!(report.added, 2);
}

#[test]
fn unknown_field_is_an_error_with_its_path() {
    let mut file = valid_file();
    file["objections"][0]["counters"][0]["mood"] = "happy".into();
    let err = import_err(&file);
    match &err {
        ExchangeError::Syntax { path, message, .. } => {
            assert_eq!(path, "objections[0].counters[0].mood");
            assert!(message.starts_with("unknown field `mood`"), "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn wrong_version_is_an_error() {
    let mut file = valid_file();
    file["version"] = 3.into();
    assert_eq!(
        issue_lines(&import_err(&file)),
        ["version: unsupported 3 (this dojo reads version 1)"]
    );
}

#[test]
fn duplicate_objection_and_counter_ids_are_errors() {
    let mut file = valid_file();
    file["objections"][1]["id"] = "spam".into();
    let counter = file["objections"][0]["counters"][0].clone();
    file["objections"][0]["counters"]
        .as_array_mut()
        .unwrap()
        .push(counter);
    assert_eq!(
        issue_lines(&import_err(&file)),
        [
            "objections[0].counters[1].id: duplicate \"c1\"",
            "objections[1].id: duplicate \"spam\" (first at objections[0])",
        ]
    );
}

#[test]
fn oversized_text_is_an_error_and_the_limit_itself_is_fine() {
    let mut file = valid_file();
    file["objections"][1]["text"] = "é".repeat(4000).into();
    let store = Store::open_temporary().unwrap();
    uc::import(&store, 0, &file.to_string(), ImportMode::Merge, "t").expect("4000 is allowed");
    file["objections"][1]["text"] = "é".repeat(4001).into();
    assert_eq!(
        issue_lines(&import_err(&file)),
        ["objections[1].text: too long: 4001 characters (max 4000)"]
    );
}

#[test]
fn every_rule_violation_is_reported_not_just_the_first() {
    let mut file = valid_file();
    let first = &mut file["objections"][0];
    first["id"] = "Spam Id".into();
    first["difficulty"] = 0.into();
    first["tags"] = serde_json::json!(["ok", ""]);
    first["pushbacks"]["soft"] = serde_json::json!([]);
    first["counters"][0]["author"] = "".into();
    file["objections"][1]["text"] = "".into();
    file["objections"][1]["pushbacks"]["hard"] = serde_json::json!(["fine", "  "]);
    assert_eq!(
        issue_lines(&import_err(&file)),
        [
            "objections[0].id: \"Spam Id\" is not a slug: use lowercase a-z, 0-9 and '-'",
            "objections[0].tags[1]: empty",
            "objections[0].difficulty: must be 1 to 3, got 0",
            "objections[0].pushbacks.soft: needs at least one line",
            "objections[0].counters[0].author: empty",
            "objections[1].text: empty",
            "objections[1].pushbacks.hard[1]: empty",
        ]
    );
}

#[test]
fn a_type_error_reports_path_line_and_column() {
    let text = "{\"version\": 1, \"objections\": [\n  {\"id\": \"a\", \"lang\": \"de\"}\n]}";
    let store = Store::open_temporary().unwrap();
    let err = uc::import(&store, 0, text, ImportMode::Merge, "t").unwrap_err();
    assert_eq!(
        err.to_string(),
        "objections[0].lang: unknown variant `de`, expected `en` or `fr` (line 2, column 26)"
    );
}

#[test]
fn a_refused_import_leaves_the_library_untouched() {
    let store = curated_store();
    let before = uc::export(&store, 0).unwrap();
    let mut file = valid_file();
    file["objections"][1]["difficulty"] = 9.into();
    for mode in [ImportMode::Merge, ImportMode::Replace] {
        assert!(uc::import(&store, 0, &file.to_string(), mode, "t").is_err());
        assert_eq!(uc::export(&store, 0).unwrap(), before);
    }
}

fn dojo(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dojo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DOJO_DATA")
        .env("DOJO_ACTOR", "cli-test")
        .output()
        .expect("dojo runs")
}

#[test]
fn cli_import_lists_every_problem_exits_non_zero_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let before = dojo(&db, &["library", "export"]);
    assert!(before.status.success());

    let mut file = valid_file();
    file["objections"][0]["text"] = "".into();
    file["objections"][1]["difficulty"] = 5.into();
    let path = dir.path().join("bad.json");
    std::fs::write(&path, file.to_string()).unwrap();
    let out = dojo(
        &db,
        &["library", "import", path.to_str().unwrap(), "--replace"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 problems, nothing written"), "{stderr}");
    assert!(stderr.contains("objections[0].text: empty"), "{stderr}");
    assert!(
        stderr.contains("objections[1].difficulty: must be 1 to 3, got 5"),
        "{stderr}"
    );

    let after = dojo(&db, &["library", "export"]);
    assert_eq!(
        after.stdout, before.stdout,
        "a refused import wrote something"
    );
}

#[test]
fn cli_export_then_import_into_another_guild_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = dir.path().join("lib.json");
    assert!(
        dojo(&db, &["library", "export", "-o", out.to_str().unwrap()])
            .status
            .success()
    );
    let import = dojo(
        &db,
        &[
            "library",
            "import",
            "--guild",
            "99",
            out.to_str().unwrap(),
            "--replace",
        ],
    );
    assert!(
        import.status.success(),
        "{}",
        String::from_utf8_lossy(&import.stderr)
    );
    let again = dojo(&db, &["library", "export", "--guild", "99"]);
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        std::fs::read_to_string(&out).unwrap()
    );
}

#[test]
fn cli_curates_and_records_the_actor() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let run = |args: &[&str]| {
        let out = dojo(&db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&[
        "library",
        "add",
        "--id",
        "cli-one",
        "--lang",
        "fr",
        "--text",
        "C'est cher.",
        "--soft",
        "Bon.",
        "--hard",
        "Non.",
        "--tag",
        "prix",
    ]);
    run(&["library", "edit", "cli-one", "--difficulty", "3"]);
    run(&[
        "library",
        "counter",
        "add",
        "cli-one",
        "--text",
        "Je comprends, qu'est-ce qui compte pour vous ?",
        "--approved",
    ]);
    let listed = run(&["library", "list", "--tag", "prix", "--lang", "fr"]);
    assert!(
        listed.contains("cli-one") && listed.contains("trop-cher"),
        "{listed}"
    );
    let shown: serde_json::Value =
        serde_json::from_str(&run(&["library", "show", "cli-one", "--json"])).unwrap();
    assert_eq!(shown["difficulty"], 3);
    assert_eq!(shown["counters"][0]["status"], "approved");
    let history = run(&["library", "history", "cli-one"]);
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 3, "{history}");
    assert!(
        lines[0].ends_with("added by cli-test")
            && lines[2].ends_with("counter_added c1 by cli-test"),
        "{history}"
    );

    let missing = dojo(&db, &["library", "remove", "nope"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no objection \"nope\""));
}
