//! The built-in library: JSON files in `data/library/`, embedded in the
//! binary so it works from any directory, and overridable by a coach's own
//! copy in `--data DIR/library/`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::exchange::{parse_library, ExchangeError};
use super::model::Objection;

/// The embedded copy of `data/library/`, one file per language.
const EMBEDDED: [(&str, &str); 2] = [
    ("en.json", include_str!("../../data/library/en.json")),
    ("fr.json", include_str!("../../data/library/fr.json")),
];

/// The seed library's source files, not yet parsed: fingerprinting them is
/// cheap, so a store that already holds this seed need not parse it.
#[derive(Debug, Clone)]
pub struct SeedLibrary {
    files: Vec<(String, String)>,
}

/// A seed library that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    /// A file or the directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file or directory.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The override directory holds no `*.json` file.
    #[error("{0} holds no .json library file")]
    Empty(PathBuf),
    /// A file is not a valid library.
    #[error("{file}: {error}")]
    File {
        /// The file name.
        file: String,
        /// What is wrong in it.
        error: ExchangeError,
    },
    /// The same id appears in two files.
    #[error("{file}: objections[{index}].id: duplicate \"{id}\" (also in {first})")]
    Duplicate {
        /// The file with the second occurrence.
        file: String,
        /// Its index there.
        index: usize,
        /// The id.
        id: String,
        /// The file with the first occurrence.
        first: String,
    },
}

impl SeedLibrary {
    /// The copy compiled into the binary.
    pub fn embedded() -> Self {
        let files = EMBEDDED
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        SeedLibrary { files }
    }

    /// `DIR/library/*.json` when `data` is given and that folder exists,
    /// else the embedded copy (a data dir may override only the lexicons).
    pub fn load(data: Option<&Path>) -> Result<Self, SeedError> {
        match data.map(|dir| dir.join("library")) {
            Some(dir) if dir.is_dir() => Self::from_dir(&dir),
            _ => Ok(Self::embedded()),
        }
    }

    /// Every `*.json` file of `dir`, in name order.
    pub fn from_dir(dir: &Path) -> Result<Self, SeedError> {
        let read_err = |path: &Path| {
            let path = path.to_path_buf();
            move |source| SeedError::Read { path, source }
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(read_err(dir))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(SeedError::Empty(dir.to_path_buf()));
        }
        let mut files = Vec::with_capacity(paths.len());
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(read_err(&path))?;
            files.push((path.display().to_string(), text));
        }
        Ok(SeedLibrary { files })
    }

    /// A hash of the files' names and contents (FNV-1a, stable across
    /// builds), recorded by the store to skip seeding an unchanged library.
    pub fn fingerprint(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (name, text) in &self.files {
            for byte in name.bytes().chain([0]).chain(text.bytes()).chain([0]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
        hash
    }

    /// Parses and validates every file; ids must be unique across files.
    pub fn objections(&self) -> Result<Vec<Objection>, SeedError> {
        let mut all = Vec::new();
        let mut first_file: HashMap<String, String> = HashMap::new();
        for (file, text) in &self.files {
            let parsed = parse_library(text).map_err(|error| SeedError::File {
                file: file.clone(),
                error,
            })?;
            for (index, obj) in parsed.into_iter().enumerate() {
                if let Some(first) = first_file.get(&obj.id) {
                    return Err(SeedError::Duplicate {
                        file: file.clone(),
                        index,
                        id: obj.id,
                        first: first.clone(),
                    });
                }
                first_file.insert(obj.id.clone(), file.clone());
                all.push(obj);
            }
        }
        Ok(all)
    }
}

/// The embedded built-in library, parsed.
pub fn builtin_objections() -> Result<Vec<Objection>, SeedError> {
    SeedLibrary::embedded().objections()
}
