//! `dojo score`: score one answer (a readable scorecard, or `--json`), or
//! many as JSON lines on stdin (`--jsonl`), one output line per input line.

use std::borrow::Cow;
use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use anstyle::{AnsiColor, Style};
use anyhow::Context;
use serde::{Deserialize, Serialize};

use super::report::level_style;
use crate::lang::Lang;
use crate::scoring::{Dimension, ScoreCard, ScoreRequest, Scorer};

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
        let stdin = io::stdin();
        let stdout = io::stdout();
        score_lines(
            &scorer,
            stdin.lock(),
            BufWriter::with_capacity(1 << 16, stdout.lock()),
        )
        .context("writing the results")?;
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
fn has_content(text: &str) -> bool {
    text.chars().any(|c| {
        !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
    })
}

/// One input line of `--jsonl`; strings without escapes are borrowed from
/// the line rather than copied.
#[derive(Debug, Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    answer: Cow<'a, str>,
    #[serde(default, borrow)]
    objection: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    lang: Option<Cow<'a, str>>,
    #[serde(default)]
    key_concerns: Vec<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

/// One output line: the scorecard, with the input's `id` echoed if present.
#[derive(Serialize)]
struct Scored<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    card: &'a ScoreCard,
}

#[derive(Serialize)]
struct Failed<'a> {
    error: &'a str,
}

/// Lines read before scoring them in parallel.
const CHUNK: usize = 4096;

/// Scores every line of `input` into `out`, one line each, in order. Lines
/// are read in chunks and each chunk is scored on all cores.
pub fn score_lines(
    scorer: &Scorer,
    mut input: impl BufRead,
    mut out: impl Write,
) -> io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut chunk: Vec<Vec<u8>> = Vec::with_capacity(CHUNK);
    let mut first_line = 1usize;
    loop {
        chunk.clear();
        while chunk.len() < CHUNK {
            let mut buf = Vec::new();
            if input.read_until(b'\n', &mut buf)? == 0 {
                break;
            }
            chunk.push(buf);
        }
        if chunk.is_empty() {
            break;
        }
        for part in score_chunk(scorer, &chunk, first_line, threads) {
            out.write_all(&part)?;
        }
        first_line += chunk.len();
    }
    out.flush()
}

/// Scores a chunk, split across `threads`; the parts come back in order.
fn score_chunk(
    scorer: &Scorer,
    chunk: &[Vec<u8>],
    first_line: usize,
    threads: usize,
) -> Vec<Vec<u8>> {
    let per = chunk.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunk
            .chunks(per)
            .enumerate()
            .map(|(k, lines)| scope.spawn(move || score_part(scorer, lines, first_line + k * per)))
            .collect();
        handles
            .into_iter()
            // A panic in a worker is a bug in the scorer (which never panics
            // on input): report it rather than lose lines silently.
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| b"{\"error\": \"internal error\"}\n".to_vec())
            })
            .collect()
    })
}

/// Scores consecutive lines into one buffer, one output line each.
fn score_part(scorer: &Scorer, lines: &[Vec<u8>], first_line: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines.len() * 1024);
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.strip_suffix(b"\n").unwrap_or(raw);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let mark = out.len();
        if let Err(message) = score_line(scorer, line, &mut out) {
            out.truncate(mark);
            let message = format!("line {}: {message}", first_line + i);
            // Serialising a struct of one string cannot fail.
            let _ = serde_json::to_writer(&mut out, &Failed { error: &message });
        }
        out.push(b'\n');
    }
    out
}

/// Scores one input line and appends its JSON result to `out`.
fn score_line(scorer: &Scorer, raw: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err("blank line: expected a JSON object with an \"answer\"".into());
    }
    let line: Line =
        serde_json::from_slice(raw).map_err(|e| format!("not a valid answer object: {e}"))?;
    if !has_content(&line.answer) {
        return Err("empty answer".into());
    }
    let lang = match line
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        Some(l) => Some(l.parse::<Lang>().map_err(|e| e.to_string())?),
        None => None,
    };
    let card = scorer.score(&ScoreRequest {
        answer: &line.answer,
        objection: line.objection.as_deref(),
        key_concerns: &line.key_concerns,
        lang,
    });
    let written = match &line.id {
        Some(id) => serde_json::to_writer(&mut *out, &Scored { id, card: &card }),
        None => serde_json::to_writer(&mut *out, &card),
    };
    written.map_err(|e| format!("cannot encode the result: {e}"))
}

fn dimension_name(d: Dimension) -> String {
    serde_json::to_value(d)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
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
        serde_json::to_value(card.lang_source)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    )?;
    writeln!(out, "\n{bold}Sub-scores{bold:#}")?;
    for s in &card.subscores {
        writeln!(
            out,
            "  {:<15} {:>+6.2}",
            dimension_name(s.dimension),
            s.value
        )?;
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
    writeln!(out, "\n{bold}Tips{bold:#}")?;
    for t in &card.tips {
        writeln!(out, "  • {t}")?;
    }
    Ok(())
}
