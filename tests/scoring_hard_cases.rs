//! The hard cases of the brief: negation, "but" cancelling, stuffing,
//! sarcasm and condescension, shouting, apostrophes, accents, emoji,
//! zero-width characters, spans in the original text, language detection,
//! and inputs that must never make the scorer panic.

use objection_dojo::scoring::{detect_lang, LangSource, Level, ScoreCard, ScoreRequest, Scorer};
use objection_dojo::Lang;

fn scorer() -> Scorer {
    Scorer::builtin().expect("the embedded scoring data loads")
}

fn en(s: &Scorer, answer: &str) -> ScoreCard {
    s.score(&ScoreRequest {
        answer,
        lang: Some(Lang::En),
        ..ScoreRequest::default()
    })
}

fn fr(s: &Scorer, answer: &str) -> ScoreCard {
    s.score(&ScoreRequest {
        answer,
        lang: Some(Lang::Fr),
        ..ScoreRequest::default()
    })
}

/// `answer` scored as the reply to `objection`.
fn reply(s: &Scorer, lang: Lang, objection: &str, answer: &str) -> ScoreCard {
    s.score(&ScoreRequest {
        answer,
        objection: Some(objection),
        lang: Some(lang),
        ..ScoreRequest::default()
    })
}

#[test]
fn negation_cancels_an_acknowledgment() {
    let s = scorer();
    let card = en(&s, "I don't understand why you'd even ask that.");
    assert!(!card.has_cue("acknowledge"), "{:?}", card.cues);
    assert!(card.level <= Level::Defensive, "{:?}", card.level);
    let plain = en(&s, "I understand why you'd ask that.");
    assert!(plain.has_cue("acknowledge"));
    let nf = fr(&s, "Je ne comprends pas pourquoi vous demandez ça.");
    assert!(!nf.has_cue("acknowledge"), "{:?}", nf.cues);
    assert!(!fr(&s, "Je comprends pas.").has_cue("acknowledge"));
}

#[test]
fn negated_agreement_becomes_a_contradiction() {
    let s = scorer();
    let card = en(&s, "I don't think you're right.");
    assert!(
        card.has_cue("contradiction") && !card.has_cue("concession"),
        "{:?}",
        card.cues
    );
    let fr_card = fr(&s, "Je ne pense pas que vous ayez raison.");
    assert!(!fr_card.has_cue("concession"), "{:?}", fr_card.cues);
    assert!(!en(&s, "That's not a stupid question at all.").has_cue("attack"));
}

#[test]
fn but_erases_the_acknowledgment_before_it() {
    let s = scorer();
    for (answer, lang) in [
        ("I understand, but our tool is better.", Lang::En),
        ("I hear you. However, it works.", Lang::En),
        ("Je comprends, mais notre outil est meilleur.", Lang::Fr),
        ("Je comprends. Cependant, ça marche.", Lang::Fr),
        ("Oui mais non.", Lang::Fr),
    ] {
        let card = s.score(&ScoreRequest {
            answer,
            lang: Some(lang),
            ..ScoreRequest::default()
        });
        assert!(card.has_cue("yes_but"), "`{answer}`: {:?}", card.cues);
        assert!(
            !card.has_cue("acknowledge"),
            "`{answer}`: acknowledgment survived"
        );
        assert!(
            card.level <= Level::Defensive,
            "`{answer}`: {:?}",
            card.level
        );
    }
    // "but" opening a real question, or bringing evidence, does not erase.
    let q = en(&s, "I understand, but what exactly worries you?");
    assert!(
        !q.has_cue("yes_but") && q.has_cue("acknowledge"),
        "{:?}",
        q.cues
    );
    let e = en(
        &s,
        "You're right, it costs more. However, one client recovered it in six weeks.",
    );
    assert!(!e.has_cue("yes_but"), "{:?}", e.cues);
    // "but also" is no contrast.
    assert!(!en(&s, "I understand: it costs time but also money.").has_cue("yes_but"));
}

