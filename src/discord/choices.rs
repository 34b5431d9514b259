//! Fixed choices offered in slash command options, with their French names.

use crate::lang::Lang;

/// A language option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum LangChoice {
    /// English.
    #[name = "English"]
    #[name_localized("fr", "Anglais")]
    En,
    /// French.
    #[name = "Français"]
    #[name_localized("fr", "Français")]
    Fr,
}

impl From<LangChoice> for Lang {
    fn from(choice: LangChoice) -> Lang {
        match choice {
            LangChoice::En => Lang::En,
            LangChoice::Fr => Lang::Fr,
        }
    }
}

impl LangChoice {
    /// The choice at `index` in the option's list (what Discord sends).
    pub fn from_option_index(index: i64) -> Option<Lang> {
        use poise::ChoiceParameter as _;
        usize::try_from(index)
            .ok()
            .and_then(LangChoice::from_index)
            .map(Lang::from)
    }
}

/// The period a leaderboard covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum Period {
    /// The last 7 days.
    #[name = "week"]
    #[name_localized("fr", "semaine")]
    Week,
    /// The last 30 days.
    #[name = "month"]
    #[name_localized("fr", "mois")]
    Month,
    /// Since the beginning.
    #[name = "all"]
    #[name_localized("fr", "tout")]
    All,
}

/// One day in milliseconds.
const DAY_MS: u64 = 24 * 60 * 60 * 1000;

impl Period {
    /// The earliest debate start (Unix ms) the period includes, `None` for all.
    pub fn since(self, now_ms: u64) -> Option<u64> {
        match self {
            Period::Week => Some(now_ms.saturating_sub(7 * DAY_MS)),
            Period::Month => Some(now_ms.saturating_sub(30 * DAY_MS)),
            Period::All => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_reach_back_a_week_a_month_or_forever() {
        let now = 100 * DAY_MS;
        assert_eq!(Period::Week.since(now), Some(93 * DAY_MS));
        assert_eq!(Period::Month.since(now), Some(70 * DAY_MS));
        assert_eq!(Period::All.since(now), None);
        assert_eq!(Period::Month.since(DAY_MS), Some(0));
    }

    #[test]
    fn language_options_map_by_index() {
        assert_eq!(LangChoice::from_option_index(0), Some(Lang::En));
        assert_eq!(LangChoice::from_option_index(1), Some(Lang::Fr));
        assert_eq!(LangChoice::from_option_index(2), None);
        assert_eq!(LangChoice::from_option_index(-1), None);
    }
}
