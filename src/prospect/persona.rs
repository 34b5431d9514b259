//! Who the prospect is: a name, a role and a company drawn from
//! `data/prospect/personas.toml`, and a temperament set by the objection's
//! difficulty that decides how hard they are to win over.

use std::path::Path;

use rand::Rng;
use serde::{Deserialize, Serialize};

use super::data::{self, fill, invalid, pick_line, require_lines, DataError};
use crate::lang::Lang;

const FILE: &str = "personas.toml";
const BUILTIN: &str = include_str!("../../data/prospect/personas.toml");

/// How the prospect greets objections, from the objection's difficulty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Temperament {
    /// Difficulty 1: open, asks to be convinced.
    Curious,
    /// Difficulty 2: wary, has heard it before.
    Guarded,
    /// Difficulty 3: impatient, looking for a reason to hang up.
    Hostile,
}

impl Temperament {
    /// The temperament for an objection of `difficulty` (1 to 3; out-of-range
    /// values clamp to the nearest end).
    pub fn from_difficulty(difficulty: u8) -> Temperament {
        match difficulty {
            0 | 1 => Temperament::Curious,
            2 => Temperament::Guarded,
            _ => Temperament::Hostile,
        }
    }

    /// The temperament as a trainee reads it in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::En, Temperament::Curious) => "curious",
            (Lang::En, Temperament::Guarded) => "guarded",
            (Lang::En, Temperament::Hostile) => "hostile",
            // Nouns, so they agree with any persona.
            (Lang::Fr, Temperament::Curious) => "curiosité",
            (Lang::Fr, Temperament::Guarded) => "méfiance",
            (Lang::Fr, Temperament::Hostile) => "hostilité",
        }
    }
}

/// The prospect in one debate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persona {
    /// Full name (`Dana Whitfield`).
    pub name: String,
    /// Job title (`Head of Sales`).
    pub role: String,
    /// The kind of company, as a phrase (`a 40-person SaaS startup`).
    pub company: String,
    /// How hard they are to win over.
    pub temperament: Temperament,
}

