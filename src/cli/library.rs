//! `dojo library`: curate the objection library from a terminal. A thin
//! layer over `app::library`: parse flags, call the use case, print.

use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use crate::app::library::{
    self as uc, Filter, LibraryError, NewCounter, ObjectionPatch, PushbacksPatch,
};
use crate::lang::Lang;
use crate::library::{
    parse_objection, parse_typed, CounterSource, CounterStatus, Objection, Pushbacks,
};
use crate::store::{ImportMode, Store};

use super::Globals;

/// Which library, and who is acting (for the audit trail).
#[derive(Debug, Clone, clap::Args)]
pub struct Target {
    /// Discord guild id whose library to use (0: the built-in and local library).
    #[arg(long, default_value_t = 0)]
    pub guild: u64,
    /// Name recorded in the library history for changes (default: $USER).
    #[arg(long, env = "DOJO_ACTOR")]
    pub actor: Option<String>,
}

impl Target {
    fn actor(&self) -> String {
        self.actor
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .filter(|a| !a.trim().is_empty())
            .unwrap_or_else(|| "cli".to_string())
    }
}

/// `dojo library` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum LibraryCommand {
    /// List objections (id, language, difficulty, tags, text).
    List(ListArgs),
    /// Show one objection with its pushbacks and counter-arguments.
    Show(ShowArgs),
    /// Add an objection from flags or from a JSON file holding one objection.
    Add(AddArgs),
    /// Change fields of an objection, from flags or a JSON file (a patch).
    Edit(EditArgs),
    /// Remove an objection.
    Remove(IdArgs),
    /// Manage counter-arguments.
    #[command(subcommand)]
    Counter(CounterCommand),
    /// Import a library file (exchange format); all or nothing.
    Import(ImportArgs),
    /// Export the library (exchange format, sorted by id, pretty JSON).
    Export(ExportArgs),
    /// Who changed an objection, how and when.
    History(IdArgs),
}

/// `dojo library list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    #[command(flatten)]
    target: Target,
    /// Only this language (en, fr).
    #[arg(long)]
    lang: Option<Lang>,
    /// Only objections with this tag.
    #[arg(long)]
    tag: Option<String>,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

/// `dojo library show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    #[command(flatten)]
    target: Target,
    /// The objection id.
    id: String,
    /// Print the objection as JSON.
    #[arg(long)]
    json: bool,
}

/// A command that names one objection.
#[derive(Debug, clap::Args)]
pub struct IdArgs {
    #[command(flatten)]
    target: Target,
    /// The objection id.
    id: String,
}

/// Objection fields as flags, shared by `add` and `edit`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct FieldArgs {
    /// Language (en, fr).
    #[arg(long)]
    lang: Option<Lang>,
    /// What the prospect says.
    #[arg(long)]
    text: Option<String>,
    /// A tag (repeat for several; replaces all tags on edit).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// 1 (easy) to 3 (hard).
    #[arg(long)]
    difficulty: Option<u8>,
    /// A key concern a good answer engages (repeat; replaces all on edit).
    #[arg(long = "concern")]
    concerns: Vec<String>,
    /// A soft pushback line (repeat; replaces all soft lines on edit).
    #[arg(long = "soft")]
    soft: Vec<String>,
    /// A hard pushback line (repeat; replaces all hard lines on edit).
    #[arg(long = "hard")]
    hard: Vec<String>,
}

/// `dojo library add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    #[command(flatten)]
    target: Target,
    /// A JSON file with one objection (as in an export), instead of flags.
    #[arg(long, conflicts_with_all = ["id", "lang", "text", "tags", "difficulty", "concerns", "soft", "hard"])]
    file: Option<PathBuf>,
    /// Id (lowercase slug); made from the text if omitted.
    #[arg(long)]
    id: Option<String>,
    #[command(flatten)]
    fields: FieldArgs,
}

/// `dojo library edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    #[command(flatten)]
    target: Target,
    /// The objection id.
    id: String,
    /// A JSON file with the fields to replace (any subset of an objection).
    #[arg(long, conflicts_with_all = ["lang", "text", "tags", "difficulty", "concerns", "soft", "hard"])]
    file: Option<PathBuf>,
    #[command(flatten)]
    fields: FieldArgs,
}

