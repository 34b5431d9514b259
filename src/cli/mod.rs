//! The terminal front end: one file per subcommand, each a thin layer that
//! parses arguments, calls `app` or the domain, and prints.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod card_json;
pub mod eval;
pub mod library;
pub mod practice;
mod report;
pub mod score;
mod score_jsonl;
pub mod serve;

/// Objection Dojo: spar with a skeptical prospect and learn to handle objections.
#[derive(Debug, Parser)]
#[command(name = "dojo", version, about)]
pub struct Cli {
    /// Database directory.
    #[arg(long, global = true, env = "DOJO_DB", default_value = "./dojo-data")]
    pub db: PathBuf,
    /// Directory with lexicons, rubric and seed library overriding the built-in copies.
    #[arg(long, global = true, env = "DOJO_DATA")]
    pub data: Option<PathBuf>,
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// Every subcommand of `dojo`.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score one answer (or JSON lines on stdin with --jsonl).
    Score(score::ScoreArgs),
    /// Measure the scorer against a labelled JSONL file.
    Eval(eval::EvalArgs),
    /// Curate the objection library.
    #[command(subcommand)]
    Library(library::LibraryCommand),
    /// Spar with the prospect in the terminal.
    Practice(practice::PracticeArgs),
    /// List past debates.
    History(practice::HistoryArgs),
    /// A trainee's statistics.
    Stats(practice::StatsArgs),
    /// Run the Discord bot.
    Serve(serve::ServeArgs),
}

/// Logs go to stderr so stdout stays clean for JSON output.
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let globals = Globals {
        db: cli.db,
        data: cli.data,
    };
    match cli.command {
        Command::Score(args) => score::run(&globals, args),
        Command::Eval(args) => eval::run(&globals, args),
        Command::Library(cmd) => library::run(&globals, cmd),
        Command::Practice(args) => practice::run_practice(&globals, args),
        Command::History(args) => practice::run_history(&globals, args),
        Command::Stats(args) => practice::run_stats(&globals, args),
        Command::Serve(args) => serve::run(&globals, args),
    }
}

/// Options every subcommand may use.
#[derive(Debug, Clone)]
pub struct Globals {
    /// Database directory.
    pub db: PathBuf,
    /// Data directory override.
    pub data: Option<PathBuf>,
}
