//! Slash command options: builders in Discord's wire format, the check
//! that they match what the bot registered (as Discord's client enforces),
//! nesting under subcommands, and the `resolved` data for users and files.

use serde_json::{json, Map, Value};

use super::fixtures;
use super::world::id_of;
use super::State;

/// Builders for slash command options, in Discord's wire format.
pub mod opt {
    use serde_json::{json, Value};

    use super::super::world::{FakeUser, HostedFile};

    /// A string option.
    pub fn str(name: &str, value: &str) -> Value {
        json!({"name": name, "type": 3, "value": value})
    }

    /// An integer option.
    pub fn int(name: &str, value: i64) -> Value {
        json!({"name": name, "type": 4, "value": value})
    }

    /// A boolean option.
    pub fn bool(name: &str, value: bool) -> Value {
        json!({"name": name, "type": 5, "value": value})
    }

    /// A user option (resolved by the fake).
    pub fn user(name: &str, user: &FakeUser) -> Value {
        json!({"name": name, "type": 6, "value": user.id.to_string()})
    }

    /// A number option.
    pub fn number(name: &str, value: f64) -> Value {
        json!({"name": name, "type": 10, "value": value})
    }

    /// An attachment option for a file hosted with `FakeDiscord::host_file`.
    pub fn attachment(name: &str, file: &HostedFile) -> Value {
        json!({"name": name, "type": 11, "value": file.id.to_string()})
    }

    /// The string option being typed, for autocomplete.
    pub fn focused(name: &str, partial: &str) -> Value {
        json!({"name": name, "type": 3, "value": partial, "focused": true})
    }
}

/// Nests leaf options under their subcommand (and group), after checking
/// them against the registered command.
pub fn wrap_options(
    registered: &Value,
    command: &str,
    provided: Vec<Value>,
    partial: bool,
) -> Vec<Value> {
    let path: Vec<&str> = command.split_whitespace().collect();
    let mut declared = registered["options"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for (depth, part) in path.iter().enumerate().skip(1) {
        let want = if depth == path.len() - 1 { 1 } else { 2 };
        let found = declared
            .iter()
            .find(|o| o["name"] == *part && o["type"] == want)
            .cloned();
        let Some(found) = found else {
            let names: Vec<&Value> = declared.iter().map(|o| &o["name"]).collect();
            panic!("/{command}: `{part}` is not a registered subcommand; declared: {names:?}");
        };
        declared = found["options"].as_array().cloned().unwrap_or_default();
    }
    check_leaf_options(command, &declared, &provided, partial);
    path.iter().skip(1).rev().fold(provided, |inner, part| {
        let kind = if inner.first().is_some_and(|o| o["type"] == 1) {
            2
        } else {
            1
        };
        vec![json!({"name": part, "type": kind, "options": inner})]
    })
}

fn check_leaf_options(command: &str, declared: &[Value], provided: &[Value], partial: bool) {
    for option in provided {
        let matches = declared.iter().find(|d| d["name"] == option["name"]);
        match matches {
            Some(d) if d["type"] == option["type"] => {}
            Some(d) => panic!(
                "/{command}: option `{}` is declared with type {} but given type {}",
                option["name"], d["type"], option["type"]
            ),
            None => {
                let names: Vec<&Value> = declared.iter().map(|d| &d["name"]).collect();
                panic!(
                    "/{command}: no option `{}`; declared: {names:?}",
                    option["name"]
                );
            }
        }
    }
    if partial {
        return;
    }
    for d in declared.iter().filter(|d| d["required"] == true) {
        assert!(
            provided.iter().any(|o| o["name"] == d["name"]),
            "/{command}: required option `{}` missing",
            d["name"]
        );
    }
}

/// The `resolved` map for user and attachment options.
pub fn resolve(state: &State, guild_id: u64, options: &[Value]) -> Value {
    let mut users = Map::new();
    let mut members = Map::new();
    let mut attachments = Map::new();
    // Role and channel options (coach commands): see `coach::resolved`.
    let mut more = Map::new();
    let mut stack: Vec<&Value> = options.iter().collect();
    while let Some(o) = stack.pop() {
        stack.extend(o["options"].as_array().into_iter().flatten());
        let id = id_of(&o["value"]);
        match o["type"].as_u64() {
            Some(6) => {
                let user = state
                    .world
                    .users
                    .get(&id)
                    .unwrap_or_else(|| panic!("user option: no user {id}"));
                users.insert(id.to_string(), fixtures::user(user));
                let mut member = fixtures::member(&state.world, guild_id, id);
                if let Some(m) = member.as_object_mut() {
                    m.remove("user");
                }
                members.insert(id.to_string(), member);
            }
            Some(11) => {
                let f = state
                    .world
                    .files
                    .get(&id)
                    .unwrap_or_else(|| panic!("attachment option: no hosted file {id}"));
                let a = fixtures::attachment(
                    f.id,
                    &f.filename,
                    f.bytes.len(),
                    f.content_type.as_deref(),
                    &f.url,
                );
                attachments.insert(id.to_string(), a);
            }
            Some(kind) => {
                if let Some((key, v)) = super::coach::resolved(state, guild_id, kind, id) {
                    more.entry(key).or_insert_with(|| json!({}))[id.to_string()] = v;
                }
            }
            None => {}
        }
    }
    let mut all = json!({"users": users, "members": members, "attachments": attachments});
    for (key, v) in more {
        all[key] = v;
    }
    all
}
