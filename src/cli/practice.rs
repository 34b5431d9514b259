//! `dojo practice`, `dojo history` and `dojo stats`: the debate in a
//! terminal, driven by a person at a prompt or by piped lines (one answer a
//! line), over the same `app` use cases as the Discord bot.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;

use super::{report, Globals};
use crate::app::spar::{Answered, StartOptions, Started};
use crate::app::App;
use crate::config::Settings;
use crate::lang::Lang;
use crate::prospect::{Debate, Outcome};

/// The guild id the terminal uses: the local library.
const LOCAL_GUILD: u64 = 0;

/// Arguments of `dojo practice`.
#[derive(Debug, clap::Args)]
pub struct PracticeArgs {
    /// Language of the objections (default: DOJO_LANG, else en).
    #[arg(long)]
    pub lang: Option<Lang>,
    /// Start with this objection (see `dojo library list`); later ones are picked by spaced repetition.
    #[arg(long)]
    pub objection: Option<String>,
    /// Seed for every random choice, to replay a session exactly.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Whose practice this is (default: $USER).
    #[arg(long)]
    pub trainee: Option<String>,
    /// Answers before the prospect decides (default: DOJO_TURNS, else 6).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=20))]
    pub turns: Option<u8>,
}

/// Arguments of `dojo history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Only this trainee's debates.
    #[arg(long)]
    pub trainee: Option<String>,
    /// Print a JSON array of debates, oldest first.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `dojo stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The trainee (default: $USER).
    #[arg(long)]
    pub trainee: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// Opens the app with the command line's database and data directory.
pub(crate) fn open_app(g: &Globals, seed: Option<u64>) -> anyhow::Result<App> {
    let mut settings = Settings::from_env()?;
    settings.db = g.db.clone();
    settings.data = g.data.clone();
    App::open(&settings, seed).with_context(|| format!("opening {}", g.db.display()))
}

fn default_trainee(given: Option<String>) -> String {
    given
        .or_else(|| std::env::var("USER").ok())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| "trainee".to_string())
}

/// Runs `dojo practice`.
pub fn run_practice(g: &Globals, args: PracticeArgs) -> anyhow::Result<ExitCode> {
    let app = open_app(g, args.seed)?;
    let trainee = default_trainee(args.trainee);
    let interactive = io::stdin().is_terminal();
    let mut out = anstream::stdout();
    let mut session = Session {
        app: &app,
        trainee,
        options: StartOptions {
            objection: args.objection,
            lang: args.lang,
            turns: args.turns,
            ..StartOptions::default()
        },
        interactive,
    };
    if interactive {
        writeln!(out, "Type your answer and press Enter. /hint for a hint, /end to end the debate, /quit to leave.")?;
    }
    session.run(&mut io::stdin().lock(), &mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// One terminal session: debates one after another until input ends.
struct Session<'a> {
    app: &'a App,
    trainee: String,
    options: StartOptions,
    interactive: bool,
}

impl Session<'_> {
    fn run(&mut self, input: &mut impl BufRead, out: &mut impl Write) -> anyhow::Result<()> {
        let mut debate = self.open(out)?;
        let mut line = String::new();
        loop {
            if self.interactive {
                write!(out, "> ")?;
                out.flush()?;
            }
            line.clear();
            if input.read_line(&mut line)? == 0 {
                return self.leave(&debate, out);
            }
            let text = line.trim();
            if !self.interactive {
                writeln!(out, "> {text}")?;
            }
            match text {
                "" => continue,
                "/quit" | "/exit" => return self.leave(&debate, out),
                "/hint" => {
                    let hint = self.app.hint(LOCAL_GUILD, &debate.id, &self.trainee)?;
                    writeln!(out, "  {hint}")?;
                }
                "/end" | "/new" => {
                    let verdict = self
                        .app
                        .end_debate(LOCAL_GUILD, &debate.id, &self.trainee)?;
                    report::final_card(out, &verdict)?;
                    debate = self.open(out)?;
                }
                answer => match self
                    .app
                    .answer(LOCAL_GUILD, &debate.id, &self.trainee, answer)
                {
                    Ok(answered) => {
                        let ended = self.show(&debate, &answered, out)?;
                        debate = answered.debate;
                        if ended {
                            // Piped input that is used up opens no debate nobody will answer.
                            if !self.interactive && input.fill_buf()?.is_empty() {
                                return Ok(());
                            }
                            debate = self.open(out)?;
                        }
                    }
                    Err(e) if e.is_user_error() => writeln!(out, "  {e}")?,
                    Err(e) => return Err(e.into()),
                },
            }
        }
    }

    /// Starts the next debate; the first uses `--objection`, later ones spaced repetition.
    fn open(&mut self, out: &mut impl Write) -> anyhow::Result<Debate> {
        let options = StartOptions {
            objection: self.options.objection.take(),
            ..self.options.clone()
        };
        let Started { debate, .. } = self.app.start_debate(LOCAL_GUILD, &self.trainee, options)?;
        let p = &debate.persona;
        writeln!(out, "\n── {}, {} ({}) ──", p.name, p.role, p.company)?;
        report::prospect_line(out, &p.name, &debate.opening)?;
        Ok(debate)
    }

    /// Prints a turn; returns whether the debate ended.
    fn show(&self, debate: &Debate, a: &Answered, out: &mut impl Write) -> anyhow::Result<bool> {
        report::turn_card(out, &a.card)?;
        report::prospect_line(out, &debate.persona.name, &a.turn.reply)?;
        if let Some(verdict) = &a.verdict {
            report::final_card(out, verdict)?;
        }
        Ok(a.verdict.is_some())
    }

    /// Input ended: an unfinished debate is recorded as abandoned.
    fn leave(&self, debate: &Debate, out: &mut impl Write) -> anyhow::Result<()> {
        if self.app.debate(LOCAL_GUILD, &debate.id)?.is_over() {
            return Ok(());
        }
        let verdict = self
            .app
            .end_debate(LOCAL_GUILD, &debate.id, &self.trainee)?;
        if !debate.turns.is_empty() {
            report::final_card(out, &verdict)?;
        }
        Ok(())
    }
}

