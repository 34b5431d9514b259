//! The sparring use cases over a real database: ownership, durability,
//! concurrent answers, and what the trainee is told when something is off.

use std::sync::Arc;

use objection_dojo::app::spar::StartOptions;
use objection_dojo::app::{App, AppError};
use objection_dojo::config::Settings;
use objection_dojo::prospect::Outcome;

fn settings(dir: &std::path::Path) -> Settings {
    Settings {
        db: dir.join("db"),
        ..Settings::from_lookup(|_| None).expect("defaults")
    }
}

fn start(app: &App, trainee: &str) -> String {
    let options = StartOptions {
        objection: Some("linkedin-is-spam".into()),
        ..StartOptions::default()
    };
    app.start_debate(0, trainee, options)
        .expect("starts")
        .debate
        .id
}

const GOOD: &str = "You're right that many messages are spam, and I get why you'd ignore them. What makes the rare one you answer worth your time?";

#[test]
fn an_answered_turn_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let app = App::open(&settings(dir.path()), Some(3)).unwrap();
        let id = start(&app, "ann");
        let answered = app.answer(0, &id, "ann", GOOD).unwrap();
        assert_eq!(answered.debate.turns.len(), 1);
        id
    };
    let app = App::open(&settings(dir.path()), Some(3)).unwrap();
    let debate = app.debate(0, &id).unwrap();
    assert_eq!(debate.turns.len(), 1);
    assert_eq!(debate.turns[0].answer, GOOD);
    let next = app
        .answer(
            0,
            &id,
            "ann",
            "Fair. Which messages did you last reply to, and why?",
        )
        .unwrap();
    assert_eq!(
        next.debate.turns.len(),
        2,
        "the debate resumes where it was"
    );
}

#[test]
fn only_the_debates_trainee_may_answer_or_end_it() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&settings(dir.path()), Some(3)).unwrap();
    let id = start(&app, "ann");
    let err = app.answer(0, &id, "bob", GOOD).unwrap_err();
    assert!(matches!(err, AppError::NotYourDebate) && err.is_user_error());
    assert!(matches!(
        app.end_debate(0, &id, "bob"),
        Err(AppError::NotYourDebate)
    ));
    assert!(
        app.debate(0, &id).unwrap().turns.is_empty(),
        "nothing changed"
    );
}

#[test]
fn bad_answers_and_ended_debates_are_user_errors() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&settings(dir.path()), Some(3)).unwrap();
    let id = start(&app, "ann");
    for blank in ["   ", "\u{200b}\u{feff} \n"] {
        assert!(matches!(
            app.answer(0, &id, "ann", blank),
            Err(AppError::EmptyAnswer)
        ));
    }
    let long = "word ".repeat(2_000);
    let err = app.answer(0, &id, "ann", &long).unwrap_err();
    assert!(matches!(err, AppError::AnswerTooLong { .. }), "{err}");
    let verdict = app.end_debate(0, &id, "ann").unwrap();
    assert_eq!(verdict.outcome, Outcome::Abandoned);
    let err = app.answer(0, &id, "ann", GOOD).unwrap_err();
    assert!(err.is_user_error(), "{err}");
    assert!(err.to_string().contains("over"), "{err}");
    assert!(matches!(
        app.answer(0, "nope", "ann", GOOD),
        Err(AppError::NoDebate(_))
    ));
}

#[test]
fn concurrent_answers_to_one_debate_each_take_a_turn() {
    let dir = tempfile::tempdir().unwrap();
    let app = Arc::new(App::open(&settings(dir.path()), Some(3)).unwrap());
    let id = start(&app, "ann");
    let answers: [&'static str; 3] = [
        "I see why you'd say that. What would make a message worth reading?",
        "Nonsense, you are wrong about LinkedIn.",
        "That's fair. How many of those messages mention your actual work?",
    ];
    let handles: Vec<_> = answers
        .into_iter()
        .map(|a| {
            let (app, id) = (Arc::clone(&app), id.clone());
            std::thread::spawn(move || app.answer(0, &id, "ann", a).map(|r| r.debate.turns.len()))
        })
        .collect();
    let mut lengths: Vec<usize> = handles
        .into_iter()
        .filter_map(|h| h.join().unwrap().ok())
        .collect();
    lengths.sort();
    let stored = app.debate(0, &id).unwrap().turns.len();
    assert_eq!(
        lengths,
        (1..=lengths.len()).collect::<Vec<_>>(),
        "no two answers took the same turn"
    );
    assert_eq!(stored, lengths.len(), "every accepted answer was stored");
}

#[test]
fn spaced_repetition_picks_in_the_requested_language() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&settings(dir.path()), Some(3)).unwrap();
    for _ in 0..4 {
        let options = StartOptions {
            lang: Some(objection_dojo::Lang::Fr),
            ..StartOptions::default()
        };
        let started = app.start_debate(0, "zoé", options).unwrap();
        assert_eq!(started.objection.lang, objection_dojo::Lang::Fr);
        app.end_debate(0, &started.debate.id, "zoé").unwrap();
    }
    assert_eq!(app.history(0, Some("zoé")).unwrap().len(), 4);
}
