//! Every cue family fires on its own kind of evidence, in English and in
//! French, with the sign its dimension implies; and the rubric's levels
//! compose as documented.

use objection_dojo::scoring::{Dimension, Level, ScoreCard, ScoreRequest, Scorer};
use objection_dojo::Lang;

fn scorer() -> Scorer {
    Scorer::builtin().expect("the embedded scoring data loads")
}

fn score(s: &Scorer, lang: Lang, answer: &str, objection: Option<&str>) -> ScoreCard {
    s.score(&ScoreRequest {
        answer,
        objection,
        lang: Some(lang),
        ..ScoreRequest::default()
    })
}

fn ids(card: &ScoreCard) -> Vec<&str> {
    card.cues
        .iter()
        .filter(|c| c.weight != 0.0)
        .map(|c| c.id.as_str())
        .collect()
}

/// (language, answer, objection, cue that must fire)
const CASES: &[(Lang, &str, Option<&str>, &str)] = &[
    (
        Lang::En,
        "I totally understand where you're coming from.",
        None,
        "acknowledge",
    ),
    (Lang::Fr, "Je comprends tout à fait.", None, "acknowledge"),
    (
        Lang::En,
        "I don't blame them, most tools get forced on reps.",
        None,
        "acknowledge",
    ),
    (
        Lang::Fr,
        "Je les comprends, ça fait beaucoup.",
        None,
        "acknowledge",
    ),
    (
        Lang::Fr,
        "On ne peut pas leur en vouloir, ils ont été échaudés.",
        None,
        "acknowledge",
    ),
    (
        Lang::Fr,
        "Des clients sans téléphone, on aura tout entendu.",
        None,
        "sarcasm",
    ),
    (Lang::En, "Now I've heard it all.", None, "sarcasm"),
    (Lang::En, "That's a sensible policy.", None, "validate"),
    (
        Lang::Fr,
        "C'est légitime de vouloir comparer.",
        None,
        "validate",
    ),
    (Lang::En, "That sounds frustrating.", None, "emotion"),
    (Lang::Fr, "Désolé, ça a dû être décevant.", None, "emotion"),
    (
        Lang::En,
        "So what you're saying is the timing is wrong.",
        None,
        "paraphrase",
    ),
    (
        Lang::Fr,
        "Si je comprends bien, le calendrier coince.",
        None,
        "paraphrase",
    ),
    (Lang::En, "Of course.", None, "accommodate"),
    (Lang::Fr, "Avec plaisir.", None, "accommodate"),
    (
        Lang::En,
        "Thanks for being upfront about it.",
        None,
        "gratitude",
    ),
    (Lang::Fr, "Merci pour votre franchise.", None, "gratitude"),
    (
        Lang::En,
        "You're right that we cost more.",
        None,
        "concession",
    ),
    (
        Lang::Fr,
        "Vous n'avez pas tort, on coûte plus cher.",
        None,
        "concession",
    ),
    (
        Lang::En,
        "What would a good first step look like for you?",
        None,
        "open_question",
    ),
    (
        Lang::Fr,
        "Qu'est-ce qui compterait le plus pour vous ?",
        None,
        "open_question",
    ),
    (
        Lang::En,
        "Do you use LinkedIn today?",
        None,
        "closed_question",
    ),
    (
        Lang::Fr,
        "Je vous rappelle mardi ?",
        None,
        "closed_question",
    ),
    (
        Lang::En,
        "Is it the price, or the timing?",
        None,
        "choice_question",
    ),
    (
        Lang::Fr,
        "C'est le prix, ou le moment ?",
        None,
        "choice_question",
    ),
    (
        Lang::En,
        "Tell me more about how you prospect today.",
        None,
        "invite",
    ),
    (
        Lang::Fr,
        "Racontez-moi comment vous prospectez aujourd'hui.",
        None,
        "invite",
    ),
    (Lang::En, "What did you try exactly?", None, "softener"),
    (
        Lang::Fr,
        "Qu'avez-vous essayé, concrètement ?",
        None,
        "softener",
    ),
    (
        Lang::En,
        "For example, one client booked 12 meetings.",
        None,
        "example",
    ),
    (
        Lang::Fr,
        "Par exemple, un de nos clients a signé trois contrats.",
        None,
        "example",
    ),
    (
        Lang::En,
        "One client booked 12 meetings.",
        None,
        "evidence_number",
    ),
    (
        Lang::Fr,
        "Un client a obtenu 9 rendez-vous.",
        None,
        "evidence_number",
    ),
    (
        Lang::En,
        "The difference is the coaching.",
        None,
        "distinction",
    ),
    (
        Lang::Fr,
        "La différence, c'est l'accompagnement.",
        None,
        "distinction",
    ),
    (
        Lang::En,
        "It worked because reps commented first.",
        None,
        "reasoning",
    ),
    (
        Lang::Fr,
        "Ça a marché parce que les commerciaux commentaient d'abord.",
        None,
        "reasoning",
    ),
    (Lang::En, "Perhaps it's a timing question.", None, "hedge"),
    (
        Lang::Fr,
        "C'est peut-être une question de calendrier.",
        None,
        "hedge",
    ),
    (Lang::En, "It's entirely your call.", None, "autonomy"),
    (Lang::Fr, "C'est vous qui décidez.", None, "autonomy"),
    (
        Lang::En,
        "Can I share what worked for a similar team?",
        None,
        "permission",
    ),
    (
        Lang::Fr,
        "Puis-je vous proposer une piste ?",
        None,
        "permission",
    ),
    (
        Lang::En,
        "I don't want to waste your time.",
        None,
        "consideration",
    ),
    (
        Lang::Fr,
        "Je ne veux pas vous faire perdre votre temps.",
        None,
        "consideration",
    ),
    (
        Lang::En,
        "I'd like to understand your process.",
        None,
        "curiosity",
    ),
    (
        Lang::Fr,
        "J'aimerais comprendre votre façon de faire.",
        None,
        "curiosity",
    ),
    (
        Lang::En,
        "You clearly don't understand sales.",
        None,
        "attack",
    ),
    (Lang::Fr, "Vous n'y connaissez rien.", None, "attack"),
    (Lang::En, "Good luck with that.", None, "sarcasm"),
    (Lang::Fr, "Bonne chance avec ça.", None, "sarcasm"),
    (Lang::En, "What a tragedy.", None, "sarcasm"),
    (Lang::Fr, "Chacun ses priorités.", None, "sarcasm"),
    (
        Lang::Fr,
        "Dix ans sans savoir où sont vos camions. Beau modèle de gestion.",
        None,
        "sarcasm",
    ),
    (Lang::En, "Obviously it works.", None, "condescension"),
    (
        Lang::Fr,
        "Tout le monde sait que ça marche.",
        None,
        "condescension",
    ),
    (Lang::En, "Seriously?", None, "rhetorical_question"),
    (Lang::Fr, "Vous en êtes sûr ?", None, "rhetorical_question"),
    (Lang::En, "That's bullshit.", None, "swearing"),
    (Lang::Fr, "C'est des conneries.", None, "swearing"),
    (Lang::En, "That's not true.", None, "contradiction"),
    (Lang::Fr, "C'est faux.", None, "contradiction"),
    (Lang::En, "You did it wrong.", None, "blame"),
    (Lang::Fr, "Vous avez mal fait les choses.", None, "blame"),
    (Lang::En, "It only takes two minutes.", None, "minimizing"),
    (
        Lang::Fr,
        "Ça ne prendra que cinq minutes.",
        None,
        "minimizing",
    ),
    (Lang::En, "It's a no-brainer.", None, "certainty"),
    (Lang::Fr, "Notre méthode marche, point.", None, "certainty"),
    (Lang::En, "Honestly, it works.", None, "intensifier"),
    (Lang::Fr, "Franchement, ça marche.", None, "intensifier"),
    (Lang::En, "You should try it.", None, "directive"),
    (Lang::Fr, "Vous devriez essayer.", None, "directive"),
    (Lang::En, "Our platform has three modules.", None, "pitch"),
    (Lang::Fr, "Notre plateforme a trois modules.", None, "pitch"),
    (Lang::En, "I can give you 20% off.", None, "discount"),
    (Lang::Fr, "Je vous fais 20 % de remise.", None, "discount"),
    (Lang::En, "Let's sign today.", None, "closing_push"),
    (Lang::Fr, "On signe aujourd'hui ?", None, "closing_push"),
    (Lang::En, "Anyway, back to our offer.", None, "topic_shift"),
    (
        Lang::Fr,
        "Sinon, vous êtes libre jeudi ?",
        None,
        "topic_shift",
    ),
    (Lang::En, "Great question!", None, "stock_praise"),
    (Lang::Fr, "Excellente question !", None, "stock_praise"),
    (
        Lang::En,
        "Small? We have 40 staff.",
        None,
        "incredulous_echo",
    ),
    (
        Lang::Fr,
        "Essayé ? On a changé depuis.",
        None,
        "incredulous_echo",
    ),
    (Lang::En, "I understand, but it works.", None, "yes_but"),
    (Lang::Fr, "Je comprends, mais ça marche.", None, "yes_but"),
    (
        Lang::En,
        "Your boss will love it.",
        Some("I need to check with my boss."),
        "on_topic",
    ),
    (
        Lang::Fr,
        "Votre patron va adorer.",
        Some("Je dois en parler à mon patron."),
        "on_topic",
    ),
    (
        Lang::En,
        // A reflection leads somewhere: here, to a question.
        "Your time is precious to them. What would make this worth it?",
        Some("I don't have time."),
        "reflection",
    ),
    (
        Lang::Fr,
        "Votre temps est compté. Qu'est-ce qui rendrait ça utile ?",
        Some("Je n'ai pas le temps."),
        "reflection",
    ),
    (
        Lang::En,
        "Email doesn't work anymore.",
        Some("Just send me an email."),
        "denial",
    ),
    (
        Lang::Fr,
        "La documentation ne sert à rien.",
        Some("Envoyez-moi une documentation."),
        "denial",
    ),
    (Lang::En, "THIS IS NOT WHAT I SAID", None, "shouting"),
    (Lang::Fr, "C'EST INCROYABLE ÇA", None, "shouting"),
    (Lang::En, "It works!!!", None, "exclamations"),
    (Lang::Fr, "Ça marche !!!", None, "exclamations"),
    (
        Lang::En,
        "I understand. I understand. I understand.",
        None,
        "empathy_stuffing",
    ),
    (
        Lang::Fr,
        "Je comprends, je comprends, je comprends.",
        None,
        "empathy_stuffing",
    ),
];

