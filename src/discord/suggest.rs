//! Autocomplete of objection ids (`/spar objection:`, `/score objection:`):
//! the guild's library in the language asked for (or the cohort's first),
//! ranked loosely by [`super::complete`].

use poise::serenity_prelude as serenity;

use super::choices::LangChoice;
use super::complete::{self, Item};
use super::{call, Context};
use crate::app::library::{self, Filter};
use crate::app::AppError;
use crate::lang::Lang;
use crate::library::Objection;

/// The autocomplete callback for an objection id option.
pub async fn objections(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let guild = ctx.guild_id().map_or(0, serenity::GuildId::get);
    let listed = call::raw(&ctx.data().app, "listing objections to suggest", move |a| {
        let all = library::list(a.store(), guild, &Filter::default())?;
        Ok::<_, AppError>((all, a.guild_lang(guild)?))
    })
    .await;
    let (library, cohort) = match listed {
        Ok(Ok(found)) => found,
        Ok(Err(err)) => {
            tracing::warn!(error = %err, guild, "no objection suggestions");
            return complete::nothing();
        }
        Err(err) => {
            tracing::warn!(error = %err, guild, "no objection suggestions");
            return complete::nothing();
        }
    };
    let want = Want {
        only: lang_option(ctx),
        first: cohort,
    };
    let items = items(&library, want);
    complete::response(&complete::rank(partial, &items))
}

/// The `lang` option already filled in, if any.
fn lang_option(ctx: Context<'_>) -> Option<Lang> {
    let poise::Context::Application(app) = ctx else {
        return None;
    };
    app.args.iter().find_map(|o| match (o.name, &o.value) {
        ("lang", serenity::ResolvedValue::Integer(i)) => LangChoice::from_option_index(*i),
        _ => None,
    })
}

/// Which languages to suggest.
#[derive(Debug, Clone, Copy)]
pub struct Want {
    /// Only this language (the user chose one).
    pub only: Option<Lang>,
    /// This language first.
    pub first: Lang,
}

/// The objections to offer, in the order ties are shown: the wanted
/// language first, then by id.
pub fn items(library: &[Objection], want: Want) -> Vec<Item> {
    let mut kept: Vec<&Objection> = library
        .iter()
        .filter(|o| want.only.map_or(true, |l| o.lang == l))
        .collect();
    kept.sort_by(|a, b| (a.lang != want.first, &a.id).cmp(&(b.lang != want.first, &b.id)));
    kept.into_iter()
        .map(|o| Item {
            id: o.id.clone(),
            label: o.text.split_whitespace().collect::<Vec<_>>().join(" "),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::Pushbacks;

    fn objection(id: &str, lang: Lang, text: &str) -> Objection {
        Objection {
            id: id.into(),
            lang,
            text: text.into(),
            tags: Vec::new(),
            difficulty: 1,
            key_concerns: Vec::new(),
            pushbacks: Pushbacks::default(),
            examples: Default::default(),
            counters: Vec::new(),
        }
    }

    fn library() -> Vec<Objection> {
        vec![
            objection(
                "linkedin-is-spam",
                Lang::En,
                "Isn't LinkedIn\njust spam now?",
            ),
            objection(
                "linkedin-foire-aux-pitchs",
                Lang::Fr,
                "LinkedIn, une foire aux pitchs.",
            ),
            objection("too-expensive", Lang::En, "It's too expensive."),
            objection("trop-cher", Lang::Fr, "C'est beaucoup trop cher."),
        ]
    }

    fn ids(items: &[Item]) -> Vec<&str> {
        items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn the_language_asked_for_filters_the_library() {
        let fr = items(
            &library(),
            Want {
                only: Some(Lang::Fr),
                first: Lang::En,
            },
        );
        assert_eq!(ids(&fr), ["linkedin-foire-aux-pitchs", "trop-cher"]);
    }

    #[test]
    fn the_cohorts_language_wins_ties() {
        let lib = library();
        let fr_first = items(
            &lib,
            Want {
                only: None,
                first: Lang::Fr,
            },
        );
        assert_eq!(
            ids(&fr_first),
            [
                "linkedin-foire-aux-pitchs",
                "trop-cher",
                "linkedin-is-spam",
                "too-expensive"
            ]
        );
        let ranked = complete::rank("linkedin", &fr_first);
        assert_eq!(ranked[0].id, "linkedin-foire-aux-pitchs");
        let en_first = items(
            &lib,
            Want {
                only: None,
                first: Lang::En,
            },
        );
        assert_eq!(
            complete::rank("linkedin", &en_first)[0].id,
            "linkedin-is-spam"
        );
        assert_eq!(en_first[0].label, "Isn't LinkedIn just spam now?");
    }
}
