//! End-to-end tests of the Discord bot: the real `discord::run` (commands
//! and event handler, as `dojo serve` runs them) against the fake Discord
//! of `tests/support`, on a temp database with a fixed seed. Every payload
//! the fake sends is checked against serenity's model types.

mod support;

#[path = "discord_e2e/coach.rs"]
mod coach;

use std::time::Duration;

use objection_dojo::app::library;
use objection_dojo::app::spar::StartOptions;
use objection_dojo::app::App;
use objection_dojo::discord::reply::level_colour;
use objection_dojo::prospect::{Effect, Outcome};
use objection_dojo::scoring::Level;
use serde_json::{json, Value};
use support::dojo::{button, objection, thread_in, Dojo};
use support::view::SentMessage;
use support::world::kind;
use support::{opt, FakeUser};

/// The objection most tests spar on.
const SPAM: &str = "linkedin-is-spam";
/// An answer the scorer rates empathetic or better on [`SPAM`].
const EMPATHETIC: &str = "You're right that a lot of LinkedIn messages feel like spam, and your time matters. What makes a message worth answering for you?";
/// A dismissive answer.
const DISMISSIVE: &str =
    "That's a ridiculous question. Obviously you don't understand how LinkedIn works!!!";

fn footer(m: &SentMessage) -> String {
    m.embeds()[0]["footer"]["text"]
        .as_str()
        .unwrap_or("")
        .to_string()
}

fn field(m: &SentMessage, name: &str) -> Option<String> {
    m.embed_fields()
        .into_iter()
        .find(|f| f.name == name)
        .map(|f| f.value)
}

fn level_in(title: &str) -> Level {
    Level::ALL
        .into_iter()
        .find(|l| title.contains(l.label(objection_dojo::Lang::En)))
        .unwrap_or_else(|| panic!("no level in `{title}`"))
}

/// A finished (abandoned) debate whose one answer a coach scored `score`.
fn finished_debate(app: &App, guild: u64, trainee: &str, score: u8) {
    let options = StartOptions {
        objection: Some(SPAM.into()),
        ..StartOptions::default()
    };
    let id = app.start_debate(guild, trainee, options).unwrap().debate.id;
    app.answer(guild, &id, trainee, EMPATHETIC).unwrap();
    app.end_debate(guild, &id, trainee).unwrap();
    app.override_turn(guild, &id, 0, score, None).unwrap();
    // Debates are ordered by start time, in milliseconds.
    std::thread::sleep(Duration::from_millis(3));
}

#[tokio::test]
async fn spar_opens_a_private_thread_with_the_prospects_opening_line() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (inv, thread) = dojo.spar(&alice, objection(SPAM)).await;
    let reply = dojo.fake.reply_to(&inv).await;
    assert!(reply.ephemeral(), "the link to the thread is private");
    assert_eq!(dojo.fake.callbacks(&inv)[0]["type"], 5, "deferred first");

    let spec = dojo.fake.channel(thread).expect("the thread exists");
    assert_eq!(spec.kind, kind::PRIVATE_THREAD);
    assert_eq!(spec.parent_id, Some(dojo.fake.guild.channel_id));
    assert!(spec.thread_members.contains(&alice.id) && !spec.invitable);

    let opening = &dojo.wait_posts(thread, 1).await[0];
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    let spam = library::show(dojo.app().store(), dojo.guild(), SPAM).unwrap();
    assert_eq!(debate.trainee, alice.id.to_string());
    assert!(
        opening.content().contains(&debate.persona.name),
        "{}",
        opening.content()
    );
    assert!(opening.content().contains(&debate.persona.role));
    assert!(
        opening.content().contains("Half my inbox"),
        "the objection is said: {}",
        opening.content()
    );
    assert!(spam.text.contains("Half my inbox"));
    assert_eq!(
        opening.button_ids(),
        ["hint", "new", "end"].map(|a| button(a, thread))
    );
    assert!(opening.pings_nobody());
    dojo.stop().await;
}

