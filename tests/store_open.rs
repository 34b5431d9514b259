//! Opening the database: a second process (or handle) gets a clear "in use"
//! error instead of a corrupt store, and data written before closing is
//! there after reopening.

use objection_dojo::app::library as uc;
use objection_dojo::store::{Store, StoreError};

#[test]
fn a_database_in_use_is_reported_clearly_and_reopens_once_released() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let first = uc::open_store(&db, None).unwrap();
    uc::remove(&first, 0, "trop-cher", "coach").unwrap();

    match Store::open(&db) {
        Err(err @ StoreError::Locked(_)) => {
            let message = err.to_string();
            assert!(message.contains("in use by another process"), "{message}");
            assert!(message.contains(&db.display().to_string()), "{message}");
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    let err = uc::open_store(&db, None).unwrap_err();
    assert!(
        err.is_user_error(),
        "a held database is something the user can fix"
    );

    drop(first);
    let again = uc::open_store(&db, None).unwrap();
    assert!(
        again.objection(0, "trop-cher").unwrap().is_none(),
        "the removal persisted"
    );
    assert!(again.objection(0, "too-expensive").unwrap().is_some());
}

#[test]
fn a_file_where_the_database_should_be_is_an_open_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-dir");
    std::fs::write(&file, "hello").unwrap();
    let err = Store::open(&file).unwrap_err();
    assert!(matches!(err, StoreError::Open { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("cannot open the database at"),
        "{err}"
    );
}
