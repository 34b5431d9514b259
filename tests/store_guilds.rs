//! Guild isolation: every guild starts from a copy of guild 0 and never sees
//! another guild's edits, imports or history.

use objection_dojo::app::library::{self as uc, Filter, LibraryError, ObjectionPatch};
use objection_dojo::library::builtin_objections;
use objection_dojo::store::{ImportMode, Store};

const A: u64 = 111_111_111_111_111_111;
const B: u64 = 222_222_222_222_222_222;

fn seeded() -> Store {
    let store = Store::open_temporary().unwrap();
    uc::seed(&store, None).unwrap();
    store
}

#[test]
fn a_new_guild_starts_from_a_copy_of_guild_zero() {
    let store = seeded();
    assert_eq!(
        uc::export(&store, A).unwrap(),
        uc::export(&store, 0).unwrap()
    );
    assert!(!store.ensure_guild(A).unwrap(), "the copy happens once");
}

#[test]
fn edits_in_one_guild_are_invisible_to_the_others() {
    let store = seeded();
    let id = builtin_objections().unwrap()[0].id.clone();
    uc::ids(&store, B).unwrap();
    let patch = ObjectionPatch {
        difficulty: Some(3),
        text: Some("Guild A's wording.".into()),
        ..Default::default()
    };
    uc::edit(&store, A, &id, &patch, "coach-a").unwrap();
    uc::remove(&store, A, "trop-cher", "coach-a").unwrap();

    assert_eq!(uc::show(&store, A, &id).unwrap().text, "Guild A's wording.");
    for guild in [0, B] {
        assert_ne!(
            uc::show(&store, guild, &id).unwrap().text,
            "Guild A's wording."
        );
        assert!(uc::show(&store, guild, "trop-cher").is_ok());
        assert_eq!(
            uc::history(&store, guild, &id).unwrap().len(),
            1,
            "only the seeding"
        );
    }
}

#[test]
fn guild_zero_edits_after_the_copy_stay_in_guild_zero() {
    let store = seeded();
    uc::ids(&store, A).unwrap();
    uc::remove(&store, 0, "trop-cher", "owner").unwrap();
    assert!(uc::show(&store, A, "trop-cher").is_ok());
    assert!(matches!(
        uc::show(&store, 0, "trop-cher"),
        Err(LibraryError::NotFound(_))
    ));
}

#[test]
fn a_replace_import_in_one_guild_leaves_the_others_whole() {
    let store = seeded();
    let one = builtin_objections().unwrap()[..1].to_vec();
    uc::import_objections(&store, A, &one, ImportMode::Replace, "coach-a").unwrap();
    assert_eq!(uc::ids(&store, A).unwrap().len(), 1);
    let full = builtin_objections().unwrap().len();
    assert_eq!(uc::ids(&store, B).unwrap().len(), full);
    assert_eq!(uc::ids(&store, 0).unwrap().len(), full);
}

#[test]
fn tag_lists_never_cross_guilds() {
    let store = seeded();
    let filter = Filter {
        tag: Some("price".into()),
        ..Default::default()
    };
    let before = uc::list(&store, B, &filter).unwrap().len();
    let patch = ObjectionPatch {
        tags: Some(vec!["price".into()]),
        ..Default::default()
    };
    uc::edit(&store, A, "pas-le-moment", &patch, "coach-a").unwrap();
    assert_eq!(uc::list(&store, A, &filter).unwrap().len(), before + 1);
    assert_eq!(uc::list(&store, B, &filter).unwrap().len(), before);
}