#[tokio::test]
async fn an_empathetic_answer_gets_a_scorecard_and_a_softer_pushback() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    let (card, line) = dojo.answer(&alice, thread, EMPATHETIC).await;

    let title = card.embed_title().expect("a scorecard");
    let level = level_in(&title);
    assert!(level >= Level::Empathetic, "{title}");
    assert_eq!(card.embed_colour(), Some(u64::from(level_colour(level).0)));
    let cues = card.embed_description().unwrap_or_default();
    let quoted: Vec<&str> = cues
        .split('“')
        .skip(1)
        .filter_map(|q| q.split('”').next())
        .collect();
    assert!((2..=3).contains(&quoted.len()), "2-3 cues: {cues}");
    for q in quoted {
        assert!(EMPATHETIC.contains(q), "`{q}` is quoted from the answer");
    }
    assert!(field(&card, "Tip").is_some_and(|t| !t.is_empty()));
    assert!(footer(&card).contains("warming up"), "{}", footer(&card));

    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    let turn = &debate.turns[0];
    assert_eq!(turn.effect, Effect::Helped);
    let spam = library::show(dojo.app().store(), dojo.guild(), SPAM).unwrap();
    assert!(
        spam.pushbacks.soft.contains(&turn.prospect_reply),
        "a soft pushback: {}",
        turn.prospect_reply
    );
    assert!(line
        .content()
        .starts_with(&format!("**{}:**", debate.persona.name)));
    assert!(line.content().contains(&turn.prospect_reply));
    assert_eq!(
        line.button_ids().len(),
        3,
        "the buttons follow the conversation"
    );
    assert!(card.pings_nobody() && line.pings_nobody());
    dojo.stop().await;
}

#[tokio::test]
async fn a_dismissive_answer_gets_a_harder_pushback() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    let before = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    let (card, line) = dojo.answer(&alice, thread, DISMISSIVE).await;

    let title = card.embed_title().unwrap_or_default();
    assert_eq!(level_in(&title), Level::Dismissive, "{title}");
    assert!(card.embed_description().unwrap_or_default().contains("🔻"));
    assert!(footer(&card).contains("irritated"), "{}", footer(&card));
    let after = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert!(after.state.resistance > before.state.resistance);
    let spam = library::show(dojo.app().store(), dojo.guild(), SPAM).unwrap();
    let reply = &after.turns[0].prospect_reply;
    assert!(
        spam.pushbacks.hard.contains(reply),
        "a hard pushback: {reply}"
    );
    assert!(line.content().contains(reply.as_str()));
    dojo.stop().await;
}

#[tokio::test]
async fn dismissive_answers_make_the_prospect_hang_up_and_the_thread_close() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    let insults = [
        DISMISSIVE,
        "Seriously? Only an idiot would call LinkedIn spam. Wake up!!!",
        "WHAT A STUPID THING TO SAY. You clearly have no clue, obviously.",
        "Honestly that's pathetic, you obviously never learned to use a computer!!!",
    ];
    let mut posts = 1;
    for insult in insults {
        dojo.answer(&alice, thread, insult).await;
        posts += 2;
        if dojo
            .app()
            .debate(dojo.guild(), &thread.to_string())
            .unwrap()
            .is_over()
        {
            break;
        }
    }
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert_eq!(
        debate.outcome,
        Some(Outcome::Lost),
        "{} turns",
        debate.turns.len()
    );
    let final_card = dojo.wait_posts(thread, posts + 1).await.remove(posts);
    assert!(final_card
        .embed_title()
        .unwrap_or_default()
        .contains("Lost"));
    assert!(field(&final_card, "What hurt").is_some());
    assert_eq!(final_card.button_ids(), [button("new", thread)]);
    let last_line = &dojo.posts(thread)[posts - 1];
    assert!(
        last_line.button_ids().is_empty(),
        "no buttons once it is over"
    );
    dojo.wait_closed(thread).await;
    dojo.stop().await;
}

