//! Curation use cases end to end over a real (temporary) store: the rules a
//! coach relies on, the errors they see, and the audit trail they can read.

use objection_dojo::app::library::{self as uc, Filter, LibraryError, NewCounter, ObjectionPatch};
use objection_dojo::library::{
    ChangeAction, CounterSource, CounterStatus, Objection, Pushbacks, MAX_TEXT_CHARS,
};
use objection_dojo::store::{ImportMode, Store};
use objection_dojo::Lang;

const GUILD: u64 = 0;

fn objection(id: &str, lang: Lang, tags: &[&str]) -> Objection {
    Objection {
        id: id.into(),
        lang,
        text: format!("Objection {id}: isn't this just another trend?"),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        difficulty: 2,
        key_concerns: vec!["trend".into()],
        pushbacks: Pushbacks {
            soft: vec!["Maybe, go on.".into()],
            hard: vec!["I've heard that before.".into()],
        },
        examples: Default::default(),
        counters: Vec::new(),
    }
}

fn counter(text: &str) -> NewCounter {
    NewCounter {
        id: None,
        text: text.into(),
        author: "coach-ana".into(),
        status: CounterStatus::Draft,
        source: CounterSource::Coach,
    }
}

fn empty_store() -> Store {
    Store::open_temporary().expect("temporary store opens")
}

#[test]
fn add_then_show_returns_the_objection_and_duplicates_are_refused() {
    let store = empty_store();
    let added = uc::add(&store, GUILD, objection("fad", Lang::En, &["trend"]), "ana").unwrap();
    assert_eq!(uc::show(&store, GUILD, "fad").unwrap(), added);
    let again = uc::add(&store, GUILD, objection("fad", Lang::En, &[]), "ana");
    assert!(matches!(again, Err(LibraryError::AlreadyExists(id)) if id == "fad"));
    assert_eq!(
        uc::list(&store, GUILD, &Filter::default()).unwrap().len(),
        1
    );
}

#[test]
fn add_without_id_derives_a_unique_slug_from_the_text() {
    let store = empty_store();
    let mut first = objection("", Lang::Fr, &[]);
    first.text = "Le social selling, c'est juste une mode ?".into();
    let second = first.clone();
    assert_eq!(
        uc::add(&store, GUILD, first, "ana").unwrap().id,
        "le-social-selling-c-est-juste-une-mode"
    );
    assert_eq!(
        uc::add(&store, GUILD, second, "ana").unwrap().id,
        "le-social-selling-c-est-juste-une-mode-2"
    );
}

