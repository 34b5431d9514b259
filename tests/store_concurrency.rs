//! Many tasks changing one objection at once: every change lands (sled
//! transactions serialise the read-modify-write), none is lost or duplicated.

use std::collections::HashSet;

use objection_dojo::app::library::{self as uc, NewCounter};
use objection_dojo::library::{ChangeAction, CounterSource, CounterStatus};
use objection_dojo::store::Store;

const TASKS: usize = 64;
const TARGET: &str = "linkedin-is-spam";

fn seeded() -> Store {
    let store = Store::open_temporary().unwrap();
    uc::seed(&store, None).unwrap();
    store
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn concurrent_counter_adds_are_all_kept() {
    let store = seeded();
    let before = uc::show(&store, 0, TARGET).unwrap().counters.len();
    let tasks: Vec<_> = (0..TASKS)
        .map(|i| {
            let store = store.clone();
            tokio::task::spawn_blocking(move || {
                let new = NewCounter {
                    id: None,
                    text: format!("Answer number {i}: what matters most to you?"),
                    author: format!("trainee-{i}"),
                    status: CounterStatus::Draft,
                    source: CounterSource::Trainee,
                };
                uc::add_counter(&store, 0, TARGET, &new, &format!("trainee-{i}"))
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for task in tasks {
        let counter = task.await.expect("task runs").expect("add succeeds");
        assert!(ids.insert(counter.id), "generated ids are unique");
    }

    let obj = uc::show(&store, 0, TARGET).unwrap();
    assert_eq!(obj.counters.len(), before + TASKS);
    let texts: HashSet<&str> = obj.counters.iter().map(|c| c.text.as_str()).collect();
    for i in 0..TASKS {
        assert!(texts.contains(format!("Answer number {i}: what matters most to you?").as_str()));
    }
    let adds = uc::history(&store, 0, TARGET)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == ChangeAction::CounterAdded)
        .count();
    assert_eq!(adds, TASKS, "one audit entry per add");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn concurrent_votes_and_edits_of_different_counters_do_not_clobber_each_other() {
    let store = seeded();
    let counters: Vec<String> = uc::show(&store, 0, TARGET)
        .unwrap()
        .counters
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let tasks: Vec<_> = (0..TASKS)
        .map(|i| {
            let store = store.clone();
            let counter = counters[i % counters.len()].clone();
            tokio::task::spawn_blocking(move || {
                uc::vote_counter(&store, 0, TARGET, &counter, "voter")
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task runs").expect("vote succeeds");
    }
    let obj = uc::show(&store, 0, TARGET).unwrap();
    let total: u32 = obj.counters.iter().map(|c| c.votes).sum();
    assert_eq!(total as usize, TASKS);
    let per = TASKS / counters.len();
    assert!(
        obj.counters.iter().all(|c| c.votes as usize >= per),
        "{:?}",
        obj.counters
    );
}
