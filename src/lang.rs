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
        match s.trim().to_lowercase().as_str() {
            "en" | "eng" | "english" | "anglais" => Ok(Lang::En),
            "fr" | "fra" | "fre" | "french" | "français" | "francais" => Ok(Lang::Fr),
            other => Err(UnknownLang(other.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_names_in_both_languages() {
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!(" Français ".parse::<Lang>(), Ok(Lang::Fr));
        assert!("de".parse::<Lang>().is_err());
        assert_eq!(Lang::Fr.to_string(), "fr");
    }
}
