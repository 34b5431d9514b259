//! Seeded debates end to end with hand-made scorecards.

use super::*;
use crate::prospect::testkit::*;

#[test]
fn six_empathetic_answers_win_before_the_limit_at_every_difficulty() {
    let kit = kit();
    for difficulty in 1..=3 {
        let o = objection("o", Lang::En, difficulty, &[], 3);
        let (debate, outs) = kit.play(&o, difficulty.into(), &vec![empathetic(); 6]);
        assert_eq!(
            debate.outcome,
            Some(Outcome::Won),
            "difficulty {difficulty}"
        );
        assert!(
            debate.turns.len() < 6,
            "won only at turn {}",
            debate.turns.len()
        );
        assert!(outs
            .iter()
            .all(|o| o.mood == Mood::Warming && o.resistance_delta < 0));
        let won = &kit.lines.get(Lang::En).prospect.won;
        assert!(won.contains(&outs.last().unwrap().reply));
    }
}

#[test]
fn masterful_answers_win_sooner_than_merely_empathetic_ones() {
    let kit = kit();
    let o = objection("o", Lang::En, 3, &[], 3);
    let (good, _) = kit.play(&o, 1, &vec![empathetic(); 6]);
    let (best, _) = kit.play(&o, 1, &vec![masterful(); 6]);
    assert!(best.turns.len() < good.turns.len());
}

#[test]
fn six_dismissive_answers_lose_early_at_every_difficulty() {
    let kit = kit();
    for difficulty in 1..=3 {
        let o = objection("o", Lang::En, difficulty, &[], 3);
        let (debate, outs) = kit.play(&o, 9, &vec![dismissive(); 6]);
        assert_eq!(
            debate.outcome,
            Some(Outcome::Lost),
            "difficulty {difficulty}"
        );
        assert!(debate.turns.len() <= 3);
        assert!(outs.iter().all(|o| o.mood == Mood::Irritated));
        let lost = &kit.lines.get(Lang::En).prospect.lost;
        assert!(lost.contains(&outs.last().unwrap().reply));
    }
}

#[test]
fn polite_but_hollow_answers_never_win() {
    let kit = kit();
    let flattering = card(5, &[Dimension::Acknowledgment, Dimension::Respect]);
    for difficulty in 1..=3 {
        for script in [vec![hollow(); 6], vec![flattering.clone(); 6]] {
            let o = objection("o", Lang::En, difficulty, &[], 3);
            let (debate, outs) = kit.play(&o, 5, &script);
            assert_eq!(debate.outcome, Some(Outcome::Lost));
            assert!(outs.iter().all(|o| o.resistance_delta == 0));
        }
    }
}

#[test]
fn hollow_answers_lose_even_against_an_easy_going_prospect() {
    // A coach may make prospects start close to agreeing; hollow answers still cannot win.
    let kit = Kit {
        personas: Personas::from_toml(
            "easy.toml",
            &include_str!("../../data/prospect/personas.toml")
                .replace("resistance = 55", "resistance = 10"),
        )
        .unwrap(),
        lines: Lines::builtin().unwrap(),
    };
    let o = objection("o", Lang::En, 1, &[], 3);
    let (debate, _) = kit.play(&o, 3, &vec![hollow(); 6]);
    assert_eq!(debate.outcome, Some(Outcome::Lost));
}

#[test]
fn repeating_the_same_good_answer_does_not_progress() {
    let kit = kit();
    let o = objection("o", Lang::En, 2, &[], 3);
    let (mut debate, mut rng) = kit.start(&o, DEFAULT_MAX_TURNS, 4);
    let first = debate.answer(ANSWERS[0], &empathetic(), kit.ctx(&o, None), 1, &mut rng);
    assert_eq!(first.unwrap().effect, Effect::Helped);
    let resistance = debate.state.resistance;
    let shouted = ANSWERS[0].to_uppercase() + "!!";
    let again = debate
        .answer(&shouted, &empathetic(), kit.ctx(&o, None), 2, &mut rng)
        .unwrap();
    assert_eq!(again.effect, Effect::Repeated);
    assert_eq!((again.resistance, again.mood), (resistance, Mood::Unmoved));
    while !debate.is_over() {
        debate
            .answer(ANSWERS[0], &empathetic(), kit.ctx(&o, None), 3, &mut rng)
            .unwrap();
    }
    assert_eq!(debate.outcome, Some(Outcome::Lost));
    assert_eq!(debate.good_turns(), 1);
}

