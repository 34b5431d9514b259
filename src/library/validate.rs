//! Validation of objections, naming every problem by its field path
//! (`objections[3].text: empty`) so a coach can fix a file in one pass.

use std::collections::HashMap;
use std::fmt;

use super::model::{Counter, Objection, Pushbacks};

/// Longest text (objection, pushback, counter, example) in characters.
pub const MAX_TEXT_CHARS: usize = 4_000;
/// Longest id or tag in characters: long enough for a readable slug, short
/// enough for Discord autocomplete.
pub const MAX_SLUG_CHARS: usize = 64;
/// Easiest and hardest difficulty.
pub const DIFFICULTY_RANGE: std::ops::RangeInclusive<u8> = 1..=3;

/// One problem, at one place in an objection or a library file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where, e.g. `objections[0].counters[1].id` (empty for the whole file).
    pub path: String,
    /// What is wrong, e.g. `duplicate "x"`.
    pub problem: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.problem)
        } else {
            write!(f, "{}: {}", self.path, self.problem)
        }
    }
}

/// Every problem found, never just the first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Invalid(pub Vec<Issue>);

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} problem{}", if n == 1 { "" } else { "s" })?;
        for issue in &self.0 {
            write!(f, "\n  {issue}")?;
        }
        Ok(())
    }
}

/// Checks one objection; paths are relative to it (`text: empty`).
pub fn validate_objection(obj: &Objection) -> Result<(), Invalid> {
    let mut issues = Vec::new();
    check_objection(&mut issues, "", obj);
    into_result(issues)
}

/// Checks a whole library: each objection and the uniqueness of their ids,
/// with paths like `objections[3].text`.
pub fn validate_library(objections: &[Objection]) -> Result<(), Invalid> {
    into_result(library_issues(objections))
}

/// Every problem of a library, for callers that merge issues from elsewhere.
pub fn library_issues(objections: &[Objection]) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut first_at: HashMap<&str, usize> = HashMap::new();
    for (i, obj) in objections.iter().enumerate() {
        let prefix = format!("objections[{i}].");
        check_objection(&mut issues, &prefix, obj);
        if let Some(first) = first_at.get(obj.id.as_str()) {
            let problem = format!("duplicate \"{}\" (first at objections[{first}])", obj.id);
            push(&mut issues, format!("{prefix}id"), problem);
        } else {
            first_at.insert(&obj.id, i);
        }
    }
    issues
}

/// Whether `s` is a valid id or tag: lowercase a-z, 0-9 and '-', not empty,
/// at most [`MAX_SLUG_CHARS`].
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= MAX_SLUG_CHARS
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn into_result(issues: Vec<Issue>) -> Result<(), Invalid> {
    if issues.is_empty() {
        Ok(())
    } else {
        Err(Invalid(issues))
    }
}

fn push(issues: &mut Vec<Issue>, path: String, problem: impl Into<String>) {
    issues.push(Issue {
        path,
        problem: problem.into(),
    });
}

fn check_objection(issues: &mut Vec<Issue>, prefix: &str, obj: &Objection) {
    check_slug(issues, format!("{prefix}id"), &obj.id);
    check_text(issues, format!("{prefix}text"), &obj.text);
    for (i, tag) in obj.tags.iter().enumerate() {
        check_slug(issues, format!("{prefix}tags[{i}]"), tag);
    }
    if !DIFFICULTY_RANGE.contains(&obj.difficulty) {
        let problem = format!("must be 1 to 3, got {}", obj.difficulty);
        push(issues, format!("{prefix}difficulty"), problem);
    }
    for (i, concern) in obj.key_concerns.iter().enumerate() {
        check_short(issues, format!("{prefix}key_concerns[{i}]"), concern);
    }
    check_pushbacks(issues, &format!("{prefix}pushbacks"), &obj.pushbacks);
    for (level, text) in &obj.examples {
        let path = format!("{prefix}examples.{level}");
        if !(1..=5).contains(level) {
            push(
                issues,
                path.clone(),
                format!("level must be 1 to 5, got {level}"),
            );
        }
        check_text(issues, path, text);
    }
    check_counters(issues, prefix, &obj.counters);
}

fn check_pushbacks(issues: &mut Vec<Issue>, prefix: &str, pushbacks: &Pushbacks) {
    for (kind, lines) in [("soft", &pushbacks.soft), ("hard", &pushbacks.hard)] {
        if lines.is_empty() {
            push(
                issues,
                format!("{prefix}.{kind}"),
                "needs at least one line",
            );
        }
        for (i, line) in lines.iter().enumerate() {
            check_text(issues, format!("{prefix}.{kind}[{i}]"), line);
        }
    }
}