#[tokio::test]
async fn the_end_button_posts_the_final_scorecard_and_archives_the_thread() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    let (_, line) = dojo.answer(&alice, thread, EMPATHETIC).await;

    let click = dojo
        .fake
        .button_click(&alice, line.id(), &button("end", thread))
        .await;
    let posts = dojo.wait_posts(thread, 4).await;
    let card = &posts[3];
    assert_eq!(card.embed_title().as_deref(), Some("⏹️ Debate ended"));
    let average = field(card, "Average").expect("an average");
    assert!(average.ends_with("/100"), "{average}");
    assert!(field(card, "Best").is_some() && field(card, "Trend").is_some());
    assert!(field(card, "What helped").is_some());
    assert!(
        field(card, "A counter-argument to read").is_some(),
        "the library's counter-arguments are suggested"
    );
    assert_eq!(card.button_ids(), [button("new", thread)]);
    assert_eq!(dojo.fake.callbacks(&click)[0]["type"], 6);
    dojo.wait_closed(thread).await;
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert_eq!(debate.outcome, Some(Outcome::Abandoned));
    let clicked = dojo.fake.message(line.id()).unwrap();
    assert!(
        clicked.button_ids().is_empty(),
        "the clicked buttons are gone"
    );
    dojo.stop().await;
}

#[tokio::test]
async fn the_hint_button_helps_the_trainee_privately() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    let opening = dojo.wait_posts(thread, 1).await.remove(0);
    let click = dojo
        .fake
        .button_click(&alice, opening.id(), &button("hint", thread))
        .await;
    let hint = dojo.fake.reply_to(&click).await;
    assert!(hint.ephemeral());
    assert!(hint.content().starts_with("💡 "), "{}", hint.content());
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    let expected = dojo
        .app()
        .hint(dojo.guild(), &debate.id, &debate.trainee)
        .unwrap();
    assert_eq!(hint.content(), format!("💡 {expected}"));
    assert_eq!(dojo.posts(thread).len(), 1, "nothing public was posted");
    assert!(!debate.is_over());
    dojo.stop().await;
}

#[tokio::test]
async fn someone_else_pressing_end_is_refused() {
    let dojo = Dojo::start().await;
    let (alice, coach) = (dojo.fake.trainee.clone(), dojo.fake.coach.clone());
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    let opening = dojo.wait_posts(thread, 1).await.remove(0);
    dojo.join_thread(&coach, thread);
    let click = dojo
        .fake
        .button_click(&coach, opening.id(), &button("end", thread))
        .await;
    let refusal = dojo.fake.reply_to(&click).await;
    assert!(refusal.ephemeral());
    assert!(
        refusal
            .content()
            .starts_with(&format!("Only <@{}> can use", alice.id)),
        "{}",
        refusal.content()
    );
    assert!(refusal.pings_nobody());
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert!(!debate.is_over(), "the debate goes on");
    assert!(!dojo.fake.channel(thread).unwrap().archived);
    assert_eq!(dojo.posts(thread).len(), 1);
    dojo.stop().await;
}

#[tokio::test]
async fn new_objection_closes_the_debate_and_opens_another_thread() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, first) = dojo.spar(&alice, objection(SPAM)).await;
    let opening = dojo.wait_posts(first, 1).await.remove(0);
    let click = dojo
        .fake
        .button_click(&alice, opening.id(), &button("new", first))
        .await;
    let reply = dojo.fake.reply_to(&click).await;
    assert!(reply.ephemeral());
    let second = thread_in(reply.content()).expect("a link to the new thread");
    assert_ne!(second, first);
    dojo.wait_closed(first).await;
    let old = dojo.app().debate(dojo.guild(), &first.to_string()).unwrap();
    assert_eq!(old.outcome, Some(Outcome::Abandoned));
    let new = dojo
        .app()
        .debate(dojo.guild(), &second.to_string())
        .unwrap();
    assert!(!new.is_over());
    assert_eq!(
        (new.trainee.as_str(), new.lang),
        (old.trainee.as_str(), old.lang)
    );
    let opening = dojo.wait_posts(second, 1).await.remove(0);
    assert_eq!(opening.button_ids()[0], button("hint", second));
    let spec = dojo.fake.channel(second).unwrap();
    assert_eq!(
        spec.parent_id,
        Some(dojo.fake.guild.channel_id),
        "not nested in the old thread"
    );
    dojo.stop().await;
}