/// A debate as `dojo history --json` prints it.
#[derive(Serialize)]
struct DebateJson<'a> {
    id: &'a str,
    objection_id: &'a str,
    trainee: &'a str,
    lang: Lang,
    outcome: Option<Outcome>,
    started_at: u64,
    ended_at: Option<u64>,
    turns: Vec<TurnJson<'a>>,
}

#[derive(Serialize)]
struct TurnJson<'a> {
    answer: &'a str,
    score: u8,
    level: u8,
    prospect_reply: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    override_score: Option<u8>,
}

impl<'a> From<&'a Debate> for DebateJson<'a> {
    fn from(d: &'a Debate) -> Self {
        DebateJson {
            id: &d.id,
            objection_id: &d.objection_id,
            trainee: &d.trainee,
            lang: d.lang,
            outcome: d.outcome,
            started_at: d.started_at,
            ended_at: d.ended_at,
            turns: d
                .turns
                .iter()
                .map(|t| TurnJson {
                    answer: &t.answer,
                    score: t.score,
                    level: t.level.number(),
                    prospect_reply: &t.prospect_reply,
                    override_score: t.override_score,
                })
                .collect(),
        }
    }
}

/// Runs `dojo history`.
pub fn run_history(g: &Globals, args: HistoryArgs) -> anyhow::Result<ExitCode> {
    let app = open_app(g, None)?;
    let debates = app.history(LOCAL_GUILD, args.trainee.as_deref())?;
    let mut out = anstream::stdout();
    if args.json {
        let json: Vec<DebateJson> = debates.iter().map(DebateJson::from).collect();
        serde_json::to_writer_pretty(&mut out, &json)?;
        writeln!(out)?;
    } else {
        report::history(&mut out, &debates)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `dojo stats`.
pub fn run_stats(g: &Globals, args: StatsArgs) -> anyhow::Result<ExitCode> {
    let app = open_app(g, None)?;
    let trainee = default_trainee(args.trainee);
    let stats = app.stats(LOCAL_GUILD, &trainee)?;
    let mut out = anstream::stdout();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats)?;
        writeln!(out)?;
    } else {
        report::stats(&mut out, &stats)?;
    }
    Ok(ExitCode::SUCCESS)
}
