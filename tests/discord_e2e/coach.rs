//! Coaches on Discord, end to end: curating objections through forms,
//! counter-arguments and votes, promoting a trainee's answer, library
//! export and import, assignments, reviews with score overrides, guild
//! settings, and the refusals a trainee gets on each of these.

use objection_dojo::app::library as curation;
use objection_dojo::library::ChangeAction;
use serde_json::json;

use crate::support::coach::Dojo;
use crate::support::opt;

#[tokio::test]
async fn a_coach_adds_an_objection_through_the_form_and_finds_it_by_autocomplete() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let inv = fake
        .slash_command(
            &fake.coach,
            guild.channel_id,
            "objection add",
            json!([
                opt::int("difficulty", 3),
                opt::str("tags", "Timing, budget")
            ]),
        )
        .await;
    let form = fake.modal_opened(&inv).await;
    assert_eq!(form.title, "New objection");
    fake.modal_submit(
        &fake.coach,
        &form,
        &[
            ("id", ""),
            ("text", "We have no budget for training this quarter."),
            ("soft", "Maybe next quarter.\nWhat would it cost?"),
            ("hard", "I said no budget."),
            ("concerns", "budget\n"),
        ],
    )
    .await;
    let reply = fake.reply_to(&inv).await;
    let id = "we-have-no-budget-for-training-this";
    assert!(reply.content().contains(id), "{}", reply.content());
    assert!(reply.ephemeral());

    let stored = curation::show(dojo.app.store(), guild.id, id).expect("stored");
    assert_eq!(stored.difficulty, 3);
    assert_eq!(stored.tags, vec!["timing", "budget"]);
    assert_eq!(stored.pushbacks.soft.len(), 2);
    assert_eq!(stored.key_concerns, vec!["budget"]);
    let history = curation::history(dojo.app.store(), guild.id, id).expect("history");
    let last = history.last().expect("an entry");
    assert_eq!(last.action, ChangeAction::Added);
    assert_eq!(last.actor, format!("<@{}>", fake.coach.id));

    let ask = fake
        .autocomplete(
            &fake.coach,
            guild.channel_id,
            "objection show",
            json!([opt::focused("id", "no-budget")]),
        )
        .await;
    let choices = fake.choices(&ask).await;
    assert_eq!(choices.first().map(|c| c.1.clone()), Some(json!(id)));
    assert!(choices.len() <= 25);
    dojo.stop().await;
}

#[tokio::test]
async fn a_trainee_is_refused_the_objection_form_and_nothing_changes() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let before = curation::export(dojo.app.store(), guild.id).expect("export");
    let inv = fake
        .slash_command(&fake.trainee, guild.channel_id, "objection add", json!([]))
        .await;
    let reply = fake.reply_to(&inv).await;
    assert!(reply.ephemeral());
    assert!(
        reply
            .content()
            .starts_with("Only coaches can use /objection add")
            && reply
                .content()
                .contains(&format!("<@&{}>", guild.coach_role_id)),
        "{}",
        reply.content()
    );
    assert!(
        fake.callbacks(&inv).iter().all(|c| c["type"] != 9),
        "no form was opened"
    );
    assert_eq!(
        curation::export(dojo.app.store(), guild.id).unwrap(),
        before
    );
    dojo.stop().await;
}

/// Runs a slash command in the default channel and returns the first answer.
async fn run(
    dojo: &Dojo,
    user: &crate::support::FakeUser,
    command: &str,
    options: serde_json::Value,
) -> crate::support::SentMessage {
    let fake = &dojo.fake;
    let inv = fake
        .slash_command(user, fake.guild.channel_id, command, options)
        .await;
    fake.reply_to(&inv).await
}