#[tokio::test]
async fn the_rubric_is_shown_in_the_members_language() {
    let dojo = Dojo::start().await;
    let channel = dojo.fake.guild.channel_id;
    let inv = dojo
        .fake
        .slash_command(&dojo.fake.trainee, channel, "rubric", json!([]))
        .await;
    let en = dojo.fake.reply_to(&inv).await;
    assert!(en.ephemeral());
    assert_eq!(en.embed_title().as_deref(), Some("How answers are scored"));
    let names: Vec<String> = en.embed_fields().into_iter().map(|f| f.name).collect();
    for level in Level::ALL {
        let label = format!(
            "{} · {}",
            level.number(),
            level.label(objection_dojo::Lang::En)
        );
        assert!(names.contains(&label), "{label} in {names:?}");
    }
    assert!(field(&en, "What lowers it").is_some_and(|v| v.contains("Defensiveness")));

    dojo.fake.set_locale(&dojo.fake.coach, "fr");
    let inv = dojo
        .fake
        .slash_command(&dojo.fake.coach, channel, "rubric", json!([]))
        .await;
    let fr = dojo.fake.reply_to(&inv).await;
    assert_eq!(
        fr.embed_title().as_deref(),
        Some("Comment les réponses sont notées")
    );
    assert!(fr.embed_fields().iter().any(|f| f.name == "4 · Empathique"));
    dojo.stop().await;
}

#[tokio::test]
async fn score_explains_one_answer_privately_and_pings_nobody() {
    let dojo = Dojo::start().await;
    let channel = dojo.fake.guild.channel_id;
    let text = "@everyone I hear you, but our tool is the best, sign up today!";
    let options = json!([opt::str("text", text), opt::str("objection", SPAM)]);
    let inv = dojo
        .fake
        .slash_command(&dojo.fake.trainee, channel, "score", options)
        .await;
    let reply = dojo.fake.reply_to(&inv).await;
    assert!(reply.ephemeral());
    assert!(reply.pings_nobody(), "{:?}", reply.allowed_mentions);
    let spam = library::show(dojo.app().store(), dojo.guild(), SPAM).unwrap();
    let card = dojo
        .app()
        .score(text, Some(&spam.text), Some(spam.lang))
        .unwrap();
    let title = reply.embed_title().unwrap();
    assert_eq!(
        title,
        format!(
            "{}/100 · {}",
            card.score,
            card.level.label(objection_dojo::Lang::En)
        )
    );
    let explained = reply.embed_description().unwrap();
    assert!(
        explained.starts_with("> @everyone I hear you"),
        "{explained}"
    );
    for cue in &card.cues {
        assert!(
            explained.contains(&format!("“{}”", cue.quote)),
            "cue `{}` quoted in {explained}",
            cue.id
        );
    }
    assert!(field(&reply, "Tips").is_some());
    assert_eq!(footer(&reply), "Rules: English (as asked)");

    let free = json!([opt::str(
        "text",
        "Je comprends, qu'est-ce qui vous gêne le plus ?"
    )]);
    let inv = dojo
        .fake
        .slash_command(&dojo.fake.trainee, channel, "score", free)
        .await;
    assert_eq!(
        footer(&dojo.fake.reply_to(&inv).await),
        "Rules: French (detected)"
    );
    dojo.stop().await;
}

/// Reads a PNG's size from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    let decoder = png::Decoder::new(bytes);
    let reader = decoder.read_info().expect("a valid PNG");
    let info = reader.info();
    (info.width, info.height)
}

