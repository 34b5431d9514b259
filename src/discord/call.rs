//! Runs a use case off the async runtime (App methods block: each write
//! fsyncs) and turns its error into what the user sees: a user error in
//! their language, or an internal fault with context for the log.

use std::sync::Arc;

use anyhow::anyhow;

use super::BotError;
use crate::app::library::LibraryError;
use crate::app::{App, AppError};
use crate::lang::Lang;
use crate::prospect::DebateError;

/// Runs `f` on the blocking pool with the app; `what` names the use case in logs.
pub async fn app<T, F>(app: &Arc<App>, lang: Lang, what: &'static str, f: F) -> Result<T, BotError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
{
    raw(app, what, f)
        .await?
        .map_err(|err| bot_error(err, lang, what))
}

/// Like [`app`] but hands back the app's error, for callers that treat
/// some errors (an unknown debate) as normal.
pub async fn raw<T, F>(
    app: &Arc<App>,
    what: &'static str,
    f: F,
) -> Result<Result<T, AppError>, BotError>
where
    T: Send + 'static,
    F: FnOnce(&App) -> Result<T, AppError> + Send + 'static,
{
    let app = Arc::clone(app);
    tokio::task::spawn_blocking(move || f(&app))
        .await
        .map_err(|join| BotError::Internal(anyhow!("{what} did not finish: {join}")))
}

/// The bot error for a failed use case.
pub fn bot_error(err: AppError, lang: Lang, what: &'static str) -> BotError {
    if err.is_user_error() {
        BotError::User(user_message(&err, lang))
    } else {
        BotError::Internal(anyhow::Error::new(err).context(what))
    }
}

/// The message for a user error, in `lang` where a translation exists
/// (the app's own messages are English).
pub fn user_message(err: &AppError, lang: Lang) -> String {
    if lang == Lang::En {
        return english(err);
    }
    match err {
        AppError::NoObjection(l) => format!(
            "La bibliothèque n'a pas encore d'objection en {} : demandez à un coach d'en ajouter une.",
            l.code()
        ),
        AppError::NoDebate(_) => {
            "Il n'y a pas de débat ici : lancez-en un avec /spar.".to_string()
        }
        AppError::NotYourDebate => {
            "Ce débat appartient à quelqu'un d'autre : lancez le vôtre avec /spar.".to_string()
        }
        AppError::EmptyAnswer | AppError::Debate(DebateError::EmptyAnswer) => {
            "La réponse est vide : écrivez ce que vous diriez au prospect.".to_string()
        }
        AppError::AnswerTooLong { max } | AppError::Debate(DebateError::AnswerTooLong { max, .. }) => {
            format!("La réponse est trop longue : tenez-vous-en à ce que vous diriez à voix haute ({max} octets au plus).")
        }
        AppError::Debate(DebateError::Ended(o)) => format!(
            "Ce débat est terminé ({}) : lancez-en un autre avec /spar.",
            o.label(Lang::Fr)
        ),
        AppError::Library(LibraryError::NotFound(id)) => format!(
            "Aucune objection « {id} » dans la bibliothèque : choisissez-en une dans la liste proposée."
        ),
        other => english(other),
    }
}

/// The app's message with a capital letter, as a sentence.
fn english(err: &AppError) -> String {
    let text = match err {
        AppError::NoDebate(_) => "there is no debate here: start one with /spar".to_string(),
        AppError::Library(LibraryError::NotFound(id)) => {
            format!("no objection \"{id}\" in this library: pick one from the suggestions")
        }
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let sentence = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    };
    if sentence.ends_with(['.', '!', '?']) {
        sentence
    } else {
        format!("{sentence}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prospect::Outcome;

    #[test]
    fn user_errors_read_as_sentences_in_the_users_language() {
        assert_eq!(
            user_message(&AppError::NotYourDebate, Lang::En),
            "This debate belongs to another trainee: start your own."
        );
        let ended = AppError::Debate(DebateError::Ended(Outcome::Won));
        assert!(user_message(&ended, Lang::Fr).contains("gagné"));
        let missing = AppError::Library(LibraryError::NotFound("x".into()));
        assert!(user_message(&missing, Lang::Fr).contains("« x »"));
        assert!(user_message(&missing, Lang::En).starts_with("No objection \"x\""));
    }

    #[test]
    fn internal_errors_keep_their_context_for_the_log() {
        let err = AppError::Store(crate::store::StoreError::Database("disk gone".into()));
        match bot_error(err, Lang::En, "answering") {
            BotError::Internal(e) => assert!(format!("{e:#}").starts_with("answering")),
            BotError::User(m) => panic!("reported to the user: {m}"),
        }
    }
}
