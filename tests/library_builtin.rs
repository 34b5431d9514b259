//! The built-in library: its content meets the brief, it is loaded into
//! guild 0 once, later loads never duplicate, overwrite or resurrect, and a
//! coach's `--data` directory overrides it.

use std::collections::HashSet;
use std::path::Path;

use objection_dojo::app::library::{self as uc, LibraryError, ObjectionPatch};
use objection_dojo::library::{builtin_objections, to_json, CounterSource, Objection, SeedLibrary};
use objection_dojo::store::Store;
use objection_dojo::Lang;

#[test]
fn builtin_library_has_enough_objections_in_both_languages() {
    let all = builtin_objections().expect("the embedded library is valid");
    let count = |lang| all.iter().filter(|o| o.lang == lang).count();
    assert!(all.len() >= 24, "{} objections", all.len());
    assert!(count(Lang::En) >= 12 && count(Lang::Fr) >= 12);
    let ids: HashSet<&str> = all.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids.len(), all.len(), "ids are unique across files");
}

#[test]
fn every_builtin_objection_is_complete() {
    for o in builtin_objections().unwrap() {
        let at = &o.id;
        assert!(!o.tags.is_empty(), "{at}: tags");
        assert!(
            (3..=6).contains(&o.key_concerns.len()),
            "{at}: key_concerns"
        );
        assert!(
            o.pushbacks.soft.len() >= 3 && o.pushbacks.hard.len() >= 3,
            "{at}: pushbacks"
        );
        assert!(
            o.approved_counters().count() >= 2,
            "{at}: approved counters"
        );
        assert!(
            o.counters
                .iter()
                .all(|c| c.source == CounterSource::Builtin),
            "{at}: source"
        );
        assert!(
            o.counters.iter().all(|c| c.text.trim_end().ends_with('?')),
            "{at}: counters end on a question"
        );
    }
}

#[test]
fn builtin_library_covers_the_social_selling_topics() {
    let all = builtin_objections().unwrap();
    let has = |lang: Lang, words: &[&str]| {
        all.iter().filter(|o| o.lang == lang).any(|o| {
            let text = o.text.to_lowercase();
            words.iter().all(|w| text.contains(w))
        })
    };
    for (en, fr) in [
        (&["linkedin", "spam"][..], &["linkedin", "prospection"][..]),
        (&["trend", "premium"], &["mode", "abonnements"]),
        (&["97%", "80%"], &["97 %", "80 %"]),
        (&["robots", "corporate"], &["perroquets", "posts"]),
        (&["marketing"], &["marketing"]),
        (&["time"], &["temps"]),
        (&["pushed"], &["avis"]),
        (&["kill linkedin"], &["tuer linkedin"]),
        (&["expensive"], &["cher"]),
        (&["email"], &["mail"]),
        (&["boss"], &["directeur"]),
    ] {
        assert!(has(Lang::En, en), "no English objection about {en:?}");
        assert!(has(Lang::Fr, fr), "no French objection about {fr:?}");
    }
}

#[test]
fn opening_loads_the_builtin_library_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let expected = builtin_objections().unwrap();
    {
        let store = uc::open_store(&db, None).unwrap();
        assert_eq!(store.objections(0).unwrap().len(), expected.len());
    }
    let store = uc::open_store(&db, None).unwrap();
    assert_eq!(
        store.objections(0).unwrap().len(),
        expected.len(),
        "no duplicates"
    );
    let seeded = uc::history(&store, 0, &expected[0].id).unwrap();
    assert_eq!(seeded.len(), 1, "loaded once: {seeded:?}");
}

#[test]
fn reopening_keeps_coach_edits_and_deletions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    {
        let store = uc::open_store(&db, None).unwrap();
        let patch = ObjectionPatch {
            difficulty: Some(1),
            ..Default::default()
        };
        uc::edit(&store, 0, "too-expensive", &patch, "coach").unwrap();
        uc::remove(&store, 0, "trop-cher", "coach").unwrap();
    }
    let store = uc::open_store(&db, None).unwrap();
    assert_eq!(uc::show(&store, 0, "too-expensive").unwrap().difficulty, 1);
    assert!(matches!(
        uc::show(&store, 0, "trop-cher"),
        Err(LibraryError::NotFound(_))
    ));
}

fn write_library(dir: &Path, name: &str, objections: &[Objection]) {
    let lib = dir.join("library");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(lib.join(name), to_json(objections)).unwrap();
}

#[test]
fn a_data_directory_overrides_the_builtin_library() {
    let builtin = builtin_objections().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_library(data.path(), "mine.json", &builtin[..2]);
    let store = Store::open_temporary().unwrap();
    uc::seed(&store, Some(data.path())).unwrap();
    let ids: Vec<String> = builtin[..2].iter().map(|o| o.id.clone()).collect();
    assert_eq!(store.objection_ids(0).unwrap(), ids);

    // A data directory without library/ keeps the embedded library.
    let empty = tempfile::tempdir().unwrap();
    let fingerprint = SeedLibrary::load(Some(empty.path())).unwrap().fingerprint();
    assert_eq!(fingerprint, SeedLibrary::embedded().fingerprint());
}

#[test]
fn a_new_seed_adds_only_objections_never_offered_before() {
    let builtin = builtin_objections().unwrap();
    let data = tempfile::tempdir().unwrap();
    write_library(data.path(), "a.json", &builtin[..2]);
    let store = Store::open_temporary().unwrap();
    uc::seed(&store, Some(data.path())).unwrap();
    uc::remove(&store, 0, &builtin[0].id, "coach").unwrap();
    let patch = ObjectionPatch {
        difficulty: Some(3),
        ..Default::default()
    };
    let edited = uc::edit(&store, 0, &builtin[1].id, &patch, "coach").unwrap();

    // An upgrade ships a third objection next to the first two.
    write_library(data.path(), "b.json", &builtin[2..3]);
    let outcome = uc::seed(&store, Some(data.path())).unwrap();
    assert_eq!((outcome.added, outcome.kept), (1, 2));
    let ids: Vec<String> = builtin[1..3].iter().map(|o| o.id.clone()).collect();
    assert_eq!(
        store.objection_ids(0).unwrap(),
        ids,
        "deleted one stays deleted"
    );
    assert_eq!(
        uc::show(&store, 0, &builtin[1].id).unwrap(),
        edited,
        "edit kept"
    );
}

#[test]
fn a_broken_data_library_names_the_file_and_the_path() {
    let data = tempfile::tempdir().unwrap();
    let mut bad = builtin_objections().unwrap()[0].clone();
    bad.difficulty = 7;
    write_library(data.path(), "broken.json", &[bad]);
    let store = Store::open_temporary().unwrap();
    let err = uc::seed(&store, Some(data.path())).unwrap_err().to_string();
    assert!(err.contains("broken.json"), "{err}");
    assert!(
        err.contains("objections[0].difficulty: must be 1 to 3, got 7"),
        "{err}"
    );
    assert!(store.objection_ids(0).unwrap().is_empty());
}
