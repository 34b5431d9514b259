//! Crash safety: a child process writes to a database and is SIGKILLed in
//! the middle; the parent reopens the database and checks that every write
//! the child acknowledged (printed `ack ...` after the call returned, i.e.
//! after the flush) is there, and that a large import is whole or absent.
//!
//! This test binary has its own `main` (harness = false): run with
//! `DOJO_CRASH_CHILD` set, it is the child instead of the test runner.

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Lines, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

use objection_dojo::app::library::{self as uc, NewCounter};
use objection_dojo::library::{
    parse_library, to_json, Counter, CounterSource, CounterStatus, Objection, Pushbacks,
};
use objection_dojo::store::{ImportMode, Store};
use objection_dojo::Lang;

const CHILD_ENV: &str = "DOJO_CRASH_CHILD";
const DB_ENV: &str = "DOJO_CRASH_DB";
const START_ENV: &str = "DOJO_CRASH_START";
const FILE_ENV: &str = "DOJO_CRASH_FILE";
/// The objection every writer child adds counters to.
const HUB: &str = "hub";
/// Objections in the large import.
const IMPORT_SIZE: usize = 3_000;

fn main() {
    match std::env::var(CHILD_ENV).as_deref() {
        Ok("writes") => child_writes(),
        Ok("import") => child_import(),
        _ => run_tests(),
    }
}

// ---------------------------------------------------------------- children

fn env_path(name: &str) -> PathBuf {
    PathBuf::from(std::env::var_os(name).expect("the parent sets every child variable"))
}

fn ack(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{line}").expect("parent reads stdout");
    out.flush().expect("parent reads stdout");
}

/// Adds objections and counters forever, acknowledging each after it returns.
fn child_writes() {
    let store = uc::open_store(&env_path(DB_ENV), None).expect("child opens the db");
    let start: usize = std::env::var(START_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if store.objection(0, HUB).expect("read").is_none() {
        uc::add(&store, 0, objection(HUB, 0), "child").expect("hub");
    }
    ack("ready");
    for i in start.. {
        let id = format!("w-{i}");
        uc::add(&store, 0, objection(&id, 2), "child").expect("add");
        ack(&format!("ack {id}"));
        let counter = NewCounter {
            id: Some(format!("k-{i}")),
            text: format!("Counter {i}: what would help you most?"),
            author: "child".into(),
            status: CounterStatus::Draft,
            source: CounterSource::Trainee,
        };
        uc::add_counter(&store, 0, HUB, &counter, "child").expect("counter");
        ack(&format!("ack {HUB}/k-{i}"));
    }
}

/// Parses a large library, says so, imports it, acknowledges.
fn child_import() {
    let store = uc::open_store(&env_path(DB_ENV), None).expect("child opens the db");
    let json = std::fs::read_to_string(env_path(FILE_ENV)).expect("import file");
    let objections = parse_library(&json).expect("valid import file");
    ack("writing");
    uc::import_objections(&store, 0, &objections, ImportMode::Merge, "child").expect("import");
    ack("ack import");
    std::thread::sleep(Duration::from_secs(60));
}

fn objection(id: &str, counters: usize) -> Objection {
    Objection {
        id: id.into(),
        lang: if id.len() % 2 == 0 {
            Lang::En
        } else {
            Lang::Fr
        },
        text: format!("Objection {id}: isn't social selling just a trend? ").repeat(4),
        tags: vec!["crash".into(), format!("t{}", id.len() % 7)],
        difficulty: 2,
        key_concerns: vec!["trend".into(), "time".into(), "spam".into()],
        pushbacks: Pushbacks {
            soft: vec!["Maybe. Go on.".into(), "OK, and then?".into()],
            hard: vec!["I've heard that a hundred times.".into()],
        },
        examples: Default::default(),
        counters: (0..counters)
            .map(|i| Counter {
                id: format!("c{i}"),
                text: format!("You're right that {id} matters; what would change your mind?"),
                author: "coach".into(),
                status: CounterStatus::Approved,
                votes: i as u32,
                source: CounterSource::Coach,
                created_at: 1_700_000_000_000,
                voters: Vec::new(),
                score: None,
            })
            .collect(),
    }
}

// ---------------------------------------------------------------- parent

fn run_tests() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let tests: [(&str, fn()); 2] = [
        (
            "acknowledged_writes_survive_sigkill",
            acknowledged_writes_survive_sigkill,
        ),
        (
            "import_is_whole_or_absent_after_sigkill",
            import_is_whole_or_absent_after_sigkill,
        ),
    ];
    for (name, test) in tests {
        if filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str())) {
            eprintln!("test {name} ...");
            test();
            eprintln!("test {name} ... ok");
        }
    }
}

struct Spawned {
    child: Child,
    lines: Lines<BufReader<ChildStdout>>,
}

