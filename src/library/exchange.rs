//! The JSON exchange format coaches import and export: versioned, readable,
//! and strict (unknown fields are errors), with every problem reported by path.

use serde::{Deserialize, Serialize};

use super::model::Objection;
use super::validate::{library_issues, validate_objection, Invalid, Issue};

/// The only version of the exchange format this dojo reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// A library file: `{"version": 1, "objections": [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryFile {
    /// Always [`FORMAT_VERSION`].
    pub version: u32,
    /// The objections, in file order.
    pub objections: Vec<Objection>,
}

/// Why a library file (or a one-objection file) was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExchangeError {
    /// Not JSON, or JSON of the wrong shape (unknown field, wrong type, ...).
    #[error("{}", syntax_message(.path, .line, .column, .message))]
    Syntax {
        /// Where in the document, e.g. `objections[2].tags` (empty at the top).
        path: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A `version` other than [`FORMAT_VERSION`], or none.
    #[error("version: {0}")]
    Version(String),
    /// Well-formed, but some values break the library's rules.
    #[error(transparent)]
    Invalid(#[from] Invalid),
}

fn syntax_message(path: &str, line: &usize, column: &usize, message: &str) -> String {
    let place = format!("line {line}, column {column}");
    if path.is_empty() || path == "." {
        format!("{message} ({place})")
    } else {
        format!("{path}: {message} ({place})")
    }
}

impl ExchangeError {
    /// Every problem as one line each, for listing to a coach.
    pub fn issues(&self) -> Vec<Issue> {
        match self {
            ExchangeError::Invalid(invalid) => invalid.0.clone(),
            other => vec![Issue {
                path: String::new(),
                problem: other.to_string(),
            }],
        }
    }
}

/// Only the version, read before the rest so that a file from a future
/// format says so instead of failing on its first new field.
#[derive(Deserialize)]
struct VersionProbe {
    #[serde(default)]
    version: Option<serde_json::Value>,
}

/// Parses and validates a whole library file: the shape first (the first
/// parse error, with line and column), then every rule violation at once.
pub fn parse_library(json: &str) -> Result<Vec<Objection>, ExchangeError> {
    let probe: VersionProbe = parse_typed(json)?;
    match probe.version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(FORMAT_VERSION)) => {}
        Some(other) => {
            return Err(ExchangeError::Version(format!(
                "unsupported {other} (this dojo reads version {FORMAT_VERSION})"
            )))
        }
        None => {
            return Err(ExchangeError::Version(format!(
                "missing (expected {FORMAT_VERSION})"
            )))
        }
    }
    let file: LibraryFile = parse_typed(json)?;
    let issues = library_issues(&file.objections);
    if issues.is_empty() {
        Ok(file.objections)
    } else {
        Err(Invalid(issues).into())
    }
}

/// Parses and validates one objection given on its own (`add --file`).
pub fn parse_objection(json: &str) -> Result<Objection, ExchangeError> {
    let objection: Objection = parse_typed(json)?;
    validate_objection(&objection)?;
    Ok(objection)
}

/// Any strict JSON value, with the failing path, line and column on error.
pub fn parse_typed<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, ExchangeError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        syntax_error(path, &inner)
    })?;
    de.end().map_err(|err| syntax_error(String::new(), &err))?;
    Ok(value)
}

fn syntax_error(path: String, err: &serde_json::Error) -> ExchangeError {
    let full = err.to_string();
    // serde_json appends " at line L column C"; we report those separately.
    let message = match full.rfind(" at line ") {
        Some(cut) => full[..cut].to_string(),
        None => full,
    };
    ExchangeError::Syntax {
        path,
        line: err.line(),
        column: err.column(),
        message,
    }
}

/// The library as an exchange file: objections sorted by id, pretty JSON
/// with a final newline, so exports diff cleanly and round-trip exactly.
pub fn to_json(objections: &[Objection]) -> String {
    let mut sorted = objections.to_vec();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let file = LibraryFile {
        version: FORMAT_VERSION,
        objections: sorted,
    };
    let mut json = serde_json::to_string_pretty(&file)
        .expect("objections serialise to JSON: every map key is a string or an integer");
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    const ONE: &str = r#"{"version": 1, "objections": [{
        "id": "spam", "lang": "en", "text": "Isn't LinkedIn spam?", "difficulty": 1,
        "pushbacks": {"soft": ["Maybe."], "hard": ["No."]}}]}"#;

    #[test]
    fn parses_a_minimal_file_with_defaults() {
        let objections = parse_library(ONE).expect("valid file");
        assert_eq!(objections.len(), 1);
        assert!(objections[0].counters.is_empty() && objections[0].tags.is_empty());
    }

    #[test]
    fn unknown_field_is_reported_with_path_and_position() {
        let json = ONE.replace("\"difficulty\": 1", "\"difficulty\": 1, \"colour\": 2");
        match parse_library(&json) {
            Err(ExchangeError::Syntax {
                path,
                line,
                message,
                ..
            }) => {
                assert_eq!(path, "objections[0].colour");
                assert_eq!(line, 2);
                assert!(message.contains("unknown field `colour`"), "{message}");
            }
            other => panic!("expected a syntax error, got {other:?}"),
        }
    }

    #[test]
    fn wrong_or_missing_version_is_refused_before_the_body() {
        let future = ONE.replace("\"version\": 1", "\"version\": 2");
        let err = parse_library(&future).expect_err("version 2");
        assert_eq!(
            err.to_string(),
            "version: unsupported 2 (this dojo reads version 1)"
        );
        let none = r#"{"objections": []}"#;
        assert!(matches!(
            parse_library(none),
            Err(ExchangeError::Version(_))
        ));
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let err = parse_library("{\"version\": 1,\n  \"objections\": [}").expect_err("bad json");
        assert!(
            matches!(err, ExchangeError::Syntax { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn export_sorts_by_id_and_reimports_identically() {
        let mut objections = parse_library(ONE).expect("valid");
        let mut other = objections[0].clone();
        other.id = "another".into();
        objections.push(other);
        let json = to_json(&objections);
        let back = parse_library(&json).expect("export is valid");
        assert_eq!(back[0].id, "another");
        assert_eq!(to_json(&back), json);
    }
}