#[test]
fn stuffing_never_beats_one_acknowledgment_and_a_question() {
    let s = scorer();
    let stuffed = en(&s, &"I understand. ".repeat(10));
    let real = en(&s, "I understand. What worries you most about it?");
    assert!(stuffed.has_cue("empathy_stuffing"));
    assert!(
        stuffed.score < real.score,
        "{} vs {}",
        stuffed.score,
        real.score
    );
    assert!(stuffed.level < Level::Empathetic);
    assert_eq!(real.level, Level::Empathetic);
    let ack: f32 = stuffed
        .cues
        .iter()
        .filter(|c| c.id == "acknowledge")
        .map(|c| c.weight)
        .sum();
    assert!(ack <= 1.0, "ten acknowledgments add up to {ack}");
    let fr_stuffed = fr(
        &s,
        "Je comprends, je comprends tout à fait, c'est compréhensible. Sinon, on signe ?",
    );
    assert_eq!(fr_stuffed.level, Level::Defensive, "{:?}", fr_stuffed.cues);
}

#[test]
fn sarcasm_and_condescension_are_dismissive_despite_polite_words() {
    let s = scorer();
    for answer in [
        "Sure, I'll keep it short so it doesn't take too much of your precious time.",
        "Wow, so your team is too busy to sell. Interesting strategy.",
        "With all due respect, everyone knows that's not how sales works, and you know it.",
        "I totally understand 🙄",
    ] {
        let card = en(&s, answer);
        assert_eq!(card.level, Level::Dismissive, "`{answer}`: {:?}", card.cues);
    }
    assert_eq!(
        fr(&s, "lol vous êtes resté en 2005 ou quoi").level,
        Level::Dismissive
    );
    assert_eq!(
        fr(
            &s,
            "Avec tout le respect que je vous dois, c'est typiquement le genre de remarque naïve."
        )
        .level,
        Level::Dismissive
    );
}

#[test]
fn capitals_and_exclamation_marks_count_as_shouting() {
    let s = scorer();
    let shouted = en(&s, "YOU ARE NOT LISTENING TO ME!!!");
    assert!(
        shouted.has_cue("shouting") && shouted.has_cue("exclamations"),
        "{:?}",
        shouted.cues
    );
    assert_eq!(shouted.level, Level::Dismissive);
    // Short acronyms are not shouting, and one "!" is not "!!!".
    let calm = en(&s, "Our CRM and ROI figures are in the deck!");
    assert!(
        !calm.has_cue("shouting") && !calm.has_cue("exclamations"),
        "{:?}",
        calm.cues
    );
}

#[test]
fn case_accents_and_both_apostrophes_match_alike() {
    let s = scorer();
    let variants = [
        "Vous n'avez pas tort.",
        "Vous n’avez pas tort.",
        "VOUS N'AVEZ PAS TORT.",
        "vous n avez pas tort",
    ];
    for v in &variants[..3] {
        assert!(fr(&s, v).has_cue("concession"), "`{v}`");
    }
    assert!(fr(&s, "C'est légitime de comparer.").has_cue("validate"));
    assert!(fr(&s, "C’est legitime de comparer.").has_cue("validate"));
    assert!(en(&s, "You’re right.").has_cue("concession"));
    assert!(en(&s, "YOU'RE RIGHT.").has_cue("concession"));
    assert!(fr(&s, "Ça se comprend.").has_cue("acknowledge"));
    assert!(fr(&s, "ca se comprend").has_cue("acknowledge"));
}

