//! The fake's REST side: one handler records every request, routes it by
//! path segments, and answers with Discord-shaped JSON. Unknown routes are
//! recorded and answered 404 so a test can see what the bot needed.

mod channels;
mod interactions;
mod messages;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request, State as AxumState};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::{json, Value};

use super::fixtures;
use super::gateway;
use super::recorder::{FilePart, Recorded};
use super::world::{HostedFile, World};
use super::{Config, Shared, State, TOKEN};

/// The fake's HTTP app: the gateway upgrade and every REST route.
pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/gateway-ws", get(gateway::upgrade))
        .fallback(handle)
        .layer(DefaultBodyLimit::max(32 * 1024 * 1024))
        .with_state(shared)
}

/// A parsed request.
pub struct Call {
    /// HTTP method.
    pub method: String,
    /// Path segments after `/api/v10/`.
    pub segments: Vec<String>,
    /// Query string.
    pub query: String,
    /// JSON body or multipart `payload_json`.
    pub json: Option<Value>,
    /// Uploaded files.
    pub files: Vec<FilePart>,
}

impl Call {
    /// The JSON body, or `null`.
    pub fn body(&self) -> &Value {
        self.json.as_ref().unwrap_or(&Value::Null)
    }

    /// A query parameter.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }
}

/// An answer.
pub enum Reply {
    /// JSON with a status.
    Json(u16, Value),
    /// No body.
    Empty(u16),
    /// File bytes.
    File(Option<String>, Vec<u8>),
}

impl Reply {
    /// 200 with JSON.
    pub fn ok(v: Value) -> Reply {
        Reply::Json(200, v)
    }

    /// A Discord error body (`{"code", "message"}`).
    pub fn error(status: u16, code: u64, message: &str) -> Reply {
        Reply::Json(status, json!({"code": code, "message": message}))
    }

    fn status(&self) -> u16 {
        match self {
            Reply::Json(s, _) | Reply::Empty(s) => *s,
            Reply::File(..) => 200,
        }
    }
}

/// What a route handler works with.
pub struct Ctx<'a> {
    /// The state, locked.
    pub state: &'a mut State,
    /// Fixed facts.
    pub config: &'a Config,
    /// Gateway events to send once the lock is released.
    pub events: Vec<(String, Value)>,
    /// Faults of the fake, recorded once the lock is released.
    pub problems: Vec<String>,
}

impl Ctx<'_> {
    /// Queues a gateway dispatch.
    pub fn emit(&mut self, t: &str, d: Value) {
        self.events.push((t.to_string(), d));
    }

    /// Checks a response with serenity's type `T` before it is sent.
    pub fn checked<T: serde::de::DeserializeOwned>(&mut self, what: &str, v: Value) -> Reply {
        match fixtures::validate::<T>(what, &v) {
            Ok(_) => Reply::ok(v),
            Err(problem) => {
                self.problems.push(problem.clone());
                Reply::error(500, 0, &problem)
            }
        }
    }
}

async fn handle(AxumState(shared): AxumState<Arc<Shared>>, req: Request) -> Response {
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let query = req.uri().query().unwrap_or("").to_string();
    let auth_ok = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bot {TOKEN}"));
    let (json, files) = match read_body(req).await {
        Ok(body) => body,
        Err(problem) => {
            shared.problem(format!("{method} {path}: {problem}"));
            (None, Vec::new())
        }
    };
    let segments: Vec<String> = path
        .strip_prefix("/api/v10/")
        .map(|p| p.split('/').map(str::to_string).collect())
        .unwrap_or_default();
    let call = Call {
        method: method.clone(),
        segments,
        query: query.clone(),
        json,
        files,
    };

    let (reply, events, problems, unknown) = {
        let mut state = shared.lock();
        let mut ctx = Ctx {
            state: &mut state,
            config: &shared.config,
            events: Vec::new(),
            problems: Vec::new(),
        };
        let (reply, unknown) = if let Some(rest) = path.strip_prefix("/fake-cdn/attachments/") {
            (serve_file(ctx.state, rest), false)
        } else if call.segments.is_empty() {
            (unknown_route(), true)
        } else if !auth_ok && call.segments != ["gateway"] {
            // Like Discord, `GET /gateway` is the one route that needs no token.
            (Reply::error(401, 0, "401: Unauthorized"), false)
        } else {
            match route(&mut ctx, &call) {
                Some(reply) => (reply, false),
                None => (unknown_route(), true),
            }
        };
        let (events, problems) = (ctx.events, ctx.problems);
        let seq = state.records.len();
        state.records.push(Recorded {
            seq,
            method,
            path: path.clone(),
            query,
            json: call.json,
            files: call.files,
            status: reply.status(),
            unknown_route: unknown,
        });
        (reply, events, problems, unknown)
    };
    if unknown {
        tracing::warn!(%path, "fake Discord has no route for this request");
    }
    for problem in problems {
        shared.problem(problem);
    }
    for (t, d) in events {
        gateway::dispatch(&shared, &t, d);
    }
    shared.bump();
    respond(reply)
}

