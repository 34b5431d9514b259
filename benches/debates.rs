//! Debates under load: 10,000 live debates in one process, one turn each
//! arriving from concurrent tokio tasks, each turn scored, applied and
//! flushed to disk before it returns. Prints turn latency percentiles and
//! the memory one live debate holds, then a criterion run of a single turn.
//!
//! `cargo bench --bench debates` (set `DEBATES=1000` for a quicker run).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::Criterion;
use objection_dojo::app::spar::StartOptions;
use objection_dojo::app::App;
use objection_dojo::config::Settings;
use objection_dojo::lang::Lang;
use objection_dojo::prospect::Debate;
use rand::{Rng, SeedableRng};

/// Counts live heap bytes, to measure what a debate costs in memory.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const ANSWERS: [&str; 4] = [
    "You're right that a lot of outreach is noise, and I understand why you'd be wary. What would make a message worth your time?",
    "That's a fair point. One client cut cold calls by half and booked 30% more meetings by commenting first. How do you prospect today?",
    "I hear you, and it's true that budgets are tight this year. Could you tell me what a good result would look like for your team?",
    "Ça se comprend, vous avez raison sur le fond. Un client a doublé ses rendez-vous en trois mois. Qu'est-ce qui compte le plus pour vous ?",
];

fn open_app(dir: &std::path::Path) -> Arc<App> {
    let settings = Settings {
        db: dir.join("db"),
        data: None,
        lang: Lang::En,
        turns: 6,
    };
    Arc::new(App::open(&settings, Some(1)).expect("app opens"))
}

fn start_all(app: &App, n: usize) -> Vec<Debate> {
    (0..n)
        .map(|i| {
            let lang = if i % 4 == 3 { Lang::Fr } else { Lang::En };
            let options = StartOptions {
                lang: Some(lang),
                ..StartOptions::default()
            };
            app.start_debate(1, &format!("trainee-{i}"), options)
                .expect("debate starts")
                .debate
        })
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// One turn per debate from `n` tokio tasks spread over `window`; returns each turn's latency.
fn concurrent_turns(app: &Arc<App>, debates: &[Debate], window: Duration) -> Vec<Duration> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    rt.block_on(async {
        let tasks: Vec<_> = debates
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let app = Arc::clone(app);
                let (id, trainee) = (d.id.clone(), d.trainee.clone());
                let answer = ANSWERS[if d.lang == Lang::Fr { 3 } else { i % 3 }];
                let delay = window.mul_f64(rng.gen::<f64>());
                tokio::spawn(async move {
                    tokio::time::sleep(delay).await;
                    let started = Instant::now();
                    tokio::task::spawn_blocking(move || app.answer(1, &id, &trainee, answer))
                        .await
                        .expect("turn task")
                        .expect("turn succeeds");
                    started.elapsed()
                })
            })
            .collect();
        let mut latencies = Vec::with_capacity(tasks.len());
        for t in tasks {
            latencies.push(t.await.expect("task"));
        }
        latencies
    })
}

fn report(label: &str, mut latencies: Vec<Duration>, wall: Duration) {
    latencies.sort();
    println!(
        "{label}: {} turns in {:.2?} ({:.0} turns/s): p50 {:.2?}, p99 {:.2?}, max {:.2?}",
        latencies.len(),
        wall,
        latencies.len() as f64 / wall.as_secs_f64(),
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.99),
        latencies[latencies.len() - 1],
    );
}

fn main() {
    let n: usize = std::env::var("DEBATES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let app = open_app(dir.path());

    let before = LIVE.load(Ordering::Relaxed);
    let debates = start_all(&app, n);
    let per_debate = (LIVE.load(Ordering::Relaxed) - before) as f64 / n as f64;
    println!("memory: {per_debate:.0} bytes per live debate just started ({n} debates)");

    let window = Duration::from_millis((n as u64).max(1000));
    let started = Instant::now();
    let latencies = concurrent_turns(&app, &debates, window);
    report(
        &format!("steady arrivals over {window:?}"),
        latencies,
        started.elapsed(),
    );

    let mut answered: Vec<Debate> = debates
        .iter()
        .map(|d| app.debate(1, &d.id).expect("stored"))
        .collect();
    let before = LIVE.load(Ordering::Relaxed);
    let copy = answered.clone();
    let per_answered = (LIVE.load(Ordering::Relaxed) - before) as f64 / n as f64;
    println!("memory: {per_answered:.0} bytes per live debate after one turn");
    drop(copy);
    answered.truncate(0);

    let more = start_all(&app, n);
    let started = Instant::now();
    let latencies = concurrent_turns(&app, &more, Duration::ZERO);
    report("burst (all at once)", latencies, started.elapsed());

    let mut c = Criterion::default().configure_from_args();
    let mut i = 0usize;
    let pool = start_all(&app, 2_000);
    c.bench_function("one turn (score, state, durable write)", |b| {
        b.iter(|| {
            let d = &pool[i % pool.len()];
            i += 1;
            // Debates end after a few turns; a fresh one keeps the work identical.
            let _ = app.answer(1, &d.id, &d.trainee, ANSWERS[i % 3]);
        })
    });
    c.final_summary();
}