#[test]
fn spans_point_at_the_original_text() {
    let s = scorer();
    let answers = [
        "😀😀 Vous n’avez pas tort, c’est légitime. Qu’est-ce qui compte le plus pour vous ?",
        "Très bien… je comprends. Désolé ! Qu'est-ce qui s'est passé ?",
        "You\u{200B}’re ri\u{200B}ght 👍🏽 — what matters most to you?",
        "C'est le\u{301}gitime, vous n'avez pas tort.",
    ];
    for answer in answers {
        let card = s.score(&ScoreRequest {
            answer,
            ..ScoreRequest::default()
        });
        assert!(!card.cues.is_empty(), "`{answer}`: no cue");
        for c in &card.cues {
            let slice = answer.get(c.start..c.end).expect("span on char boundaries");
            assert_eq!(slice, c.quote, "`{answer}`");
        }
    }
    let card = fr(&s, "😀 Vous n’avez pas tort.");
    let c = card
        .cues
        .iter()
        .find(|c| c.id == "concession")
        .expect("a concession");
    assert_eq!(c.quote, "Vous n’avez pas tort");
    assert_eq!(c.start, "😀 ".len());
    let zw = en(&s, "You\u{200B}’re right.");
    let c = zw
        .cues
        .iter()
        .find(|c| c.id == "concession")
        .expect("a concession");
    assert_eq!(c.quote, "You\u{200B}’re right");
}

#[test]
fn language_is_detected_or_falls_back_to_english() {
    let s = scorer();
    assert_eq!(
        detect_lang("Je comprends, qu'est-ce qui vous inquiète ?"),
        Some(Lang::Fr)
    );
    assert_eq!(
        detect_lang("I see, what worries you about it?"),
        Some(Lang::En)
    );
    assert_eq!(detect_lang("👍"), None);
    let card = s.score(&ScoreRequest {
        answer: "Vous avez raison.",
        ..ScoreRequest::default()
    });
    assert_eq!(
        (card.lang, card.lang_source),
        (Lang::Fr, LangSource::Detected)
    );
    let unknown = s.score(&ScoreRequest {
        answer: "🙂🙂",
        ..ScoreRequest::default()
    });
    assert_eq!(
        (unknown.lang, unknown.lang_source),
        (Lang::En, LangSource::Fallback)
    );
    let given = en(&s, "Vous avez raison.");
    assert_eq!(given.lang_source, LangSource::Given);
}

#[test]
fn odd_inputs_never_panic_and_stay_in_range() {
    let s = scorer();
    let big = "I understand, but honestly this is GREAT!!! What do you think? ".repeat(3_500);
    assert!(big.len() > 200_000);
    let mixed: String = (0..40_000u32).filter_map(char::from_u32).collect();
    let inputs = [
        String::new(),
        " \n\t ".to_string(),
        "\u{200B}\u{200D}\u{FEFF}".to_string(),
        "🙂🔥👍🏽👨‍👩‍👧".to_string(),
        "????!!!!....,,,,''''’’’".to_string(),
        "e\u{301}\u{301}\u{301}".to_string(),
        "-".repeat(1000),
        big,
        mixed,
    ];
    for input in &inputs {
        for lang in [None, Some(Lang::En), Some(Lang::Fr)] {
            let card = s.score(&ScoreRequest {
                answer: input,
                objection: Some(input),
                key_concerns: std::slice::from_ref(input),
                lang,
            });
            assert!(card.score <= 100);
            assert!((1..=3).contains(&card.tips.len()));
            for c in &card.cues {
                assert!(
                    input.get(c.start..c.end).is_some(),
                    "bad span {}..{}",
                    c.start,
                    c.end
                );
            }
        }
    }
}

#[test]
fn scoring_is_deterministic() {
    let s = scorer();
    let req = ScoreRequest {
        answer: "You're right, but what would you need to see? One client saved 12 hours.",
        objection: Some("It takes too much time."),
        ..ScoreRequest::default()
    };
    assert_eq!(s.score(&req), s.score(&req));
    assert_eq!(s.score(&req), scorer().score(&req));
}

