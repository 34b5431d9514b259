//! Test helpers: hand-made scorecards (so debate tests do not hinge on the
//! scorer's tuning), small objections, and seeded debates played by script.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::{Debate, Lines, NewDebate, Personas, TurnContext, TurnOutcome, DEFAULT_MAX_TURNS};
use crate::lang::Lang;
use crate::library::{Counter, CounterSource, CounterStatus, Objection, Pushbacks};
use crate::scoring::{Dimension, FiredCue, LangSource, Level, ScoreCard};

/// Distinct answers, so repetition detection does not kick in.
pub const ANSWERS: [&str; 8] = [
    "I hear you, a lot of LinkedIn outreach does feel like spam. What did the last messages you got have in common?",
    "That's fair: most cold messages are generic. How do you decide which ones deserve a reply?",
    "You're right that volume hurts trust. One client cut messages by half and doubled replies; what would make one worth reading for you?",
    "It makes sense to protect your time. What happened the last time a vendor wasted it?",
    "Understandable after so many pitches. Which signals tell you a sender did their homework?",
    "Fair point about the noise. If you could filter your inbox, what would you keep?",
    "Agreed, relevance is rare. Could you tell me what your team struggles with this quarter?",
    "I see why you'd be wary. What would a useful first conversation look like?",
];

/// A card with `level`, a typical score for it (level × 20 − 8), and one cue
/// per dimension given (named after it, weighing +8, or −10 if negative).
pub fn card(level: u8, dims: &[Dimension]) -> ScoreCard {
    let level = Level::try_from(level).expect("test levels are 1 to 5");
    let cues = dims
        .iter()
        .enumerate()
        .map(|(i, &dimension)| {
            let negative = matches!(dimension, Dimension::Dismissal | Dimension::Defensiveness);
            FiredCue {
                id: format!("{dimension:?}").to_lowercase(),
                dimension,
                weight: if negative { -10.0 } else { 8.0 },
                start: i,
                end: i + 1,
                quote: "x".into(),
            }
        })
        .collect();
    ScoreCard {
        score: level.number() * 20 - 8,
        level,
        band: level.band().into(),
        lang: Lang::En,
        lang_source: LangSource::Given,
        subscores: Vec::new(),
        cues,
        tips: Vec::new(),
        calibration: Default::default(),
    }
}

/// Level 4: acknowledges and explores.
pub fn empathetic() -> ScoreCard {
    card(4, &[Dimension::Acknowledgment, Dimension::Exploration])
}

/// Level 5: concedes, reframes and explores.
pub fn masterful() -> ScoreCard {
    card(
        5,
        &[
            Dimension::Concession,
            Dimension::Reframe,
            Dimension::Exploration,
        ],
    )
}

/// Level 3: polite and respectful, no substance.
pub fn hollow() -> ScoreCard {
    card(3, &[Dimension::Acknowledgment, Dimension::Respect])
}

/// Level 1: attacks.
pub fn dismissive() -> ScoreCard {
    card(1, &[Dimension::Dismissal])
}

/// An objection with `n` soft and `n` hard lines (`<id> soft 1`...), tagged `tags`.
pub fn objection(id: &str, lang: Lang, difficulty: u8, tags: &[&str], n: usize) -> Objection {
    let lines = |kind: &str| (1..=n).map(|i| format!("{id} {kind} {i}")).collect();
    Objection {
        id: id.into(),
        lang,
        text: format!("{id}: isn't this just a fad?"),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        difficulty,
        key_concerns: vec!["wasted time".into(), "spam".into()],
        pushbacks: Pushbacks {
            soft: lines("soft"),
            hard: lines("hard"),
        },
        examples: Default::default(),
        counters: Vec::new(),
    }
}

/// A coach's counter-argument `id` saying `text`, with `votes` votes.
pub fn counter(id: &str, text: &str, status: CounterStatus, votes: u32) -> Counter {
    Counter {
        id: id.into(),
        text: text.into(),
        author: "coach".into(),
        status,
        votes,
        source: CounterSource::Coach,
        created_at: 0,
        voters: Vec::new(),
        score: None,
    }
}

/// The data a debate needs.
pub struct Kit {
    pub personas: Personas,
    pub lines: Lines,
}

/// The built-in data.
pub fn kit() -> Kit {
    Kit {
        personas: Personas::builtin().expect("built-in personas are valid"),
        lines: Lines::builtin().expect("built-in lines are valid"),
    }
}

impl Kit {
    /// A turn context on `objection`, offering `escalation`.
    pub fn ctx<'a>(
        &'a self,
        objection: &'a Objection,
        escalation: Option<&'a Objection>,
    ) -> TurnContext<'a> {
        TurnContext {
            objection,
            escalation,
            lines: &self.lines,
        }
    }

    /// A debate `d1` of guild 42 opened at t=1000, and the RNG to go on with.
    pub fn start(&self, o: &Objection, max_turns: u8, seed: u64) -> (Debate, ChaCha8Rng) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let new = NewDebate {
            max_turns,
            ..NewDebate::new("d1", 42, "trainee")
        };
        (Debate::start(new, o, &self.personas, 1_000, &mut rng), rng)
    }

    /// Plays `cards` with the distinct [`ANSWERS`] until the debate ends.
    pub fn play(
        &self,
        o: &Objection,
        seed: u64,
        cards: &[ScoreCard],
    ) -> (Debate, Vec<TurnOutcome>) {
        let (mut debate, mut rng) = self.start(o, DEFAULT_MAX_TURNS, seed);
        let mut outs = Vec::new();
        for (i, card) in cards.iter().enumerate() {
            if debate.is_over() {
                break;
            }
            let at = 2_000 + i as u64;
            let answer = ANSWERS[i % ANSWERS.len()];
            let out = debate.answer(answer, card, self.ctx(o, None), at, &mut rng);
            outs.push(out.expect("scripted answers are valid"));
        }
        (debate, outs)
    }
}
