//! `dojo practice` driven by piped stdin through the real binary, then read
//! back with `dojo history --json`: the path a trainee takes offline.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn dojo(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dojo"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("DOJO_DATA")
        .env_remove("DOJO_TURNS")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dojo binary starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the answers");
    let out = child.wait_with_output().expect("dojo finishes");
    assert!(
        out.status.success(),
        "dojo {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn history(db: &Path, trainee: &str) -> Vec<Value> {
    let out = dojo(db, &["history", "--json", "--trainee", trainee], "");
    let json: Value = serde_json::from_slice(&out.stdout).expect("history --json is JSON");
    json.as_array().expect("an array of debates").clone()
}

const EMPATHETIC_EN: [&str; 6] = [
    "You're right that a lot of those messages are spam, and I get why you'd tune them out. What makes the rare message you do answer worth your time?",
    "That's a fair point. One of our clients replaced cold pitches with comments on buyers' posts and their reply rate went from 2% to 11%. How do you usually decide who to talk to?",
    "I hear you, nobody wants another template. The distinction I'd make is between broadcasting and a real conversation about someone's work. What would a useful first message look like to you?",
    "That makes sense, and you're right to be wary. For example, a question about a hiring post you shared is about you, not a product. Which topics would you actually want to discuss with a vendor?",
    "I understand the frustration; it's true that most outreach ignores the profile. Teams that read three posts before writing get twice the answers. What would convince you a message was written for you?",
    "Fair enough, you've seen a lot of bad outreach. In our last cohort, 40% of meetings came from comment threads rather than pitches. What would you need to see to give it a try?",
];

const DISMISSIVE_EN: [&str; 6] = [
    "Seriously? That's a ridiculous thing to say, you clearly don't get how sales works.",
    "Obviously you're wrong. Everyone knows LinkedIn works, stop whining.",
    "Whatever. Just buy the premium plan, it's 20% off this week!!!",
    "NO. YOU ARE NOT LISTENING TO ME.",
    "That's nonsense and you know it.",
    "Come on, be serious for once.",
];

#[test]
fn six_empathetic_answers_win_and_six_dismissive_ones_lose() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let good = EMPATHETIC_EN.join("\n") + "\n";
    let args = [
        "practice",
        "--lang",
        "en",
        "--objection",
        "linkedin-is-spam",
        "--seed",
        "7",
    ];
    let out = dojo(&db, &[&args[..], &["--trainee", "ann"]].concat(), &good);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Debate won"), "no win in:\n{text}");

    let bad = DISMISSIVE_EN.join("\n") + "\n";
    let out = dojo(&db, &[&args[..], &["--trainee", "bob"]].concat(), &bad);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Debate lost"), "no loss in:\n{text}");

    let ann = history(&db, "ann");
    let bob = history(&db, "bob");
    assert_eq!(ann[0]["outcome"], "won", "{ann:#?}");
    assert_eq!(ann[0]["objection_id"], "linkedin-is-spam");
    assert_eq!(bob[0]["outcome"], "lost", "{bob:#?}");
    for debate in ann.iter().chain(&bob) {
        assert_eq!(debate["trainee"], debate["trainee"].as_str().unwrap());
        for turn in debate["turns"].as_array().unwrap() {
            let score = turn["score"].as_u64().expect("every turn has a score");
            assert!(score <= 100);
            assert!(turn["prospect_reply"]
                .as_str()
                .is_some_and(|r| !r.is_empty()));
        }
    }
    let answered: usize = ann
        .iter()
        .map(|d| d["turns"].as_array().unwrap().len())
        .sum();
    assert_eq!(answered, 6, "every piped answer is one turn");
}

#[test]
fn french_practice_and_unfinished_debates_are_recorded_as_abandoned() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let answers = "Vous avez raison, beaucoup de messages ressemblent à du spam. Qu'est-ce qui vous donne envie de répondre à un message ?\n/hint\n";
    let out = dojo(
        &db,
        &[
            "practice",
            "--lang",
            "fr",
            "--objection",
            "linkedin-foire-aux-pitchs",
            "--trainee",
            "chloé",
        ],
        answers,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Débat"), "final card in French:\n{text}");
    let debates = history(&db, "chloé");
    assert_eq!(
        debates.len(),
        1,
        "no empty debate is opened after input ends"
    );
    assert_eq!(debates[0]["outcome"], "abandoned");
    assert_eq!(debates[0]["lang"], "fr");
    assert_eq!(debates[0]["turns"].as_array().unwrap().len(), 1);
}

#[test]
fn seeded_sessions_replay_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let run = |name: &str| {
        let db = dir.path().join(name);
        let out = dojo(
            &db,
            &["practice", "--lang", "en", "--seed", "42", "--trainee", "t"],
            "I hear you. What matters most to you here?\n",
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(run("a"), run("b"));
}