#[tokio::test]
async fn progress_shows_stats_and_a_chart_and_only_coaches_see_others() {
    let dojo = Dojo::start().await;
    let (guild, channel) = (dojo.guild(), dojo.fake.guild.channel_id);
    let fake = &dojo.fake;
    let alice = fake.trainee.id.to_string();
    for score in [30, 55, 70] {
        finished_debate(dojo.app(), guild, &alice, score);
    }
    let inv = fake
        .slash_command(&fake.trainee, channel, "progress", json!([]))
        .await;
    let reply = fake.reply_to(&inv).await;
    assert!(reply.ephemeral());
    assert_eq!(field(&reply, "Average").as_deref(), Some("52"));
    assert_eq!(field(&reply, "Best").as_deref(), Some("70"));
    assert_eq!(field(&reply, "First → best").as_deref(), Some("30 (+40)"));
    assert_eq!(
        field(&reply, "Recent debates (oldest first)").as_deref(),
        Some("30 → 55 → 70")
    );
    assert_eq!(reply.files.len(), 1, "a chart is attached");
    let chart = &reply.files[0];
    assert_eq!(chart.filename, "progress.png");
    assert_eq!(chart.content_type.as_deref(), Some("image/png"));
    assert_eq!(png_size(&chart.bytes), (800, 360));
    assert_eq!(
        reply.embeds()[0]["image"]["url"],
        "attachment://progress.png"
    );

    let about_bob = json!([opt::user("member", &fake.coach)]);
    let inv = fake
        .slash_command(&fake.trainee, channel, "progress", about_bob)
        .await;
    let refused = fake.reply_to(&inv).await;
    assert!(refused.ephemeral());
    assert!(
        refused.content().starts_with("Only coaches can look"),
        "{}",
        refused.content()
    );

    let about_alice = json!([opt::user("member", &fake.trainee)]);
    let inv = fake
        .slash_command(&fake.manager, channel, "progress", about_alice.clone())
        .await;
    assert_eq!(
        field(&fake.reply_to(&inv).await, "Best").as_deref(),
        Some("70")
    );
    let role = fake.guild.coach_role_id;
    dojo.app()
        .update_guild_config(guild, "test", |c| c.coach_role = Some(role))
        .unwrap();
    let inv = fake
        .slash_command(&fake.coach, channel, "progress", about_alice)
        .await;
    let seen = fake.reply_to(&inv).await;
    assert!(seen
        .embed_description()
        .unwrap()
        .contains(&format!("<@{alice}>")));
    assert_eq!(seen.files.len(), 1);

    let inv = fake
        .slash_command(&fake.coach, channel, "progress", json!([]))
        .await;
    let empty = fake.reply_to(&inv).await;
    assert!(empty
        .embed_description()
        .unwrap()
        .contains("no finished debate yet"));
    assert!(empty.files.is_empty(), "no chart without scores");
    dojo.stop().await;
}

#[tokio::test]
async fn the_leaderboard_ranks_both_ways_and_shows_the_viewers_neighbours() {
    let dojo = Dojo::start().await;
    let guild = dojo.guild();
    let alice = dojo.fake.trainee.id.to_string();
    // Fourteen trainees improving by 3, 6, ... 42 points; alice by 1: last.
    let others: Vec<String> = (1..=14u64).map(|i| (9_000 + i).to_string()).collect();
    for (i, trainee) in others.iter().enumerate() {
        finished_debate(dojo.app(), guild, trainee, 30);
        finished_debate(dojo.app(), guild, trainee, 30 + 3 * (i as u8 + 1));
    }
    finished_debate(dojo.app(), guild, &alice, 90);
    finished_debate(dojo.app(), guild, &alice, 91);

    let period = json!([opt::int("period", 2)]);
    let inv = dojo
        .fake
        .slash_command(
            &dojo.fake.trainee,
            dojo.fake.guild.channel_id,
            "leaderboard",
            period,
        )
        .await;
    let board = dojo.fake.reply_to(&inv).await;
    assert!(!board.ephemeral(), "the leaderboard is for the cohort");
    assert!(board.pings_nobody());
    assert_eq!(
        board.embed_title().as_deref(),
        Some("Leaderboard · all time")
    );
    let improvement = field(&board, "By improvement").unwrap();
    let lines: Vec<&str> = improvement.lines().collect();
    assert_eq!(lines.len(), 10 + 1 + 3, "{improvement}");
    assert!(lines[0].starts_with("`#1` <@9014> **+42**"), "{}", lines[0]);
    assert_eq!(lines[10], "…");
    assert!(
        lines[13].starts_with(&format!("`#15` <@{alice}> **+1**")),
        "{}",
        lines[13]
    );
    assert!(lines[13].ends_with('←'));
    let average = field(&board, "By average").unwrap();
    assert!(
        average
            .lines()
            .next()
            .unwrap()
            .starts_with(&format!("`#1` <@{alice}> **90**")),
        "{average}"
    );
    dojo.stop().await;
}