#[tokio::test]
async fn a_trainee_is_refused_every_coach_command_and_nothing_changes() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let library = curation::export(dojo.app.store(), guild.id).expect("export");
    let config = dojo.app.guild_config(guild.id).expect("config");
    let file = fake.host_file("library.json", library.as_bytes());
    let spam = || opt::str("objection", "linkedin-is-spam");
    let attempts = [
        (
            "objection edit",
            json!([opt::str("id", "linkedin-is-spam")]),
        ),
        (
            "objection remove",
            json!([opt::str("id", "linkedin-is-spam")]),
        ),
        ("objection list", json!([])),
        (
            "objection show",
            json!([opt::str("id", "linkedin-is-spam")]),
        ),
        (
            "counter add",
            json!([spam(), opt::str("text", "Fair point.")]),
        ),
        (
            "counter approve",
            json!([spam(), opt::str("counter", "c1")]),
        ),
        ("counter remove", json!([spam(), opt::str("counter", "c1")])),
        ("library export", json!([])),
        (
            "library import",
            json!([opt::attachment("file", &file), opt::bool("replace", true)]),
        ),
        (
            "library history",
            json!([opt::str("id", "linkedin-is-spam")]),
        ),
        (
            "assign create",
            json!([
                opt::str("objections", "linkedin-is-spam"),
                opt::str("due", "in 7d")
            ]),
        ),
        ("assign status", json!([])),
        ("assign list", json!([])),
        ("assign close", json!([opt::int("id", 1)])),
        ("review member", json!([opt::user("user", &fake.trainee)])),
        ("review debate", json!([opt::str("id", "0")])),
        (
            "review override",
            json!([
                opt::str("debate", "0"),
                opt::int("turn", 1),
                opt::int("score", 100),
                opt::str("comment", "me")
            ]),
        ),
        ("dojo config", json!([opt::int("turns", 20)])),
    ];
    for (command, options) in attempts {
        let reply = run(&dojo, &fake.trainee, command, options).await;
        assert!(reply.ephemeral(), "/{command}");
        assert!(
            reply
                .content()
                .starts_with(&format!("Only coaches can use /{command}")),
            "/{command}: {}",
            reply.content()
        );
        assert!(
            reply.files.is_empty() && reply.embeds().is_empty(),
            "/{command} leaked"
        );
    }
    let said = fake
        .user_message(
            &fake.trainee,
            guild.channel_id,
            "Great question, what worries you?",
        )
        .await;
    let inv = fake
        .message_context_menu(&fake.trainee, said, "Save as counter-argument")
        .await;
    let reply = fake.reply_to(&inv).await;
    assert!(
        reply
            .content()
            .starts_with("Only coaches can use *Save as counter-argument*"),
        "{}",
        reply.content()
    );

    assert_eq!(
        curation::export(dojo.app.store(), guild.id).unwrap(),
        library
    );
    assert_eq!(dojo.app.guild_config(guild.id).unwrap(), config);
    assert!(dojo.app.assignments(guild.id).unwrap().is_empty());
    let registered = fake
        .with_state(|s| s.commands.get(&None).cloned())
        .expect("commands");
    for name in [
        "objection",
        "library",
        "assign",
        "review",
        "dojo",
        "Save as counter-argument",
    ] {
        let command = registered.iter().find(|c| c["name"] == name).expect(name);
        assert_eq!(
            command["default_member_permissions"], "32",
            "{name} is hidden from trainees by default (Manage Server)"
        );
    }
    dojo.stop().await;
}

#[tokio::test]
async fn a_coach_edits_through_a_prefilled_form_and_the_history_says_who() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let before = curation::show(dojo.app.store(), guild.id, "too-expensive").expect("builtin");
    let inv = fake
        .slash_command(
            &fake.coach,
            guild.channel_id,
            "objection edit",
            json!([opt::str("id", "too-expensive"), opt::int("difficulty", 1)]),
        )
        .await;
    let form = fake.modal_opened(&inv).await;
    let shown = &fake.callbacks(&inv)[0]["data"]["components"];
    let prefilled: Vec<&str> = shown
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["components"][0]["value"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(prefilled[0], before.text);
    assert_eq!(prefilled[1], before.pushbacks.soft.join("\n"));
    fake.modal_submit(
        &fake.coach,
        &form,
        &[
            ("text", "Honestly, it's too expensive for a team our size."),
            ("soft", prefilled[1]),
            ("hard", "Too expensive. End of story."),
            ("concerns", "price\nteam size"),
        ],
    )
    .await;
    let reply = fake.reply_to(&inv).await;
    assert!(
        reply
            .content()
            .contains("Saved objection **too-expensive**"),
        "{}",
        reply.content()
    );
    let after = curation::show(dojo.app.store(), guild.id, "too-expensive").unwrap();
    assert_eq!(
        after.text,
        "Honestly, it's too expensive for a team our size."
    );
    assert_eq!(after.pushbacks.hard, vec!["Too expensive. End of story."]);
    assert_eq!(
        (after.difficulty, after.counters.len()),
        (1, before.counters.len())
    );

    let history = run(
        &dojo,
        &fake.coach,
        "library history",
        json!([opt::str("id", "too-expensive")]),
    )
    .await;
    let lines = history.embed_description().expect("history lines");
    let last = lines.lines().last().expect("a line");
    assert!(
        last.contains("**edited**") && last.ends_with(&format!("<@{}>", fake.coach.id)),
        "{lines}"
    );
    dojo.stop().await;
}

