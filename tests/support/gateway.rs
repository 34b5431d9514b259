//! The fake's gateway: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeat
//! ACKs, RESUME with replay, and dispatching events to connected bots.

use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State as AxumState;
use axum::response::Response;
use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::sync::mpsc;

use super::fixtures;
use super::recorder::GatewayRecord;
use super::{Outgoing, Session, Shared, State, TOKEN};

/// The MESSAGE_CONTENT intent bit: without it Discord blanks message content.
const MESSAGE_CONTENT: u64 = 1 << 15;
/// The GUILD_MESSAGES intent bit: without it no guild MESSAGE_CREATE arrives.
const GUILD_MESSAGES: u64 = 1 << 9;

/// Upgrades `GET /gateway-ws` to a gateway connection.
pub async fn upgrade(AxumState(shared): AxumState<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| connection(shared, socket))
}

async fn connection(shared: Arc<Shared>, socket: WebSocket) {
    let conn = shared.lock().next_connection();
    let (mut sink, mut stream) = socket.split();
    let (tx, mut rx) = mpsc::unbounded_channel::<Outgoing>();
    let writer = tokio::spawn(async move {
        while let Some(out) = rx.recv().await {
            let done = matches!(out, Outgoing::Close(_));
            let msg = match out {
                Outgoing::Frame(v) => Message::Text(v.to_string()),
                Outgoing::Close(code) => Message::Close(Some(CloseFrame {
                    code,
                    reason: "closed by the fake Discord".into(),
                })),
            };
            if sink.send(msg).await.is_err() || done {
                break;
            }
        }
    });
    let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": shared.config.heartbeat_ms}});
    send(&mut shared.lock(), conn, &tx, hello);
    shared.bump();
    while let Some(Ok(msg)) = stream.next().await {
        match msg {
            Message::Text(text) => on_frame(&shared, conn, &tx, &text),
            Message::Close(frame) => {
                let code = frame.map_or(1000, |f| f.code);
                detach(&mut shared.lock(), conn, code == 1000);
                // Echo the close, completing the handshake the bot waits for.
                let _ = tx.send(Outgoing::Close(code));
                break;
            }
            _ => {}
        }
    }
    detach(&mut shared.lock(), conn, false);
    shared.bump();
    drop(tx);
    if tokio::time::timeout(std::time::Duration::from_secs(2), writer)
        .await
        .is_err()
    {
        tracing::warn!(conn, "fake gateway writer did not finish");
    }
}

fn on_frame(shared: &Shared, conn: u64, tx: &mpsc::UnboundedSender<Outgoing>, text: &str) {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        shared.problem(format!(
            "the bot sent a gateway frame that is not JSON: {text}"
        ));
        return;
    };
    let op = frame["op"].as_u64().unwrap_or(u64::MAX);
    let d = frame["d"].clone();
    let mut state = shared.lock();
    state.gateway_log.push(GatewayRecord {
        connection: conn,
        from_bot: true,
        op,
        t: None,
        d: d.clone(),
    });
    match op {
        1 => send(
            &mut state,
            conn,
            tx,
            json!({"op": 11, "s": null, "t": null, "d": null}),
        ),
        2 => identify(&mut state, &shared.config, conn, tx, &d),
        6 => resume(&mut state, conn, tx, &d),
        _ => {}
    }
    drop(state);
    shared.bump();
}

fn identify(
    state: &mut State,
    config: &super::Config,
    conn: u64,
    tx: &mpsc::UnboundedSender<Outgoing>,
    d: &Value,
) {
    let token = d["token"].as_str().unwrap_or("");
    if token.strip_prefix("Bot ").unwrap_or(token) != TOKEN {
        // 4004: authentication failed, as Discord answers a bad token.
        let _ = tx.send(Outgoing::Close(4004));
        return;
    }
    let id = format!("fake-session-{}", state.sessions.len() + 1);
    state.sessions.push(Session {
        id: id.clone(),
        seq: 0,
        sent: Vec::new(),
        intents: d["intents"].as_u64().unwrap_or(0),
        conn: Some((conn, tx.clone())),
        ended: false,
    });
    let index = state.sessions.len() - 1;
    let guild_ids: Vec<u64> = state.world.guilds.iter().map(|g| g.id).collect();
    let ready = fixtures::ready(
        &config.bot,
        config.application_id,
        &guild_ids,
        &id,
        &config.ws_url,
    );
    push_checked(state, index, "READY", ready);
    for guild_id in guild_ids {
        let guild = fixtures::guild_create(&state.world, guild_id);
        push_checked(state, index, "GUILD_CREATE", guild);
    }
}