#[tokio::test]
async fn an_everyone_in_an_answer_is_echoed_without_pinging() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    let answer = "@everyone @here I hear you, what would make a message useful to you?";
    let (card, _) = dojo.answer(&alice, thread, answer).await;
    let cues = card.embed_description().unwrap_or_default();
    assert!(cues.contains("“"), "{cues}");
    let click = dojo
        .fake
        .button_click(&alice, dojo.posts(thread)[2].id(), &button("end", thread))
        .await;
    dojo.wait_posts(thread, 4).await;
    dojo.wait_closed(thread).await;
    for post in dojo.posts(thread) {
        assert!(
            post.pings_nobody(),
            "{:?} pings: {:?}",
            post.content(),
            post.allowed_mentions
        );
    }
    assert_eq!(dojo.fake.callbacks(&click).len(), 1);
    dojo.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_trainees_spar_at_once_in_their_own_threads() {
    let dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let dan = dojo.fake.add_user(dojo.guild(), "dan", &[]);
    let (a, d) = tokio::join!(
        dojo.spar(&alice, objection(SPAM)),
        dojo.spar(&dan, json!([]))
    );
    let (ta, td) = (a.1, d.1);
    assert_ne!(ta, td);
    dojo.wait_posts(ta, 1).await;
    dojo.wait_posts(td, 1).await;
    let (ra, rd) = tokio::join!(
        dojo.answer(&alice, ta, EMPATHETIC),
        dojo.answer(&dan, td, DISMISSIVE)
    );
    assert!(level_in(&ra.0.embed_title().unwrap()) >= Level::Empathetic);
    assert!(level_in(&rd.0.embed_title().unwrap()) <= Level::Defensive);
    let da = dojo.app().debate(dojo.guild(), &ta.to_string()).unwrap();
    let dd = dojo.app().debate(dojo.guild(), &td.to_string()).unwrap();
    assert_eq!(
        (da.trainee, dd.trainee),
        (alice.id.to_string(), dan.id.to_string())
    );
    assert_eq!(
        (da.turns[0].answer.as_str(), dd.turns[0].answer.as_str()),
        (EMPATHETIC, DISMISSIVE)
    );
    let members = |t: u64| dojo.fake.channel(t).unwrap().thread_members;
    assert!(!members(ta).contains(&dan.id) && !members(td).contains(&alice.id));
    dojo.stop().await;
}

#[tokio::test]
async fn a_restarted_bot_resumes_the_debate_from_the_store() {
    let mut dojo = Dojo::start().await;
    let alice = dojo.fake.trainee.clone();
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    let (first, _) = dojo.answer(&alice, thread, EMPATHETIC).await;
    assert!(
        footer(&first).starts_with("Answer 1/6"),
        "{}",
        footer(&first)
    );

    dojo.restart().await;
    let again = "Fair point about the noise. One client only messages people after reading their posts, and half of them answer. How do you pick which ones to open today?";
    let (second, line) = dojo.answer(&alice, thread, again).await;
    assert!(
        footer(&second).starts_with("Answer 2/6"),
        "{}",
        footer(&second)
    );
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert_eq!(debate.turns.len(), 2);
    assert_eq!(debate.turns[1].answer, again);
    let hint = dojo
        .fake
        .button_click(&alice, line.id(), &button("hint", thread))
        .await;
    assert!(dojo.fake.reply_to(&hint).await.content().starts_with("💡"));
    dojo.stop().await;
}