#[tokio::test]
async fn removing_asks_first_and_keep_changes_nothing() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let ask = run(
        &dojo,
        &fake.coach,
        "objection remove",
        json!([opt::str("id", "not-a-good-time")]),
    )
    .await;
    assert!(
        ask.content()
            .contains("Remove objection **not-a-good-time**"),
        "{}",
        ask.content()
    );
    let keep = fake
        .button_click(&fake.coach, ask.id(), "coach:okeep:not-a-good-time")
        .await;
    assert_eq!(
        fake.updated_message(&keep).await.content(),
        "Kept objection **not-a-good-time**."
    );
    assert!(curation::show(dojo.app.store(), guild.id, "not-a-good-time").is_ok());

    let ask = run(
        &dojo,
        &fake.coach,
        "objection remove",
        json!([opt::str("id", "not-a-good-time")]),
    )
    .await;
    let confirm = fake
        .button_click(&fake.coach, ask.id(), "coach:oremove:not-a-good-time")
        .await;
    let done = fake.updated_message(&confirm).await;
    assert!(
        done.content()
            .starts_with("Removed objection **not-a-good-time**"),
        "{}",
        done.content()
    );
    assert!(done.button_ids().is_empty());
    assert!(curation::show(dojo.app.store(), guild.id, "not-a-good-time").is_err());
    let history = curation::history(dojo.app.store(), guild.id, "not-a-good-time").unwrap();
    assert_eq!(
        history.last().map(|h| h.action),
        Some(ChangeAction::Removed)
    );
    dojo.stop().await;
}

#[tokio::test]
async fn the_list_pages_with_buttons_and_filters_by_language() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let total = curation::list(dojo.app.store(), guild.id, &Default::default())
        .unwrap()
        .len();
    assert!(total > 10, "the built-in library fills more than a page");
    let first = run(&dojo, &fake.coach, "objection list", json!([])).await;
    let pages = total.div_ceil(10);
    let footer = first.embeds()[0]["footer"]["text"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(footer.starts_with(&format!("Page 1/{pages}")), "{footer}");
    assert_eq!(first.embed_fields().len(), 10);
    let next = first
        .button_ids()
        .into_iter()
        .find(|id| id.starts_with("coach:olist:1:"))
        .expect("a Next button");
    let click = fake.button_click(&fake.coach, first.id(), &next).await;
    let second = fake.updated_message(&click).await;
    let footer = second.embeds()[0]["footer"]["text"]
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(footer.starts_with(&format!("Page 2/{pages}")), "{footer}");
    assert_ne!(second.embed_fields()[0].name, first.embed_fields()[0].name);

    let french = run(
        &dojo,
        &fake.coach,
        "objection list",
        json!([opt::int("lang", 1)]),
    )
    .await;
    let fields = french.embed_fields();
    assert!(!fields.is_empty());
    assert!(
        fields.iter().all(|f| f.value.contains("*fr ·")),
        "{fields:?}"
    );
    dojo.stop().await;
}

/// An answer the scorer rates well on `linkedin-is-spam`.
const GOOD: &str = "You're right that a lot of LinkedIn messages feel like spam, and your time matters. What makes a message worth answering for you?";

#[tokio::test]
async fn counters_are_added_by_coaches_and_upvoted_once_per_member() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let spam = || opt::str("objection", "linkedin-is-spam");
    let added = run(
        &dojo,
        &fake.coach,
        "counter add",
        json!([
            spam(),
            opt::str("text", GOOD),
            opt::str("id", "Noise Check")
        ]),
    )
    .await;
    assert!(
        added.content().contains("**noise-check**"),
        "{}",
        added.content()
    );

    let list = run(&dojo, &fake.trainee, "counter list", json!([spam()])).await;
    let vote = "coach:vote:linkedin-is-spam:noise-check";
    assert!(
        list.button_ids().iter().any(|b| b == vote),
        "{:?}",
        list.button_ids()
    );
    let click = fake.button_click(&fake.trainee, list.id(), vote).await;
    let updated = fake.updated_message(&click).await;
    assert_eq!(
        updated.content(),
        "Your vote for **noise-check** is counted."
    );
    let field = updated
        .embed_fields()
        .into_iter()
        .find(|f| f.name.starts_with("noise-check"))
        .expect("the counter is listed");
    assert_eq!(field.name, "noise-check · approved · 1 vote(s)");

    let again = fake.button_click(&fake.trainee, updated.id(), vote).await;
    let refused = fake.reply_to(&again).await;
    assert!(refused.ephemeral());
    assert_eq!(
        refused.content(),
        "You have already voted for **noise-check**: one vote per member."
    );
    let other = fake.add_user(guild.id, "dave", &[]);
    let list = run(&dojo, &other, "counter list", json!([spam()])).await;
    let click = fake.button_click(&other, list.id(), vote).await;
    fake.updated_message(&click).await;
    let stored = curation::show(dojo.app.store(), guild.id, "linkedin-is-spam").unwrap();
    let counter = stored
        .counters
        .iter()
        .find(|c| c.id == "noise-check")
        .expect("stored");
    assert_eq!(counter.votes, 2);
    assert_eq!(
        counter.voters,
        vec![fake.trainee.id.to_string(), other.id.to_string()]
    );

    let refused = run(
        &dojo,
        &fake.trainee,
        "counter approve",
        json!([spam(), opt::str("counter", "noise-check")]),
    )
    .await;
    assert!(
        refused.content().starts_with("Only coaches"),
        "{}",
        refused.content()
    );
    let removed = run(
        &dojo,
        &fake.coach,
        "counter remove",
        json!([spam(), opt::str("counter", "noise-check")]),
    )
    .await;
    assert!(
        removed.content().starts_with("Removed **noise-check**"),
        "{}",
        removed.content()
    );
    dojo.stop().await;
}