#[test]
fn no_line_is_said_twice_over_a_long_debate() {
    let patient =
        include_str!("../../data/prospect/personas.toml").replace("patience = 5", "patience = 200");
    let kit = Kit {
        personas: Personas::from_toml("patient.toml", &patient).unwrap(),
        lines: Lines::builtin().unwrap(),
    };
    let o = objection("o", Lang::En, 1, &[], 4);
    let (mut debate, mut rng) = kit.start(&o, 60, 11);
    let cards = [hollow(), card(2, &[Dimension::Defensiveness])];
    let mut i = 0;
    while !debate.is_over() {
        let answer = format!("answer number {i} talks about topic{i}");
        debate
            .answer(&answer, &cards[i % 2], kit.ctx(&o, None), 5, &mut rng)
            .unwrap();
        i += 1;
    }
    let replies: Vec<&str> = debate
        .turns
        .iter()
        .map(|t| t.prospect_reply.as_str())
        .collect();
    let unique: std::collections::BTreeSet<&str> = replies.iter().copied().collect();
    assert_eq!(unique.len(), replies.len(), "{replies:#?}");
    // Every objection and stock line was used before the prospect gave up.
    let stock = &kit.lines.get(Lang::En).prospect;
    assert_eq!(replies.len(), 8 + stock.soft.len() + stock.hard.len() + 1);
}

#[test]
fn the_same_seed_gives_the_same_debate() {
    let kit = kit();
    let o = objection("o", Lang::En, 2, &[], 3);
    let script = [
        empathetic(),
        hollow(),
        dismissive(),
        empathetic(),
        masterful(),
        hollow(),
    ];
    let (a, _) = kit.play(&o, 77, &script);
    let (b, _) = kit.play(&o, 77, &script);
    assert_eq!(a, b);
    let differs = (78..90).any(|seed| kit.play(&o, seed, &script).0 != a);
    assert!(differs, "the seed has no effect");
}

#[test]
fn doing_well_early_escalates_to_a_harder_related_objection() {
    let kit = kit();
    let o = objection("spam", Lang::En, 1, &["linkedin"], 3);
    let harder = objection("no-time", Lang::En, 3, &["linkedin"], 3);
    let (mut debate, mut rng) = kit.start(&o, DEFAULT_MAX_TURNS, 6);
    let first = debate.answer(
        ANSWERS[0],
        &empathetic(),
        kit.ctx(&o, Some(&harder)),
        1,
        &mut rng,
    );
    assert_eq!(first.unwrap().escalated_to, None);
    let second = debate
        .answer(
            ANSWERS[1],
            &empathetic(),
            kit.ctx(&o, Some(&harder)),
            2,
            &mut rng,
        )
        .unwrap();
    assert_eq!(second.escalated_to.as_deref(), Some("no-time"));
    assert!(second.reply.contains(&harder.text), "{}", second.reply);
    assert_eq!(debate.current_objection_id(), "no-time");
    assert!(
        second.resistance_delta > -15,
        "the new objection costs ground"
    );

    let stale = debate.answer(ANSWERS[2], &empathetic(), kit.ctx(&o, None), 3, &mut rng);
    assert!(matches!(stale, Err(DebateError::WrongObjection { .. })));
    let next = debate
        .answer(ANSWERS[2], &hollow(), kit.ctx(&harder, None), 3, &mut rng)
        .unwrap();
    assert!(next.reply.starts_with("no-time"), "{}", next.reply);
    while !debate.is_over() {
        let i = debate.turns.len();
        debate
            .answer(
                ANSWERS[i],
                &empathetic(),
                kit.ctx(&harder, None),
                4,
                &mut rng,
            )
            .unwrap();
    }
    assert_eq!(debate.outcome, Some(Outcome::Won));
}