#[tokio::test]
async fn spar_autocomplete_suggests_library_ids_in_the_language_asked_for() {
    let dojo = Dojo::start().await;
    let (fake, channel) = (&dojo.fake, dojo.fake.guild.channel_id);
    let ask = |options: Value| fake.autocomplete(&fake.trainee, channel, "spar", options);
    let linked = fake
        .choices(&ask(json!([opt::focused("objection", "linked")])).await)
        .await;
    let ids: Vec<&str> = linked.iter().filter_map(|(_, v)| v.as_str()).collect();
    assert_eq!(ids.first(), Some(&SPAM), "{ids:?}");
    assert!(ids.contains(&"linkedin-foire-aux-pitchs"), "{ids:?}");
    assert!(
        linked[0].0.starts_with("linkedin-is-spam — Honestly"),
        "{}",
        linked[0].0
    );

    let french = json!([opt::int("lang", 1), opt::focused("objection", "lnkd")]);
    let fr = fake.choices(&ask(french).await).await;
    let fr_ids: Vec<&str> = fr.iter().filter_map(|(_, v)| v.as_str()).collect();
    assert!(
        !fr_ids.is_empty() && fr_ids.iter().all(|id| !id.contains("spam")),
        "{fr_ids:?}"
    );
    assert!(fr_ids.contains(&"linkedin-foire-aux-pitchs"));

    let all = fake
        .choices(&ask(json!([opt::focused("objection", "")])).await)
        .await;
    assert_eq!(all.len(), 25, "Discord shows at most 25");
    dojo.stop().await;
}

#[tokio::test]
async fn where_private_threads_are_refused_a_public_thread_opens_with_a_note() {
    let dojo = Dojo::start().await;
    dojo.fake.forbid_private_threads(dojo.fake.guild.channel_id);
    let (inv, thread) = dojo.spar(&dojo.fake.trainee, objection(SPAM)).await;
    let reply = dojo.fake.reply_to(&inv).await;
    assert!(
        reply.content().contains("this thread is public"),
        "{}",
        reply.content()
    );
    let spec = dojo.fake.channel(thread).unwrap();
    assert_eq!(spec.kind, kind::PUBLIC_THREAD);
    assert!(spec.thread_members.contains(&dojo.fake.trainee.id));
    let opening = dojo.wait_posts(thread, 1).await.remove(0);
    assert!(opening.content().contains("others can read your answers"));
    dojo.stop().await;
}