#[test]
fn invalid_objection_is_refused_with_every_problem_and_nothing_written() {
    let store = empty_store();
    let mut bad = objection("Bad", Lang::En, &[]);
    bad.text = "x".repeat(MAX_TEXT_CHARS + 1);
    bad.difficulty = 4;
    match uc::add(&store, GUILD, bad, "ana") {
        Err(LibraryError::Invalid(invalid)) => {
            let paths: Vec<&str> = invalid.0.iter().map(|i| i.path.as_str()).collect();
            assert_eq!(paths, ["id", "text", "difficulty"]);
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(uc::ids(&store, GUILD).unwrap().is_empty());
}

#[test]
fn edit_changes_only_the_given_fields_and_keeps_the_tag_index_in_step() {
    let store = empty_store();
    uc::add(
        &store,
        GUILD,
        objection("fad", Lang::En, &["trend", "linkedin"]),
        "ana",
    )
    .unwrap();
    let patch = ObjectionPatch {
        tags: Some(vec!["linkedin".into(), "price".into()]),
        difficulty: Some(3),
        ..Default::default()
    };
    let edited = uc::edit(&store, GUILD, "fad", &patch, "bob").unwrap();
    assert_eq!(edited.difficulty, 3);
    assert_eq!(
        edited.text,
        objection("fad", Lang::En, &[]).text,
        "text untouched"
    );
    let tagged = |tag: &str| {
        let filter = Filter {
            tag: Some(tag.into()),
            ..Default::default()
        };
        uc::list(&store, GUILD, &filter).unwrap().len()
    };
    assert_eq!(
        (tagged("trend"), tagged("linkedin"), tagged("price")),
        (0, 1, 1)
    );
}

#[test]
fn edit_refuses_renames_missing_ids_and_invalid_results() {
    let store = empty_store();
    uc::add(&store, GUILD, objection("fad", Lang::En, &[]), "ana").unwrap();
    let rename = ObjectionPatch {
        id: Some("other".into()),
        ..Default::default()
    };
    assert!(matches!(
        uc::edit(&store, GUILD, "fad", &rename, "a"),
        Err(LibraryError::Rename { .. })
    ));
    let blank = ObjectionPatch {
        text: Some(" ".into()),
        ..Default::default()
    };
    match uc::edit(&store, GUILD, "fad", &blank, "a") {
        Err(LibraryError::Invalid(invalid)) => assert_eq!(invalid.0[0].to_string(), "text: empty"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert!(matches!(
        uc::edit(&store, GUILD, "nope", &blank, "a"),
        Err(LibraryError::NotFound(_))
    ));
    assert_eq!(
        uc::show(&store, GUILD, "fad").unwrap().text,
        objection("fad", Lang::En, &[]).text
    );
}

#[test]
fn list_filters_by_language_and_tag() {
    let store = empty_store();
    uc::add(&store, GUILD, objection("a", Lang::En, &["price"]), "x").unwrap();
    uc::add(&store, GUILD, objection("b", Lang::Fr, &["price"]), "x").unwrap();
    uc::add(&store, GUILD, objection("c", Lang::Fr, &["timing"]), "x").unwrap();
    let ids = |filter: Filter| -> Vec<String> {
        uc::list(&store, GUILD, &filter)
            .unwrap()
            .into_iter()
            .map(|o| o.id)
            .collect()
    };
    assert_eq!(
        ids(Filter {
            lang: Some(Lang::Fr),
            tag: None
        }),
        ["b", "c"]
    );
    assert_eq!(
        ids(Filter {
            lang: None,
            tag: Some("price".into())
        }),
        ["a", "b"]
    );
    assert_eq!(
        ids(Filter {
            lang: Some(Lang::Fr),
            tag: Some("price".into())
        }),
        ["b"]
    );
}

#[test]
fn counters_are_added_approved_voted_and_removed() {
    let store = empty_store();
    uc::add(&store, GUILD, objection("fad", Lang::En, &[]), "ana").unwrap();
    let c1 = uc::add_counter(&store, GUILD, "fad", &counter("First answer."), "tim").unwrap();
    let c2 = uc::add_counter(&store, GUILD, "fad", &counter("Second answer."), "tim").unwrap();
    assert_eq!((c1.id.as_str(), c2.id.as_str()), ("c1", "c2"));
    assert_eq!(c1.status, CounterStatus::Draft);

    let approved = uc::approve_counter(&store, GUILD, "fad", "c2", "ana").unwrap();
    assert_eq!(approved.status, CounterStatus::Approved);
    uc::vote_counter(&store, GUILD, "fad", "c2", "tim").unwrap();
    assert_eq!(
        uc::vote_counter(&store, GUILD, "fad", "c2", "sam")
            .unwrap()
            .votes,
        2
    );

    uc::remove_counter(&store, GUILD, "fad", "c1", "ana").unwrap();
    let obj = uc::show(&store, GUILD, "fad").unwrap();
    let ids: Vec<&str> = obj.counters.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["c2"]);
    assert_eq!(obj.approved_counters().count(), 1);
    // The next generated id skips the one still in use.
    assert_eq!(
        uc::add_counter(&store, GUILD, "fad", &counter("Third."), "t")
            .unwrap()
            .id,
        "c3"
    );
}

#[test]
fn counter_errors_name_what_is_missing_or_taken() {
    let store = empty_store();
    uc::add(&store, GUILD, objection("fad", Lang::En, &[]), "ana").unwrap();
    let named = NewCounter {
        id: Some("mine".into()),
        ..counter("An answer.")
    };
    uc::add_counter(&store, GUILD, "fad", &named, "t").unwrap();
    let dup = uc::add_counter(&store, GUILD, "fad", &named, "t").unwrap_err();
    assert_eq!(
        dup.to_string(),
        "objection \"fad\" already has a counter-argument \"mine\""
    );
    let missing = uc::approve_counter(&store, GUILD, "fad", "nope", "t").unwrap_err();
    assert_eq!(
        missing.to_string(),
        "objection \"fad\" has no counter-argument \"nope\""
    );
    let empty = uc::add_counter(&store, GUILD, "fad", &counter("  "), "t").unwrap_err();
    assert_eq!(empty.to_string(), "1 problem\n  counters[1].text: empty");
    assert!(dup.is_user_error() && missing.is_user_error() && empty.is_user_error());
    let no_obj = uc::add_counter(&store, GUILD, "nope", &counter("Hi."), "t").unwrap_err();
    assert!(matches!(no_obj, LibraryError::NotFound(_)));
}

#[test]
fn history_records_who_did_what_in_order_even_after_removal() {
    let store = empty_store();
    uc::add(&store, GUILD, objection("fad", Lang::En, &[]), "ana").unwrap();
    uc::add_counter(&store, GUILD, "fad", &counter("An answer."), "tim").unwrap();
    uc::approve_counter(&store, GUILD, "fad", "c1", "ana").unwrap();
    let patch = ObjectionPatch {
        difficulty: Some(1),
        ..Default::default()
    };
    uc::edit(&store, GUILD, "fad", &patch, "bob").unwrap();
    uc::remove(&store, GUILD, "fad", "bob").unwrap();
    assert!(matches!(
        uc::show(&store, GUILD, "fad"),
        Err(LibraryError::NotFound(_))
    ));

    let history = uc::history(&store, GUILD, "fad").unwrap();
    let trail: Vec<(ChangeAction, &str, Option<&str>)> = history
        .iter()
        .map(|e| (e.action, e.actor.as_str(), e.counter_id.as_deref()))
        .collect();
    assert_eq!(
        trail,
        [
            (ChangeAction::Added, "ana", None),
            (ChangeAction::CounterAdded, "tim", Some("c1")),
            (ChangeAction::CounterApproved, "ana", Some("c1")),
            (ChangeAction::Edited, "bob", None),
            (ChangeAction::Removed, "bob", None),
        ]
    );
    assert!(history.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
    assert!(history
        .iter()
        .all(|e| e.guild == GUILD && e.objection_id == "fad"));
    assert!(matches!(
        uc::history(&store, GUILD, "never"),
        Err(LibraryError::NotFound(_))
    ));
}

#[test]
fn history_of_one_objection_does_not_include_a_longer_id_sharing_its_prefix() {
    let store = empty_store();
    uc::add(&store, GUILD, objection("fad", Lang::En, &[]), "ana").unwrap();
    uc::add(&store, GUILD, objection("fad-2", Lang::En, &[]), "bob").unwrap();
    let history = uc::history(&store, GUILD, "fad").unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].actor, "ana");
}

#[test]
fn merge_import_upserts_by_id_and_replace_import_drops_the_rest() {
    let store = empty_store();
    uc::add(&store, GUILD, objection("keep", Lang::En, &[]), "ana").unwrap();
    uc::add(&store, GUILD, objection("change", Lang::En, &[]), "ana").unwrap();
    let mut changed = objection("change", Lang::En, &[]);
    changed.difficulty = 3;
    let file = vec![changed, objection("new", Lang::Fr, &["price"])];

    let report = uc::import_objections(&store, GUILD, &file, ImportMode::Merge, "imp").unwrap();
    assert_eq!((report.added, report.updated, report.removed), (1, 1, 0));
    assert_eq!(uc::ids(&store, GUILD).unwrap(), ["change", "keep", "new"]);
    assert_eq!(uc::show(&store, GUILD, "change").unwrap().difficulty, 3);

    let report = uc::import_objections(&store, GUILD, &file, ImportMode::Replace, "imp").unwrap();
    assert_eq!((report.added, report.updated, report.removed), (0, 2, 1));
    assert_eq!(uc::ids(&store, GUILD).unwrap(), ["change", "new"]);
    let last = uc::history(&store, GUILD, "keep").unwrap().pop().unwrap();
    assert_eq!(
        (last.action, last.actor.as_str()),
        (ChangeAction::Removed, "imp")
    );
}