fn unknown_route() -> Reply {
    Reply::error(404, 0, "404: Not Found (no such route in the fake Discord)")
}

fn respond(reply: Reply) -> Response {
    match reply {
        Reply::Json(status, v) => (code(status), axum::Json(v)).into_response(),
        Reply::Empty(status) => code(status).into_response(),
        Reply::File(content_type, bytes) => {
            let ct = content_type.unwrap_or_else(|| "application/octet-stream".into());
            ([(header::CONTENT_TYPE, ct)], bytes).into_response()
        }
    }
}

fn code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

async fn read_body(req: Request) -> Result<(Option<Value>, Vec<FilePart>), String> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if content_type.starts_with("multipart/form-data") {
        return read_multipart(req).await;
    }
    let bytes = Bytes::from_request(req, &())
        .await
        .map_err(|e| e.to_string())?;
    if bytes.is_empty() {
        return Ok((None, Vec::new()));
    }
    let json = serde_json::from_slice(&bytes).map_err(|e| format!("body is not JSON: {e}"))?;
    Ok((Some(json), Vec::new()))
}

async fn read_multipart(req: Request) -> Result<(Option<Value>, Vec<FilePart>), String> {
    let mut form = Multipart::from_request(req, &())
        .await
        .map_err(|e| e.to_string())?;
    let mut json = None;
    let mut files = Vec::new();
    while let Some(field) = form.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or("").to_string();
        let filename = field.file_name().map(str::to_string);
        let content_type = field.content_type().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| e.to_string())?;
        match filename {
            None if name == "payload_json" => {
                json = Some(
                    serde_json::from_slice(&bytes)
                        .map_err(|e| format!("payload_json is not JSON: {e}"))?,
                );
            }
            None => return Err(format!("unexpected multipart text field `{name}`")),
            Some(filename) => files.push(FilePart {
                field: name,
                filename,
                content_type,
                bytes: bytes.to_vec(),
            }),
        }
    }
    Ok((json, files))
}

/// Stores a file and returns where it is served.
pub fn host(
    world: &mut World,
    api_base: &str,
    id: u64,
    filename: &str,
    content_type: Option<String>,
    bytes: Vec<u8>,
) -> HostedFile {
    let file = HostedFile {
        id,
        filename: filename.to_string(),
        content_type: content_type.or_else(|| guess_type(filename)),
        url: format!("{api_base}/fake-cdn/attachments/{id}/{filename}"),
        bytes,
    };
    world.files.insert(id, file.clone());
    file
}

fn guess_type(filename: &str) -> Option<String> {
    let ext = filename.rsplit_once('.')?.1.to_ascii_lowercase();
    Some(
        match ext.as_str() {
            "png" => "image/png",
            "json" => "application/json",
            "txt" => "text/plain; charset=utf-8",
            _ => return None,
        }
        .to_string(),
    )
}

fn serve_file(state: &State, rest: &str) -> Reply {
    let id = rest.split('/').next().and_then(|s| s.parse::<u64>().ok());
    match id.and_then(|id| state.world.files.get(&id)) {
        Some(f) => Reply::File(f.content_type.clone(), f.bytes.clone()),
        None => Reply::error(404, 0, "404: Not Found"),
    }
}

