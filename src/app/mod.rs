//! The use cases both front ends share, written once: sparring (start a
//! debate, answer, hint, end), progress (history, stats, leaderboard) and
//! library curation. Each runs the domain and the store in the right order
//! (score, advance, persist durably, then hand back what to show).

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::config::Settings;
use crate::lang::Lang;
use crate::library::Objection;
use crate::prospect::{Lines, Personas};
use crate::scoring::Scorer;
use crate::store::Store;

pub mod assign;
mod error;
pub mod guild;
pub mod library;
pub mod progress;
pub mod promote;
pub mod spar;

pub use error::AppError;

/// A guild's library and the revision it was read at.
type CachedLibrary = (u64, Arc<Vec<Objection>>);

/// How many locks debates are spread over: enough that unrelated debates
/// rarely wait on each other, few enough to cost nothing.
const LOCK_STRIPES: usize = 256;

/// The application: the store, the scorer and the prospect's data, shared by
/// every request (it is `Send + Sync`; wrap it in an `Arc`).
pub struct App {
    store: Store,
    scorer: Arc<Scorer>,
    personas: Personas,
    lines: Lines,
    /// Default language for new debates.
    pub lang: Lang,
    /// Default turns per debate.
    pub turns: u8,
    seed: u64,
    /// Draws debate ids: seeded like everything else, so a seeded session
    /// replays with the same ids and therefore the same choices.
    ids: Mutex<ChaCha8Rng>,
    locks: Box<[Mutex<()>]>,
    /// Each guild's library as of a revision: every turn needs it, and
    /// decoding it anew each time would cost more than the turn itself.
    libraries: Mutex<HashMap<u64, CachedLibrary>>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("store", &self.store).finish()
    }
}

impl App {
    /// Opens the database named in `settings`, seeds the built-in library
    /// on first start, and loads the scorer and the prospect's data.
    /// `seed` fixes every random choice (tests, `--seed`); `None` draws one.
    pub fn open(settings: &Settings, seed: Option<u64>) -> Result<App, AppError> {
        let data = settings.data.as_deref();
        let store = Store::open(&settings.db)?;
        App::with_store(store, data, settings, seed)
    }

    /// An app over an already open store (seeded if it was not).
    pub fn with_store(
        store: Store,
        data: Option<&Path>,
        settings: &Settings,
        seed: Option<u64>,
    ) -> Result<App, AppError> {
        library::seed(&store, data)?;
        let seed = seed.unwrap_or_else(rand::random);
        Ok(App {
            store,
            scorer: Arc::new(Scorer::load(data)?),
            personas: Personas::load(data)?,
            lines: Lines::load(data)?,
            lang: settings.lang,
            turns: settings.turns,
            seed,
            ids: Mutex::new(ChaCha8Rng::seed_from_u64(seed)),
            locks: (0..LOCK_STRIPES).map(|_| Mutex::new(())).collect(),
            libraries: Mutex::new(HashMap::new()),
        })
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The scorer.
    pub fn scorer(&self) -> &Scorer {
        &self.scorer
    }

    /// The prospect's stock lines.
    pub fn lines(&self) -> &Lines {
        &self.lines
    }

    /// The library of `guild` (copied from the built-in one on first use),
    /// from the cache unless it changed since.
    pub fn library(&self, guild: u64) -> Result<Arc<Vec<Objection>>, AppError> {
        self.store.ensure_guild(guild)?;
        let revision = self.store.library_revision(guild)?;
        let cached = self
            .libraries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&guild)
            .cloned();
        if let Some((at, library)) = cached.filter(|(at, _)| *at == revision) {
            debug_assert_eq!(at, revision);
            return Ok(library);
        }
        let library = Arc::new(self.store.objections(guild)?);
        self.libraries
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(guild, (revision, Arc::clone(&library)));
        Ok(library)
    }

    /// A generator for one step of one debate: derived from the app seed,
    /// the debate and the step, so a seeded run replays exactly and a
    /// restarted bot keeps each debate's choices independent.
    fn rng_for(&self, debate_id: &str, step: usize) -> ChaCha8Rng {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (self.seed, debate_id, step).hash(&mut h);
        ChaCha8Rng::seed_from_u64(h.finish())
    }

    /// A debate id not yet used in `guild`.
    fn new_debate_id(&self, guild: u64) -> Result<String, AppError> {
        let mut ids = self.ids.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            let id = format!("{:016x}", ids.gen::<u64>());
            // A seeded run over an old database replays old ids: skip them
            // rather than overwrite that history.
            if self.store.debate(guild, &id)?.is_none() {
                return Ok(id);
            }
        }
    }

    /// Serialises read-modify-write of one debate (two messages sent at once
    /// must not both advance the same turn).
    fn lock_debate(&self, guild: u64, debate_id: &str) -> MutexGuard<'_, ()> {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        (guild, debate_id).hash(&mut h);
        let stripe = (h.finish() % LOCK_STRIPES as u64) as usize;
        // A panic while holding the lock poisons it but leaves no half-written
        // state (the store write is atomic), so the lock is still good.
        self.locks[stripe]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// An app over a temporary store with the seed library and the given RNG
/// seed, for the use cases' unit tests.
#[cfg(test)]
pub(crate) fn test_app(seed: u64) -> App {
    let settings = Settings::from_lookup(|_| None).expect("default settings always parse");
    App::with_store(
        Store::open_temporary().expect("store"),
        None,
        &settings,
        Some(seed),
    )
    .expect("app")
}
