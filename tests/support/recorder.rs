//! What the bot sent the fake, kept in order so tests can assert on it and
//! a failing wait can show everything that happened.

use serde_json::Value;

/// One file of a multipart upload.
#[derive(Debug, Clone)]
pub struct FilePart {
    /// Form field name (`files[0]`).
    pub field: String,
    /// File name.
    pub filename: String,
    /// MIME type, if given.
    pub content_type: Option<String>,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// One REST request the bot made.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Position in the log, from 0.
    pub seq: usize,
    /// HTTP method (`POST`).
    pub method: String,
    /// Path without the query (`/api/v10/channels/1/messages`).
    pub path: String,
    /// Query string, without `?`.
    pub query: String,
    /// The JSON body, or the `payload_json` part of a multipart body.
    pub json: Option<Value>,
    /// Files of a multipart body.
    pub files: Vec<FilePart>,
    /// The status the fake answered.
    pub status: u16,
    /// The fake has no route for this request.
    pub unknown_route: bool,
}

impl Recorded {
    /// Whether this is `method` on a path matching `pattern`, where a `*`
    /// segment matches any one segment (`/api/v10/channels/*/messages`).
    pub fn is(&self, method: &str, pattern: &str) -> bool {
        self.method.eq_ignore_ascii_case(method) && path_matches(&self.path, pattern)
    }

    /// One line for failure dumps.
    pub fn summary(&self) -> String {
        let body = self
            .json
            .as_ref()
            .map(|j| j.to_string())
            .unwrap_or_default();
        let body = if body.chars().count() > 300 {
            format!("{}…", body.chars().take(300).collect::<String>())
        } else {
            body
        };
        let files = if self.files.is_empty() {
            String::new()
        } else {
            let names: Vec<String> = self
                .files
                .iter()
                .map(|f| format!("{} ({} B)", f.filename, f.bytes.len()))
                .collect();
            format!(" files: {}", names.join(", "))
        };
        let query = if self.query.is_empty() {
            String::new()
        } else {
            format!("?{}", self.query)
        };
        format!(
            "#{} {} {}{} -> {} {}{}",
            self.seq, self.method, self.path, query, self.status, body, files
        )
    }
}

/// Whether `path` matches `pattern` segment by segment (`*` matches one segment).
pub fn path_matches(path: &str, pattern: &str) -> bool {
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    let q: Vec<&str> = pattern.trim_matches('/').split('/').collect();
    p.len() == q.len() && p.iter().zip(&q).all(|(a, b)| *b == "*" || a == b)
}

/// One gateway frame, either way.
#[derive(Debug, Clone)]
pub struct GatewayRecord {
    /// Which websocket connection (1, 2, ... in connection order).
    pub connection: u64,
    /// True for frames the bot sent, false for frames the fake sent.
    pub from_bot: bool,
    /// Opcode.
    pub op: u64,
    /// Dispatch name, for op 0.
    pub t: Option<String>,
    /// Payload.
    pub d: Value,
}

impl GatewayRecord {
    /// One line for failure dumps.
    pub fn summary(&self) -> String {
        let dir = if self.from_bot { "bot ->" } else { "-> bot" };
        let name = self.t.as_deref().unwrap_or("");
        format!("conn {} {dir} op {} {name}", self.connection, self.op)
    }
}
