//! Store speed with a 10,000-objection library: get, durable put, list by
//! tag, and opening the database. Targets: get under 5 µs, opening under
//! 100 ms. Run: `cargo bench --bench store`.

use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use objection_dojo::app::library::{self as uc, ObjectionPatch};
use objection_dojo::library::{Counter, CounterSource, CounterStatus, Objection, Pushbacks};
use objection_dojo::store::{ImportMode, Store};
use objection_dojo::Lang;

const OBJECTIONS: usize = 10_000;
/// 50 tags, so listing one tag returns about 200 objections.
const TAGS: usize = 50;

fn objection(i: usize) -> Objection {
    Objection {
        id: format!("objection-{i:05}"),
        lang: if i % 2 == 0 { Lang::En } else { Lang::Fr },
        text: format!("Objection {i}: honestly, isn't LinkedIn just spam now? My inbox is full of pitches."),
        tags: vec![format!("tag-{}", i % TAGS), format!("tag-{}", (i * 7 + 3) % TAGS)],
        difficulty: (i % 3) as u8 + 1,
        key_concerns: vec!["spam".into(), "inbox".into(), "pitches".into()],
        pushbacks: Pushbacks {
            soft: vec!["Fine, how would yours be different?".into(); 3],
            hard: vec!["That's exactly the kind of message I mean.".into(); 3],
        },
        examples: Default::default(),
        counters: (0..2)
            .map(|c| Counter {
                id: format!("c{c}"),
                text: "You're right that a lot of it is noise; a question about a post you wrote is not a template. What made the few messages you answered worth your time?".into(),
                author: "coach".into(),
                status: CounterStatus::Approved,
                votes: c,
                source: CounterSource::Builtin,
                created_at: 1_700_000_000_000,
                voters: Vec::new(),
                score: None,
            })
            .collect(),
    }
}

fn fill(db: &Path) {
    let store = uc::open_store(db, None).expect("open");
    let library: Vec<Objection> = (0..OBJECTIONS).map(objection).collect();
    uc::import_objections(&store, 0, &library, ImportMode::Replace, "bench").expect("import");
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db");
    fill(&db);
    {
        let store = Store::open(&db).expect("open");
        let mut i = 0usize;
        c.bench_function("store/get (10k objections)", |b| {
            b.iter(|| {
                i = (i + 7919) % OBJECTIONS;
                store
                    .objection(0, &format!("objection-{i:05}"))
                    .expect("get")
                    .expect("present")
            })
        });
        c.bench_function("store/list_by_tag (~200 of 10k)", |b| {
            b.iter(|| store.objections_tagged(0, "tag-17").expect("list"))
        });
        let mut n = 0u8;
        c.bench_function("store/put (durable edit + audit entry + fsync)", |b| {
            b.iter(|| {
                n = n % 3 + 1;
                let patch = ObjectionPatch {
                    difficulty: Some(n),
                    ..Default::default()
                };
                uc::edit(&store, 0, "objection-04242", &patch, "bench").expect("edit")
            })
        });
    }
    let mut group = c.benchmark_group("store/open");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("open_store (10k objections, seed check)", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let began = Instant::now();
                let store = uc::open_store(&db, None).expect("reopen");
                total += began.elapsed();
                drop(store);
            }
            total
        })
    });
    group.finish();
}

criterion_group!(store, benches);
criterion_main!(store);
