//! Speed of the empathy scorer: one answer of 20 words, 60 words and 2,000
//! characters, and a batch of 10,000 mixed answers (the dev set's answers,
//! English and French, repeated). The 60-word answer is also timed with the
//! per-thread caches (objection topic, word stems) emptied before each run.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use objection_dojo::scoring::{ScoreRequest, Scorer};
use objection_dojo::Lang;

// The allocator the `dojo` binary ships with (see src/main.rs), so the
// figures are those of the scorer as users run it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TWENTY: &str = "I understand, a decision like this deserves a second opinion. \
What do you think will matter most to your boss?";

const SIXTY: &str = "You're right that it can turn into a time sink; I've seen reps \
spend an hour polishing one post for nine likes. What works better is a fixed slot: \
20 minutes, three times a week, mostly commenting on target accounts. At one client \
that replaced two hours of cold calling weekly. How do your reps split their time now?";

const OBJECTION: &str = "Posting on LinkedIn takes too much of my salespeople's time.";

const DEV: &str = include_str!("../tests/data/eval/dev.jsonl");

fn long_answer() -> String {
    let mut s = String::new();
    while s.len() < 2000 {
        s.push_str(SIXTY);
        s.push(' ');
    }
    let mut cut = 2000;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    s.truncate(cut);
    s
}

fn dev_answers() -> Vec<(String, String, Lang)> {
    DEV.lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| {
            let lang = v["lang"].as_str()?.parse().ok()?;
            Some((
                v["answer"].as_str()?.to_string(),
                v["objection"].as_str()?.to_string(),
                lang,
            ))
        })
        .collect()
}

fn single(c: &mut Criterion) {
    let scorer = Scorer::builtin().expect("the embedded scoring data is valid");
    let long = long_answer();
    let mut group = c.benchmark_group("score_one");
    for (name, answer) in [
        ("20_words", TWENTY),
        ("60_words", SIXTY),
        ("2000_chars", long.as_str()),
    ] {
        group.throughput(Throughput::Bytes(answer.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                scorer.score(black_box(&ScoreRequest {
                    answer,
                    objection: Some(OBJECTION),
                    lang: Some(Lang::En),
                    ..ScoreRequest::default()
                }))
            })
        });
    }
    // Every iteration above reuses the stems cached by the one before; here
    // each starts with the per-thread caches empty.
    group.bench_function("60_words_cold_caches", |b| {
        b.iter_batched(
            objection_dojo::scoring::clear_caches,
            |()| {
                scorer.score(black_box(&ScoreRequest {
                    answer: SIXTY,
                    objection: Some(OBJECTION),
                    lang: Some(Lang::En),
                    ..ScoreRequest::default()
                }))
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("60_words_detect_lang", |b| {
        b.iter(|| {
            scorer.score(black_box(&ScoreRequest {
                answer: SIXTY,
                ..ScoreRequest::default()
            }))
        })
    });
    group.finish();
}

fn batch(c: &mut Criterion) {
    let scorer = Scorer::builtin().expect("the embedded scoring data is valid");
    let dev = dev_answers();
    let mixed: Vec<&(String, String, Lang)> = dev.iter().cycle().take(10_000).collect();
    let mut group = c.benchmark_group("score_batch");
    group.throughput(Throughput::Elements(mixed.len() as u64));
    group.sample_size(10);
    group.bench_function("10000_mixed", |b| {
        b.iter_batched(
            || mixed.clone(),
            |items| {
                items
                    .iter()
                    .map(|(answer, objection, lang)| {
                        scorer
                            .score(&ScoreRequest {
                                answer,
                                objection: Some(objection),
                                lang: Some(*lang),
                                ..ScoreRequest::default()
                            })
                            .score as u64
                    })
                    .sum::<u64>()
            },
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    group.bench_function("scorer_builtin", |b| {
        b.iter(|| Scorer::builtin().map(black_box))
    });
    group.finish();
}

criterion_group!(benches, single, batch, build);
criterion_main!(benches);
