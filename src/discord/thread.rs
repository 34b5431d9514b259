//! Sparring threads: opened private for the trainee (public, with a note,
//! where a channel does not allow private threads), and archived and locked
//! once the debate is over so the transcript stays as it was.

use poise::serenity_prelude as serenity;

use super::i18n::tr;
use super::BotError;
use crate::lang::Lang;

/// Most characters in a thread name.
const NAME_MAX: usize = 100;

/// Discord error codes meaning "no private thread here": missing access,
/// missing permissions, a guild without the feature, a channel type without
/// private threads.
const PRIVATE_REFUSED: [isize; 4] = [50001, 50013, 20035, 50024];

/// A thread opened for a debate.
#[derive(Debug, Clone, Copy)]
pub struct SparThread {
    /// The thread (and debate) id.
    pub id: serenity::ChannelId,
    /// False when private threads were refused and the thread is public.
    pub private: bool,
}

/// Opens a thread named `name` under `parent` and adds the trainee to it.
pub async fn open(
    http: &serenity::Http,
    parent: serenity::ChannelId,
    name: &str,
    archive_minutes: Option<u16>,
    trainee: serenity::UserId,
    lang: Lang,
) -> Result<SparThread, BotError> {
    let name = super::reply::cut(name, NAME_MAX).into_owned();
    let builder = |kind| {
        let mut b = serenity::CreateThread::new(name.clone()).kind(kind);
        if let Some(m) = archive_minutes {
            b = b.auto_archive_duration(serenity::AutoArchiveDuration::from(m));
        }
        b
    };
    let private = parent
        .create_thread(
            http,
            builder(serenity::ChannelType::PrivateThread).invitable(false),
        )
        .await;
    let (thread, private) = match private {
        Ok(thread) => (thread, true),
        Err(err) if private_refused(&err) => {
            tracing::info!(channel = parent.get(), error = %err, "private thread refused; opening a public one");
            let public = parent
                .create_thread(http, builder(serenity::ChannelType::PublicThread))
                .await
                .map_err(|err| thread_error(err, lang))?;
            (public, false)
        }
        Err(err) => return Err(thread_error(err, lang)),
    };
    thread.id.add_thread_member(http, trainee).await?;
    Ok(SparThread {
        id: thread.id,
        private,
    })
}

/// Archives and locks a finished debate's thread. A failure is logged, not
/// reported: the debate is already over and stored.
pub async fn close(http: &serenity::Http, thread: serenity::ChannelId) {
    let edit = serenity::EditThread::new().archived(true).locked(true);
    if let Err(err) = thread.edit_thread(http, edit).await {
        tracing::warn!(thread = thread.get(), error = %err, "could not archive a finished debate's thread");
    }
}

/// Deletes a thread whose debate could not start, so no empty thread stays.
pub async fn discard(http: &serenity::Http, thread: serenity::ChannelId) {
    if let Err(err) = thread.delete(http).await {
        tracing::warn!(thread = thread.get(), error = %err, "could not delete an unused thread");
    }
}

/// The channel threads open under when a command runs in `channel`: the
/// channel itself, or its parent when it is already a thread (read from
/// the cache when it has the channel).
pub async fn parent_of(
    cache_http: impl serenity::CacheHttp,
    channel: serenity::ChannelId,
) -> Result<serenity::ChannelId, BotError> {
    Ok(match channel.to_channel(cache_http).await?.guild() {
        Some(c) if c.thread_metadata.is_some() => c.parent_id.unwrap_or(c.id),
        Some(c) => c.id,
        None => channel,
    })
}

/// Whether Discord refused a private thread where a public one may work.
pub fn private_refused(err: &serenity::Error) -> bool {
    match err {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) => {
            refused(r.status_code.as_u16(), r.error.code)
        }
        _ => false,
    }
}

fn refused(status: u16, code: isize) -> bool {
    status == 403 || PRIVATE_REFUSED.contains(&code)
}

/// A missing permission is the server's to fix: say which; anything else is ours.
fn thread_error(err: serenity::Error, lang: Lang) -> BotError {
    if private_refused(&err) {
        BotError::user(tr(
            lang,
            "I cannot open a thread in this channel: a server admin must give me the Create Public Threads and Create Private Threads permissions here.",
            "Je ne peux pas ouvrir de fil dans ce salon : un administrateur doit m'y donner les permissions Créer des fils publics et Créer des fils privés.",
        ))
    } else {
        BotError::from(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_that_allow_a_public_thread() {
        assert!(refused(403, 50001));
        assert!(refused(400, 20035));
        assert!(refused(400, 50024));
        assert!(
            !refused(400, 50035),
            "an invalid form is a bug, not a refusal"
        );
        assert!(!refused(500, 0));
        assert!(!private_refused(&serenity::Error::Other("offline")));
    }
}
