//! The bot's gateway event handler: a trainee's message in a sparring
//! thread, a click on a debate's button. Each runs in its own task so that
//! a panic is caught here, logged and answered generically, and never
//! reaches the gateway loop. Other front-end features add their arms here.

use anyhow::anyhow;
use poise::serenity_prelude as serenity;

use super::{answer, buttons, clicks, coach_buttons, BotError, Data};

/// The event handler given to the framework.
pub fn handle<'a>(
    framework: poise::FrameworkContext<'a, Data, BotError>,
    event: &'a serenity::FullEvent,
) -> poise::BoxFuture<'a, Result<(), BotError>> {
    Box::pin(async move {
        let work = match event {
            serenity::FullEvent::Message { new_message } if !new_message.author.bot => {
                Work::Message(Box::new(new_message.clone()))
            }
            serenity::FullEvent::InteractionCreate {
                interaction: serenity::Interaction::Component(click),
            } if buttons::parse(&click.data.custom_id).is_some() => {
                Work::Click(Box::new(click.clone()))
            }
            serenity::FullEvent::InteractionCreate { interaction }
                if coach_buttons::is_ours(interaction) =>
            {
                Work::Coach(Box::new(interaction.clone()))
            }
            _ => return Ok(()),
        };
        let ctx = framework.serenity_context.clone();
        let data = framework.user_data.clone();
        let task = tokio::spawn(async move {
            match work {
                Work::Message(msg) => answer::on_message(&ctx, &data, &msg).await,
                Work::Click(click) => clicks::on_click(&ctx, &data, &click).await,
                Work::Coach(it) => coach_buttons::on_interaction(&ctx, &data, &it)
                    .await
                    .map(drop),
            }
        });
        match task.await {
            Ok(result) => result,
            Err(join) if join.is_panic() => Err(BotError::Internal(anyhow!(
                "the {} handler panicked: {}",
                event.snake_case_name(),
                panic_text(join.into_panic())
            ))),
            Err(join) => Err(BotError::Internal(anyhow!(
                "the {} handler was cancelled: {join}",
                event.snake_case_name()
            ))),
        }
    })
}

/// What one event asks the bot to do.
enum Work {
    Message(Box<serenity::Message>),
    Click(Box<serenity::ComponentInteraction>),
    /// A coach command's button or form (`coach_buttons`).
    Coach(Box<serenity::Interaction>),
}

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => *s,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or_else(|| "(no message)".to_string(), |s| (*s).to_string()),
    }
}
