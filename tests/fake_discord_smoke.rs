//! Proves the fake Discord with a small poise bot run through the real
//! `discord::run_bot` (same client, error handler, registration and
//! shutdown as `dojo serve`): slash commands with embeds and ephemeral
//! replies, a deferred reply, a button that edits its message, a modal, a
//! message handler answering in a private thread, autocomplete,
//! subcommands, a context menu, errors, reconnection, restart and shutdown.

mod support;

use std::time::Duration;

use objection_dojo::discord::{reply, Bot, BotError};
use objection_dojo::scoring::Level;
use poise::serenity_prelude as serenity;
use serde_json::json;
use support::{opt, FakeDiscord, Options, TestBot};

/// The smoke bot's data: nothing but a name to prove data reaches commands.
struct Smoke {
    greeting: &'static str,
}

type Ctx<'a> = poise::Context<'a, Smoke, BotError>;

/// Shows text in an embed, optionally only to the caller.
#[poise::command(slash_command)]
async fn card(
    ctx: Ctx<'_>,
    #[description = "Text"] text: String,
    #[description = "Only me"] private: Option<bool>,
) -> Result<(), BotError> {
    let embed = reply::EmbedText {
        title: Some(ctx.data().greeting.to_string()),
        description: Some(text),
        colour: Some(reply::level_colour(Level::Empathetic).0),
        ..Default::default()
    };
    let builder = poise::CreateReply::default()
        .embed(embed.build())
        .ephemeral(private.unwrap_or(false));
    ctx.send(builder).await?;
    Ok(())
}

/// Thinks first, then answers only to the caller.
#[poise::command(slash_command)]
async fn slow(ctx: Ctx<'_>) -> Result<(), BotError> {
    ctx.defer_ephemeral().await?;
    ctx.say("done thinking").await?;
    Ok(())
}

/// Sends a message with a button the event handler answers.
#[poise::command(slash_command)]
async fn button(ctx: Ctx<'_>) -> Result<(), BotError> {
    let row = serenity::CreateActionRow::Buttons(vec![
        serenity::CreateButton::new("smoke:click").label("Click")
    ]);
    ctx.send(
        poise::CreateReply::default()
            .content("Click me")
            .components(vec![row]),
    )
    .await?;
    Ok(())
}

#[derive(Debug, poise::Modal)]
#[name = "Your answer"]
struct AnswerModal {
    #[name = "Answer"]
    #[paragraph]
    answer: String,
}

/// Opens a modal and echoes what was typed.
#[poise::command(slash_command)]
async fn answer(ctx: poise::ApplicationContext<'_, Smoke, BotError>) -> Result<(), BotError> {
    use poise::Modal as _;
    match AnswerModal::execute(ctx).await? {
        Some(form) => {
            poise::say_reply(
                poise::Context::Application(ctx),
                format!("Got: {}", form.answer),
            )
            .await?
        }
        None => return Err(BotError::user("The form timed out.")),
    };
    Ok(())
}

/// Always a user error.
#[poise::command(slash_command)]
async fn refuse(_ctx: Ctx<'_>) -> Result<(), BotError> {
    Err(BotError::user("Only coaches can curate the library."))
}

/// Always an internal error.
#[poise::command(slash_command)]
async fn broken(_ctx: Ctx<'_>) -> Result<(), BotError> {
    Err(anyhow::anyhow!("database unreachable").into())
}

/// Always panics.
#[poise::command(slash_command)]
async fn crash(_ctx: Ctx<'_>) -> Result<(), BotError> {
    panic!("a bug in a command")
}

async fn is_coach(ctx: Ctx<'_>) -> Result<bool, BotError> {
    let coach = ctx.author_member().await.is_some_and(|m| {
        m.roles.iter().any(|r| {
            ctx.guild()
                .is_some_and(|g| g.roles.get(r).is_some_and(|r| r.name == "Coach"))
        })
    });
    if coach {
        Ok(true)
    } else {
        Err(BotError::user("This command is for coaches."))
    }
}

/// Only coaches pass its check.
#[poise::command(slash_command, check = "is_coach")]
async fn coaching(ctx: Ctx<'_>) -> Result<(), BotError> {
    ctx.say("welcome, coach").await?;
    Ok(())
}