#[tokio::test]
async fn a_coach_promotes_a_trainees_answer_with_its_author_and_score() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let spar = fake
        .slash_command(
            &fake.trainee,
            guild.channel_id,
            "spar",
            json!([opt::str("objection", "linkedin-is-spam")]),
        )
        .await;
    let opened = fake.reply_to(&spar).await;
    let thread = crate::support::dojo::thread_in(opened.content()).expect("a thread");
    fake.wait_bot_message(thread, 1).await;
    let answer = fake.user_message(&fake.trainee, thread, GOOD).await;
    fake.wait_bot_message(thread, 3).await;
    let turn = dojo
        .app
        .debate(guild.id, &thread.to_string())
        .expect("the debate")
        .turns[0]
        .clone();

    // A coach looks into the trainee's thread (Manage Threads would let them).
    fake.shared()
        .lock()
        .world
        .channels
        .get_mut(&thread)
        .expect("thread")
        .thread_members
        .push(fake.coach.id);
    let inv = fake
        .message_context_menu(&fake.coach, answer, "Save as counter-argument")
        .await;
    let reply = fake.reply_to(&inv).await;
    assert!(reply.ephemeral());
    assert!(
        reply.content().starts_with(&format!(
            "Saved <@{}>'s answer as draft **c",
            fake.trainee.id
        )),
        "{}",
        reply.content()
    );
    let stored = curation::show(dojo.app.store(), guild.id, "linkedin-is-spam").unwrap();
    let saved = stored
        .counters
        .iter()
        .find(|c| c.text == GOOD)
        .expect("saved");
    assert_eq!(saved.author, format!("<@{}>", fake.trainee.id));
    assert_eq!(saved.score, Some(turn.score));
    assert_eq!(saved.status, objection_dojo::library::CounterStatus::Draft);
    let history = curation::history(dojo.app.store(), guild.id, "linkedin-is-spam").unwrap();
    let last = history.last().expect("an entry");
    assert_eq!(
        (last.action, last.actor.clone()),
        (ChangeAction::CounterAdded, format!("<@{}>", fake.coach.id))
    );

    let approved = run(
        &dojo,
        &fake.coach,
        "counter approve",
        json!([
            opt::str("objection", "linkedin-is-spam"),
            opt::str("counter", &saved.id)
        ]),
    )
    .await;
    assert!(
        approved
            .content()
            .starts_with(&format!("Approved **{}**", saved.id)),
        "{}",
        approved.content()
    );
    let stored = curation::show(dojo.app.store(), guild.id, "linkedin-is-spam").unwrap();
    assert!(stored.approved_counters().any(|c| c.id == saved.id));

    let twice = fake
        .message_context_menu(&fake.coach, answer, "Save as counter-argument")
        .await;
    let reply = fake.reply_to(&twice).await;
    assert!(reply.content().contains(&saved.id), "{}", reply.content());
    let outside = fake
        .user_message(&fake.trainee, guild.channel_id, GOOD)
        .await;
    let inv = fake
        .message_context_menu(&fake.coach, outside, "Save as counter-argument")
        .await;
    assert_eq!(
        fake.reply_to(&inv).await.content(),
        "This message is not in a sparring thread: save answers from a /spar thread."
    );
    dojo.stop().await;
}