fn spawn(mode: &str, db: &Path, extra: &[(&str, String)]) -> Spawned {
    let mut cmd = Command::new(std::env::current_exe().expect("own path"));
    cmd.env(CHILD_ENV, mode)
        .env(DB_ENV, db)
        .env_remove("DOJO_DATA")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    for (key, value) in extra {
        cmd.env(key, value);
    }
    let mut child = cmd.spawn().expect("child starts");
    let stdout = child.stdout.take().expect("piped stdout");
    Spawned {
        child,
        lines: BufReader::new(stdout).lines(),
    }
}

impl Spawned {
    fn next_line(&mut self) -> String {
        self.lines
            .next()
            .expect("child still writing")
            .expect("readable child output")
    }

    /// SIGKILL (`Child::kill` on Unix), then reap.
    fn kill(mut self) {
        self.child.kill().expect("kill child");
        self.child.wait().expect("reap child");
    }
}

/// A reopened database must also be internally consistent: every record
/// decodes and the tag index matches the objections.
fn check_consistent(store: &Store) -> Vec<Objection> {
    let all = store
        .objections(0)
        .expect("every record decodes after a crash");
    let tagged: HashSet<String> = store
        .objections_tagged(0, "crash")
        .expect("index readable")
        .into_iter()
        .map(|o| o.id)
        .collect();
    let expected: HashSet<String> = all
        .iter()
        .filter(|o| o.tags.iter().any(|t| t == "crash"))
        .map(|o| o.id.clone())
        .collect();
    assert_eq!(tagged, expected, "tag index and objections agree");
    all
}

fn acknowledged_writes_survive_sigkill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    let mut acked: Vec<String> = Vec::new();
    for (round, wanted) in [7usize, 40, 113, 260].into_iter().enumerate() {
        let start = (round * 100_000).to_string();
        let mut child = spawn("writes", &db, &[(START_ENV, start)]);
        assert_eq!(child.next_line(), "ready");
        let mut got = 0;
        while got < wanted {
            let line = child.next_line();
            acked.push(line.strip_prefix("ack ").expect("ack line").to_string());
            got += 1;
        }
        child.kill();

        let store = Store::open(&db).expect("reopens after SIGKILL");
        let all = check_consistent(&store);
        let ids: HashSet<&str> = all.iter().map(|o| o.id.as_str()).collect();
        let hub = all.iter().find(|o| o.id == HUB).expect("hub kept");
        let counters: HashSet<&str> = hub.counters.iter().map(|c| c.id.as_str()).collect();
        for id in &acked {
            match id.split_once('/') {
                Some((_, counter)) => {
                    assert!(counters.contains(counter), "acked counter {id} lost")
                }
                None => assert!(ids.contains(id.as_str()), "acked objection {id} lost"),
            }
        }
        eprintln!("  round {round}: {} acked writes all present", acked.len());
    }
}

fn import_is_whole_or_absent_after_sigkill() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("import.json");
    let incoming: Vec<Objection> = (0..IMPORT_SIZE)
        .map(|i| objection(&format!("imp-{i:05}"), 3))
        .collect();
    std::fs::write(&file, to_json(&incoming)).expect("write import file");
    let file_env = [(FILE_ENV, file.display().to_string())];

    // How long the write takes here, to spread the kills over it.
    let db = dir.path().join("calibrate");
    let mut child = spawn("import", &db, &file_env);
    assert_eq!(child.next_line(), "writing");
    let began = Instant::now();
    assert_eq!(child.next_line(), "ack import");
    let write_time = began.elapsed();
    child.kill();
    assert_eq!(
        count_imported(&Store::open(&db).expect("reopen")),
        IMPORT_SIZE
    );

    let (mut whole, mut absent) = (0, 0);
    for step in 0..8u32 {
        let db = dir.path().join(format!("round-{step}"));
        let mut child = spawn("import", &db, &file_env);
        assert_eq!(child.next_line(), "writing");
        std::thread::sleep(write_time * step / 4);
        child.kill();
        let store = Store::open(&db).expect("reopens after SIGKILL");
        check_consistent(&store);
        let n = count_imported(&store);
        assert!(
            n == 0 || n == IMPORT_SIZE,
            "partial import: {n} of {IMPORT_SIZE}"
        );
        let history = store.library_history(0, "imp-00042").expect("history");
        assert_eq!(
            history.len(),
            usize::from(n > 0),
            "audit entries follow the import"
        );
        if n == 0 {
            absent += 1;
        } else {
            whole += 1;
        }
    }
    eprintln!("  write took {write_time:?}; after kills: {whole} whole, {absent} absent");
}

fn count_imported(store: &Store) -> usize {
    store
        .objection_ids(0)
        .expect("ids")
        .iter()
        .filter(|id| id.starts_with("imp-"))
        .count()
}