#[tokio::test]
async fn user_errors_get_specific_private_answers_and_leave_nothing_behind() {
    let dojo = Dojo::start().await;
    let fake = &dojo.fake;
    let channel = fake.guild.channel_id;
    let inv = fake
        .slash_command(&fake.trainee, channel, "spar", objection("no-such-thing"))
        .await;
    let reply = fake.reply_to(&inv).await;
    assert!(reply.ephemeral());
    assert_eq!(
        reply.content(),
        "No objection \"no-such-thing\" in this library: pick one from the suggestions."
    );
    fake.set_locale(&fake.coach, "fr");
    let inv = fake
        .slash_command(&fake.coach, channel, "spar", objection("nope"))
        .await;
    assert!(fake
        .reply_to(&inv)
        .await
        .content()
        .starts_with("Aucune objection « nope »"));
    assert!(fake.created_threads().is_empty(), "no thread was opened");

    let (_, thread) = dojo.spar(&fake.trainee, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    fake.user_message(&fake.trainee, thread, &"blah ".repeat(900))
        .await;
    let answer = dojo.wait_posts(thread, 2).await.remove(1);
    assert!(
        answer.content().starts_with("The answer is too long"),
        "{}",
        answer.content()
    );
    assert!(answer.pings_nobody());
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert!(debate.turns.is_empty(), "the long answer was not counted");
    dojo.stop().await;
}

#[tokio::test]
async fn messages_from_others_and_outside_debates_are_left_alone() {
    let dojo = Dojo::start().await;
    let (alice, coach) = (dojo.fake.trainee.clone(), dojo.fake.coach.clone());
    let channel = dojo.fake.guild.channel_id;
    let (_, thread) = dojo.spar(&alice, objection(SPAM)).await;
    dojo.wait_posts(thread, 1).await;
    dojo.join_thread(&coach, thread);
    dojo.fake
        .user_message(&coach, thread, "Nice start, alice!")
        .await;
    dojo.fake
        .user_message(&alice, channel, "Anyone up for lunch?")
        .await;
    dojo.answer(&alice, thread, EMPATHETIC).await;
    // Let any stray handler finish before counting.
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(dojo.posts(thread).len(), 3, "only the answer got a reply");
    assert!(dojo.posts(channel).is_empty(), "nothing in the channel");
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert_eq!(
        debate.turns.len(),
        1,
        "the coach's message is not an answer"
    );
    dojo.stop().await;
}

#[tokio::test]
async fn french_trainees_spar_in_french() {
    let dojo = Dojo::start().await;
    let alice: FakeUser = dojo.fake.trainee.clone();
    dojo.fake.set_locale(&alice, "fr");
    let (inv, thread) = dojo.spar(&alice, json!([opt::int("lang", 1)])).await;
    assert!(dojo
        .fake
        .reply_to(&inv)
        .await
        .content()
        .starts_with("Votre fil de joute est ouvert"));
    let opening = dojo.wait_posts(thread, 1).await.remove(0);
    assert!(
        opening.content().contains("Répondez ici"),
        "{}",
        opening.content()
    );
    let answer = "Je vous comprends, beaucoup de messages ressemblent à du spam. Qu'est-ce qui vous agace le plus ?";
    let (card, _) = dojo.answer(&alice, thread, answer).await;
    assert!(
        footer(&card).starts_with("Réponse 1/6"),
        "{}",
        footer(&card)
    );
    let debate = dojo
        .app()
        .debate(dojo.guild(), &thread.to_string())
        .unwrap();
    assert_eq!(debate.lang, objection_dojo::Lang::Fr);
    assert_eq!(
        debate.turns[0].effect,
        Effect::Helped,
        "{:?}",
        debate.turns[0]
    );
    assert_ne!(debate.turns[0].level, Level::Dismissive);
    dojo.stop().await;
}

#[tokio::test]
async fn a_debate_that_cannot_start_leaves_no_thread_behind() {
    let dojo = Dojo::start().await;
    let guild = dojo.guild();
    let french = library::list(
        dojo.app().store(),
        guild,
        &library::Filter {
            lang: Some(objection_dojo::Lang::Fr),
            tag: None,
        },
    )
    .unwrap();
    for o in &french {
        library::remove(dojo.app().store(), guild, &o.id, "test").unwrap();
    }
    let options = json!([opt::int("lang", 1)]);
    let inv = dojo
        .fake
        .slash_command(
            &dojo.fake.trainee,
            dojo.fake.guild.channel_id,
            "spar",
            options,
        )
        .await;
    let reply = dojo.fake.reply_to(&inv).await;
    assert!(reply.ephemeral());
    assert_eq!(
        reply.content(),
        "The library has no objection in fr yet: ask a coach to add one."
    );
    let deleted = dojo.fake.with_state(|s| s.world.deleted_channels.clone());
    assert_eq!(deleted.len(), 1, "the thread opened for it was deleted");
    assert!(dojo.fake.created_threads().is_empty());
    let debates = dojo.app().history(guild, None).unwrap();
    assert!(debates.is_empty());
    dojo.stop().await;
}