#[test]
fn every_cue_family_fires_on_its_evidence_in_both_languages() {
    let s = scorer();
    let mut failures = Vec::new();
    for (lang, answer, objection, cue) in CASES {
        let card = score(&s, *lang, answer, *objection);
        if !card.has_cue(cue) {
            failures.push(format!(
                "{lang} `{answer}`: expected `{cue}`, got {:?}",
                ids(&card)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn negative_families_lower_and_positive_ones_raise() {
    let s = scorer();
    for (lang, answer, objection, cue) in CASES {
        let card = score(&s, *lang, answer, *objection);
        for c in card.cues.iter().filter(|c| c.id == *cue && c.weight != 0.0) {
            let negative = matches!(c.dimension, Dimension::Dismissal | Dimension::Defensiveness);
            assert_eq!(
                c.weight < 0.0,
                negative,
                "{cue} in `{answer}` weighs {}",
                c.weight
            );
        }
    }
}

#[test]
fn every_case_is_covered_in_both_languages() {
    for (lang, _, _, cue) in CASES {
        let other = if *lang == Lang::En {
            Lang::Fr
        } else {
            Lang::En
        };
        assert!(
            CASES.iter().any(|(l, _, _, c)| *l == other && c == cue),
            "`{cue}` is only tested in {lang}"
        );
    }
}

#[test]
fn levels_follow_the_rubric() {
    let s = scorer();
    let o = Some("We tried social selling before and it failed.");
    let level = |answer: &str| score(&s, Lang::En, answer, o).level;
    assert_eq!(
        level("Maybe your team just didn't know what they were doing."),
        Level::Dismissive
    );
    assert_eq!(
        level("I understand, but social selling works. You did it wrong."),
        Level::Defensive
    );
    assert_eq!(
        level("Social selling has been around for ten years."),
        Level::Neutral
    );
    assert_eq!(
        level(
            "That's frustrating after all that effort. What did you try, and what made you stop?"
        ),
        Level::Empathetic
    );
    assert_eq!(
        level(
            "You're right to be wary: many programs fail because reps post with no targeting. \
             One client limited it to 30 accounts per rep and booked 12 meetings in a quarter. \
             What did your previous attempt look like?"
        ),
        Level::Masterful
    );
}

#[test]
fn niveaux_selon_la_grille_en_francais() {
    let s = scorer();
    let o = Some("Vos concurrents sont moins chers.");
    let level = |answer: &str| score(&s, Lang::Fr, answer, o).level;
    assert_eq!(
        level("Si seul le prix compte, allez-y, mais ne venez pas pleurer après."),
        Level::Dismissive
    );
    assert_eq!(
        level("Oui mais eux, c'est de la mauvaise qualité."),
        Level::Defensive
    );
    assert_eq!(
        level("Notre tarif est de 49 euros par mois."),
        Level::Neutral
    );
    assert_eq!(
        level("C'est normal de comparer. Vous comparez sur quelle base ?"),
        Level::Empathetic
    );
    assert_eq!(
        level(
            "C'est vrai, on n'est pas les moins chers. La différence, c'est le coaching : nos clients \
             obtiennent 30 % de rendez-vous en plus. Au-delà du prix, qu'est-ce qui pèsera dans votre choix ?"
        ),
        Level::Masterful
    );
}

#[test]
fn score_lies_in_the_band_of_its_level() {
    let s = scorer();
    for (lang, answer, objection, _) in CASES {
        let card = score(&s, *lang, answer, *objection);
        let n = card.level.number();
        let (lo, hi) = (20 * (n - 1), if n == 5 { 100 } else { 20 * n - 1 });
        assert!(
            (lo..=hi).contains(&card.score),
            "`{answer}`: {} at level {n}",
            card.score
        );
        assert_eq!(card.band, card.level.band());
    }
}

#[test]
fn tips_are_one_to_three_and_in_the_answers_language() {
    let s = scorer();
    for (lang, answer, objection, _) in CASES {
        let card = score(&s, *lang, answer, *objection);
        assert!(
            (1..=3).contains(&card.tips.len()),
            "`{answer}`: {:?}",
            card.tips
        );
    }
    let fr = score(&s, Lang::Fr, "C'est faux, point.", None);
    assert!(fr.tips.iter().all(|t| t.contains('«')), "{:?}", fr.tips);
    let en = score(&s, Lang::En, "That's not true, period.", None);
    assert!(
        en.tips.iter().any(|t| t.contains("That's not true")),
        "{:?}",
        en.tips
    );
}

#[test]
fn subscores_sum_the_cues_per_dimension() {
    let s = scorer();
    let card = score(
        &s,
        Lang::En,
        "You're right that it costs more. One client saved 12 hours a week. What matters most to you?",
        None,
    );
    for sub in &card.subscores {
        let sum: f32 = card
            .cues
            .iter()
            .filter(|c| c.dimension == sub.dimension)
            .map(|c| c.weight)
            .sum();
        assert!(
            (sum - sub.value).abs() < 0.05,
            "{:?}: {} vs {}",
            sub.dimension,
            sum,
            sub.value
        );
    }
}

/// Wordings from the widened families (new phrasings of the rubric's
/// cues, not evaluation lines): (language, answer, cue that must fire).
const WIDENED: &[(Lang, &str, &str)] = &[
    // Granting without a subject, naming their problem as real.
    (
        Lang::En,
        "Could well be true for your buyers.",
        "concession",
    ),
    (Lang::En, "Tool fatigue is real.", "validate"),
    (Lang::En, "Not going to pretend otherwise.", "concession"),
    (Lang::En, "I wouldn't sign that blind either.", "concession"),
    (
        Lang::En,
        "A 25-person agency did that last spring.",
        "example",
    ),
    (Lang::En, "Funny how the budget always appears.", "sarcasm"),
    (
        Lang::En,
        "If you enjoy paying for add-ons, go for it.",
        "sarcasm",
    ),
    (Lang::En, "I'm sure it'll sort itself out.", "sarcasm"),
    (Lang::En, "Good for you.", "sarcasm"),
    (
        Lang::En,
        "If your IT can't handle an API, that's on them.",
        "condescension",
    ),
    (
        Lang::En,
        "Are you really going to let legal decide?",
        "rhetorical_question",
    ),
    (Lang::En, "The problem wasn't the tool.", "blame"),
    (Lang::Fr, "T'as raison, aucun intérêt.", "concession"),
    (
        Lang::Fr,
        "Votre DPO a raison de poser la question.",
        "concession",
    ),
    (Lang::Fr, "Je t'entends.", "acknowledge"),
    (Lang::Fr, "oui jcomprends.", "acknowledge"),
    (
        Lang::Fr,
        "Chez une imprimerie de 60 personnes, ça a marché.",
        "example",
    ),
    (
        Lang::Fr,
        "Plusieurs clients ont commencé comme ça.",
        "example",
    ),
    (Lang::Fr, "Tant mieux pour vous.", "sarcasm"),
    (Lang::Fr, "Revenez me voir quand ça aura doublé.", "sarcasm"),
    (
        Lang::Fr,
        "Si vous connaissiez ces contrats, vous le sauriez.",
        "condescension",
    ),
    (Lang::Fr, "Un ERP de 2009, sérieux ?", "rhetorical_question"),
    (
        Lang::Fr,
        "Vous allez vraiment laisser un juriste décider ?",
        "rhetorical_question",
    ),
    (
        Lang::Fr,
        "Peut-être que le problème c'était pas l'outil.",
        "blame",
    ),
    (
        Lang::Fr,
        "Le problème c'était pas l'outil, hein.",
        "rhetorical_question",
    ),
    (Lang::En, "Then go elsewhere.", "attack"),
    (Lang::En, "That's your problem, not ours.", "attack"),
    (Lang::En, "That's just an excuse.", "attack"),
    (
        Lang::En,
        "Maybe your team just didn't try hard enough.",
        "blame",
    ),
    (Lang::En, "We're not more expensive.", "contradiction"),
    (
        Lang::En,
        "You're comparing apples and oranges.",
        "contradiction",
    ),
    (Lang::En, "There's never a good time.", "minimizing"),
    (Lang::En, "That's a real gap.", "validate"),
    (
        Lang::En,
        "I'd be asking the same thing in your seat.",
        "concession",
    ),
    (Lang::En, "thats fair", "acknowledge"),
    (Lang::Fr, "Allez voir ailleurs.", "attack"),
    (Lang::Fr, "C'est juste un prétexte.", "attack"),
    (
        Lang::Fr,
        "C'est sans doute votre équipe qui n'a pas joué le jeu.",
        "blame",
    ),
    (Lang::Fr, "On n'est pas plus chers.", "contradiction"),
    (Lang::Fr, "Il n'y a jamais de bon moment.", "minimizing"),
    (Lang::Fr, "À votre place je ferais pareil.", "concession"),
    (Lang::Fr, "C'est un vrai coût.", "validate"),
    (Lang::Fr, "cest normal", "validate"),
    // Stop 11: mock reasoning, talking down, launch pitches, partial grants.
    (
        Lang::En,
        "Right, because budget just magically shows up.",
        "sarcasm",
    ),
    (Lang::En, "A buyer is a buyer, dude.", "condescension"),
    (
        Lang::En,
        "Maybe do some research before saying that.",
        "attack",
    ),
    (Lang::En, "Sounds like a management problem tbh.", "blame"),
    (
        Lang::En,
        "That's exactly why we offer a premium package.",
        "pitch",
    ),
    (
        Lang::En,
        "Sign by Friday and it's yours, if you sign before the 30th.",
        "closing_push",
    ),
    (
        Lang::En,
        "That's totally normal for a decision this size.",
        "validate",
    ),
    (Lang::En, "That's a really common story.", "validate"),
    (Lang::En, "Partly true, yes.", "concession"),
    (
        Lang::En,
        "In the meantime, a pilot plan would give you numbers.",
        "distinction",
    ),
    (
        Lang::Fr,
        "C'est peut-être qu'ils ont qqch à cacher.",
        "attack",
    ),
    (
        Lang::Fr,
        "On joue clairement pas dans la même cour.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Avec ce raisonnement, rien ne change.",
        "condescension",
    ),
    (Lang::Fr, "On vient de sortir un module vidéo.", "pitch"),
    (Lang::Fr, "Une partie oui, clairement.", "concession"),
    (Lang::Fr, "C'est très courant.", "validate"),
    (Lang::Fr, "Deux clients passent par Zapier.", "example"),
    (Lang::Fr, "Super stratégie 👏", "sarcasm"),
    (Lang::Fr, "C'est juste.", "concession"),
    (
        Lang::En,
        "Could well be, plant managers live on the floor.",
        "concession",
    ),
    (Lang::En, "What did you expect?", "rhetorical_question"),
    (Lang::Fr, "Classique.", "sarcasm"),
    (
        Lang::Fr,
        "Pas du tout, on a des clients partout.",
        "contradiction",
    ),
    // Dismissal idioms with no insult in them (blind level-1 answers).
    (
        Lang::En,
        "Maybe if someone had read it, it would have helped.",
        "sarcasm",
    ),
    (
        Lang::En,
        "And your clients still fax their orders, I suppose?",
        "sarcasm",
    ),
    (
        Lang::En,
        "Sounds like you didn't brief them properly.",
        "attack",
    ),
    (
        Lang::En,
        "If you can't explain it in 200 words, maybe the problem isn't LinkedIn.",
        "attack",
    ),
    (
        Lang::En,
        "Some of us actually work for a living.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Encore aurait-il fallu que quelqu'un le lise.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Ils sont très bien écrits, vos messages, j'imagine.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Ben faut peut-être changer de commerciaux alors.",
        "condescension",
    ),
    (
        Lang::Fr,
        "C'est peut-être votre réseau le problème, pas LinkedIn.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Ouais ouais, je connais la chanson.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Votre juridique a raison, et je ne vous demanderai rien.",
        "concession",
    ),
    (Lang::Fr, "ah oui je vois, c'est galère", "acknowledge"),
    (Lang::Fr, "ah oui je vois, c'est galère", "emotion"),
    (
        Lang::Fr,
        "C'est une exigence tout à fait raisonnable.",
        "validate",
    ),
    (
        Lang::Fr,
        "C'est bien que vous ayez déjà quelqu'un.",
        "validate",
    ),
    (
        Lang::Fr,
        "Un conseil d'ami : ouvrez les yeux.",
        "condescension",
    ),
    (Lang::Fr, "Vos concurrents vous disent merci.", "sarcasm"),
    (
        Lang::Fr,
        "Super, j'ai donc perdu dix minutes avec un intermédiaire.",
        "attack",
    ),
    (
        Lang::Fr,
        "Si vous savez pas choisir vos prestataires, on n'y peut rien.",
        "attack",
    ),
    // Taking in what they said.
    (
        Lang::En,
        "I didn't realise your legal team reviews every post.",
        "acknowledge",
    ),
    (
        Lang::En,
        "That's a strong position and I get where it comes from.",
        "acknowledge",
    ),
    (
        Lang::Fr,
        "Je ne me rendais pas compte que tout passait par le juridique.",
        "acknowledge",
    ),
    (Lang::Fr, "Ah dsl, je savais pas.", "emotion"),
    // Mock praise, mocking guesses, explaining the objection away.
    (Lang::En, "Cold calling, cute.", "sarcasm"),
    (
        Lang::En,
        "Sure, robots will take your meetings too. Can't wait.",
        "sarcasm",
    ),
    (
        Lang::En,
        "Guess you'll just keep paying for it then.",
        "sarcasm",
    ),
    (
        Lang::En,
        "That's the kind of thing people say about AI.",
        "condescension",
    ),
    (
        Lang::En,
        "GDPR is what people bring up when they want to stall.",
        "condescension",
    ),
    (
        Lang::En,
        "Whoever signed that contract made a mistake.",
        "blame",
    ),
    (
        Lang::Fr,
        "La poignée de main et le petit café, très moderne.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Les cacher pour qu'ils ne partent pas. Brillant.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Des commerciaux qui refusent de vendre, c'est original comme concept.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Personne ne vous demande de danser sur TikTok. Faudrait suivre un peu.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Les deux autres avaient compris avant vous.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Vu comment vous en parlez, ça ne m'étonne pas.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Vous êtes juriste ou commercial, au juste ?",
        "rhetorical_question",
    ),
    (
        Lang::Fr,
        "L'image de la boîte, ce n'est pas un sujet léger.",
        "validate",
    ),
    (Lang::En, "That's no small decision.", "validate"),
    (Lang::En, "Sounds like a new excuse to me.", "attack"),
    // Contempt from batch N's wording.
    (
        Lang::En,
        "Ah yes, the famous 'we're different' speech.",
        "sarcasm",
    ),
    (
        Lang::En,
        "There's always a reorg, isn't there? Convenient.",
        "sarcasm",
    ),
    (
        Lang::En,
        "So you hired the cheapest agency and you're surprised?",
        "sarcasm",
    ),
    (
        Lang::En,
        "Impossible for you. Others manage just fine.",
        "condescension",
    ),
    (
        Lang::En,
        "Maybe it's time somebody told your CEO.",
        "condescension",
    ),
    (
        Lang::En,
        "Sounds like your legal team just enjoys saying no.",
        "blame",
    ),
    (Lang::En, "Sounds like it left a bad taste.", "emotion"),
    (
        Lang::En,
        "How about we skip him and I set up a demo with your sales manager?",
        "closing_push",
    ),
    (
        Lang::Fr,
        "Dix ans, et toujours au téléphone avec moi. Comme quoi.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Tout le monde croit que son métier est unique. Spoiler : non.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Encore un qui achète de la formation au prix du papier.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Si vous pensez ça, je comprends mieux pourquoi vous perdez des marchés.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Bien sûr. Et je suppose que vos commerciaux sont très particuliers ?",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Ah, vous êtes du genre à vouloir tout gratuit.",
        "condescension",
    ),
    (
        Lang::Fr,
        "On se rappelle quand vous aurez un peu grandi.",
        "condescension",
    ),
    (Lang::Fr, "Vous me traitez de menteur, en fait ?", "blame"),
    (
        Lang::Fr,
        "Franchement, vous êtes à côté de la plaque.",
        "attack",
    ),
    (
        Lang::Fr,
        "Chaque métier a ses codes, c'est sûr.",
        "concession",
    ),
    (Lang::Fr, "C'est sûr, notre méthode marche.", "certainty"),
    // Client stories opened by their trade; agreement said outright.
    (
        Lang::En,
        "An engineering firm in exactly this spot booked 22 meetings.",
        "example",
    ),
    (
        Lang::En,
        "Fair point. A telecom client used its reorg to reconnect.",
        "example",
    ),
    (
        Lang::Fr,
        "Dans une ESN qui payait 20 licences, six commerciaux l'ouvraient.",
        "example",
    ),
    (
        Lang::En,
        "Completely agree that posting whatever isn't an option.",
        "concession",
    ),
    (
        Lang::En,
        "Quite right, one badly worded post can cost a deal.",
        "concession",
    ),
    // French from batch O's wording.
    (
        Lang::Fr,
        "C'est une question que je trouve saine.",
        "validate",
    ),
    (
        Lang::Fr,
        "Le terrain, ça ne se remplace pas, là-dessus on est d'accord.",
        "concession",
    ),
    (
        Lang::Fr,
        "Traiter tout ça doit épuiser l'équipe.",
        "emotion",
    ),
    (
        Lang::Fr,
        "Trop de leads, le pauvre. Vous voulez un mouchoir ?",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Une équipe qui vit encore dans les années 90.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Par contre l'offre s'arrête vendredi, ce serait dommage de la rater.",
        "closing_push",
    ),
    (Lang::Fr, "Nos chiffres parlent d'eux-mêmes.", "certainty"),
    (
        Lang::Fr,
        "Le contact direct marche le mieux, c'est clair.",
        "concession",
    ),
    (
        Lang::Fr,
        "Ce profil existe, je ne le nie pas.",
        "concession",
    ),
    (
        Lang::Fr,
        "C'est une situation que beaucoup vous envieraient.",
        "validate",
    ),
    // Contempt from batch P's wording.
    (
        Lang::En,
        "So the strategy is to copy your competitors. Very innovative.",
        "sarcasm",
    ),
    (
        Lang::En,
        "Oh no, not an influencer! However did you survive?",
        "sarcasm",
    ),
    (
        Lang::En,
        "I'm not sure you understand your own market.",
        "condescension",
    ),
    (
        Lang::En,
        "That's the kind of thinking that keeps small businesses small.",
        "condescension",
    ),
    (Lang::En, "No wonder your numbers are flat.", "blame"),
    (
        Lang::Fr,
        "Vous devez être très populaire, dites donc.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Ça explique peut-être pas mal de choses.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Les PME familiales, toujours les dernières à comprendre.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Vous êtes leur patron ou leur nounou ?",
        "condescension",
    ),
    (
        Lang::Fr,
        "Avec une mentalité pareille, rien ne bougera.",
        "condescension",
    ),
    (Lang::Fr, "Pas étonnant que vos chiffres stagnent.", "blame"),
    (
        Lang::Fr,
        "Continuez les salons pendant que vos concurrents signent.",
        "closing_push",
    ),
    (
        Lang::Fr,
        "Entre les faux coachs et le reste, je vois d'où vient l'impression.",
        "acknowledge",
    ),
    (
        Lang::Fr,
        "Pour vous, c'est de l'esbroufe, et on peut le comprendre.",
        "acknowledge",
    ),
    (
        Lang::Fr,
        "Vous ne voulez pas vous imposer, et c'est tout à votre honneur.",
        "validate",
    ),
    (
        Lang::Fr,
        "Doubler, c'est énorme, normal que ça passe mal.",
        "validate",
    ),
    (Lang::Fr, "Et justement, on a un pack PME à 990 €.", "pitch"),
    (
        Lang::Fr,
        "Oui, enfin, c'est ce que les gens disaient des sites web en 2000.",
        "contradiction",
    ),
    (
        Lang::Fr,
        "Vous n'avez pas le temps, sérieux ?",
        "rhetorical_question",
    ),
    (
        Lang::En,
        "You want to protect them, and that's to your credit.",
        "validate",
    ),
    (
        Lang::En,
        "That must make the off-season feel long.",
        "emotion",
    ),
    (
        Lang::En,
        "Totally with you. Now, about pricing, we have three tiers.",
        "pitch",
    ),
    (
        Lang::En,
        "Meanwhile I'll send over the contract and lock today's price.",
        "closing_push",
    ),
    (
        Lang::En,
        "Seasonal or not, that's just how sales works.",
        "condescension",
    ),
    (
        Lang::En,
        "That's what people said about email.",
        "contradiction",
    ),
    (
        Lang::En,
        "So you'll keep cold calling forever. Winning strategy.",
        "sarcasm",
    ),
    (
        Lang::En,
        "You'd rather wait for the next audit. Very mature.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Vous attendez que ça se règle tout seul. Belle stratégie.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Donc on ne change rien pendant un an. Très responsable.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "On en reparle dans dix ans alors. Ça promet.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Nous sommes différents : nos formateurs viennent tous du terrain.",
        "certainty",
    ),
    (
        Lang::Fr,
        "On connaît ce secteur mieux que personne.",
        "certainty",
    ),
    (
        Lang::Fr,
        "C'est notre politique, le paiement se fait à la commande.",
        "certainty",
    ),
    (
        Lang::En,
        "That's company policy, payment is upfront.",
        "certainty",
    ),
    (
        Lang::Fr,
        "Si vous signez aujourd'hui je vous fais 10 %.",
        "discount",
    ),
    (
        Lang::Fr,
        "Ok donc le risque, c'est que le projet soit vu comme celui d'un seul camp.",
        "paraphrase",
    ),
    (
        Lang::En,
        "Ok so the risk is that the project becomes ammunition for one side.",
        "paraphrase",
    ),
    (
        Lang::Fr,
        "Il n'y a aucune raison de les forcer à changer d'outil.",
        "autonomy",
    ),
    (
        Lang::En,
        "There's no reason to force them off their spreadsheets.",
        "autonomy",
    ),
    (
        Lang::Fr,
        "C'est plus fréquent qu'on ne le pense dans les PME.",
        "validate",
    ),
    (
        Lang::En,
        "It's more common than you'd think in family firms.",
        "validate",
    ),
    (
        Lang::Fr,
        "Bon, merci de m'avoir fait perdre ma matinée.",
        "sarcasm",
    ),
    (Lang::En, "Well, thanks for wasting my morning.", "sarcasm"),
    (
        Lang::Fr,
        "Surtout, venant de quelqu'un qui n'a jamais vendu.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Dans trois mois il sera trop tard, les places partent vite.",
        "closing_push",
    ),
    (
        Lang::En,
        "Go ahead and run it yourselves. I'm sure it'll go smoothly.",
        "sarcasm",
    ),
    (
        Lang::En,
        "Sign by Friday and we have a deal.",
        "closing_push",
    ),
    (
        Lang::En,
        "Tell you what, I can get you down to $90 a seat.",
        "discount",
    ),
    (
        Lang::En,
        "Nobody knows this market better than us.",
        "certainty",
    ),
    (
        Lang::En,
        "The problem isn't the tool, it's how you onboard people.",
        "blame",
    ),
    (
        Lang::En,
        "Anyway, getting back to our offer, it's a great fit.",
        "topic_shift",
    ),
    (
        Lang::En,
        "It's completely reasonable that a missed deadline colours how you hear me.",
        "validate",
    ),
    (
        Lang::Fr,
        "C'est un frein légitime, je le comprends.",
        "validate",
    ),
    (
        Lang::Fr,
        "C'est exactement le genre de détail qui compte.",
        "validate",
    ),
    (Lang::Fr, "Le risque est réel.", "validate"),
    (
        Lang::Fr,
        "Je ne vais pas le balayer d'un revers de main.",
        "concession",
    ),
    (
        Lang::Fr,
        "Vos équipes auraient raison de se méfier.",
        "concession",
    ),
    (Lang::Fr, "Ah oui, ça fatigue, je vois bien.", "acknowledge"),
    (Lang::Fr, "C'est franc, merci.", "gratitude"),
    (
        Lang::Fr,
        "Je n'ose pas imaginer vos réunions.",
        "condescension",
    ),
    (Lang::Fr, "Bienvenue dans le monde réel.", "condescension"),
    (Lang::Fr, "Vous avez dû mal comprendre la démo.", "blame"),
    (Lang::Fr, "C'est notre modèle, point.", "certainty"),
    (
        Lang::Fr,
        "Ah, parce que vous pensiez que c'était gratuit ?",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Encore un directeur qui décide sans lire.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Et vos seniors, qu'auraient-ils à y gagner ?",
        "open_question",
    ),
    (
        Lang::En,
        "That's exactly the kind of detail that kills adoption.",
        "validate",
    ),
    (Lang::En, "I won't brush that aside.", "concession"),
    (
        Lang::En,
        "Your team would be right to push back.",
        "concession",
    ),
    (Lang::En, "Welcome to the real world.", "condescension"),
    (
        Lang::En,
        "You must have misunderstood the demo.",
        "condescension",
    ),
    (Lang::En, "That's our model.", "certainty"),
    (Lang::En, "Trust me, nobody will notice 😉", "sarcasm"),
    (Lang::Fr, "Bah, c'est comme ça 🤷", "sarcasm"),
    (
        Lang::En,
        "If that's what your feed looks like, maybe you're following the wrong people.",
        "attack",
    ),
    (
        Lang::En,
        "Maybe your team just isn't very organised.",
        "attack",
    ),
    (
        Lang::En,
        "Perhaps they're just not cut out for sales.",
        "attack",
    ),
    (
        Lang::Fr,
        "Si vos commerciaux veulent partir, c'est peut-être qu'ils ont une bonne raison.",
        "attack",
    ),
    (
        Lang::Fr,
        "ptet qu'ils partiraient moins si vous les payiez correctement",
        "attack",
    ),
    (
        Lang::Fr,
        "Peut-être que vous n'êtes pas fait pour ce métier.",
        "attack",
    ),
    (
        Lang::Fr,
        "Et vous, qu'auriez-vous envie de défendre devant le comité ?",
        "open_question",
    ),
    (
        Lang::Fr,
        "Au-delà des schémas, qu'aviez-vous retenu de leur approche ?",
        "open_question",
    ),
    (
        Lang::Fr,
        "tu peux m'en dire plus sur ce qui bloque ?",
        "invite",
    ),
    (
        Lang::Fr,
        "Ça fait 20 minutes que je parle à quelqu'un qui décide de rien.",
        "attack",
    ),
    (
        Lang::Fr,
        "Vous leur aviez au moins donné une liste d'exclusion ?",
        "attack",
    ),
    (
        Lang::Fr,
        "Je vais faire simple pour que ce soit à votre portée.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Vous pensez sérieusement que je vais me justifier ?",
        "rhetorical_question",
    ),
    (
        Lang::Fr,
        "Mieux vaut ne rien faire. Logique imparable.",
        "sarcasm",
    ),
    (Lang::Fr, "C'est une critique juste.", "validate"),
    (
        Lang::Fr,
        "C'est la bonne règle, et je vais la respecter.",
        "validate",
    ),
    (Lang::Fr, "Coupable.", "concession"),
    (
        Lang::En,
        "Guilty. That's exactly the pattern we warn clients about.",
        "concession",
    ),
    (
        Lang::En,
        "I can't defend it: I broke our own rule.",
        "concession",
    ),
    (
        Lang::En,
        "Half the people in a Slack group... well, that settles it then.",
        "sarcasm",
    ),
    (
        Lang::En,
        "Must have been a slow day on your end.",
        "sarcasm",
    ),
    (
        Lang::En,
        "Of course. That's what everyone says right before they disappear.",
        "attack",
    ),
    (
        Lang::En,
        "Do you seriously think I'd lie about reviews?",
        "rhetorical_question",
    ),
    (
        Lang::En,
        "They're fine for beginners, but nowhere near our level.",
        "certainty",
    ),
    (
        Lang::En,
        "That's a reasonable line for legal to hold.",
        "validate",
    ),
    (
        Lang::En,
        "That's probably true, most tools die within three months.",
        "concession",
    ),
    (
        Lang::En,
        "ah yeah 6 months of procurement is brutal, ur not wrong",
        "concession",
    ),
    (Lang::En, "No argument there.", "concession"),
    (
        Lang::En,
        "Nobody signs in a freeze, and in your shoes I wouldn't either.",
        "concession",
    ),
    (
        Lang::En,
        "That's a real factor, and I'd rather hear it now.",
        "validate",
    ),
    (
        Lang::En,
        "Honestly, the concern is well placed.",
        "validate",
    ),
    (
        Lang::En,
        "Totally legitimate, confidentiality comes first.",
        "validate",
    ),
    (
        Lang::En,
        "Reasonable, I'd want to kick the tyres too.",
        "validate",
    ),
    (Lang::En, "Plenty of CEOs feel that way.", "concession"),
    (Lang::En, "That changes a lot.", "acknowledge"),
    (Lang::En, "I'm glad you told me.", "acknowledge"),
    (Lang::En, "Then I'd leave it exactly as it is.", "autonomy"),
    (
        Lang::En,
        "I wouldn't try to replace something you've built.",
        "autonomy",
    ),
    (Lang::Fr, "Entièrement d'accord sur le fond.", "concession"),
    (
        Lang::Fr,
        "Le risque existe, inutile de le nier.",
        "concession",
    ),
    (Lang::Fr, "Vous avez vu juste.", "concession"),
    (
        Lang::Fr,
        "Si ça marche, pourquoi changer, c'est une logique que je partage.",
        "concession",
    ),
    (Lang::Fr, "La lassitude se comprend.", "validate"),
    (Lang::Fr, "Vous faites bien de douter.", "validate"),
    (Lang::Fr, "C'est une préoccupation sérieuse.", "validate"),
    (
        Lang::Fr,
        "Vous tenez à protéger votre culture, ça se respecte.",
        "validate",
    ),
    (
        Lang::Fr,
        "Le terrain, c'est votre ADN, et je ne viens pas vous dire le contraire.",
        "concession",
    ),
    (
        Lang::Fr,
        "Casser un budget déjà voté, je ne vous le demanderai pas.",
        "autonomy",
    ),
    (Lang::Fr, "Ça change tout.", "acknowledge"),
    (
        Lang::En,
        "Is there something going on with your team right now?",
        "open_question",
    ),
    (
        Lang::En,
        "Would it be more useful to go through the reviews that mention problems?",
        "open_question",
    ),
    (
        Lang::Fr,
        "Y a-t-il un point qui vous bloque ?",
        "open_question",
    ),
    (
        Lang::Fr,
        "Est-ce que ça vous aiderait d'en parler avec votre équipe ?",
        "open_question",
    ),
    (
        Lang::En,
        "In a similar case we ran two separate discovery calls.",
        "example",
    ),
    (
        Lang::En,
        "In other teams, the manager shared a three-line summary.",
        "example",
    ),
    (
        Lang::Fr,
        "Ce qu'on a appris avec une PME de menuiserie, c'est ça.",
        "example",
    ),
    (
        Lang::Fr,
        "Dans un cas similaire, on a commencé par un pilote.",
        "example",
    ),
];

#[test]
fn widened_families_fire_on_new_wording() {
    let s = scorer();
    for &(lang, answer, cue) in WIDENED {
        let card = score(&s, lang, answer, None);
        assert!(
            ids(&card).contains(&cue),
            "`{answer}` should fire {cue}: {:?}",
            ids(&card)
        );
    }
}

/// Phrasings close to the widened families that must not fire them
/// (a question that explores, a concession, a relative clause...).
const NOT_FIRED: &[(Lang, &str, &str)] = &[
    // "Not just X but Y" adds; it cancels nothing.
    (
        Lang::En,
        "That's a real cost, not just the money but the credibility.",
        "yes_but",
    ),
    (
        Lang::Fr,
        "C'est un vrai coût, pas seulement l'argent mais la crédibilité.",
        "yes_but",
    ),
    (Lang::En, "That is good for you and your team.", "sarcasm"),
    (
        Lang::Fr,
        "Tant mieux pour vous, et qu'est-ce qui marche le mieux ?",
        "sarcasm",
    ),
    (Lang::Fr, "Je ne vais pas vous le dire.", "consideration"),
    (
        Lang::En,
        "Don't switch for the sake of it.",
        "contradiction",
    ),
    (
        Lang::Fr,
        "Je ne vais pas vous dire que le Cloud Act n'existe pas.",
        "contradiction",
    ),
    (
        Lang::En,
        "I'm not going to tell you the Cloud Act doesn't exist.",
        "contradiction",
    ),
    (Lang::En, "What would make you look elsewhere?", "attack"),
    (
        Lang::En,
        "I won't pretend it's not expensive.",
        "contradiction",
    ),
    (Lang::En, "Not everyone signs for a year.", "certainty"),
    (
        Lang::En,
        "A lot of subscriptions that nobody uses get cancelled.",
        "certainty",
    ),
    (
        Lang::Fr,
        "C'est sur l'entraînement qu'on aide le plus.",
        "certainty",
    ),
    (Lang::Fr, "C'est un vrai coût, ce n'est pas rien.", "denial"),
    (
        Lang::Fr,
        "Je ne vais pas vous dire que ce n'est pas cher.",
        "contradiction",
    ),
    (Lang::Fr, "Soyons honnêtes, c'est un vrai sujet.", "attack"),
    // Stop 11: "être honnête" as an aside, "sûr" folded into "sur", "c'est
    // juste une…" minimising, a story word inside a question.
    (
        Lang::Fr,
        "Après faut être honnête, c'est un vrai budget.",
        "attack",
    ),
    (
        Lang::Fr,
        "Vous êtes sur quel CRM aujourd'hui ?",
        "rhetorical_question",
    ),
    (
        Lang::Fr,
        "C'est juste une question d'habitude.",
        "concession",
    ),
    (Lang::Fr, "Vous imaginez quoi, concrètement ?", "example"),
    (
        Lang::En,
        "How's the current one actually working for your team?",
        "example",
    ),
    // A phrase that dismisses alone or up front, used inside a clause.
    (
        Lang::En,
        "I'd rather you skip a dashboard you'll never open.",
        "attack",
    ),
    (
        Lang::En,
        "What did you expect from that programme that never showed up?",
        "rhetorical_question",
    ),
    (
        Lang::Fr,
        "Des slides qui collent pas du tout à la réalité du terrain.",
        "contradiction",
    ),
    (
        Lang::Fr,
        "Surtout si vous devez justifier la dépense en interne.",
        "directive",
    ),
    (
        Lang::Fr,
        "Vous avez visiblement une équipe IT solide.",
        "condescension",
    ),
    (
        Lang::Fr,
        "Qu'est-ce qui les aiderait à la prendre au sérieux ?",
        "rhetorical_question",
    ),
    (
        Lang::Fr,
        "Avec 40 comptes, la prospection classique a peu de sens.",
        "sarcasm",
    ),
    // Dismissal idioms that an empathic answer uses too.
    (
        Lang::En,
        "That sounds like a nightmare to deal with.",
        "attack",
    ),
    (
        Lang::En,
        "If you can't explain it to your CFO, that's on us.",
        "attack",
    ),
    (Lang::Fr, "Ça doit être un enfer à gérer.", "attack"),
    (
        Lang::Fr,
        "Il faudrait peut-être commencer par un pilote.",
        "condescension",
    ),
    (Lang::Fr, "On travaille avec un intermédiaire.", "attack"),
    (Lang::Fr, "Bon plan.", "sarcasm"),
    // An empathic guess opens the sentence; the mocking one closes it.
    (Lang::Fr, "J'imagine que c'est frustrant.", "sarcasm"),
    (Lang::En, "That must be frustrating, I imagine.", "sarcasm"),
    // Laughing with them, praise that is no whole clause, an explanation.
    (
        Lang::En,
        "Haha honestly same, role-play is awkward. What do they hate about it?",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Haha pareil, les jeux de rôle c'est gênant.",
        "sarcasm",
    ),
    (Lang::En, "That's a cute idea for a pilot.", "sarcasm"),
    (
        Lang::Fr,
        "Votre approche est très moderne, et c'est une force.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Brillant travail de votre équipe sur ce salon.",
        "sarcasm",
    ),
    // Praise that mocks their results; gravity granted, not denied.
    (
        Lang::Fr,
        "Remarquez, ça se voit déjà dans vos chiffres.",
        "validate",
    ),
    (
        Lang::Fr,
        "L'image de la boîte, ce n'est pas un sujet léger.",
        "contradiction",
    ),
    (
        Lang::En,
        "It's normal to hesitate when you don't understand how the data is used.",
        "condescension",
    ),
    (
        Lang::Fr,
        "C'est normal d'hésiter quand on ne comprend pas comment les données sont utilisées.",
        "condescension",
    ),
    // Granting their point at the end of a sentence; ourselves, not them.
    (
        Lang::Fr,
        "Chaque métier a ses codes, c'est sûr.",
        "certainty",
    ),
    (
        Lang::Fr,
        "Pour éviter un chiffre à côté de la plaque, parlons de votre projet.",
        "attack",
    ),
    (
        Lang::Fr,
        "Vous vendre un deuxième outil, ce serait absurde.",
        "attack",
    ),
    (
        Lang::En,
        "Selling you a second tool would be absurd.",
        "attack",
    ),
    (
        Lang::Fr,
        "Je suppose que vous avez déjà comparé quelques offres ?",
        "sarcasm",
    ),
    // A trade named in passing is no story.
    (
        Lang::En,
        "We're a small company and proud of it.",
        "example",
    ),
    (
        Lang::En,
        "That price is quite right for a small team.",
        "concession",
    ),
    // Regret brandished to press; agreement asked for.
    (Lang::Fr, "Ce serait dommage de la rater.", "emotion"),
    (Lang::Fr, "On est d'accord pour mardi ?", "concession"),
    // "No wonder" about their feelings still validates.
    (
        Lang::Fr,
        "Pas étonnant que vous hésitiez après ça.",
        "blame",
    ),
    (Lang::En, "No wonder you're wary after that.", "blame"),
    // "Sérieux" as a goal, not the mocking "Sérieux ?".
    (
        Lang::Fr,
        "Qu'est-ce que vous attendez pour que ça devienne sérieux ?",
        "rhetorical_question",
    ),
    (
        Lang::En,
        "Solid plan. Let's start with a two-week pilot.",
        "sarcasm",
    ),
    (
        Lang::En,
        "Your team already tracks referrals. Is that a good sign for you?",
        "sarcasm",
    ),
    (Lang::En, "A bold plan needs a pilot first.", "sarcasm"),
    (
        Lang::Fr,
        "Parfait. Je vous envoie le devis ce soir.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Vos commerciaux publient déjà. Belle stratégie, non ?",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Vous connaissez vos clients mieux que personne.",
        "certainty",
    ),
    (
        Lang::En,
        "We're different from a course because the coaching is live.",
        "certainty",
    ),
    (
        Lang::Fr,
        "Je vous fais 15 minutes de démo jeudi ?",
        "discount",
    ),
    (
        Lang::Fr,
        "Vous connaissez votre marché mieux que nous.",
        "distinction",
    ),
    (
        Lang::Fr,
        "Nous signons un accord de confidentialité avec chaque client.",
        "closing_push",
    ),
    (
        Lang::Fr,
        "On découvre souvent ce genre de chose trop tard dans un projet.",
        "closing_push",
    ),
    (
        Lang::Fr,
        "La réponse tient au fait qu'ils ne prospectent pas.",
        "topic_shift",
    ),
    (
        Lang::En,
        "Let me check with our pricing team and get back to you today.",
        "topic_shift",
    ),
    (
        Lang::En,
        "Let me check with our pricing team and get back to you today.",
        "pitch",
    ),
    (
        Lang::En,
        "Your issue isn't the price, and I'd rather show you the numbers.",
        "blame",
    ),
    (
        Lang::Fr,
        "Je suis désolé pour eux, et pour vous aussi.",
        "sarcasm",
    ),
    (
        Lang::Fr,
        "Ça marche, sinon on n'en serait pas là.",
        "topic_shift",
    ),
    (
        Lang::Fr,
        "C'est juste une question d'habitude.",
        "concession",
    ),
    // A hedge on the speaker, a tentative reflection asked, a concession,
    // an impersonal "il": no verdict on the person.
    (Lang::En, "Maybe you're right that it takes time.", "attack"),
    (
        Lang::En,
        "Maybe you're asking because you got burned before?",
        "attack",
    ),
    (Lang::En, "Maybe you could share what they said.", "attack"),
    (
        Lang::Fr,
        "C'est peut-être qu'il manque un exemple concret.",
        "attack",
    ),
    (Lang::Fr, "Peut-être qu'ils ont raison.", "attack"),
    (
        Lang::Fr,
        "Peut-être que vous n'êtes pas prêts, c'est ça ?",
        "attack",
    ),
    // "No one will see the difference" draws no distinction; declining to
    // promise the impossible asserts nothing.
    (Lang::Fr, "Personne ne verra la différence.", "distinction"),
    (
        Lang::Fr,
        "Je ne vais pas faire comme si c'était impossible : ça arrive.",
        "certainty",
    ),
    (
        Lang::En,
        "I won't pretend it's impossible, it happens.",
        "certainty",
    ),
    (
        Lang::Fr,
        "Je suis coupable de la même erreur.",
        "concession",
    ),
    (
        Lang::Fr,
        "Il faut au moins tester avant de décider.",
        "attack",
    ),
    (Lang::Fr, "Ça ne se comprend pas.", "validate"),
    (Lang::En, "That's not reasonable.", "validate"),
    (Lang::En, "Reasonable prices are what we offer.", "validate"),
    (Lang::Fr, "Je ne suis pas d'accord.", "concession"),
    (
        Lang::En,
        "Is there a way to get you the contract today?",
        "open_question",
    ),
    (Lang::Fr, "Il y a quelque chose à signer ?", "open_question"),
    (Lang::En, "Other teams manage just fine.", "example"),
];

#[test]
fn widened_families_avoid_near_misses() {
    let s = scorer();
    for &(lang, answer, cue) in NOT_FIRED {
        let card = score(&s, lang, answer, None);
        assert!(
            !ids(&card).contains(&cue),
            "`{answer}` should not fire {cue}: {:?}",
            ids(&card)
        );
    }
}