/// Routes a request under `/api/v10/`; `None` when no route matches.
fn route(ctx: &mut Ctx<'_>, call: &Call) -> Option<Reply> {
    let segs: Vec<&str> = call.segments.iter().map(String::as_str).collect();
    let m = call.method.as_str();
    let reply = match (m, segs.as_slice()) {
        ("GET", ["gateway"]) => Reply::ok(json!({"url": ctx.config.ws_url})),
        ("GET", ["gateway", "bot"]) => Reply::ok(json!({
            "url": ctx.config.ws_url, "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1},
        })),
        ("GET", ["users", "@me"]) => {
            let bot = fixtures::user(&ctx.config.bot);
            ctx.checked::<serenity::model::user::CurrentUser>("current user", bot)
        }
        ("GET", ["users", id]) => match id
            .parse()
            .ok()
            .and_then(|id: u64| ctx.state.world.users.get(&id))
        {
            Some(u) => Reply::ok(fixtures::user(u)),
            None => Reply::error(404, 10013, "Unknown User"),
        },
        ("GET", ["oauth2", "applications", "@me"]) => {
            let info = fixtures::application_info(
                ctx.config.application_id,
                &ctx.config.bot,
                &ctx.config.owner,
            );
            ctx.checked::<serenity::model::application::CurrentApplicationInfo>(
                "application info",
                info,
            )
        }
        (_, ["applications", app, rest @ ..]) if *app == ctx.config.application_id.to_string() => {
            commands(ctx, call, rest)?
        }
        (_, ["interactions", id, token, "callback"]) if m == "POST" => {
            interactions::callback(ctx, call, id, token)
        }
        (_, ["webhooks", _app, token]) if m == "POST" => interactions::followup(ctx, call, token),
        (_, ["webhooks", _app, token, "messages", message]) => {
            interactions::webhook_message(ctx, call, token, message)?
        }
        (_, ["channels", channel, rest @ ..]) => channels::route(ctx, call, channel, rest)?,
        (_, ["guilds", guild, rest @ ..]) if m == "GET" => guild_route(ctx, guild, rest)?,
        _ => return None,
    };
    Some(reply)
}

/// `PUT`/`GET` of global and guild commands (bulk overwrite and list).
fn commands(ctx: &mut Ctx<'_>, call: &Call, rest: &[&str]) -> Option<Reply> {
    let scope = match rest {
        ["commands"] => None,
        ["guilds", g, "commands"] => Some(g.parse::<u64>().ok()?),
        _ => return None,
    };
    match call.method.as_str() {
        "PUT" => {
            let payloads = call.body().as_array().cloned().unwrap_or_default();
            let registered: Vec<Value> = payloads
                .iter()
                .map(|p| {
                    let id = ctx.state.next_id();
                    fixtures::registered_command(p, id, ctx.config.application_id, scope)
                })
                .collect();
            ctx.state.commands.insert(scope, registered.clone());
            Some(ctx.checked::<Vec<serenity::model::application::Command>>(
                "command list",
                json!(registered),
            ))
        }
        "GET" => Some(Reply::ok(json!(ctx
            .state
            .commands
            .get(&scope)
            .cloned()
            .unwrap_or_default()))),
        _ => None,
    }
}

fn guild_route(ctx: &mut Ctx<'_>, guild: &str, rest: &[&str]) -> Option<Reply> {
    let guild_id: u64 = guild.parse().ok()?;
    let world = &ctx.state.world;
    if world.guild(guild_id).is_none() {
        return Some(Reply::error(404, 10004, "Unknown Guild"));
    }
    let reply = match rest {
        [] => {
            let g = fixtures::partial_guild(world, guild_id);
            ctx.checked::<serenity::model::guild::PartialGuild>("guild", g)
        }
        ["roles"] => {
            let roles: Vec<Value> = world
                .guild(guild_id)?
                .roles
                .iter()
                .map(fixtures::role)
                .collect();
            ctx.checked::<Vec<serenity::model::guild::Role>>("role list", json!(roles))
        }
        ["members", user] => {
            let user_id: u64 = user.parse().ok()?;
            if world.member(guild_id, user_id).is_none() {
                return Some(Reply::error(404, 10007, "Unknown Member"));
            }
            let member = fixtures::member(world, guild_id, user_id);
            ctx.checked::<serenity::model::guild::Member>("member", member)
        }
        ["channels"] => {
            let list: Vec<Value> = world
                .channels
                .values()
                .filter(|c| c.guild_id == guild_id && !c.is_thread())
                .map(fixtures::channel)
                .collect();
            ctx.checked::<Vec<serenity::model::channel::GuildChannel>>("channel list", json!(list))
        }
        _ => return None,
    };
    Some(reply)
}