/// Plays a whole two-turn debate on `objection` for `trainee` through the
/// app (as the bot's thread handler would) and returns its id.
fn play(dojo: &Dojo, trainee: u64, objection: &str, answers: [&str; 2]) -> String {
    use objection_dojo::app::spar::StartOptions;
    let guild = dojo.fake.guild.id;
    let started = dojo
        .app
        .start_debate(
            guild,
            &trainee.to_string(),
            StartOptions {
                objection: Some(objection.to_string()),
                turns: Some(2),
                ..StartOptions::default()
            },
        )
        .expect("start a debate");
    let id = started.debate.id;
    for answer in answers {
        let played = dojo
            .app
            .answer(guild, &id, &trainee.to_string(), answer)
            .expect("answer");
        if played.verdict.is_some() {
            break;
        }
    }
    assert!(
        dojo.app.debate(guild, &id).unwrap().is_over(),
        "the debate ended"
    );
    id
}

const RUDE: [&str; 2] = [
    "That's a ridiculous question. Obviously you don't get it!!!",
    "No. You are wrong and everyone knows it.",
];

#[tokio::test]
async fn the_library_exports_as_a_file_and_imports_all_or_nothing() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let export = run(&dojo, &fake.coach, "library export", json!([])).await;
    assert!(export.ephemeral());
    assert_eq!(export.files.len(), 1);
    let file = &export.files[0];
    assert_eq!(file.filename, format!("dojo-library-{}.json", guild.id));
    assert_eq!(
        String::from_utf8(file.bytes.clone()).unwrap(),
        curation::export(dojo.app.store(), guild.id).unwrap()
    );

    let mut library: serde_json::Value = serde_json::from_slice(&file.bytes).unwrap();
    let objections = library["objections"].as_array_mut().unwrap();
    let total = objections.len();
    objections.retain(|o| o["id"] != "not-a-good-time");
    let spam = objections
        .iter_mut()
        .find(|o| o["id"] == "linkedin-is-spam")
        .unwrap();
    spam["text"] = json!("Isn't LinkedIn just a spam machine?");
    let edited = serde_json::to_vec_pretty(&library).unwrap();
    let hosted = fake.host_file("edited.json", &edited);
    let imported = run(
        &dojo,
        &fake.coach,
        "library import",
        json!([opt::attachment("file", &hosted), opt::bool("replace", true)]),
    )
    .await;
    assert_eq!(
        imported.content(),
        format!(
            "Imported edited.json: 0 added, {} updated, 1 removed.",
            total - 1
        )
    );
    let again: serde_json::Value =
        serde_json::from_str(&curation::export(dojo.app.store(), guild.id).unwrap()).unwrap();
    assert_eq!(
        again, library,
        "export then import gives the same library back"
    );

    let mut broken = library.clone();
    broken["objections"][0]["text"] = json!("");
    broken["objections"][1]["difficulty"] = json!(9);
    let hosted = fake.host_file("broken.json", &serde_json::to_vec(&broken).unwrap());
    let refused = run(
        &dojo,
        &fake.coach,
        "library import",
        json!([opt::attachment("file", &hosted)]),
    )
    .await;
    let text = refused.content();
    assert!(
        text.starts_with("Nothing was changed: 2 problems to fix."),
        "{text}"
    );
    assert!(text.contains("• objections[0].text: empty"), "{text}");
    assert!(
        text.contains("• objections[1].difficulty: must be 1 to 3, got 9"),
        "{text}"
    );
    let huge = fake.host_file("huge.json", &vec![b' '; 2 * 1024 * 1024 + 1]);
    let refused = run(
        &dojo,
        &fake.coach,
        "library import",
        json!([opt::attachment("file", &huge)]),
    )
    .await;
    assert_eq!(
        refused.content(),
        "Nothing was changed: the file is 2.0 MB and the limit is 2.0 MB."
    );
    let now: serde_json::Value =
        serde_json::from_str(&curation::export(dojo.app.store(), guild.id).unwrap()).unwrap();
    assert_eq!(now, library, "refused imports changed nothing");
    dojo.stop().await;
}

