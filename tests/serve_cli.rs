//! `dojo serve` as a user runs it: a missing or malformed token stops it at
//! once with a message naming DISCORD_TOKEN (before any store is opened),
//! and with a good token it connects to a fake Discord and stops cleanly on
//! SIGTERM.

mod support;

use std::path::Path;
use std::process::{Output, Stdio};
use std::time::Duration;

use support::FakeDiscord;

/// `dojo serve` in an empty directory (so no `.env` is picked up) with a
/// database path inside it and only the given Discord variables set.
fn serve(dir: &Path, vars: &[(&str, &str)]) -> tokio::process::Command {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_dojo"));
    cmd.arg("serve")
        .current_dir(dir)
        .env("DOJO_DB", dir.join("db"))
        .env_remove("DISCORD_TOKEN")
        .env_remove("DOJO_DEV_GUILD")
        .env_remove("DOJO_DISCORD_API")
        .env_remove("DOJO_DATA")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd
}

async fn refused(vars: &[(&str, &str)]) -> (Output, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = serve(dir.path(), vars).output();
    let out = tokio::time::timeout(Duration::from_secs(20), run)
        .await
        .expect("dojo serve exits at once")
        .expect("dojo runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out, stderr, dir)
}

#[tokio::test]
async fn without_a_token_serve_fails_naming_discord_token() {
    let (out, stderr, dir) = refused(&[]).await;
    assert!(!out.status.success());
    assert!(stderr.contains("DISCORD_TOKEN is not set"), "{stderr}");
    assert!(
        stderr.contains("discord.com/developers/applications"),
        "says where to get one: {stderr}"
    );
    assert!(
        !dir.path().join("db").exists(),
        "no store is opened before the token is checked"
    );
}

#[tokio::test]
async fn a_malformed_token_is_refused_before_connecting() {
    let (out, stderr, dir) = refused(&[("DISCORD_TOKEN", "hunter2")]).await;
    assert!(!out.status.success());
    assert!(stderr.contains("DISCORD_TOKEN is malformed"), "{stderr}");
    assert!(!dir.path().join("db").exists());
}

#[tokio::test]
async fn a_bad_api_base_names_its_variable() {
    let (out, stderr, _dir) = refused(&[
        ("DISCORD_TOKEN", "a.b.c"),
        ("DOJO_DISCORD_API", "ftp://nowhere"),
    ])
    .await;
    assert!(!out.status.success());
    assert!(stderr.contains("DOJO_DISCORD_API"), "{stderr}");
}

#[cfg(unix)]
#[tokio::test]
async fn serve_connects_to_the_configured_discord_and_stops_on_sigterm() {
    let fake = FakeDiscord::start().await;
    let dir = tempfile::tempdir().expect("temp dir");
    let token = fake.token();
    let base = fake.api_base();
    let child = serve(
        dir.path(),
        &[("DISCORD_TOKEN", &token), ("DOJO_DISCORD_API", &base)],
    )
    .spawn()
    .expect("dojo runs");
    fake.wait_until("dojo serve to connect and register its commands", |s| {
        let connected = s.live_sessions() == 1;
        let registered = s.records.iter().any(|r| {
            r.is(
                "PUT",
                &format!("/api/v10/applications/{}/commands", fake.application_id),
            )
        });
        (connected && registered).then_some(())
    })
    .await;
    let pid = child.id().expect("running").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let out = tokio::time::timeout(Duration::from_secs(20), child.wait_with_output())
        .await
        .expect("dojo serve stops")
        .expect("exit status");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    fake.wait_until("the gateway connection to close", |s| {
        (s.live_sessions() == 0).then_some(())
    })
    .await;
    fake.assert_clean();
}