/// `dojo library counter` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum CounterCommand {
    /// Add a counter-argument to an objection (a draft unless --approved).
    Add(CounterAddArgs),
    /// Approve a counter-argument.
    Approve(CounterArgs),
    /// Remove a counter-argument.
    Remove(CounterArgs),
    /// Vote for a counter-argument.
    Vote(CounterArgs),
}

/// `dojo library counter add`.
#[derive(Debug, clap::Args)]
pub struct CounterAddArgs {
    #[command(flatten)]
    target: Target,
    /// The objection id.
    id: String,
    /// The counter-argument's text.
    #[arg(long)]
    text: String,
    /// Its id (lowercase slug); `c1`, `c2`, ... if omitted.
    #[arg(long = "counter-id")]
    counter_id: Option<String>,
    /// Its author (default: the actor).
    #[arg(long)]
    author: Option<String>,
    /// Approve it at once.
    #[arg(long)]
    approved: bool,
}

/// A command that names one counter-argument.
#[derive(Debug, clap::Args)]
pub struct CounterArgs {
    #[command(flatten)]
    target: Target,
    /// The objection id.
    id: String,
    /// The counter-argument id.
    counter: String,
}

/// `dojo library import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[command(flatten)]
    target: Target,
    /// The library file (exchange format); `-` reads stdin.
    file: PathBuf,
    /// Replace the whole library instead of merging by id.
    #[arg(long)]
    replace: bool,
}

/// `dojo library export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    target: Target,
    /// Write to this file instead of stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