/// Takes a while, to test that shutdown waits for it.
#[poise::command(slash_command)]
async fn sleepy(ctx: Ctx<'_>) -> Result<(), BotError> {
    ctx.defer().await?;
    tokio::time::sleep(Duration::from_millis(600)).await;
    ctx.say("finally awake").await?;
    Ok(())
}

async fn tag_choices(_ctx: Ctx<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let choices = ["linkedin", "price", "timing"]
        .into_iter()
        .filter(|t| t.starts_with(partial))
        .map(|t| serenity::AutocompleteChoice::new(t, t))
        .collect();
    serenity::CreateAutocompleteResponse::new().set_choices(choices)
}

/// A command group.
#[poise::command(slash_command, subcommands("tag_add", "tag_list"), subcommand_required)]
async fn tag(_ctx: Ctx<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Adds a tag.
#[poise::command(slash_command, rename = "add")]
async fn tag_add(
    ctx: Ctx<'_>,
    #[description = "Tag"]
    #[autocomplete = "tag_choices"]
    name: String,
    #[description = "Weight"] weight: Option<i64>,
) -> Result<(), BotError> {
    ctx.say(format!("added {name} ({})", weight.unwrap_or(1)))
        .await?;
    Ok(())
}

/// Lists tags.
#[poise::command(slash_command, rename = "list")]
async fn tag_list(ctx: Ctx<'_>) -> Result<(), BotError> {
    ctx.say("linkedin, price").await?;
    Ok(())
}

/// Reads an uploaded file (as a library import will).
#[poise::command(slash_command)]
async fn upload(
    ctx: Ctx<'_>,
    #[description = "File"] file: serenity::Attachment,
    #[description = "For whom"] member: Option<serenity::User>,
) -> Result<(), BotError> {
    let bytes = file.download().await?;
    let who = member.map_or_else(|| "nobody".to_string(), |u| u.name);
    ctx.say(format!(
        "{}: {} bytes for {who}",
        file.filename,
        bytes.len()
    ))
    .await?;
    Ok(())
}

/// The bytes of the chart `/chart` sends.
const CHART: &[u8] = b"\x89PNG\r\n\x1a\nnot really a chart";

/// Replies with an image (as /progress will).
#[poise::command(slash_command)]
async fn chart(ctx: Ctx<'_>) -> Result<(), BotError> {
    let file = serenity::CreateAttachment::bytes(CHART.to_vec(), "trend.png");
    ctx.send(
        poise::CreateReply::default()
            .content("Your trend")
            .attachment(file),
    )
    .await?;
    Ok(())
}

/// Echoes a message.
#[poise::command(context_menu_command = "Echo message")]
async fn echo_message(ctx: Ctx<'_>, msg: serenity::Message) -> Result<(), BotError> {
    ctx.send(reply::ephemeral(&format!("echo: {}", msg.content)))
        .await?;
    Ok(())
}

/// Opens a private thread on "spar", answers inside threads, edits the
/// message of a clicked button.
fn on_event<'a>(
    framework: poise::FrameworkContext<'a, Smoke, BotError>,
    event: &'a serenity::FullEvent,
) -> poise::BoxFuture<'a, Result<(), BotError>> {
    Box::pin(async move {
        let ctx = framework.serenity_context;
        match event {
            serenity::FullEvent::Message { new_message: msg } if !msg.author.bot => {
                on_message(ctx, msg).await
            }
            serenity::FullEvent::InteractionCreate {
                interaction: serenity::Interaction::Component(click),
            } if click.data.custom_id == "smoke:click" => {
                let update = serenity::CreateInteractionResponseMessage::new()
                    .content(format!("Clicked by {}", click.user.name))
                    .components(vec![]);
                click
                    .create_response(
                        ctx,
                        serenity::CreateInteractionResponse::UpdateMessage(update),
                    )
                    .await?;
                Ok(())
            }
            _ => Ok(()),
        }
    })
}