fn check_counters(issues: &mut Vec<Issue>, prefix: &str, counters: &[Counter]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, counter) in counters.iter().enumerate() {
        let at = format!("{prefix}counters[{i}]");
        check_slug(issues, format!("{at}.id"), &counter.id);
        if seen.insert(&counter.id, i).is_some() {
            push(
                issues,
                format!("{at}.id"),
                format!("duplicate \"{}\"", counter.id),
            );
        }
        check_text(issues, format!("{at}.text"), &counter.text);
        check_short(issues, format!("{at}.author"), &counter.author);
        if let Some(score) = counter.score.filter(|s| *s > 100) {
            let problem = format!("must be 0 to 100, got {score}");
            push(issues, format!("{at}.score"), problem);
        }
    }
}

fn check_slug(issues: &mut Vec<Issue>, path: String, value: &str) {
    if value.is_empty() {
        push(issues, path, "empty");
    } else if value.len() > MAX_SLUG_CHARS {
        let problem = format!(
            "too long: {} characters (max {MAX_SLUG_CHARS})",
            value.len()
        );
        push(issues, path, problem);
    } else if !is_slug(value) {
        let problem = format!("\"{value}\" is not a slug: use lowercase a-z, 0-9 and '-'");
        push(issues, path, problem);
    }
}

fn check_text(issues: &mut Vec<Issue>, path: String, value: &str) {
    let chars = value.chars().count();
    if value.trim().is_empty() {
        push(issues, path, "empty");
    } else if chars > MAX_TEXT_CHARS {
        let problem = format!("too long: {chars} characters (max {MAX_TEXT_CHARS})");
        push(issues, path, problem);
    }
}

/// Names, tags-like words and authors: not empty, and short.
fn check_short(issues: &mut Vec<Issue>, path: String, value: &str) {
    let chars = value.chars().count();
    if value.trim().is_empty() {
        push(issues, path, "empty");
    } else if chars > MAX_SLUG_CHARS * 2 {
        let problem = format!("too long: {chars} characters (max {})", MAX_SLUG_CHARS * 2);
        push(issues, path, problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::library::{CounterSource, CounterStatus};

    fn sample(id: &str) -> Objection {
        Objection {
            id: id.into(),
            lang: Lang::En,
            text: "Isn't LinkedIn just spam now?".into(),
            tags: vec!["linkedin".into()],
            difficulty: 2,
            key_concerns: vec!["spam".into()],
            pushbacks: Pushbacks {
                soft: vec!["Maybe.".into()],
                hard: vec!["No.".into()],
            },
            examples: Default::default(),
            counters: vec![counter("a"), counter("b")],
        }
    }

    fn counter(id: &str) -> Counter {
        Counter {
            id: id.into(),
            text: "You're right that some of it is noise.".into(),
            author: "coach".into(),
            status: CounterStatus::Approved,
            votes: 0,
            source: CounterSource::Coach,
            created_at: 0,
            voters: Vec::new(),
            score: None,
        }
    }

    fn messages(result: Result<(), Invalid>) -> Vec<String> {
        result
            .err()
            .map_or_else(Vec::new, |e| e.0.iter().map(|i| i.to_string()).collect())
    }

    #[test]
    fn a_sound_objection_passes() {
        assert_eq!(validate_objection(&sample("ok")), Ok(()));
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let mut obj = sample("Bad Id");
        obj.text = "  ".into();
        obj.difficulty = 0;
        obj.pushbacks.hard.clear();
        obj.counters[1].id = "a".into();
        obj.tags.push("Two Words".into());
        let got = messages(validate_objection(&obj));
        assert_eq!(
            got,
            vec![
                "id: \"Bad Id\" is not a slug: use lowercase a-z, 0-9 and '-'",
                "text: empty",
                "tags[1]: \"Two Words\" is not a slug: use lowercase a-z, 0-9 and '-'",
                "difficulty: must be 1 to 3, got 0",
                "pushbacks.hard: needs at least one line",
                "counters[1].id: duplicate \"a\"",
            ]
        );
    }

    #[test]
    fn text_over_the_limit_is_an_error_and_at_the_limit_is_not() {
        let mut obj = sample("long");
        obj.text = "é".repeat(MAX_TEXT_CHARS);
        assert_eq!(validate_objection(&obj), Ok(()));
        obj.text.push('x');
        assert_eq!(
            messages(validate_objection(&obj)),
            vec!["text: too long: 4001 characters (max 4000)"]
        );
    }

    #[test]
    fn library_paths_are_indexed_and_duplicates_name_the_first() {
        let mut second = sample("same");
        second.counters[0].text.clear();
        let got = messages(validate_library(&[sample("same"), second]));
        assert_eq!(
            got,
            vec![
                "objections[1].counters[0].text: empty",
                "objections[1].id: duplicate \"same\" (first at objections[0])",
            ]
        );
    }

    #[test]
    fn slugs_are_lowercase_ascii_digits_and_dashes() {
        assert!(is_slug("cold-call-97"));
        assert!(!is_slug("Cold"));
        assert!(!is_slug("é"));
        assert!(!is_slug(""));
        assert!(!is_slug(&"a".repeat(MAX_SLUG_CHARS + 1)));
    }
}