#[tokio::test]
async fn an_assignment_steers_sparring_and_shows_who_completed_it() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let ask = fake
        .autocomplete(
            &fake.coach,
            guild.channel_id,
            "assign create",
            json!([opt::focused("objections", "linkedin-is-spam, too-exp")]),
        )
        .await;
    let choices = fake.choices(&ask).await;
    assert_eq!(choices[0].1, json!("linkedin-is-spam, too-expensive"));

    let none = run(&dojo, &fake.coach, "assign status", json!([])).await;
    assert_eq!(
        none.content(),
        "There is no assignment yet: make one with /assign create."
    );
    let made = run(
        &dojo,
        &fake.coach,
        "assign create",
        json!([
            opt::str("objections", "linkedin-is-spam, too-expensive"),
            opt::str("due", "in 7d")
        ]),
    )
    .await;
    assert!(!made.ephemeral(), "the cohort sees the announcement");
    assert!(
        made.content().starts_with("📋 Assignment #1 for everyone"),
        "{}",
        made.content()
    );
    assert!(made.pings_nobody());
    let trainee = fake.trainee.id.to_string();
    assert_eq!(
        dojo.app
            .assigned_next(guild.id, &trainee, &[])
            .unwrap()
            .as_deref(),
        Some("linkedin-is-spam"),
        "the assignment comes first"
    );
    let progress = run(&dojo, &fake.trainee, "progress", json!([])).await;
    let fields = progress.embeds()[0]["fields"].to_string();
    assert!(
        fields.contains("Drills to do") && fields.contains("linkedin-is-spam, too-expensive"),
        "/progress lists the open drill: {fields}"
    );
    run(&dojo, &fake.trainee, "spar", json!([])).await;
    let debates = dojo.app.history(guild.id, Some(&trainee)).unwrap();
    assert_eq!(
        debates.last().map(|d| d.objection_id.as_str()),
        Some("linkedin-is-spam"),
        "/spar without an objection serves the drill"
    );

    play(&dojo, fake.trainee.id, "linkedin-is-spam", RUDE);
    let status = run(&dojo, &fake.coach, "assign status", json!([])).await;
    let who = format!("<@{}>", fake.trainee.id);
    assert_eq!(
        status.embed_description().as_deref(),
        Some(format!("⏳ {who} — 1/2 · left: too-expensive").as_str())
    );
    assert_eq!(
        dojo.app
            .assigned_next(guild.id, &trainee, &[])
            .unwrap()
            .as_deref(),
        Some("too-expensive")
    );
    play(&dojo, fake.trainee.id, "too-expensive", RUDE);
    let status = run(
        &dojo,
        &fake.coach,
        "assign status",
        json!([opt::int("id", 1)]),
    )
    .await;
    assert_eq!(
        status.embed_title().as_deref(),
        Some("Assignment #1 · 1/1 done")
    );
    assert_eq!(
        status.embed_description().as_deref(),
        Some(format!("✅ {who} — 2/2").as_str())
    );
    assert_eq!(
        dojo.app.assigned_next(guild.id, &trainee, &[]).unwrap(),
        None
    );

    let bad = run(
        &dojo,
        &fake.coach,
        "assign create",
        json!([opt::str("objections", "nope"), opt::str("due", "soon")]),
    )
    .await;
    assert!(
        bad.content()
            .starts_with("Cannot read the due date \"soon\""),
        "{}",
        bad.content()
    );
    let closed = run(
        &dojo,
        &fake.coach,
        "assign close",
        json!([opt::int("id", 1)]),
    )
    .await;
    assert_eq!(closed.content(), "Closed assignment #1.");
    assert!(dojo.app.assignment(guild.id, 1).unwrap().closed);
    dojo.stop().await;
}