#[test]
fn a_weak_start_does_not_escalate() {
    let kit = kit();
    let o = objection("spam", Lang::En, 1, &["linkedin"], 3);
    let harder = objection("no-time", Lang::En, 3, &["linkedin"], 3);
    let (mut debate, mut rng) = kit.start(&o, DEFAULT_MAX_TURNS, 6);
    for (i, c) in [hollow(), empathetic(), empathetic()].iter().enumerate() {
        let out = debate
            .answer(ANSWERS[i], c, kit.ctx(&o, Some(&harder)), 1, &mut rng)
            .unwrap();
        assert_eq!(out.escalated_to, None);
    }
    assert_eq!(debate.state.escalated_to, None);
}

#[test]
fn bad_requests_get_typed_errors() {
    let kit = kit();
    let o = objection("o", Lang::En, 1, &[], 3);
    let french = objection("fr", Lang::Fr, 3, &[], 3);
    let (mut debate, mut rng) = kit.start(&o, DEFAULT_MAX_TURNS, 1);
    let card = empathetic();
    let mut try_answer =
        |d: &mut Debate, text: &str, esc| d.answer(text, &card, kit.ctx(&o, esc), 1, &mut rng);
    assert_eq!(
        try_answer(&mut debate, "  \n", None),
        Err(DebateError::EmptyAnswer)
    );
    let long = "a".repeat(MAX_ANSWER_BYTES + 1);
    assert!(matches!(
        try_answer(&mut debate, &long, None),
        Err(DebateError::AnswerTooLong { .. })
    ));
    let err = try_answer(&mut debate, "ok", Some(&french));
    assert_eq!(err, Err(DebateError::BadEscalation("fr".into())));
    assert!(debate.turns.is_empty(), "rejected answers leave no trace");

    debate.abandon(9).unwrap();
    assert_eq!(
        (debate.outcome, debate.ended_at),
        (Some(Outcome::Abandoned), Some(9))
    );
    assert_eq!(
        debate.abandon(10),
        Err(DebateError::Ended(Outcome::Abandoned))
    );
    assert_eq!(
        try_answer(&mut debate, "hello", None),
        Err(DebateError::Ended(Outcome::Abandoned))
    );
}

#[test]
fn overrides_change_the_effective_scores() {
    let kit = kit();
    let o = objection("o", Lang::En, 3, &[], 3);
    let (mut debate, _) = kit.play(&o, 1, &[hollow(), hollow()]);
    let scores: Vec<u8> = debate.turns.iter().map(|t| t.score).collect();
    debate
        .override_turn(1, 90, Some("good question actually".into()))
        .unwrap();
    assert_eq!(
        debate.average_score(),
        Some((f32::from(scores[0]) + 90.0) / 2.0)
    );
    assert_eq!(debate.best_score(), Some(90));
    assert_eq!(
        debate.override_turn(2, 50, None),
        Err(DebateError::NoSuchTurn { index: 2, turns: 2 })
    );
    assert_eq!(
        debate.override_turn(0, 101, None),
        Err(DebateError::BadScore(101))
    );
}

#[test]
fn a_french_debate_opens_and_replies_in_french() {
    let kit = kit();
    let o = objection("fr", Lang::Fr, 1, &[], 0);
    let (debate, outs) = kit.play(&o, 2, &[hollow(), dismissive(), dismissive()]);
    assert!(debate.opening.contains(&debate.persona.name) && debate.opening.ends_with(&o.text));
    let stock = &kit.lines.get(Lang::Fr).prospect;
    assert!(stock.soft.contains(&outs[0].reply) || stock.hard.contains(&outs[0].reply));
    assert_eq!(debate.outcome, Some(Outcome::Lost));
}

#[test]
fn a_debate_survives_json_and_bincode_round_trips() {
    let kit = kit();
    let o = objection("o", Lang::En, 2, &[], 3);
    let (mut debate, _) = kit.play(&o, 3, &[empathetic(), dismissive(), masterful()]);
    debate.override_turn(0, 80, Some("nice".into())).unwrap();
    let json = serde_json::to_string(&debate).unwrap();
    assert_eq!(serde_json::from_str::<Debate>(&json).unwrap(), debate);
    let bin = bincode::serialize(&debate).unwrap();
    assert_eq!(bincode::deserialize::<Debate>(&bin).unwrap(), debate);
}
