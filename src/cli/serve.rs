//! `dojo serve`: checks the bot's settings before anything else, then runs
//! the Discord bot until SIGINT or SIGTERM.

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context as _;

use crate::config::DiscordSettings;
use crate::discord;

/// Arguments of `dojo serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {}

/// Runs `dojo serve`.
pub fn run(g: &super::Globals, _a: ServeArgs) -> anyhow::Result<ExitCode> {
    // A bad token must fail at once, before any store is opened.
    let settings = DiscordSettings::from_env()?;
    let app = super::practice::open_app(g, None)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("could not start the async runtime")?;
    let data = discord::Data::new(Arc::new(app));
    runtime.block_on(discord::run(settings, data, shutdown_signal()))?;
    Ok(ExitCode::SUCCESS)
}

/// Completes on Ctrl-C or, on Unix, SIGTERM (what service managers send).
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
                return;
            }
            Err(err) => tracing::warn!(
                error = %err,
                "cannot listen for SIGTERM; only Ctrl-C stops the bot"
            ),
        }
    }
    if let Err(err) = tokio::signal::ctrl_c().await {
        tracing::error!(error = %err, "cannot listen for Ctrl-C; stopping");
    }
}
