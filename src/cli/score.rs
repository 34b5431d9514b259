//! `dojo score`: score one answer (a readable scorecard, or `--json`), or
//! many as JSON lines on stdin (`--jsonl`), one output line per input line.

use std::io::{self, Write};
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use anyhow::Context;

use super::report::level_style;
use crate::lang::Lang;
use crate::scoring::{ScoreCard, ScoreRequest, Scorer};

/// Arguments of `dojo score`.
#[derive(Debug, clap::Args)]
pub struct ScoreArgs {
    /// The answer to score (omit it with --jsonl).
    #[arg(required_unless_present = "jsonl")]
    pub text: Option<String>,
    /// The objection the answer responds to (enables relevance).
    #[arg(long)]
    pub objection: Option<String>,
    /// A key concern of the objection (repeatable).
    #[arg(long = "concern")]
    pub concerns: Vec<String>,
    /// The answer's language (en or fr); detected when omitted.
    #[arg(long)]
    pub lang: Option<Lang>,
    /// Print the scorecard as one JSON object.
    #[arg(long, conflicts_with = "jsonl")]
    pub json: bool,
    /// Read JSON lines {"answer", "objection"?, "lang"?, "key_concerns"?} on
    /// stdin; write one JSON line per input line, in order.
    #[arg(long, conflicts_with_all = ["text", "objection", "concerns", "lang"])]
    pub jsonl: bool,
}

/// Runs `dojo score`.
pub fn run(g: &super::Globals, a: ScoreArgs) -> anyhow::Result<ExitCode> {
    let scorer = Scorer::load(g.data.as_deref()).context("loading the scoring data")?;
    if a.jsonl {
        super::score_jsonl::score_lines(&scorer, io::stdin().lock(), io::stdout())
            .context("scoring JSON lines")?;
        return Ok(ExitCode::SUCCESS);
    }
    let text = a.text.unwrap_or_default();
    if !has_content(&text) {
        anyhow::bail!("the answer is empty: give the text to score");
    }
    let req = ScoreRequest {
        answer: &text,
        objection: a.objection.as_deref(),
        key_concerns: &a.concerns,
        lang: a.lang,
    };
    let card = scorer.score(&req);
    let mut out = anstream::stdout();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &card)?;
        writeln!(out)?;
    } else {
        print_card(&mut out, &card)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// True if the text has something visible to score (not only spaces or
/// zero-width characters).
pub(super) fn has_content(text: &str) -> bool {
    text.chars().any(|c| {
        !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
    })
}

/// The human-readable scorecard; colours are dropped by anstream when
/// stdout is not a terminal.
fn print_card(out: &mut impl Write, card: &ScoreCard) -> io::Result<()> {
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let lvl = level_style(card.level);
    writeln!(
        out,
        "{bold}Score {}/100{bold:#}  {lvl}level {} · {}{lvl:#}  {dim}({}, {}){dim:#}",
        card.score,
        card.level.number(),
        card.level.label(card.lang),
        card.lang,
        card.lang_source.name(),
    )?;
    writeln!(out, "\n{bold}Sub-scores{bold:#}")?;
    for s in &card.subscores {
        writeln!(out, "  {:<15} {:>+6.2}", s.dimension.name(), s.value)?;
    }
    writeln!(out, "\n{bold}Cues{bold:#}")?;
    for c in &card.cues {
        let sign = if c.weight > 0.0 {
            Style::new().fg_color(Some(AnsiColor::Green.into()))
        } else if c.weight < 0.0 {
            Style::new().fg_color(Some(AnsiColor::Red.into()))
        } else {
            dim
        };
        writeln!(
            out,
            "  {sign}{:>+6.2}{sign:#} {:<20} \"{}\" {dim}[{}..{}]{dim:#}",
            c.weight, c.id, c.quote, c.start, c.end
        )?;
    }
    print_calibration(out, card)?;
    writeln!(out, "\n{bold}Tips{bold:#}")?;
    for t in &card.tips {
        writeln!(out, "  • {t}")?;
    }
    Ok(())
}

/// The rubric's own verdict and the words that moved it, so a coach sees
/// what the learned calibration changed.
fn print_calibration(out: &mut impl Write, card: &ScoreCard) -> io::Result<()> {
    let (bold, dim) = (Style::new().bold(), Style::new().dimmed());
    let cal = &card.calibration;
    let (Some(level), Some(score)) = (cal.rubric_level, cal.rubric_score) else {
        return Ok(());
    };
    writeln!(out, "\n{bold}Calibration{bold:#}")?;
    writeln!(
        out,
        "  rubric alone: {score}/100, level {}{}",
        level.number(),
        if level == card.level {
            ""
        } else {
            " (moved by the words below)"
        }
    )?;
    for w in &cal.words {
        writeln!(
            out,
            "  {:>+6.2} {:<20} {dim}[{}..{}]{dim:#}",
            w.weight,
            w.describe(card.lang),
            w.start,
            w.end
        )?;
    }
    Ok(())
}