#[tokio::test]
async fn a_coachs_override_moves_the_leaderboard_and_keeps_the_original() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let dave = fake.add_user(guild.id, "dave", &[]);
    play(
        &dojo,
        fake.trainee.id,
        "linkedin-is-spam",
        [
            GOOD,
            "I hear you. What would make a message worth your time?",
        ],
    );
    let rude = play(&dojo, dave.id, "linkedin-is-spam", RUDE);
    let top = |dojo: &Dojo| {
        dojo.app.leaderboard(guild.id, None).unwrap().by_average[0]
            .trainee
            .clone()
    };
    assert_eq!(top(&dojo), fake.trainee.id.to_string());

    let said = run(
        &dojo,
        &fake.coach,
        "review override",
        json!([
            opt::str("debate", &rude),
            opt::int("turn", 1),
            opt::int("score", 100),
            opt::str("comment", "Blunt, but it held the frame.")
        ]),
    )
    .await;
    assert!(
        said.content()
            .starts_with(&format!("Turn 1 of debate `{rude}` now counts **100**")),
        "{}",
        said.content()
    );

    let past_end = run(
        &dojo,
        &fake.coach,
        "review override",
        json!([
            opt::str("debate", &rude),
            opt::int("turn", 9),
            opt::int("score", 0),
            opt::str("comment", "x")
        ]),
    )
    .await;
    assert_eq!(
        past_end.content(),
        format!("Debate `{rude}` has 2 turn(s): pick one from 1 to 2. Nothing was changed.")
    );
    let transcript = run(
        &dojo,
        &fake.coach,
        "review debate",
        json!([opt::str("id", &rude)]),
    )
    .await;
    let first = &transcript.embed_fields()[0];
    assert!(first.name.ends_with("→ 100 (coach)"), "{}", first.name);
    assert!(
        first.value.contains("📝 Blunt, but it held the frame."),
        "{}",
        first.value
    );
    let click = fake
        .button_click(
            &fake.coach,
            transcript.id(),
            &format!("coach:override:{rude}:1"),
        )
        .await;
    let form = fake.modal_opened(&click).await;
    assert_eq!(form.title, "Override turn 2");
    let submit = fake
        .modal_submit(
            &fake.coach,
            &form,
            &[("score", "100"), ("comment", "Fine.")],
        )
        .await;
    assert!(fake
        .reply_to(&submit)
        .await
        .content()
        .starts_with("Turn 2 of debate"));

    assert_eq!(
        top(&dojo),
        dave.id.to_string(),
        "the overrides moved dave up"
    );
    let debate = dojo.app.debate(guild.id, &rude).unwrap();
    assert!(
        debate
            .turns
            .iter()
            .all(|t| t.override_score == Some(100) && t.score < 100),
        "originals kept"
    );
    let typo = fake
        .button_click(
            &fake.coach,
            transcript.id(),
            &format!("coach:override:{rude}:0"),
        )
        .await;
    let form = fake.modal_opened(&typo).await;
    let submit = fake
        .modal_submit(&fake.coach, &form, &[("score", "lots"), ("comment", "")])
        .await;
    assert!(fake
        .reply_to(&submit)
        .await
        .content()
        .contains("is not a score"));
    dojo.stop().await;
}

#[tokio::test]
async fn one_guilds_curation_is_invisible_in_another() {
    let dojo = Dojo::start(true).await;
    let (fake, a) = (&dojo.fake, dojo.fake.guild);
    let b = fake.add_guild("Second Cohort").await;
    let original = curation::show(dojo.app.store(), a.id, "too-expensive")
        .unwrap()
        .text;
    let inv = fake
        .slash_command(
            &fake.coach,
            a.channel_id,
            "objection edit",
            json!([opt::str("id", "too-expensive")]),
        )
        .await;
    let form = fake.modal_opened(&inv).await;
    fake.modal_submit(
        &fake.coach,
        &form,
        &[
            ("text", "Guild A's own wording."),
            ("soft", "Hm."),
            ("hard", "No."),
            ("concerns", ""),
        ],
    )
    .await;
    fake.reply_to(&inv).await;
    let added = run(
        &dojo,
        &fake.coach,
        "counter add",
        json!([
            opt::str("objection", "too-expensive"),
            opt::str("text", GOOD)
        ]),
    )
    .await;
    assert!(
        added.content().starts_with("Added counter-argument"),
        "{}",
        added.content()
    );

    // Guild B has no coach role configured: the Coach role means nothing there.
    let refused = fake
        .slash_command(
            &fake.coach,
            b.channel_id,
            "objection show",
            json!([opt::str("id", "too-expensive")]),
        )
        .await;
    let refused = fake.reply_to(&refused).await;
    assert!(
        refused
            .content()
            .contains("you need the Manage Server permission"),
        "{}",
        refused.content()
    );
    let shown = fake
        .slash_command(
            &fake.manager,
            b.channel_id,
            "objection show",
            json!([opt::str("id", "too-expensive")]),
        )
        .await;
    let shown = fake.reply_to(&shown).await;
    assert_eq!(
        shown.embed_description().as_deref(),
        Some(original.as_str())
    );
    let in_b = curation::show(dojo.app.store(), b.id, "too-expensive").unwrap();
    assert!(in_b.counters.iter().all(|c| c.text != GOOD));
    let history = curation::history(dojo.app.store(), b.id, "too-expensive").unwrap();
    assert!(
        history.iter().all(|h| h.action == ChangeAction::Seeded),
        "{history:?}"
    );
    assert_eq!(dojo.app.guild_config(b.id).unwrap().coach_role, None);
    dojo.stop().await;
}

