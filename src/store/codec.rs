//! Versioned record encoding shared by every collection: one schema-version
//! byte, then the record as JSON. JSON because the domain types use serde
//! defaults and skips that only a self-describing format honours, which is
//! also what lets a newer reader accept an older record.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::StoreError;
use super::keys::describe;

/// A value stored in one collection, with its schema version.
pub(crate) trait Record: Serialize + DeserializeOwned {
    /// The collection name, for error messages.
    const COLLECTION: &'static str;
    /// The schema version written today.
    const VERSION: u8;

    /// Reads a payload written under an older `version`. The default knows
    /// none; a collection whose schema changes overrides it.
    fn upgrade(version: u8, payload: &[u8]) -> Result<Self, String> {
        let _ = payload;
        Err(format!("unknown schema version {version}"))
    }
}

/// `[VERSION][json]`.
pub(crate) fn encode<R: Record>(record: &R) -> Result<Vec<u8>, StoreError> {
    let mut bytes = vec![R::VERSION];
    serde_json::to_writer(&mut bytes, record).map_err(|e| StoreError::Encode {
        collection: R::COLLECTION,
        reason: e.to_string(),
    })?;
    Ok(bytes)
}

/// The record stored under `key`, upgraded from an older version if needed.
pub(crate) fn decode<R: Record>(key: &[u8], bytes: &[u8]) -> Result<R, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt {
        collection: R::COLLECTION,
        key: describe(key),
        reason,
    };
    let (&version, payload) = bytes
        .split_first()
        .ok_or_else(|| corrupt("empty value".into()))?;
    if version == R::VERSION {
        serde_json::from_slice(payload).map_err(|e| corrupt(e.to_string()))
    } else {
        R::upgrade(version, payload).map_err(corrupt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// Version 2 renamed `n` to `count`; version 1 records must still read.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Counted {
        count: u32,
    }

    #[derive(Deserialize)]
    struct CountedV1 {
        n: u32,
    }

    impl Record for Counted {
        const COLLECTION: &'static str = "counted";
        const VERSION: u8 = 2;
        fn upgrade(version: u8, payload: &[u8]) -> Result<Self, String> {
            match version {
                1 => serde_json::from_slice::<CountedV1>(payload)
                    .map(|old| Counted { count: old.n })
                    .map_err(|e| e.to_string()),
                other => Err(format!("unknown schema version {other}")),
            }
        }
    }

    #[test]
    fn round_trips_the_current_version() {
        let bytes = encode(&Counted { count: 3 }).expect("encodes");
        assert_eq!(bytes[0], 2);
        assert_eq!(
            decode::<Counted>(b"k", &bytes).expect("decodes"),
            Counted { count: 3 }
        );
    }

    #[test]
    fn upgrades_an_older_version() {
        let old = [&[1u8][..], br#"{"n":5}"#].concat();
        assert_eq!(
            decode::<Counted>(b"k", &old).expect("upgrades"),
            Counted { count: 5 }
        );
    }

    #[test]
    fn unknown_versions_and_garbage_are_corrupt_records() {
        let future = [&[9u8][..], br#"{"count":5}"#].concat();
        let err = decode::<Counted>(b"k", &future).expect_err("version 9");
        assert!(
            err.to_string().contains("unknown schema version 9"),
            "{err}"
        );
        assert!(matches!(
            decode::<Counted>(b"k", &[]),
            Err(StoreError::Corrupt { .. })
        ));
    }
}
