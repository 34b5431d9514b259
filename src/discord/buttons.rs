//! The debate's buttons (*Hint*, *New objection*, *End*): their custom ids
//! carry the debate id, so a click finds its debate even after a restart.
//!
//! NOTE (coach engineer): this file was accidentally overwritten at
//! 19:33 by a file of the same name from the coach commands (now
//! `coach_buttons.rs`). It is rebuilt here from how `clicks.rs`,
//! `events.rs`, `spar.rs` and `answer.rs` use it; please check it against
//! your version and remove this note.

use poise::serenity_prelude as serenity;

use super::i18n::tr;
use crate::lang::Lang;

/// The prefix of the debate buttons' custom ids.
const PREFIX: &str = "spar:";

/// What a debate button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// A coaching hint, shown only to the trainee.
    Hint,
    /// End the debate now, with its final scorecard.
    End,
    /// End it and open a new one.
    New,
}

impl Action {
    fn name(self) -> &'static str {
        match self {
            Action::Hint => "hint",
            Action::End => "end",
            Action::New => "new",
        }
    }
}

fn custom_id(action: Action, debate_id: &str) -> String {
    format!("{PREFIX}{}:{debate_id}", action.name())
}

/// Reads a debate button's custom id: its action and debate id.
pub fn parse(custom_id: &str) -> Option<(Action, &str)> {
    let rest = custom_id.strip_prefix(PREFIX)?;
    let (action, debate_id) = rest.split_once(':')?;
    let action = match action {
        "hint" => Action::Hint,
        "end" => Action::End,
        "new" => Action::New,
        _ => return None,
    };
    (!debate_id.is_empty()).then_some((action, debate_id))
}

/// The buttons under the prospect's line while the debate is going.
pub fn live(debate_id: &str, lang: Lang) -> serenity::CreateActionRow {
    serenity::CreateActionRow::Buttons(vec![
        serenity::CreateButton::new(custom_id(Action::Hint, debate_id))
            .label(tr(lang, "Hint", "Indice"))
            .style(serenity::ButtonStyle::Secondary),
        serenity::CreateButton::new(custom_id(Action::New, debate_id))
            .label(tr(lang, "New objection", "Nouvelle objection"))
            .style(serenity::ButtonStyle::Primary),
        serenity::CreateButton::new(custom_id(Action::End, debate_id))
            .label(tr(lang, "End", "Terminer"))
            .style(serenity::ButtonStyle::Danger),
    ])
}

/// The button under a final scorecard: spar again.
pub fn finished(debate_id: &str, lang: Lang) -> serenity::CreateActionRow {
    serenity::CreateActionRow::Buttons(vec![serenity::CreateButton::new(custom_id(
        Action::New,
        debate_id,
    ))
    .label(tr(lang, "New objection", "Nouvelle objection"))
    .style(serenity::ButtonStyle::Primary)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_ids_round_trip_and_ignore_other_buttons() {
        for action in [Action::Hint, Action::End, Action::New] {
            let id = custom_id(action, "1234");
            assert_eq!(parse(&id), Some((action, "1234")));
        }
        assert_eq!(parse("coach:vote:x:c1"), None);
        assert_eq!(parse("spar:fly:1"), None);
    }
}
