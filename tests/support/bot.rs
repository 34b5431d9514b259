//! Runs a bot in-process against the fake, through the same entry points
//! as `dojo serve` (`run_bot` / `run`), with a handle to stop it cleanly or
//! start it again on the same fake (a restart).

use std::sync::Arc;
use std::time::Duration;

use objection_dojo::app::App;
use objection_dojo::config::{DiscordSettings, Settings, DEFAULT_TURNS};
use objection_dojo::discord::{self, Bot};
use objection_dojo::Lang;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use super::FakeDiscord;

/// How long `stop` waits for the bot to finish its work and disconnect.
const STOP_WAIT: Duration = Duration::from_secs(20);

/// A bot running in a task of the test's runtime.
pub struct TestBot {
    shutdown: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
    /// Which gateway session (1-based) this bot opened on the fake.
    pub session: usize,
}

impl TestBot {
    /// Settings pointing a bot at the fake: its token, its API base, global
    /// command registration.
    pub fn settings(fake: &FakeDiscord) -> DiscordSettings {
        DiscordSettings {
            token: fake.token(),
            dev_guild: None,
            api_base: Some(fake.api_base()),
        }
    }

    /// Starts `bot` with [`TestBot::settings`] and waits until it is
    /// connected and has registered its commands.
    pub async fn start<U: Send + Sync + 'static>(fake: &FakeDiscord, bot: Bot<U>) -> TestBot {
        TestBot::start_with(fake, TestBot::settings(fake), bot).await
    }

    /// The Objection Dojo app over a database in `db` (created if needed),
    /// with the built-in data and a fixed seed so debates are reproducible;
    /// open it again on the same directory to simulate a restart.
    pub fn open_app(db: &std::path::Path, seed: u64) -> Arc<App> {
        let settings = Settings {
            db: db.to_path_buf(),
            data: None,
            lang: Lang::En,
            turns: DEFAULT_TURNS,
        };
        Arc::new(App::open(&settings, Some(seed)).expect("open the app on a test database"))
    }

    /// Starts the Objection Dojo bot itself (`discord::run`) with this data.
    pub async fn start_dojo(fake: &FakeDiscord, data: discord::Data) -> TestBot {
        let settings = TestBot::settings(fake);
        TestBot::spawn(fake, move |stop| async move {
            discord::run(settings, data, stop).await
        })
        .await
    }

    /// Starts `bot` with these settings.
    pub async fn start_with<U: Send + Sync + 'static>(
        fake: &FakeDiscord,
        settings: DiscordSettings,
        bot: Bot<U>,
    ) -> TestBot {
        TestBot::spawn(fake, move |stop| async move {
            discord::run_bot(&settings, bot, stop).await
        })
        .await
    }

    async fn spawn<F, Fut>(fake: &FakeDiscord, run: F) -> TestBot
    where
        F: FnOnce(std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>) -> Fut,
        Fut: std::future::Future<Output = anyhow::Result<()>> + Send + 'static,
    {
        init_logs();
        let (sessions, records) = fake.with_state(|s| (s.sessions.len(), s.records.len()));
        let (tx, rx) = oneshot::channel::<()>();
        let stop = Box::pin(async move {
            let _ = rx.await;
        });
        let mut task = tokio::spawn(run(stop));
        let ready = fake.wait_until("the bot to connect and register its commands", |s| {
            let connected =
                s.sessions.len() > sessions && s.sessions[s.sessions.len() - 1].conn.is_some();
            let registered = s.records[records..]
                .iter()
                .any(|r| r.method == "PUT" && r.path.ends_with("/commands"));
            (connected && registered).then_some(s.sessions.len())
        });
        let session = tokio::select! {
            session = ready => session,
            ended = &mut task => panic!("the bot stopped before it was ready: {ended:?}\n{}", fake.dump()),
        };
        TestBot {
            shutdown: Some(tx),
            task,
            session,
        }
    }

    /// Asks the bot to shut down (as SIGTERM would) and waits for it.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match tokio::time::timeout(STOP_WAIT, &mut self.task).await {
            Ok(joined) => joined.expect("the bot task panicked"),
            Err(_) => panic!("the bot did not stop within {STOP_WAIT:?}"),
        }
    }

    /// Whether the bot has stopped by itself.
    pub fn is_finished(&self) -> bool {
        self.task.is_finished()
    }
}

impl Drop for TestBot {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Logs from the bot and the fake, filtered by `RUST_LOG` (default: warnings).
pub fn init_logs() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_test_writer()
        .try_init();
}
