//! Why the scorer could not be built: a coach edited a data file and needs to
//! know which file and which line to fix.

use std::path::PathBuf;

/// An error loading the scoring data.
#[derive(Debug, thiserror::Error)]
pub enum ScoringError {
    /// A file exists but cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The data directory has no `scoring/` folder.
    #[error("{dir} has no scoring/ folder (expected rubric.toml, en.toml, fr.toml or calibration.toml there)")]
    MissingDir {
        /// The data directory given.
        dir: PathBuf,
    },
    /// A file is not valid TOML or breaks a rule of its format.
    #[error("{file}, line {line}: {message}")]
    Invalid {
        /// The file, as the coach knows it.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong and, where possible, how to fix it.
        message: String,
    },
}

/// The 1-based line of byte `offset` in `src`.
pub(crate) fn line_of(src: &str, offset: usize) -> usize {
    let end = offset.min(src.len());
    src.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Turns a TOML parse error into a [`ScoringError::Invalid`] with its line.
pub(crate) fn from_toml(file: &str, src: &str, err: &toml::de::Error) -> ScoringError {
    ScoringError::Invalid {
        file: file.to_string(),
        line: err.span().map_or(1, |s| line_of(src, s.start)),
        message: err.message().trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }
}