/// Where a temperament starts a debate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disposition {
    /// 0 to 100: how far the prospect is from agreeing to a meeting.
    pub resistance: u8,
    /// How many weak answers they sit through before hanging up.
    pub patience: u8,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Temperaments {
    curious: Disposition,
    guarded: Disposition,
    hostile: Disposition,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Intros {
    curious: Vec<String>,
    guarded: Vec<String>,
    hostile: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cast {
    names: Vec<String>,
    roles: Vec<String>,
    companies: Vec<String>,
    intros: Intros,
}

/// The persona pool and temperaments from `data/prospect/personas.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Personas {
    temperaments: Temperaments,
    en: Cast,
    fr: Cast,
}

impl Personas {
    /// The copy embedded in the binary.
    pub fn builtin() -> Result<Personas, DataError> {
        Personas::load(None)
    }

    /// `dir/prospect/personas.toml` (the `--data` / `DOJO_DATA` directory),
    /// or the built-in copy when that file does not exist.
    pub fn from_dir(dir: &Path) -> Result<Personas, DataError> {
        Personas::load(Some(dir))
    }

    /// Parses and validates TOML text; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Personas, DataError> {
        let personas: Personas = data::parse(file, text)?;
        personas.validate(file)?;
        Ok(personas)
    }

    /// [`Personas::from_dir`] when a data directory is given (`--data` /
    /// `DOJO_DATA`), else [`Personas::builtin`].
    pub fn load(dir: Option<&Path>) -> Result<Personas, DataError> {
        let (file, text) = data::source(dir, FILE, BUILTIN)?;
        Personas::from_toml(&file, &text)
    }

    fn validate(&self, file: &str) -> Result<(), DataError> {
        for t in [
            Temperament::Curious,
            Temperament::Guarded,
            Temperament::Hostile,
        ] {
            let d = self.disposition(t);
            let key = format!("temperaments.{}", t.label(Lang::En));
            if d.resistance > 100 {
                return Err(invalid(
                    file,
                    format!("`{key}.resistance` must be 0 to 100"),
                ));
            }
            if d.patience == 0 {
                return Err(invalid(
                    file,
                    format!("`{key}.patience` must be at least 1"),
                ));
            }
        }
        for lang in Lang::ALL {
            let cast = self.cast(lang);
            let key = |k: &str| format!("{lang}.{k}");
            require_lines(file, &key("names"), &cast.names)?;
            require_lines(file, &key("roles"), &cast.roles)?;
            require_lines(file, &key("companies"), &cast.companies)?;
            require_lines(file, &key("intros.curious"), &cast.intros.curious)?;
            require_lines(file, &key("intros.guarded"), &cast.intros.guarded)?;
            require_lines(file, &key("intros.hostile"), &cast.intros.hostile)?;
        }
        Ok(())
    }

    fn cast(&self, lang: Lang) -> &Cast {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
        }
    }

    /// Where a prospect of this temperament starts.
    pub fn disposition(&self, temperament: Temperament) -> Disposition {
        match temperament {
            Temperament::Curious => self.temperaments.curious,
            Temperament::Guarded => self.temperaments.guarded,
            Temperament::Hostile => self.temperaments.hostile,
        }
    }

    /// Draws a persona speaking `lang` for an objection of `difficulty`.
    pub fn pick(&self, lang: Lang, difficulty: u8, rng: &mut impl Rng) -> Persona {
        let cast = self.cast(lang);
        Persona {
            name: pick_line(&cast.names, rng),
            role: pick_line(&cast.roles, rng),
            company: pick_line(&cast.companies, rng),
            temperament: Temperament::from_difficulty(difficulty),
        }
    }

    /// How `persona` introduces themself in `lang`, before the objection.
    pub fn intro(&self, persona: &Persona, lang: Lang, rng: &mut impl Rng) -> String {
        let intros = &self.cast(lang).intros;
        let pool = match persona.temperament {
            Temperament::Curious => &intros.curious,
            Temperament::Guarded => &intros.guarded,
            Temperament::Hostile => &intros.hostile,
        };
        let vars = [
            ("name", persona.name.as_str()),
            ("role", persona.role.as_str()),
            ("company", persona.company.as_str()),
        ];
        fill(&pick_line(pool, rng), &vars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn builtin_personas_load_and_draw_in_the_requested_language() {
        let personas = Personas::builtin().unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let fr = personas.pick(Lang::Fr, 3, &mut rng);
        assert_eq!(fr.temperament, Temperament::Hostile);
        assert!(personas.fr.names.contains(&fr.name));
        assert!(!personas.en.names.contains(&fr.name));
        let intro = personas.intro(&fr, Lang::Fr, &mut rng);
        assert!(intro.contains(&fr.name) && !intro.contains('{'), "{intro}");
    }

    #[test]
    fn harder_temperaments_start_further_away_with_less_patience() {
        let p = Personas::builtin().unwrap();
        let (c, g, h) = (
            p.disposition(Temperament::Curious),
            p.disposition(Temperament::Guarded),
            p.disposition(Temperament::Hostile),
        );
        assert!(c.resistance < g.resistance && g.resistance < h.resistance);
        assert!(c.patience >= g.patience && g.patience >= h.patience);
    }

    #[test]
    fn difficulty_maps_to_temperament_and_clamps() {
        assert_eq!(Temperament::from_difficulty(0), Temperament::Curious);
        assert_eq!(Temperament::from_difficulty(2), Temperament::Guarded);
        assert_eq!(Temperament::from_difficulty(9), Temperament::Hostile);
    }

    #[test]
    fn an_empty_list_is_reported_with_file_and_key() {
        let start = BUILTIN.find("roles = [").unwrap();
        let end = start + BUILTIN[start..].find(']').unwrap() + 1;
        let text = format!("{}roles = []{}", &BUILTIN[..start], &BUILTIN[end..]);
        let err = Personas::from_toml("mine.toml", &text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine.toml: `en.roles` needs at least one non-empty line"
        );

        let text = BUILTIN.replace("patience = 3", "patience = 0");
        let err = Personas::from_toml("mine.toml", &text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "mine.toml: `temperaments.hostile.patience` must be at least 1"
        );
    }
}