async fn on_message(ctx: &serenity::Context, msg: &serenity::Message) -> Result<(), BotError> {
    let channel = msg
        .channel_id
        .to_channel(ctx)
        .await?
        .guild()
        .ok_or_else(|| BotError::user("guild only"))?;
    if channel.thread_metadata.is_some() {
        if msg.content == "fail" {
            return Err(BotError::user("That answer is empty."));
        }
        let text = format!("echo: {}", msg.content);
        msg.channel_id
            .send_message(
                ctx,
                serenity::CreateMessage::new()
                    .content(reply::cut(&text, reply::CONTENT_MAX))
                    .allowed_mentions(reply::no_mentions()),
            )
            .await?;
    } else if msg.content == "spar" {
        let thread = channel
            .create_thread(
                ctx,
                serenity::CreateThread::new(format!("spar-{}", msg.author.name))
                    .kind(serenity::ChannelType::PrivateThread)
                    .invitable(false),
            )
            .await?;
        thread.id.add_thread_member(ctx, msg.author.id).await?;
        thread.id.say(ctx, "Welcome to the dojo").await?;
    }
    Ok(())
}

fn smoke_bot() -> Bot<Smoke> {
    let commands = vec![
        card(),
        slow(),
        button(),
        answer(),
        refuse(),
        broken(),
        crash(),
        coaching(),
        sleepy(),
        tag(),
        upload(),
        chart(),
        echo_message(),
    ];
    Bot {
        event_handler: on_event,
        ..Bot::new(
            Smoke {
                greeting: "Dojo card",
            },
            commands,
        )
    }
}

async fn started() -> (FakeDiscord, TestBot) {
    let fake = FakeDiscord::start().await;
    let bot = TestBot::start(&fake, smoke_bot()).await;
    (fake, bot)
}