#[test]
fn key_concerns_earn_relevance_when_engaged() {
    let s = scorer();
    let concerns = ["budget".to_string()];
    let with = s.score(&ScoreRequest {
        answer: "I hear you. How is the budget decided on your side?",
        objection: Some("It's too expensive."),
        key_concerns: &concerns,
        lang: Some(Lang::En),
    });
    assert!(with.has_cue("key_concern"), "{:?}", with.cues);
    // The same answer about another subject: the calibration's common
    // words weigh the same, only the concern differs.
    let without = s.score(&ScoreRequest {
        answer: "I hear you. How is the roadmap decided on your side?",
        objection: Some("It's too expensive."),
        key_concerns: &concerns,
        lang: Some(Lang::En),
    });
    assert!(!without.has_cue("key_concern"));
    // The rubric credits the concern; the calibration weighs relevance
    // lightly (coaches' labels barely follow it), so the final score may
    // round to the same figure but must never fall.
    assert!(with.calibration.rubric_score > without.calibration.rubric_score);
    assert!(with.score >= without.score);
}

#[test]
fn a_figure_after_a_real_concession_is_a_reframe_not_a_yes_but() {
    let s = scorer();
    let pivot = fr(
        &s,
        "C'est vrai, on n'est pas les moins chers. Mais l'écart vient du coaching : nous incluons 8 semaines d'accompagnement. Comment comptiez-vous former l'équipe ?",
    );
    assert!(!pivot.has_cue("yes_but"), "{:?}", pivot.cues);
    assert!(pivot.has_cue("concession") && pivot.has_cue("evidence_number"));
    // Without a concession, "but" plus a figure is still arguing back.
    let rebuttal = en(
        &s,
        "I understand, but 95% of our clients love it. What's stopping you?",
    );
    assert!(rebuttal.has_cue("yes_but"), "{:?}", rebuttal.cues);
    assert!(!rebuttal.has_cue("acknowledge"));
}

#[test]
fn a_denial_is_no_reflection_of_their_concern() {
    let s = scorer();
    let card = s.score(&ScoreRequest {
        answer: "Si vous ne recevez que du spam, c'est peut-être votre réseau le problème, pas LinkedIn.",
        objection: Some("LinkedIn, c'est devenu un nid à spam."),
        lang: Some(Lang::Fr),
        ..ScoreRequest::default()
    });
    assert!(card.has_cue("denial"), "{:?}", card.cues);
    assert!(!card.has_cue("reflection"), "{:?}", card.cues);
}

#[test]
fn a_negation_that_grants_their_point_is_no_denial() {
    let s = scorer();
    let with = |answer: &str, objection: &str, lang: Lang| reply(&s, lang, objection, answer);
    // The concession comes after the negation, in the same sentence.
    let granted = with(
        "Liker des posts toute la journée, t'as raison, aucun intérêt.",
        "Mes commerciaux ont autre chose à faire que liker des posts toute la journée.",
        Lang::Fr,
    );
    assert!(!granted.has_cue("denial"), "{:?}", granted.cues);
    // A considerate refusal to push is no denial either.
    let restraint = with(
        "Tool fatigue is real, and I wouldn't want to be one more tab they ignore.",
        "My team is already drowning in tools.",
        Lang::En,
    );
    assert!(!restraint.has_cue("denial"), "{:?}", restraint.cues);
    // Without anything granted, the same kind of negation still denies.
    let flat = with(
        "Your buyers aren't too busy for LinkedIn, they just don't post.",
        "Our buyers are too busy to be on LinkedIn.",
        Lang::En,
    );
    assert!(flat.has_cue("denial"), "{:?}", flat.cues);
}

#[test]
fn the_speaker_declining_to_push_is_no_denial_but_an_opinion_is() {
    let s = scorer();
    let contract = "We're locked into a contract with another vendor until next year.";
    let restraint = reply(
        &s,
        Lang::En,
        contract,
        "A contract is a contract, and I'm not going to suggest you break it.",
    );
    assert!(!restraint.has_cue("denial"), "{:?}", restraint.cues);
    let opinion = reply(
        &s,
        Lang::En,
        contract,
        "I don't think a contract with them changes anything.",
    );
    assert!(opinion.has_cue("denial"), "{:?}", opinion.cues);
    let fr = reply(
        &s,
        Lang::Fr,
        "Chez nous, tout se joue au relationnel, sur le terrain.",
        "Le terrain, c'est votre ADN, et je ne viens pas vous dire le contraire.",
    );
    assert!(!fr.has_cue("denial"), "{:?}", fr.cues);
}

