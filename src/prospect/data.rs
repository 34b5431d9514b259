//! Loading the prospect's coach-editable TOML files: the built-in copy is
//! embedded so the binary works from any directory, and a data directory may
//! override it file by file.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use rand::seq::SliceRandom;
use rand::Rng;
use serde::de::DeserializeOwned;

/// A prospect data file that could not be read, parsed or validated.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// The override file exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML of the expected shape.
    #[error("{file}: {source}")]
    Parse {
        /// The file (a path, or the built-in copy's name).
        file: String,
        /// The TOML error, with its line and column.
        source: Box<toml::de::Error>,
    },
    /// A list or text the dojo needs is empty or out of range.
    #[error("{file}: {what}")]
    Invalid {
        /// The file.
        file: String,
        /// Which key, and what is wrong with it.
        what: String,
    },
}

/// The text of `data/prospect/<name>`: from `dir` when given and the file is
/// there, else the built-in copy. Returns the name to quote in errors too.
pub(crate) fn source(
    dir: Option<&Path>,
    name: &str,
    builtin: &'static str,
) -> Result<(String, Cow<'static, str>), DataError> {
    let Some(dir) = dir else {
        return Ok((format!("data/prospect/{name} (built-in)"), builtin.into()));
    };
    let path = dir.join("prospect").join(name);
    if !path.is_file() {
        // A data directory that overrides only the lexicons keeps these defaults.
        return source(None, name, builtin);
    }
    let text = std::fs::read_to_string(&path).map_err(|source| DataError::Read {
        path: path.clone(),
        source,
    })?;
    Ok((path.display().to_string(), text.into()))
}

/// Parses `text` as TOML, naming `file` in the error.
pub(crate) fn parse<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, DataError> {
    toml::from_str(text).map_err(|source| DataError::Parse {
        file: file.to_string(),
        source: Box::new(source),
    })
}

/// Fails with a message naming `file` and `key` when `list` has no usable entry.
pub(crate) fn require_lines(file: &str, key: &str, list: &[String]) -> Result<(), DataError> {
    if list.iter().any(|line| !line.trim().is_empty()) {
        Ok(())
    } else {
        Err(invalid(
            file,
            format!("`{key}` needs at least one non-empty line"),
        ))
    }
}

/// Fails with a message naming `file` and `key` when `text` is blank.
pub(crate) fn require_text(file: &str, key: &str, text: &str) -> Result<(), DataError> {
    if text.trim().is_empty() {
        Err(invalid(file, format!("`{key}` must not be empty")))
    } else {
        Ok(())
    }
}

/// An [`DataError::Invalid`] for `file`.
pub(crate) fn invalid(file: &str, what: String) -> DataError {
    DataError::Invalid {
        file: file.to_string(),
        what,
    }
}

/// One entry of `list` at random ("" only if the list is empty, which
/// validation at load time rules out).
pub(crate) fn pick_line(list: &[String], rng: &mut impl Rng) -> String {
    list.choose(rng).cloned().unwrap_or_default()
}

/// Replaces each `{key}` in `template` with its value.
pub(crate) fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    vars.iter()
        .fold(template.to_string(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_every_placeholder_and_leaves_unknown_ones() {
        let out = fill("{a} and {b}, {a} again, {c}", &[("a", "x"), ("b", "y")]);
        assert_eq!(out, "x and y, x again, {c}");
    }

    #[test]
    fn require_lines_rejects_blank_lists_and_names_the_key() {
        let err = require_lines("f.toml", "en.prospect.won", &[" ".to_string()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.toml: `en.prospect.won` needs at least one non-empty line"
        );
        assert!(require_lines("f.toml", "k", &["ok".to_string()]).is_ok());
    }

    #[test]
    fn a_data_dir_without_the_file_falls_back_to_the_builtin_copy() {
        let dir = tempfile::tempdir().unwrap();
        let (name, text) = source(Some(dir.path()), "x.toml", "builtin = 1").unwrap();
        assert!(name.contains("built-in"));
        assert_eq!(text, "builtin = 1");
        std::fs::create_dir(dir.path().join("prospect")).unwrap();
        std::fs::write(dir.path().join("prospect/x.toml"), "mine = 2").unwrap();
        let (name, text) = source(Some(dir.path()), "x.toml", "builtin = 1").unwrap();
        assert!(name.ends_with("x.toml") && !name.contains("built-in"));
        assert_eq!(text, "mine = 2");
    }
}
