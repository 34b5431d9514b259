//! The two first-class languages, shared by every domain module so that a
//! French objection, its pushbacks and the tips for its answers agree.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language the dojo speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English.
    En,
    /// French.
    Fr,
}

impl Lang {
    /// Every supported language, in a stable order.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    /// Its position in [`Lang::ALL`], for per-language arrays.
    pub fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Fr => 1,
        }
    }

    /// The ISO 639-1 code (`en`, `fr`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language name that is neither English nor French.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language `{0}`: use `en` or `fr`")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        const EN: [&str; 4] = ["en", "eng", "english", "anglais"];
        const FR: [&str; 6] = ["fr", "fra", "fre", "french", "français", "francais"];
        let s = s.trim();
        // Compared in place: `dojo score --jsonl` reads a code per line, and
        // a lowercased copy each time showed in its profile. Only non-ASCII
        // capitals ("FRANÇAIS") need the full lowercasing.
        let ascii = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(s));
        if ascii(&EN) {
            return Ok(Lang::En);
        }
        if ascii(&FR) {
            return Ok(Lang::Fr);
        }
        let lower = s.to_lowercase();
        if FR.contains(&lower.as_str()) {
            Ok(Lang::Fr)
        } else {
            Err(UnknownLang(lower))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_is_the_position_in_all() {
        for (i, lang) in Lang::ALL.iter().enumerate() {
            assert_eq!(lang.index(), i);
        }
    }

    #[test]
    fn parses_codes_and_names_in_both_languages() {
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!(" Français ".parse::<Lang>(), Ok(Lang::Fr));
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(Lang::Fr.to_string(), "fr");
    }
}
