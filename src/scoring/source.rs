//! Where the scoring data comes from: the copy embedded in the binary, or a
//! coach's `--data DIR/scoring/` folder (file by file, falling back to the
//! embedded copy for any file the folder lacks).

use std::path::Path;

use super::error::ScoringError;

/// One data file's name (as shown in errors) and text.
#[derive(Debug, Clone)]
pub(crate) struct File {
    pub name: String,
    pub text: String,
}

/// The four files the scorer needs.
#[derive(Debug, Clone)]
pub(crate) struct Files {
    pub rubric: File,
    pub en: File,
    pub fr: File,
    pub calibration: File,
}

const BUILTIN: [(&str, &str); 4] = [
    (
        "rubric.toml",
        include_str!("../../data/scoring/rubric.toml"),
    ),
    ("en.toml", include_str!("../../data/scoring/en.toml")),
    ("fr.toml", include_str!("../../data/scoring/fr.toml")),
    (
        "calibration.toml",
        include_str!("../../data/scoring/calibration.toml"),
    ),
];

fn builtin_file(i: usize) -> File {
    File {
        name: format!("data/scoring/{} (built-in)", BUILTIN[i].0),
        text: BUILTIN[i].1.to_string(),
    }
}

impl Files {
    /// The embedded copies.
    pub(crate) fn builtin() -> Files {
        Files {
            rubric: builtin_file(0),
            en: builtin_file(1),
            fr: builtin_file(2),
            calibration: builtin_file(3),
        }
    }

    /// The files of `dir/scoring/`, each falling back to its embedded copy.
    pub(crate) fn from_dir(dir: &Path) -> Result<Files, ScoringError> {
        let folder = dir.join("scoring");
        if !folder.is_dir() {
            return Err(ScoringError::MissingDir {
                dir: dir.to_path_buf(),
            });
        }
        let load = |i: usize| -> Result<File, ScoringError> {
            let path = folder.join(BUILTIN[i].0);
            if !path.exists() {
                tracing::debug!(file = %path.display(), "not overridden: using the built-in copy");
                return Ok(builtin_file(i));
            }
            let text = std::fs::read_to_string(&path).map_err(|source| ScoringError::Read {
                path: path.clone(),
                source,
            })?;
            Ok(File {
                name: path.display().to_string(),
                text,
            })
        };
        Ok(Files {
            rubric: load(0)?,
            en: load(1)?,
            fr: load(2)?,
            calibration: load(3)?,
        })
    }
}