#[test]
fn an_opening_about_their_situation_then_an_open_question_reflects() {
    let s = scorer();
    let with = |answer: &str, objection: &str, lang: Lang| reply(&s, lang, objection, answer);
    // None of the objection's words, yet it validates before exploring.
    let card = with(
        "A freeze puts you in an awkward spot, especially if the need is still there. \
         What would have to happen for this kind of project to make next year's list?",
        "Our budget is frozen until next year.",
        Lang::En,
    );
    assert!(card.has_cue("reflection"), "{:?}", card.cues);
    assert_eq!(card.level.number(), 4, "{:?}", card.cues);
    // A bare "OK" before a question restates nothing.
    let bare = with(
        "D'accord. Il rouvre à quel moment, votre budget ?",
        "Le budget formation est bouclé pour cette année.",
        Lang::Fr,
    );
    assert!(!bare.has_cue("reflection"), "{:?}", bare.cues);
    assert_eq!(bare.level.number(), 3, "{:?}", bare.cues);
}

#[test]
fn a_restatement_that_leads_nowhere_is_no_reflection() {
    let s = scorer();
    let slow = "Ça met des mois avant de donner le moindre résultat.";
    let retort = reply(
        &s,
        Lang::Fr,
        slow,
        "Si vous voulez des résultats en une semaine, essayez le loto.",
    );
    assert!(!retort.has_cue("reflection"), "{:?}", retort.cues);
    // The same restatement followed by a question does reflect.
    let engaged = reply(
        &s,
        Lang::Fr,
        slow,
        "Vous voulez des résultats rapides, vos commerciaux aussi. \
         Qu'est-ce qui vous permettrait de juger au bout d'un mois ?",
    );
    assert!(engaged.has_cue("reflection"), "{:?}", engaged.cues);
}

#[test]
fn a_gapped_phrase_stays_inside_its_clause() {
    let s = scorer();
    // "one. What does your team" once read as the example "one _ team",
    // hiding the question word and making the question closed.
    let card = en(
        &s,
        "It paid back in year one. What does your team spend time on today?",
    );
    assert!(card.has_cue("open_question"), "{:?}", card.cues);
    assert!(!card.has_cue("example"), "{:?}", card.cues);
    let story = en(&s, "One team like yours saw it.");
    assert!(story.has_cue("example"), "{:?}", story.cues);
}

#[test]
fn a_negation_that_draws_a_distinction_is_no_denial() {
    let s = scorer();
    let objection = "Webinars are a waste of our reps' time.";
    // An open question and a concrete reframe around the negation: it draws
    // a distinction.
    let distinction = reply(
        &s,
        Lang::En,
        objection,
        "Most webinars deserve that reputation. Webinars aren't the point of our program: \
         reps spend 20 minutes a week on live calls with their own accounts. \
         What would a good use of their time look like to you?",
    );
    assert!(!distinction.has_cue("denial"), "{:?}", distinction.cues);
    assert!(distinction.level >= Level::Empathetic, "{distinction:?}");
    // The same negation with a question but nothing concrete stays flat.
    let flat = reply(
        &s,
        Lang::En,
        objection,
        "Webinars aren't a waste of time. What else worries you?",
    );
    assert!(flat.has_cue("denial"), "{:?}", flat.cues);
    let fr = reply(
        &s,
        Lang::Fr,
        "Les webinaires, c'est du temps perdu pour mes commerciaux.",
        "Beaucoup de webinaires méritent cette réputation. Les webinaires ne sont pas le cœur \
         du programme : vos commerciaux passent 20 minutes par semaine sur leurs propres \
         comptes. À quoi ressemblerait pour vous un temps bien utilisé ?",
    );
    assert!(!fr.has_cue("denial"), "{:?}", fr.cues);
}