#[tokio::test]
async fn slash_command_replies_with_an_embed_that_pings_nobody() {
    let (fake, bot) = started().await;
    let channel = fake.guild.channel_id;
    let inv = fake
        .slash_command(
            &fake.trainee,
            channel,
            "card",
            json!([opt::str("text", "Hello @everyone")]),
        )
        .await;
    let reply = fake.reply_to(&inv).await;
    assert_eq!(reply.embed_title().as_deref(), Some("Dojo card"));
    assert_eq!(
        reply.embed_description().as_deref(),
        Some("Hello @everyone")
    );
    assert_eq!(
        reply.embed_colour(),
        Some(u64::from(reply::level_colour(Level::Empathetic).0))
    );
    assert!(!reply.ephemeral());
    assert!(reply.pings_nobody(), "{:?}", reply.allowed_mentions);
    assert_eq!(fake.callbacks(&inv)[0]["type"], 4);

    let private = fake
        .slash_command(
            &fake.trainee,
            channel,
            "card",
            json!([opt::str("text", "secret"), opt::bool("private", true)]),
        )
        .await;
    assert!(fake.reply_to(&private).await.ephemeral());
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn a_deferred_reply_is_found_as_the_reply() {
    let (fake, bot) = started().await;
    let inv = fake
        .slash_command(&fake.trainee, fake.guild.channel_id, "slow", json!([]))
        .await;
    let reply = fake.reply_to(&inv).await;
    assert_eq!(reply.content(), "done thinking");
    assert!(
        reply.ephemeral(),
        "a defer_ephemeral keeps the answer ephemeral"
    );
    assert_eq!(fake.callbacks(&inv)[0]["type"], 5);
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn a_button_click_edits_its_message() {
    let (fake, bot) = started().await;
    let inv = fake
        .slash_command(&fake.trainee, fake.guild.channel_id, "button", json!([]))
        .await;
    let message = fake.reply_to(&inv).await;
    assert_eq!(message.button_ids(), vec!["smoke:click".to_string()]);
    let click = fake
        .button_click(&fake.coach, message.id(), "smoke:click")
        .await;
    let updated = fake.updated_message(&click).await;
    assert_eq!(updated.id(), message.id());
    assert_eq!(updated.content(), "Clicked by bob");
    assert!(updated.button_ids().is_empty());
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn a_modal_submission_reaches_the_waiting_command() {
    let (fake, bot) = started().await;
    let inv = fake
        .slash_command(&fake.trainee, fake.guild.channel_id, "answer", json!([]))
        .await;
    let modal = fake.modal_opened(&inv).await;
    assert_eq!(modal.title, "Your answer");
    let input = modal.inputs[0].0.clone();
    let submit = fake
        .modal_submit(
            &fake.trainee,
            &modal,
            &[(&input, "I hear you; what made you feel that way?")],
        )
        .await;
    let reply = fake.reply_to(&inv).await;
    assert_eq!(
        reply.content(),
        "Got: I hear you; what made you feel that way?"
    );
    assert_eq!(
        fake.callbacks(&submit)[0]["type"],
        6,
        "the submission is acknowledged"
    );
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn a_message_opens_a_private_thread_and_the_bot_answers_there() {
    let (fake, bot) = started().await;
    fake.user_message(&fake.trainee, fake.guild.channel_id, "spar")
        .await;
    let welcome = fake
        .wait_until("a thread", |s| {
            s.world
                .channels
                .values()
                .find(|c| c.is_thread())
                .map(|c| c.id)
        })
        .await;
    let first = fake.wait_bot_message(welcome, 1).await;
    assert_eq!(first.content(), "Welcome to the dojo");
    let thread = fake.channel(welcome).expect("thread exists");
    assert_eq!(thread.kind, support::world::kind::PRIVATE_THREAD);
    assert!(
        thread.thread_members.contains(&fake.trainee.id),
        "the trainee was added"
    );
    assert!(!thread.invitable);

    fake.user_message(
        &fake.trainee,
        welcome,
        "You're right that it can feel like spam @everyone",
    )
    .await;
    let echo = fake.wait_bot_message(welcome, 2).await;
    assert_eq!(
        echo.content(),
        "echo: You're right that it can feel like spam @everyone"
    );
    assert!(echo.pings_nobody());
    assert_eq!(fake.created_threads().len(), 1);
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn errors_are_answered_privately_and_specifically() {
    let (fake, bot) = started().await;
    let channel = fake.guild.channel_id;
    let user_error = fake
        .slash_command(&fake.trainee, channel, "refuse", json!([]))
        .await;
    let reply = fake.reply_to(&user_error).await;
    assert_eq!(reply.content(), "Only coaches can curate the library.");
    assert!(reply.ephemeral());

    let internal = fake
        .slash_command(&fake.trainee, channel, "broken", json!([]))
        .await;
    let reply = fake.reply_to(&internal).await;
    assert!(reply.ephemeral());
    assert!(
        reply
            .content()
            .starts_with("Something went wrong on our side"),
        "{}",
        reply.content()
    );
    assert!(
        !reply.content().contains("database"),
        "internal details stay in the logs"
    );

    let panicked = fake
        .slash_command(&fake.trainee, channel, "crash", json!([]))
        .await;
    assert!(fake
        .reply_to(&panicked)
        .await
        .content()
        .starts_with("Something went wrong"));

    let refused = fake
        .slash_command(&fake.trainee, channel, "coaching", json!([]))
        .await;
    let reply = fake.reply_to(&refused).await;
    assert_eq!(reply.content(), "This command is for coaches.");
    assert!(reply.ephemeral());
    let allowed = fake
        .slash_command(&fake.coach, channel, "coaching", json!([]))
        .await;
    assert_eq!(fake.reply_to(&allowed).await.content(), "welcome, coach");

    fake.set_locale(&fake.manager, "fr");
    let french = fake
        .slash_command(&fake.manager, channel, "broken", json!([]))
        .await;
    assert!(fake
        .reply_to(&french)
        .await
        .content()
        .starts_with("Un problème est survenu"));

    // The bot survived the panic and still answers.
    let after = fake
        .slash_command(&fake.trainee, channel, "slow", json!([]))
        .await;
    assert_eq!(fake.reply_to(&after).await.content(), "done thinking");
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn an_event_handler_error_is_answered_in_the_thread() {
    let (fake, bot) = started().await;
    fake.user_message(&fake.trainee, fake.guild.channel_id, "spar")
        .await;
    let thread = fake
        .wait_until("a thread", |s| {
            s.world
                .channels
                .values()
                .find(|c| c.is_thread())
                .map(|c| c.id)
        })
        .await;
    fake.wait_bot_message(thread, 1).await;
    fake.user_message(&fake.trainee, thread, "fail").await;
    let answer = fake.wait_bot_message(thread, 2).await;
    assert_eq!(answer.content(), "That answer is empty.");
    bot.stop().await.unwrap();
}

#[tokio::test]
async fn subcommands_autocomplete_and_context_menus_work() {
    let (fake, bot) = started().await;
    let channel = fake.guild.channel_id;
    let ask = fake
        .autocomplete(
            &fake.coach,
            channel,
            "tag add",
            json!([opt::focused("name", "li")]),
        )
        .await;
    let choices = fake.choices(&ask).await;
    assert_eq!(choices, vec![("linkedin".to_string(), json!("linkedin"))]);

    let add = fake
        .slash_command(
            &fake.coach,
            channel,
            "tag add",
            json!([opt::str("name", "price"), opt::int("weight", 3)]),
        )
        .await;
    assert_eq!(fake.reply_to(&add).await.content(), "added price (3)");
    let list = fake
        .slash_command(&fake.coach, channel, "tag list", json!([]))
        .await;
    assert_eq!(fake.reply_to(&list).await.content(), "linkedin, price");

    let said = fake
        .user_message(
            &fake.trainee,
            channel,
            "Great question, what worries you most?",
        )
        .await;
    let echo = fake
        .message_context_menu(&fake.coach, said, "Echo message")
        .await;
    let reply = fake.reply_to(&echo).await;
    assert_eq!(
        reply.content(),
        "echo: Great question, what worries you most?"
    );
    assert!(reply.ephemeral());
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn files_go_both_ways_through_the_fake() {
    let (fake, bot) = started().await;
    let channel = fake.guild.channel_id;
    let file = fake.host_file("library.json", br#"{"version": 1, "objections": []}"#);
    let options = json!([
        opt::attachment("file", &file),
        opt::user("member", &fake.trainee)
    ]);
    let inv = fake
        .slash_command(&fake.coach, channel, "upload", options)
        .await;
    assert_eq!(
        fake.reply_to(&inv).await.content(),
        "library.json: 32 bytes for alice"
    );

    let inv = fake
        .slash_command(&fake.trainee, channel, "chart", json!([]))
        .await;
    let reply = fake.reply_to(&inv).await;
    assert_eq!(reply.content(), "Your trend");
    assert_eq!(reply.files.len(), 1);
    assert_eq!(
        (
            reply.files[0].filename.as_str(),
            reply.files[0].bytes.as_slice()
        ),
        ("trend.png", CHART)
    );
    assert_eq!(reply.files[0].content_type.as_deref(), Some("image/png"));
    let requests = fake.interaction_requests(&inv);
    assert!(
        requests
            .iter()
            .any(|r| r.files.iter().any(|f| f.bytes == CHART)),
        "the upload is recorded with its bytes"
    );
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn a_guild_added_while_connected_is_served() {
    let (fake, bot) = started().await;
    let second = fake.add_guild("Second Cohort").await;
    fake.wait_until("GUILD_CREATE for the new guild", |s| {
        s.gateway_log
            .iter()
            .any(|g| {
                g.t.as_deref() == Some("GUILD_CREATE")
                    && support::world::id_of(&g.d["id"]) == second.id
            })
            .then_some(())
    })
    .await;
    let inv = fake
        .slash_command(&fake.coach, second.channel_id, "coaching", json!([]))
        .await;
    assert_eq!(fake.reply_to(&inv).await.content(), "welcome, coach");
    assert_eq!(inv.guild_id, second.id);
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn the_dojo_bot_registers_its_commands_globally_or_in_the_dev_guild() {
    let fake = FakeDiscord::start().await;
    let db = tempfile::tempdir().expect("temp dir");
    let app = TestBot::open_app(db.path(), 7);
    let bot = TestBot::start_dojo(&fake, objection_dojo::discord::Data::new(app)).await;
    let global = format!("/api/v10/applications/{}/commands", fake.application_id);
    let names: Vec<String> = objection_dojo::discord::commands()
        .iter()
        .map(|c| c.name.to_string())
        .collect();
    let registered = fake
        .with_state(|s| s.commands.get(&None).cloned())
        .expect("global registration");
    let registered: Vec<&str> = registered
        .iter()
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert_eq!(registered, names);
    assert_eq!(fake.requests_to("PUT", &global).len(), 1);
    bot.stop().await.unwrap();

    let mut settings = TestBot::settings(&fake);
    settings.dev_guild = Some(fake.guild.id);
    let bot = TestBot::start_with(&fake, settings, smoke_bot()).await;
    let in_guild = format!(
        "/api/v10/applications/{}/guilds/{}/commands",
        fake.application_id, fake.guild.id
    );
    assert_eq!(fake.requests_to("PUT", &in_guild).len(), 1);
    assert_eq!(
        fake.requests_to("PUT", &global).len(),
        1,
        "no second global registration"
    );
    bot.stop().await.unwrap();
    fake.assert_clean();
}

#[tokio::test]
async fn the_bot_resumes_after_the_gateway_drops_and_heartbeats_are_acknowledged() {
    let fake = FakeDiscord::start_with(Options { heartbeat_ms: 150 }).await;
    let bot = TestBot::start(&fake, smoke_bot()).await;
    fake.wait_until("a heartbeat ACK", |s| {
        s.gateway_log
            .iter()
            .any(|g| !g.from_bot && g.op == 11)
            .then_some(())
    })
    .await;
    fake.close_gateway(4000);
    fake.wait_until("a RESUME", |s| {
        s.gateway_log
            .iter()
            .any(|g| g.from_bot && g.op == 6)
            .then_some(())
    })
    .await;
    fake.wait_until("RESUMED", |s| {
        s.gateway_log
            .iter()
            .any(|g| g.t.as_deref() == Some("RESUMED"))
            .then_some(())
    })
    .await;
    assert_eq!(
        fake.with_state(|s| s.sessions.len()),
        1,
        "a resume keeps the session"
    );
    let inv = fake
        .slash_command(&fake.trainee, fake.guild.channel_id, "slow", json!([]))
        .await;
    assert_eq!(fake.reply_to(&inv).await.content(), "done thinking");
    bot.stop().await.unwrap();
}

#[tokio::test]
async fn a_restarted_bot_connects_again_and_answers() {
    let (fake, bot) = started().await;
    bot.stop().await.unwrap();
    let again = TestBot::start(&fake, smoke_bot()).await;
    assert_eq!(again.session, 2);
    let inv = fake
        .slash_command(&fake.trainee, fake.guild.channel_id, "tag list", json!([]))
        .await;
    assert_eq!(fake.reply_to(&inv).await.content(), "linkedin, price");
    again.stop().await.unwrap();
}

#[tokio::test]
async fn shutdown_waits_for_a_command_in_flight() {
    let (fake, bot) = started().await;
    let inv = fake
        .slash_command(&fake.trainee, fake.guild.channel_id, "sleepy", json!([]))
        .await;
    fake.wait_until("the defer", |s| {
        s.interactions
            .get(&inv.id)
            .filter(|i| i.acknowledged)
            .map(drop)
    })
    .await;
    bot.stop().await.unwrap();
    let answers = fake.with_state(|s| {
        s.interactions[&inv.id]
            .original
            .and_then(|m| s.world.messages.get(&m).cloned())
    });
    let original = answers.expect("the deferred response exists");
    assert_eq!(
        original.json["content"], "finally awake",
        "the reply was sent before the bot stopped"
    );
    let closed = fake
        .gateway_log()
        .iter()
        .filter(|g| g.from_bot && g.op == 2)
        .count();
    assert_eq!(closed, 1);
}

#[tokio::test]
async fn a_token_discord_refuses_stops_the_bot_with_a_clear_error() {
    let fake = FakeDiscord::start().await;
    let mut settings = TestBot::settings(&fake);
    settings.token = "bm90LXRoZS10b2tlbg.wrong.token".to_string();
    let run = objection_dojo::discord::run_bot(&settings, smoke_bot(), std::future::pending());
    let err = tokio::time::timeout(Duration::from_secs(10), run)
        .await
        .expect("the bot gives up at once")
        .unwrap_err();
    assert!(err.to_string().contains("DISCORD_TOKEN"), "{err:#}");
}

#[tokio::test]
async fn rest_routes_answer_what_serenity_expects() {
    let fake = FakeDiscord::start().await;
    support::bot::init_logs();
    let http = serenity::HttpBuilder::new(fake.token())
        .proxy(fake.api_base())
        .ratelimiter_disabled(true)
        .build();
    let guild = serenity::GuildId::new(fake.guild.id);
    let channel = serenity::ChannelId::new(fake.guild.channel_id);

    let partial = http.get_guild(guild).await.unwrap();
    assert_eq!(partial.name, "Dojo Cohort");
    assert!(partial.roles.values().any(|r| r.name == "Coach"));
    let member = http
        .get_member(guild, serenity::UserId::new(fake.coach.id))
        .await
        .unwrap();
    assert!(member
        .roles
        .contains(&serenity::RoleId::new(fake.guild.coach_role_id)));
    assert_eq!(http.get_guild_roles(guild).await.unwrap().len(), 4);
    let text = http.get_channel(channel).await.unwrap().guild().unwrap();
    assert_eq!(text.name, "sparring");

    let png = b"\x89PNG\r\n\x1a\nfake chart".to_vec();
    let sent = channel
        .send_message(
            &http,
            serenity::CreateMessage::new().content("progress").add_file(
                serenity::CreateAttachment::bytes(png.clone(), "progress.png"),
            ),
        )
        .await
        .unwrap();
    let upload = fake
        .wait_for("the upload", |r| {
            r.is("POST", "/api/v10/channels/*/messages") && !r.files.is_empty()
        })
        .await;
    assert_eq!(upload.files[0].bytes, png);
    assert_eq!(upload.files[0].filename, "progress.png");
    assert_eq!(
        sent.attachments[0].download().await.unwrap(),
        png,
        "attachments are served by the fake"
    );

    let edited = channel
        .edit_message(
            &http,
            sent.id,
            serenity::EditMessage::new().content("progress (edited)"),
        )
        .await
        .unwrap();
    assert!(edited.edited_timestamp.is_some());
    assert_eq!(
        http.get_message(channel, sent.id).await.unwrap().content,
        "progress (edited)"
    );
    let listed = channel
        .messages(&http, serenity::GetMessages::new().limit(10))
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);

    let thread = channel
        .create_thread(&http, serenity::CreateThread::new("private spar"))
        .await
        .unwrap();
    assert_eq!(thread.kind, serenity::ChannelType::PrivateThread);
    thread
        .id
        .add_thread_member(&http, serenity::UserId::new(fake.trainee.id))
        .await
        .unwrap();
    let locked = thread
        .id
        .edit_thread(
            &http,
            serenity::EditThread::new().archived(true).locked(true),
        )
        .await
        .unwrap();
    assert!(locked
        .thread_metadata
        .is_some_and(|m| m.archived && m.locked));
    let public = channel
        .create_thread_from_message(&http, sent.id, serenity::CreateThread::new("discussion"))
        .await
        .unwrap();
    assert_eq!(
        public.id.get(),
        sent.id.get(),
        "a thread from a message takes its id"
    );
    let spec = fake.channel(thread.id.get()).unwrap();
    assert!(spec.thread_members.contains(&fake.trainee.id) && spec.locked);

    let missing = http
        .get_message(channel, serenity::MessageId::new(1))
        .await
        .unwrap_err();
    assert!(missing.to_string().contains("Unknown Message"), "{missing}");
    // Raw requests, past serenity's own checks: the fake enforces Discord's limits.
    let too_long = json!({"content": "x".repeat(2001)});
    let err = http
        .send_message(channel, vec![], &too_long)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Invalid Form Body"), "{err}");
    let empty = http
        .send_message(channel, vec![], &json!({"content": ""}))
        .await
        .unwrap_err();
    assert!(
        empty.to_string().contains("Cannot send an empty message"),
        "{empty}"
    );
    let fields: Vec<_> = (0..26)
        .map(|i| json!({"name": i.to_string(), "value": "v"}))
        .collect();
    let crowded = json!({"embeds": [{"title": "t", "fields": fields}]});
    assert!(http.send_message(channel, vec![], &crowded).await.is_err());
    fake.assert_clean();

    assert!(http.get_channel_webhooks(channel).await.is_err());
    let unknown = fake.unknown_routes();
    assert_eq!(unknown.len(), 1);
    assert!(
        unknown[0].is("GET", "/api/v10/channels/*/webhooks"),
        "{}",
        unknown[0].summary()
    );
}

#[test]
fn recorded_paths_match_patterns_segment_by_segment() {
    use support::recorder::path_matches;
    assert!(path_matches(
        "/api/v10/channels/12/messages",
        "/api/v10/channels/*/messages"
    ));
    assert!(!path_matches(
        "/api/v10/channels/12/messages/3",
        "/api/v10/channels/*/messages"
    ));
    assert!(!path_matches(
        "/api/v10/channels/12/threads",
        "/api/v10/channels/*/messages"
    ));
}