fn resume(state: &mut State, conn: u64, tx: &mpsc::UnboundedSender<Outgoing>, d: &Value) {
    let id = d["session_id"].as_str().unwrap_or("");
    let seq = d["seq"].as_u64().unwrap_or(0);
    let Some(index) = state.sessions.iter().position(|s| s.id == id && !s.ended) else {
        // Not resumable: serenity identifies again.
        send(
            state,
            conn,
            tx,
            json!({"op": 9, "s": null, "t": null, "d": false}),
        );
        return;
    };
    state.sessions[index].conn = Some((conn, tx.clone()));
    let missed: Vec<Value> = state.sessions[index]
        .sent
        .iter()
        .filter(|f| f["s"].as_u64().unwrap_or(0) > seq)
        .cloned()
        .collect();
    for frame in missed {
        send(state, conn, tx, frame);
    }
    push(state, index, "RESUMED", json!({}));
}

fn detach(state: &mut State, conn: u64, clean: bool) {
    for session in &mut state.sessions {
        if session.conn.as_ref().is_some_and(|(c, _)| *c == conn) {
            session.conn = None;
            session.ended |= clean;
        }
    }
}

fn send(state: &mut State, conn: u64, tx: &mpsc::UnboundedSender<Outgoing>, frame: Value) {
    state.gateway_log.push(GatewayRecord {
        connection: conn,
        from_bot: false,
        op: frame["op"].as_u64().unwrap_or(0),
        t: frame["t"].as_str().map(str::to_string),
        d: frame["d"].clone(),
    });
    let _ = tx.send(Outgoing::Frame(frame));
}

fn push_checked(state: &mut State, index: usize, t: &str, d: Value) {
    if let Err(problem) = fixtures::check_dispatch(t, &d) {
        state.problems.push(problem);
    }
    push(state, index, t, d);
}

/// Sends one dispatch on a session (buffered for replay if it is between connections).
fn push(state: &mut State, index: usize, t: &str, mut d: Value) {
    let session = &mut state.sessions[index];
    if t == "MESSAGE_CREATE" {
        if session.intents & GUILD_MESSAGES == 0 {
            return;
        }
        if session.intents & MESSAGE_CONTENT == 0 {
            d["content"] = json!("");
            d["embeds"] = json!([]);
            d["attachments"] = json!([]);
        }
    }
    session.seq += 1;
    let frame = json!({"op": 0, "s": session.seq, "t": t, "d": d});
    session.sent.push(frame.clone());
    if let Some((conn, tx)) = session.conn.clone() {
        send(state, conn, &tx, frame);
    }
}

/// Dispatches an event to every bot session that may still receive it,
/// after checking that serenity can read it. Returns the number of live
/// connections it went to, or why the payload is unreadable.
pub fn try_dispatch(shared: &Shared, t: &str, d: Value) -> Result<usize, String> {
    fixtures::check_dispatch(t, &d)?;
    let mut state = shared.lock();
    let targets: Vec<usize> = (0..state.sessions.len())
        .filter(|&i| !state.sessions[i].ended)
        .collect();
    let live = targets
        .iter()
        .filter(|&&i| state.sessions[i].conn.is_some())
        .count();
    for index in targets {
        push(&mut state, index, t, d.clone());
    }
    drop(state);
    shared.bump();
    Ok(live)
}

/// [`try_dispatch`] for events the fake itself produces: an unreadable
/// payload is recorded as a problem instead of panicking a server task.
pub fn dispatch(shared: &Shared, t: &str, d: Value) {
    if let Err(problem) = try_dispatch(shared, t, d) {
        shared.problem(problem);
    }
}
