//! A whole practice round through the public API, the way `app/` drives it:
//! pick an objection, debate it turn by turn (scorecards made by hand so the
//! test does not hinge on the scorer's tuning), ask for a hint, end with the
//! final card, then feed the result back to the scheduler and the stats.

use objection_dojo::library::{Counter, CounterSource, CounterStatus, Objection, Pushbacks};
use objection_dojo::practice::{next_objection, trainee_stats, DebateSummary};
use objection_dojo::prospect::{
    pick_escalation, Debate, FinalCard, Lines, NewDebate, Outcome, Personas, TurnContext,
};
use objection_dojo::scoring::{Dimension, FiredCue, LangSource, Level, ScoreCard};
use objection_dojo::Lang;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

fn objection(id: &str, difficulty: u8, text: &str) -> Objection {
    Objection {
        id: id.into(),
        lang: Lang::Fr,
        text: text.into(),
        tags: vec!["linkedin".into()],
        difficulty,
        key_concerns: vec!["temps perdu".into()],
        pushbacks: Pushbacks {
            soft: vec!["Admettons. Et concrètement ?".into()],
            hard: vec!["Vous ne m'écoutez pas.".into()],
        },
        examples: Default::default(),
        counters: vec![Counter {
            id: "c1".into(),
            text: "Vous avez raison, beaucoup de messages sont du spam. Qu'est-ce qui rend un message utile pour vous ?".into(),
            author: "coach".into(),
            status: CounterStatus::Approved,
            votes: 2,
            source: CounterSource::Builtin,
            created_at: 0,
            voters: Vec::new(),
            score: None,
        }],
    }
}

/// An empathetic card: acknowledgment and an open question.
fn empathetic(answer: &str) -> ScoreCard {
    let cue = |id: &str, dimension| FiredCue {
        id: id.into(),
        dimension,
        weight: 10.0,
        start: 0,
        end: answer.len().min(10),
        quote: answer[..answer.len().min(10)].into(),
    };
    ScoreCard {
        score: 78,
        level: Level::Empathetic,
        band: "empathetic".into(),
        lang: Lang::Fr,
        lang_source: LangSource::Given,
        subscores: Vec::new(),
        cues: vec![
            cue("acknowledge", Dimension::Acknowledgment),
            cue("open_question", Dimension::Exploration),
        ],
        tips: Vec::new(),
        calibration: Default::default(),
    }
}

#[test]
fn a_french_practice_round_from_pick_to_stats() {
    let library = vec![
        objection("spam", 1, "LinkedIn, ce n'est pas juste du spam ?"),
        objection("mode", 2, "Le social selling, c'est juste une mode ?"),
    ];
    let (personas, lines) = (Personas::builtin().unwrap(), Lines::builtin().unwrap());
    let mut rng = ChaCha8Rng::seed_from_u64(2024);
    let now = 1_700_000_000_000;

    let first = next_objection(&library, &[], Lang::Fr, now, &mut rng).unwrap();
    assert_eq!(first.id, "spam", "the easiest new objection comes first");
    let mut debate = Debate::start(
        NewDebate::new("g1-1", 1, "ana"),
        first,
        &personas,
        now,
        &mut rng,
    );
    assert!(debate.opening.ends_with(&first.text));
    assert!(!debate.hint(first, &lines).is_empty());

    let answers = [
        "Je vous comprends, beaucoup de messages ressemblent à du spam. Qu'est-ce qui vous agace le plus ?",
        "C'est légitime de protéger votre temps. Comment triez-vous les messages aujourd'hui ?",
        "Vous avez raison sur le volume. Qu'est-ce qui rendrait un message utile pour vous ?",
        "Je vois. Quel sujet vous ferait accepter un échange de vingt minutes ?",
        "D'accord. Qui d'autre dans l'équipe s'intéresse à la prospection ?",
        "Entendu. Quelle serait une première étape raisonnable pour vous ?",
    ];
    let mut t = now;
    for answer in answers {
        if debate.is_over() {
            break;
        }
        t += 60_000;
        let current = library
            .iter()
            .find(|o| o.id == debate.current_objection_id())
            .unwrap();
        let escalation = pick_escalation(current, &library, &mut rng);
        let ctx = TurnContext {
            objection: current,
            escalation,
            lines: &lines,
        };
        let out = debate
            .answer(answer, &empathetic(answer), ctx, t, &mut rng)
            .unwrap();
        assert!(out.resistance_delta < 0 || out.escalated_to.is_some());
    }
    assert_eq!(debate.outcome, Some(Outcome::Won));
    assert_eq!(debate.state.escalated_to.as_deref(), Some("mode"));

    let card = FinalCard::from_debate(&debate, &library, &lines).unwrap();
    assert_eq!(card.average, Some(78.0));
    let sources: Vec<&str> = card
        .counters
        .iter()
        .map(|c| c.objection_id.as_str())
        .collect();
    assert_eq!(
        sources.len(),
        2,
        "both debated objections offer their counter"
    );
    assert!(sources.contains(&"spam") && sources.contains(&"mode"));
    assert!(card.tips.iter().all(|tip| !tip.is_empty()));

    let history = [DebateSummary::from(&debate)];
    let next = next_objection(&library, &history, Lang::Fr, t + 1, &mut rng).unwrap();
    assert_eq!(next.id, "mode", "the handled one is not due for a day");
    let stats = trainee_stats(std::slice::from_ref(&debate), "ana");
    assert_eq!((stats.debates, stats.won, stats.best), (1, 1, Some(78.0)));
}

#[test]
fn a_data_directory_overrides_the_prospect_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("prospect")).unwrap();
    // Without the file the built-in copy is used; with a broken one the error names it.
    assert!(Lines::from_dir(dir.path()).is_ok() && Personas::from_dir(dir.path()).is_ok());
    let path = dir.path().join("prospect/personas.toml");
    std::fs::write(&path, "[en]\nnames = [").unwrap();
    let err = Personas::from_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains(&path.display().to_string()), "{err}");
}