#[tokio::test]
async fn dojo_config_shows_and_changes_settings_and_guards_the_coach_role() {
    let dojo = Dojo::start(false).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let early = run(&dojo, &fake.coach, "dojo config", json!([])).await;
    assert!(
        early
            .content()
            .starts_with("Only coaches can use /dojo config"),
        "{}",
        early.content()
    );

    let role = crate::support::coach::role_opt("coach-role", guild.coach_role_id);
    let saved = run(
        &dojo,
        &fake.manager,
        "dojo config",
        json!([
            role,
            opt::int("lang", 1),
            opt::int("turns", 4),
            opt::int("archive", 0)
        ]),
    )
    .await;
    assert_eq!(saved.content(), "Saved.");
    let values: Vec<String> = saved.embed_fields().into_iter().map(|f| f.value).collect();
    assert_eq!(values[..3], ["fr", "4", "1 hour"]);
    assert_eq!(values[4], format!("<@&{}>", guild.coach_role_id));
    assert!(
        values[5].starts_with(&format!("<@{}>", fake.manager.id)),
        "{values:?}"
    );

    let shown = run(&dojo, &fake.coach, "dojo config", json!([])).await;
    assert_eq!(shown.content(), "");
    assert_eq!(shown.embed_fields()[1].value, "4");
    let grab = run(
        &dojo,
        &fake.coach,
        "dojo config",
        json!([opt::int("reset", 4)]),
    )
    .await;
    assert!(
        grab.content()
            .starts_with("Only a member with the Manage Server permission"),
        "{}",
        grab.content()
    );
    let channel = fake.add_channel(guild.id, "drills");
    let moved = run(
        &dojo,
        &fake.coach,
        "dojo config",
        json!([
            crate::support::coach::channel_opt("spar-channel", channel),
            opt::int("reset", 1)
        ]),
    )
    .await;
    assert_eq!(moved.embed_fields()[3].value, format!("<#{channel}>"));
    let config = dojo.app.guild_config(guild.id).unwrap();
    assert_eq!(
        (
            config.lang,
            config.turns,
            config.archive_minutes,
            config.spar_channel,
            config.coach_role
        ),
        (
            Some(objection_dojo::Lang::Fr),
            None,
            Some(60),
            Some(channel),
            Some(guild.coach_role_id)
        )
    );
    let bad = run(
        &dojo,
        &fake.manager,
        "dojo config",
        json!([opt::int("turns", 1)]),
    )
    .await;
    assert!(bad.ephemeral() && !bad.content().is_empty());
    assert_eq!(dojo.app.guild_config(guild.id).unwrap().turns, None);
    dojo.stop().await;
}

#[tokio::test]
async fn review_lists_a_members_debates_page_by_page_in_french() {
    let dojo = Dojo::start(true).await;
    let (fake, guild) = (&dojo.fake, dojo.fake.guild);
    let mut ids = Vec::new();
    for _ in 0..12 {
        ids.push(play(&dojo, fake.trainee.id, "linkedin-is-spam", RUDE));
        // Debates are ordered by start time: keep each in its own millisecond.
        tokio::time::sleep(std::time::Duration::from_millis(3)).await;
    }
    fake.set_locale(&fake.coach, "fr");
    let first = run(
        &dojo,
        &fake.coach,
        "review member",
        json!([opt::user("user", &fake.trainee)]),
    )
    .await;
    assert_eq!(
        first.embed_description().as_deref(),
        Some(
            format!(
                "<@{}> · 12 débat(s). Ouvrez-en un avec /review debate.",
                fake.trainee.id
            )
            .as_str()
        )
    );
    let names: Vec<String> = first.embed_fields().into_iter().map(|f| f.name).collect();
    assert_eq!(names.len(), 10);
    assert_eq!(names[0], format!("`{}`", ids[11]), "newest first");
    let next = format!("coach:rpage:{}:1", fake.trainee.id);
    let click = fake.button_click(&fake.coach, first.id(), &next).await;
    let second = fake.updated_message(&click).await;
    let names: Vec<String> = second.embed_fields().into_iter().map(|f| f.name).collect();
    assert_eq!(
        names,
        vec![format!("`{}`", ids[1]), format!("`{}`", ids[0])]
    );
    assert!(
        second.embed_fields()[0].value.contains("perdu")
            || second.embed_fields()[0].value.contains("gagné")
    );

    let ask = fake
        .autocomplete(
            &fake.coach,
            guild.channel_id,
            "review debate",
            json!([opt::focused("id", &ids[3])]),
        )
        .await;
    let choices = fake.choices(&ask).await;
    assert_eq!(choices[0].1, json!(ids[3]));
    assert!(
        choices[0].0.contains("alice · linkedin-is-spam"),
        "{}",
        choices[0].0
    );
    dojo.stop().await;
}