#[test]
fn a_phrase_out_of_its_place_hides_no_shorter_one() {
    let s = scorer();
    // "Ah, parce que vous…?" retorts only at the start of a question; in
    // the middle of a statement, its "parce que" still reasons.
    let reasons = fr(
        &s,
        "Je vous appelle parce que vous avez publié sur ce sujet la semaine dernière.",
    );
    assert!(reasons.has_cue("reasoning"), "{:?}", reasons.cues);
    assert!(!reasons.has_cue("sarcasm"), "{:?}", reasons.cues);
    let retort = fr(&s, "Ah, parce que vous pensiez que c'était gratuit ?");
    assert!(retort.has_cue("sarcasm"), "{:?}", retort.cues);
}

#[test]
fn specifics_laid_out_after_a_colon_explain() {
    let s = scorer();
    let explains = en(
        &s,
        "Fair question. Two things explain it: the web price assumes a yearly commitment, \
         and your quote includes call recording.",
    );
    assert!(explains.has_cue("explanation"), "{:?}", explains.cues);
    let fr_explains = fr(
        &s,
        "Ce qu'on fait : un tronc commun de deux demi-journées, puis un suivi par binôme.",
    );
    assert!(fr_explains.has_cue("explanation"), "{:?}", fr_explains.cues);
    // Too short to explain, a clock time, a question, or a pitch: nothing.
    for (lang, answer) in [
        (Lang::Fr, "Vous voulez une preuve ? Spoiler : non."),
        (
            Lang::En,
            "We can meet at 10:30 tomorrow and go through the details with your team.",
        ),
        (
            Lang::En,
            "Which matters more to you: the price or the speed of the rollout for your team?",
        ),
        (
            Lang::Fr,
            "Deux options : vous signez aujourd'hui et on vous offre le premier mois.",
        ),
    ] {
        let card = reply(&s, lang, "", answer);
        assert!(!card.has_cue("explanation"), "{answer}: {:?}", card.cues);
    }
}

#[test]
fn a_but_that_pivots_to_substance_and_a_question_keeps_the_concession() {
    let s = scorer();
    let objection = "If your reps post on LinkedIn, they'll fight over the same accounts.";
    // Conceded, then "but" a distinction and an open question: a pivot.
    let pivot = reply(
        &s,
        Lang::En,
        objection,
        "You're right, the risk is real. But there's a useful distinction between the channel \
         and the territory: LinkedIn doesn't change who may contact whom. \
         How do you settle it today when two reps claim the same client?",
    );
    assert!(!pivot.has_cue("yes_but"), "{:?}", pivot.cues);
    assert!(pivot.level >= Level::Empathetic, "{pivot:?}");
    // The same opening, then a rebuttal with no question: a "yes, but".
    let rebuttal = reply(
        &s,
        Lang::En,
        objection,
        "You're right, the risk is real. But honestly, it won't happen with us. \
         There's a useful distinction between the channel and the territory.",
    );
    assert!(rebuttal.has_cue("yes_but"), "{:?}", rebuttal.cues);
    // A question after the "but", with a pitch in between: still a "yes, but".
    let pitched = reply(
        &s,
        Lang::Fr,
        "Ça va finir en guerre de territoires entre mes commerciaux.",
        "Je comprends, le risque existe. Mais notre outil bloque les doublons : \
         deux commerciaux ne peuvent pas suivre le même compte. Quand pouvez-vous signer ?",
    );
    assert!(pitched.has_cue("yes_but"), "{:?}", pitched.cues);
    let fr_pivot = reply(
        &s,
        Lang::Fr,
        "Ça va finir en guerre de territoires entre mes commerciaux.",
        "Je ne vais pas vous dire que le risque n'existe pas, il est réel. Mais il y a une \
         distinction utile entre le canal et le territoire : LinkedIn ne change pas qui a le \
         droit de contacter qui. Que se passe-t-il aujourd'hui quand deux commerciaux \
         revendiquent le même client ?",
    );
    assert!(!fr_pivot.has_cue("yes_but"), "{:?}", fr_pivot.cues);
}

