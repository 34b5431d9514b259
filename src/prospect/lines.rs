//! What the dojo says that is not in the objection library, loaded from
//! `data/prospect/lines.toml`: the prospect's stock lines (closings,
//! escalation bridges, fallback pushbacks) and the coach's hints and tips.

use std::path::Path;

use serde::Deserialize;

use super::data::{self, require_lines, require_text, DataError};
use crate::lang::Lang;

const FILE: &str = "lines.toml";
const BUILTIN: &str = include_str!("../../data/prospect/lines.toml");

/// The prospect's own lines in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProspectLines {
    /// Agreeing to a next step.
    pub won: Vec<String>,
    /// Hanging up.
    pub lost: Vec<String>,
    /// Moving to a harder objection; `{objection}` is its text.
    pub bridges: Vec<String>,
    /// Fallback pushbacks after a helpful answer.
    pub soft: Vec<String>,
    /// Fallback pushbacks after a hurtful answer.
    pub hard: Vec<String>,
}

/// Hint templates; `{concern}` and `{example}` are filled in.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Hints {
    pub start: String,
    pub acknowledge: String,
    pub explore: String,
    pub reframe: String,
    pub calm: String,
    pub fresh: String,
    pub example: String,
}

/// The final scorecard's tips.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tips {
    pub acknowledge: String,
    pub concede: String,
    pub explore: String,
    pub reframe: String,
    pub dismissal: String,
    pub defensiveness: String,
    pub repetition: String,
    pub keep_going: String,
}

/// Everything in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LangLines {
    pub prospect: ProspectLines,
    pub hints: Hints,
    pub tips: Tips,
}

/// The stock lines, hints and tips from `data/prospect/lines.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    en: LangLines,
    fr: LangLines,
}

impl Lines {
    /// The copy embedded in the binary.
    pub fn builtin() -> Result<Lines, DataError> {
        Lines::load(None)
    }

    /// `dir/prospect/lines.toml` (the `--data` / `DOJO_DATA` directory), or
    /// the built-in copy when that file does not exist.
    pub fn from_dir(dir: &Path) -> Result<Lines, DataError> {
        Lines::load(Some(dir))
    }

    /// Parses and validates TOML text; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Lines, DataError> {
        let lines: Lines = data::parse(file, text)?;
        for lang in Lang::ALL {
            lines.get(lang).validate(file, lang)?;
        }
        Ok(lines)
    }

    /// [`Lines::from_dir`] when a data directory is given (`--data` /
    /// `DOJO_DATA`), else [`Lines::builtin`].
    pub fn load(dir: Option<&Path>) -> Result<Lines, DataError> {
        let (file, text) = data::source(dir, FILE, BUILTIN)?;
        Lines::from_toml(&file, &text)
    }

    /// The lines in `lang`.
    pub(crate) fn get(&self, lang: Lang) -> &LangLines {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }
}

impl LangLines {
    fn validate(&self, file: &str, lang: Lang) -> Result<(), DataError> {
        let p = &self.prospect;
        for (key, list) in [
            ("won", &p.won),
            ("lost", &p.lost),
            ("bridges", &p.bridges),
            ("soft", &p.soft),
            ("hard", &p.hard),
        ] {
            require_lines(file, &format!("{lang}.prospect.{key}"), list)?;
        }
        if let Some(bad) = p.bridges.iter().find(|b| !b.contains("{objection}")) {
            let what = format!("`{lang}.prospect.bridges`: `{bad}` lacks {{objection}}");
            return Err(data::invalid(file, what));
        }
        let h = &self.hints;
        let t = &self.tips;
        for (key, text) in [
            ("hints.start", &h.start),
            ("hints.acknowledge", &h.acknowledge),
            ("hints.explore", &h.explore),
            ("hints.reframe", &h.reframe),
            ("hints.calm", &h.calm),
            ("hints.fresh", &h.fresh),
            ("hints.example", &h.example),
            ("tips.acknowledge", &t.acknowledge),
            ("tips.concede", &t.concede),
            ("tips.explore", &t.explore),
            ("tips.reframe", &t.reframe),
            ("tips.dismissal", &t.dismissal),
            ("tips.defensiveness", &t.defensiveness),
            ("tips.repetition", &t.repetition),
            ("tips.keep_going", &t.keep_going),
        ] {
            require_text(file, &format!("{lang}.{key}"), text)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lines_load_in_both_languages() {
        let lines = Lines::builtin().unwrap();
        assert!(lines.get(Lang::Fr).prospect.won[0].contains("mardi"));
        assert!(lines.get(Lang::En).prospect.won[0].contains("Tuesday"));
    }

    #[test]
    fn a_bridge_without_placeholder_or_a_typo_is_reported() {
        let text = BUILTIN.replace(
            "Let's say I accept that. Then tell me this: {objection}",
            "Let's say I accept that.",
        );
        let err = Lines::from_toml("l.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("l.toml: `en.prospect.bridges`"), "{err}");

        let text = BUILTIN.replacen("keep_going =", "keep_goin =", 1);
        let err = Lines::from_toml("l.toml", &text).unwrap_err().to_string();
        assert!(err.contains("l.toml") && err.contains("keep_goin"), "{err}");
    }
}
