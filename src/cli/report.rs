//! Terminal rendering of what the app returns: a turn's scorecard, the
//! prospect's lines, the final verdict, history and stats. Colour is written
//! as ANSI styles and stripped by `anstream` when stdout is not a terminal.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};

use crate::lang::Lang;
use crate::practice::TraineeStats;
use crate::prospect::{Debate, FinalCard, Outcome};
use crate::scoring::{Level, ScoreCard};

/// Cues quoted under a turn's score: enough to explain it, few enough to read.
const TOP_CUES: usize = 3;

const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();
const GOOD: Style = AnsiColor::Green.on_default();
const BAD: Style = AnsiColor::Red.on_default();
const PROSPECT: Style = AnsiColor::Cyan.on_default().bold();

/// The colour of a level: red for dismissal, green for empathy.
pub fn level_style(level: Level) -> Style {
    match level {
        Level::Dismissive => AnsiColor::Red.on_default().bold(),
        Level::Defensive => AnsiColor::Red.on_default(),
        Level::Neutral => AnsiColor::Yellow.on_default(),
        Level::Empathetic => AnsiColor::Green.on_default(),
        Level::Masterful => AnsiColor::Green.on_default().bold(),
    }
}

/// The prospect speaking.
pub fn prospect_line(out: &mut impl Write, name: &str, line: &str) -> io::Result<()> {
    writeln!(out, "{PROSPECT}{name}:{PROSPECT:#} {line}")
}

/// A compact scorecard: score and level, the cues that mattered most with
/// their quotes, and the first tip.
pub fn turn_card(out: &mut impl Write, card: &ScoreCard) -> io::Result<()> {
    let style = level_style(card.level);
    writeln!(
        out,
        "  {style}{}/100 · {} {}{style:#}",
        card.score,
        card.level.number(),
        card.level.label(card.lang)
    )?;
    let mut cues: Vec<_> = card.cues.iter().filter(|c| c.weight != 0.0).collect();
    cues.sort_by(|a, b| b.weight.abs().total_cmp(&a.weight.abs()));
    for cue in cues.into_iter().take(TOP_CUES) {
        let (sign, s) = if cue.weight > 0.0 {
            ('+', GOOD)
        } else {
            ('-', BAD)
        };
        writeln!(
            out,
            "    {s}{sign} {}{s:#} {DIM}“{}”{DIM:#}",
            cue.id, cue.quote
        )?;
    }
    if let Some(tip) = card.tips.first() {
        writeln!(out, "  {BOLD}{}{BOLD:#} {tip}", tip_label(card.lang))?;
    }
    Ok(())
}

fn tip_label(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Try:",
        Lang::Fr => "Essayez :",
    }
}

/// The final verdict of a debate.
pub fn final_card(out: &mut impl Write, card: &FinalCard) -> io::Result<()> {
    let fr = card.lang == Lang::Fr;
    let style = match card.outcome {
        Outcome::Won => GOOD.bold(),
        Outcome::Lost => BAD.bold(),
        Outcome::Abandoned => DIM,
    };
    let title = if fr { "Débat" } else { "Debate" };
    writeln!(
        out,
        "\n{style}── {title} {} ──{style:#}",
        card.outcome.label(card.lang)
    )?;
    if let (Some(avg), Some(best)) = (card.average, card.best) {
        let scores: Vec<String> = card.scores.iter().map(u8::to_string).collect();
        let (a, b) = if fr {
            ("moyenne", "meilleur")
        } else {
            ("average", "best")
        };
        writeln!(
            out,
            "  {a} {avg:.0} · {b} {best} · {} ({:+})",
            scores.join(" → "),
            card.trend.first_to_last
        )?;
    }
    let ids = |cues: &[crate::prospect::verdict::CueTotal]| {
        cues.iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !card.helped.is_empty() {
        writeln!(out, "  {GOOD}+{GOOD:#} {}", ids(&card.helped))?;
    }
    if !card.hurt.is_empty() {
        writeln!(out, "  {BAD}-{BAD:#} {}", ids(&card.hurt))?;
    }
    for tip in &card.tips {
        writeln!(out, "  {BOLD}{}{BOLD:#} {tip}", tip_label(card.lang))?;
    }
    if !card.counters.is_empty() {
        let head = if fr {
            "Contre-arguments de la bibliothèque :"
        } else {
            "Counter-arguments from the library:"
        };
        writeln!(out, "  {BOLD}{head}{BOLD:#}")?;
        for c in &card.counters {
            writeln!(out, "   • {}", c.text)?;
        }
    }
    Ok(())
}

/// One line per debate: when, objection, outcome, scores.
pub fn history(out: &mut impl Write, debates: &[Debate]) -> io::Result<()> {
    if debates.is_empty() {
        return writeln!(out, "No debates yet: try `dojo practice`.");
    }
    for d in debates {
        let outcome = d.outcome.map_or("ongoing", |o| o.label(Lang::En));
        let scores: Vec<String> = d
            .turns
            .iter()
            .map(|t| t.effective_score().to_string())
            .collect();
        writeln!(
            out,
            "{DIM}{}{DIM:#}  {BOLD}{:<10}{BOLD:#} {:<8} {:<34} {}",
            d.id,
            d.trainee,
            outcome,
            d.objection_id,
            scores.join(" ")
        )?;
    }
    Ok(())
}

/// A trainee's statistics.
pub fn stats(out: &mut impl Write, s: &TraineeStats) -> io::Result<()> {
    let num = |v: Option<f32>| v.map_or("-".to_string(), |v| format!("{v:.0}"));
    writeln!(out, "{BOLD}{}{BOLD:#}", s.trainee)?;
    writeln!(
        out,
        "  debates {} (won {}, lost {}, abandoned {}) · win rate {}",
        s.debates,
        s.won,
        s.lost,
        s.abandoned,
        s.win_rate
            .map_or("-".to_string(), |r| format!("{:.0}%", r * 100.0))
    )?;
    writeln!(
        out,
        "  average {} · best {} · first {} · improvement {}",
        num(s.average),
        num(s.best),
        num(s.first),
        s.improvement
            .map_or("-".to_string(), |v| format!("{v:+.0}"))
    )?;
    if !s.missed.is_empty() {
        let missed: Vec<String> = s
            .missed
            .iter()
            .map(|m| format!("{:?} ({:.0}%)", m.dimension, m.rate * 100.0).to_lowercase())
            .collect();
        writeln!(out, "  rarely used: {}", missed.join(", "))?;
    }
    if !s.faults.is_empty() {
        let faults: Vec<String> = s
            .faults
            .iter()
            .map(|f| format!("{} ×{}", f.id, f.count))
            .collect();
        writeln!(
            out,
            "  {BAD}most frequent faults:{BAD:#} {}",
            faults.join(", ")
        )?;
    }
    Ok(())
}
