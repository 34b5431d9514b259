//! `dojo eval FILE.jsonl`: scores a labelled set and reports how well the
//! scorer agrees with the coach (metrics in `scoring::eval`).

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use serde::Deserialize;

use crate::lang::Lang;
use crate::scoring::eval::{evaluate, EvalItem, EvalReport, Metrics};
use crate::scoring::{Level, ScoreRequest, Scorer};

/// Arguments of `dojo eval`.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// JSON lines with `answer`, `label` (1-5) and optionally `objection`,
    /// `lang`, `key_concerns`, `id`.
    pub file: PathBuf,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also list the answers whose level differs from the label.
    #[arg(long)]
    pub misses: bool,
}

#[derive(Debug, Deserialize)]
struct Labelled {
    answer: String,
    label: u8,
    #[serde(default)]
    objection: Option<String>,
    #[serde(default)]
    lang: Option<Lang>,
    #[serde(default)]
    key_concerns: Vec<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// Runs `dojo eval`.
pub fn run(g: &super::Globals, a: EvalArgs) -> anyhow::Result<ExitCode> {
    let scorer = Scorer::load(g.data.as_deref()).context("loading the scoring data")?;
    let text = std::fs::read_to_string(&a.file)
        .with_context(|| format!("reading {}", a.file.display()))?;
    let mut items = Vec::new();
    let mut misses = String::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let row: Labelled = serde_json::from_str(raw).with_context(|| {
            format!("{} line {}: not a labelled answer", a.file.display(), i + 1)
        })?;
        let Ok(label) = Level::try_from(row.label) else {
            bail!(
                "{} line {}: label must be 1 to 5, got {}",
                a.file.display(),
                i + 1,
                row.label
            );
        };
        let card = scorer.score(&ScoreRequest {
            answer: &row.answer,
            objection: row.objection.as_deref(),
            key_concerns: &row.key_concerns,
            lang: row.lang,
        });
        if card.level != label {
            let id = row
                .id
                .map_or_else(|| format!("line {}", i + 1), |v| v.to_string());
            let _ = writeln!(
                misses,
                "{id}: label {} -> level {} (score {}) {}",
                label.number(),
                card.level.number(),
                card.score,
                row.answer
            );
        }
        items.push(EvalItem {
            lang: card.lang,
            label,
            level: card.level,
            score: card.score,
        });
    }
    if items.is_empty() {
        bail!("{} has no labelled answers", a.file.display());
    }
    let report = evaluate(&items);
    let mut out = anstream::stdout();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
    } else {
        out.write_all(render(&report).as_bytes())?;
    }
    if a.misses {
        writeln!(out, "\nMisses\n{misses}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn opt(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_string(), |x| format!("{x:.3}"))
}

fn row(name: &str, m: &Metrics) -> String {
    format!(
        "{name:<9}{:>5}  {:>8}  {:>6}  {:>6.3}  {:>8.3}\n",
        m.n,
        opt(m.spearman),
        opt(m.auc),
        m.exact,
        m.within_one
    )
}

/// The report as a plain-text table.
fn render(r: &EvalReport) -> String {
    let mut s = String::from("lang         n  spearman     auc   exact  within-1\n");
    for (lang, m) in &r.per_lang {
        s.push_str(&row(lang.code(), m));
    }
    s.push_str(&row("overall", &r.overall));
    s.push_str("\nAUC: levels 4-5 against 1-2, on the 0-100 score.\n");
    s.push_str("\nConfusion (rows: label, columns: scorer level)\n       1    2    3    4    5\n");
    for (i, line) in r.overall.confusion.iter().enumerate() {
        let _ = write!(s, "  {}  ", i + 1);
        for c in line {
            let _ = write!(s, "{c:>4} ");
        }
        s.push('\n');
    }
    s
}