#[test]
fn a_question_talked_over_without_acknowledgment_is_a_jab() {
    let s = scorer();
    let objection = "Your trainers are all under 30. We need people with experience.";
    let jab = reply(
        &s,
        Lang::En,
        objection,
        "Do you have something against young people? They often know more than the old \
         consultants who sold you dreams.",
    );
    assert!(jab.has_cue("hanging_question"), "{:?}", jab.cues);
    assert!(!jab.has_cue("closed_question"), "{:?}", jab.cues);
    assert!(jab.level <= Level::Defensive, "{jab:?}");
    assert!(
        jab.tips.iter().any(|t| t.contains("let them answer")),
        "{:?}",
        jab.tips
    );
    // Ending on the question, or explaining oneself after it, or having
    // acknowledged their point first: a real question.
    for answer in [
        "Experience matters. What would you want a trainer to have done before?",
        "Which kind of experience do you mean? I'd like to know, because my answer differs.",
        "Fair point, experience matters. Do you mean sales years or your industry? Both are \
         covered in the profiles.",
    ] {
        let card = reply(&s, Lang::En, objection, answer);
        assert!(
            !card.has_cue("hanging_question"),
            "{answer}: {:?}",
            card.cues
        );
    }
    let fr_jab = reply(
        &s,
        Lang::Fr,
        "Vos formateurs ont tous moins de 30 ans.",
        "Vous avez quelque chose contre les jeunes ? Ils sont souvent plus compétents que les \
         vieux consultants qui vous ont vendu du rêve.",
    );
    assert!(fr_jab.has_cue("hanging_question"), "{:?}", fr_jab.cues);
    assert!(
        fr_jab
            .tips
            .iter()
            .any(|t| t.contains("laissez-les répondre")),
        "{:?}",
        fr_jab.tips
    );
    // An "ok" on the way is no acknowledgment that redeems the jab.
    let ok = fr(
        &s,
        "Quatre relances, et au final vous avez décroché, non ? Donc visiblement, ça marche.",
    );
    assert!(ok.has_cue("hanging_question"), "{:?}", ok.cues);
    // A leading echo already pays for being thrown back: not twice.
    let echo = fr(
        &s,
        "Une documentation ? Franchement, personne ne lit ça. Prenons plutôt 30 minutes demain.",
    );
    assert!(echo.has_cue("incredulous_echo"), "{:?}", echo.cues);
    assert!(!echo.has_cue("hanging_question"), "{:?}", echo.cues);
}

#[test]
fn empathy_that_only_leads_into_a_pitch_is_hollow() {
    let s = scorer();
    let hollow = en(
        &s,
        "Ha, I know what you mean, spam is so annoying! Anyway, our automation tool can send \
         500 connection requests a day.",
    );
    assert!(!hollow.has_cue("acknowledge"), "{:?}", hollow.cues);
    assert_eq!(hollow.level, Level::Defensive, "{hollow:?}");
    let fr_hollow = fr(
        &s,
        "Totalement d'accord, totalement. Bon, sinon, je vous mets quel créneau pour la démo ?",
    );
    assert!(!fr_hollow.has_cue("concession"), "{:?}", fr_hollow.cues);
    // The same acknowledgment with an open question after the pitch, or
    // with something concrete, keeps its weight.
    let asked = en(
        &s,
        "I know what you mean, spam is annoying. Our tool sends fewer messages, not more. \
         What would a message worth answering look like to you?",
    );
    assert!(asked.has_cue("acknowledge"), "{:?}", asked.cues);
}