/// Runs `dojo library`.
pub fn run(g: &Globals, command: LibraryCommand) -> anyhow::Result<ExitCode> {
    let store = uc::open_store(&g.db, g.data.as_deref())?;
    let outcome = match command {
        LibraryCommand::List(args) => list(&store, args),
        LibraryCommand::Show(args) => show(&store, args),
        LibraryCommand::Add(args) => add(&store, args),
        LibraryCommand::Edit(args) => edit(&store, args),
        LibraryCommand::Remove(args) => remove(&store, args),
        LibraryCommand::Counter(cmd) => counter(&store, cmd),
        LibraryCommand::Import(args) => import(&store, args),
        LibraryCommand::Export(args) => export(&store, args),
        LibraryCommand::History(args) => history(&store, args),
    };
    match outcome {
        Err(Failure::Refused(err)) => {
            refuse(&err);
            Ok(ExitCode::FAILURE)
        }
        Err(Failure::Other(err)) => Err(err),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

/// A library error whose every problem is listed, or anything else.
enum Failure {
    Refused(LibraryError),
    Other(anyhow::Error),
}

impl From<LibraryError> for Failure {
    fn from(err: LibraryError) -> Self {
        Failure::Refused(err)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(err: anyhow::Error) -> Self {
        Failure::Other(err)
    }
}

impl From<io::Error> for Failure {
    fn from(err: io::Error) -> Self {
        Failure::Other(err.into())
    }
}

type Outcome = Result<(), Failure>;

/// Prints a refusal: one line per problem for invalid input, so a coach
/// fixes a file in one pass; nothing was written.
fn refuse(err: &LibraryError) {
    let issues = match err {
        LibraryError::Invalid(invalid) => invalid.0.clone(),
        LibraryError::Exchange(exchange) => exchange.issues(),
        other => {
            eprintln!("error: {other}");
            return;
        }
    };
    let n = issues.len();
    eprintln!(
        "error: {n} problem{}, nothing written:",
        if n == 1 { "" } else { "s" }
    );
    for issue in issues {
        eprintln!("  {issue}");
    }
}

fn list(store: &Store, args: ListArgs) -> Outcome {
    let filter = Filter {
        lang: args.lang,
        tag: args.tag,
    };
    let objections = uc::list(store, args.target.guild, &filter)?;
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", to_pretty(&objections)?)?;
        return Ok(());
    }
    for o in &objections {
        let tags = o.tags.join(",");
        writeln!(
            out,
            "{:<40} {} {} {:<28} {}",
            o.id,
            o.lang,
            o.difficulty,
            tags,
            excerpt(&o.text, 70)
        )?;
    }
    if objections.is_empty() {
        writeln!(out, "(no objection matches)")?;
    }
    Ok(())
}

fn show(store: &Store, args: ShowArgs) -> Outcome {
    let o = uc::show(store, args.target.guild, &args.id)?;
    let mut out = io::stdout().lock();
    if args.json {
        writeln!(out, "{}", to_pretty(&o)?)?;
        return Ok(());
    }
    writeln!(out, "{} [{}] difficulty {}", o.id, o.lang, o.difficulty)?;
    writeln!(out, "  \"{}\"", o.text)?;
    writeln!(out, "tags: {}", o.tags.join(", "))?;
    writeln!(out, "key concerns: {}", o.key_concerns.join(", "))?;
    for (kind, lines) in [("soft", &o.pushbacks.soft), ("hard", &o.pushbacks.hard)] {
        writeln!(out, "{kind} pushbacks:")?;
        for line in lines {
            writeln!(out, "  - {line}")?;
        }
    }
    writeln!(out, "counter-arguments:")?;
    for c in &o.counters {
        let status = match c.status {
            CounterStatus::Approved => "approved",
            CounterStatus::Draft => "draft",
        };
        writeln!(
            out,
            "  [{}] {status}, {} vote(s), by {}",
            c.id, c.votes, c.author
        )?;
        writeln!(out, "      {}", c.text)?;
    }
    Ok(())
}

fn add(store: &Store, args: AddArgs) -> Outcome {
    let objection = match &args.file {
        Some(path) => parse_objection(&read_input(path)?).map_err(LibraryError::from)?,
        None => objection_from_flags(args.id.clone(), &args.fields)?,
    };
    let added = uc::add(store, args.target.guild, objection, &args.target.actor())?;
    println!("added {}", added.id);
    Ok(())
}

/// An objection from `add` flags; what is missing is reported by name.
fn objection_from_flags(id: Option<String>, f: &FieldArgs) -> Result<Objection, anyhow::Error> {
    let mut missing = Vec::new();
    if f.lang.is_none() {
        missing.push("--lang");
    }
    if f.text.is_none() {
        missing.push("--text");
    }
    if f.soft.is_empty() {
        missing.push("--soft");
    }
    if f.hard.is_empty() {
        missing.push("--hard");
    }
    if !missing.is_empty() {
        anyhow::bail!(
            "add needs {} (or --file with one objection)",
            missing.join(", ")
        );
    }
    Ok(Objection {
        id: id.unwrap_or_default(),
        lang: f.lang.unwrap_or(Lang::En),
        text: f.text.clone().unwrap_or_default(),
        tags: f.tags.clone(),
        difficulty: f.difficulty.unwrap_or(2),
        key_concerns: f.concerns.clone(),
        pushbacks: Pushbacks {
            soft: f.soft.clone(),
            hard: f.hard.clone(),
        },
        examples: Default::default(),
        counters: Vec::new(),
    })
}

fn edit(store: &Store, args: EditArgs) -> Outcome {
    let patch = match &args.file {
        Some(path) => {
            parse_typed::<ObjectionPatch>(&read_input(path)?).map_err(LibraryError::from)?
        }
        None => patch_from_flags(&args.fields),
    };
    if patch == ObjectionPatch::default() {
        return Err(
            anyhow::anyhow!("nothing to change: give --file or at least one field flag").into(),
        );
    }
    let edited = uc::edit(
        store,
        args.target.guild,
        &args.id,
        &patch,
        &args.target.actor(),
    )?;
    println!("edited {}", edited.id);
    Ok(())
}

fn patch_from_flags(f: &FieldArgs) -> ObjectionPatch {
    let some = |v: &Vec<String>| (!v.is_empty()).then(|| v.clone());
    let pushbacks = PushbacksPatch {
        soft: some(&f.soft),
        hard: some(&f.hard),
    };
    ObjectionPatch {
        lang: f.lang,
        text: f.text.clone(),
        tags: some(&f.tags),
        difficulty: f.difficulty,
        key_concerns: some(&f.concerns),
        pushbacks: (pushbacks != PushbacksPatch::default()).then_some(pushbacks),
        ..ObjectionPatch::default()
    }
}

fn remove(store: &Store, args: IdArgs) -> Outcome {
    let removed = uc::remove(store, args.target.guild, &args.id, &args.target.actor())?;
    println!("removed {}", removed.id);
    Ok(())
}

fn counter(store: &Store, command: CounterCommand) -> Outcome {
    let (verb, objection, counter) = match command {
        CounterCommand::Add(args) => {
            let actor = args.target.actor();
            let new = NewCounter {
                id: args.counter_id,
                text: args.text,
                author: args.author.unwrap_or_else(|| actor.clone()),
                status: if args.approved {
                    CounterStatus::Approved
                } else {
                    CounterStatus::Draft
                },
                source: CounterSource::Coach,
            };
            let c = uc::add_counter(store, args.target.guild, &args.id, &new, &actor)?;
            ("added", args.id, c)
        }
        CounterCommand::Approve(a) => {
            let c =
                uc::approve_counter(store, a.target.guild, &a.id, &a.counter, &a.target.actor())?;
            ("approved", a.id, c)
        }
        CounterCommand::Remove(a) => {
            let c =
                uc::remove_counter(store, a.target.guild, &a.id, &a.counter, &a.target.actor())?;
            ("removed", a.id, c)
        }
        CounterCommand::Vote(a) => {
            let c = uc::vote_counter(store, a.target.guild, &a.id, &a.counter, &a.target.actor())?;
            ("voted for", a.id, c)
        }
    };
    println!(
        "{verb} counter-argument {} of {objection} ({} vote(s))",
        counter.id, counter.votes
    );
    Ok(())
}

fn import(store: &Store, args: ImportArgs) -> Outcome {
    let json = read_input(&args.file)?;
    let mode = if args.replace {
        ImportMode::Replace
    } else {
        ImportMode::Merge
    };
    let report = uc::import(store, args.target.guild, &json, mode, &args.target.actor())?;
    println!(
        "imported {} objection(s): {} added, {} updated, {} removed",
        report.added + report.updated,
        report.added,
        report.updated,
        report.removed
    );
    Ok(())
}

fn export(store: &Store, args: ExportArgs) -> Outcome {
    let json = uc::export(store, args.target.guild)?;
    match &args.output {
        Some(path) => std::fs::write(path, json)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => io::stdout().lock().write_all(json.as_bytes())?,
    }
    Ok(())
}

fn history(store: &Store, args: IdArgs) -> Outcome {
    let entries = uc::history(store, args.target.guild, &args.id)?;
    let mut out = io::stdout().lock();
    for e in entries {
        let counter = e.counter_id.map(|c| format!(" {c}")).unwrap_or_default();
        let when = utc(e.at_ms);
        writeln!(out, "{when} {}{counter} by {}", e.action.name(), e.actor)?;
    }
    Ok(())
}

/// A file's text, or stdin for `-`.
fn read_input(path: &Path) -> anyhow::Result<String> {
    if path == Path::new("-") {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .context("cannot read stdin")?;
        return Ok(text);
    }
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

fn to_pretty<T: serde::Serialize>(value: &T) -> anyhow::Result<String> {
    serde_json::to_string_pretty(value).context("cannot encode JSON")
}

/// The first `max` characters of `text`, with an ellipsis if cut.
fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Unix milliseconds as `YYYY-MM-DD HH:MM:SS UTC` (civil-from-days, so no
/// date crate is needed for one line of output).
fn utc(ms: u64) -> String {
    let secs = ms / 1000;
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let (h, m, s) = (rem / 3600, rem % 3600 / 60, rem % 60);
    format!("{year:04}-{month:02}-{day:02} {h:02}:{m:02}:{s:02} UTC")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_formats_known_instants() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(951_782_400_000), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(1_700_000_000_123), "2023-11-14 22:13:20 UTC");
    }

    #[test]
    fn excerpt_cuts_on_characters() {
        assert_eq!(excerpt("éééé", 2), "éé…");
        assert_eq!(excerpt("short", 10), "short");
    }
}
