//! The real `dojo` binary: `score --jsonl` answers every input line with
//! exactly one output line, in order, whatever the line holds; `score
//! --json` and `eval` work end to end.

use std::io::Write;
use std::process::{Command, Stdio};

fn dojo() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dojo"));
    cmd.env_remove("DOJO_DATA").env("RUST_LOG", "off");
    cmd
}

/// `dojo score --jsonl` with all three streams piped.
fn spawn_jsonl() -> std::process::Child {
    dojo()
        .args(["score", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dojo starts")
}

fn run_jsonl(input: &str) -> (Vec<serde_json::Value>, bool) {
    let mut child = spawn_jsonl();
    let mut stdin = child.stdin.take().expect("stdin piped");
    let owned = input.to_string();
    let writer = std::thread::spawn(move || stdin.write_all(owned.as_bytes()));
    let out = child.wait_with_output().expect("dojo finishes");
    writer
        .join()
        .expect("writer thread")
        .expect("input written");
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    let lines = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (lines, out.status.success())
}

#[test]
fn jsonl_gives_one_line_per_input_line_in_order() {
    let big = "I understand your concern, what matters most to you? ".repeat(4_000);
    assert!(big.len() > 200_000);
    let inputs = [
        serde_json::json!({"answer": "You're right. What would you need to see?", "objection": "Too expensive.", "lang": "en"}).to_string(),
        String::new(),
        "this is not json".to_string(),
        serde_json::json!({"answer": big}).to_string(),
        serde_json::json!({"answer": "🙂🔥👍🏽"}).to_string(),
        serde_json::json!({"answer": "\u{200B}\u{200D}"}).to_string(),
        serde_json::json!({"objection": "no answer field"}).to_string(),
        serde_json::json!({"answer": ""}).to_string(),
        serde_json::json!({"answer": "Vous avez raison.", "lang": "de"}).to_string(),
        serde_json::json!({"id": "x7", "answer": "Vous avez raison, qu'est-ce qui compte pour vous ?"}).to_string(),
        "   ".to_string(),
        serde_json::json!({"answer": "Obviously you did it wrong!!!", "lang": "en"}).to_string(),
    ];
    let mut input = inputs.join("\n");
    input.push('\n');
    let (lines, ok) = run_jsonl(&input);
    assert!(ok, "exit status");
    assert_eq!(lines.len(), inputs.len());
    let is_error = |i: usize| lines[i].get("error").is_some();
    let expected_errors = [1, 2, 5, 6, 7, 8, 10];
    for (i, line) in lines.iter().enumerate() {
        if expected_errors.contains(&i) {
            let msg = line["error"].as_str().expect("error message");
            assert!(msg.starts_with(&format!("line {}:", i + 1)), "{msg}");
        } else {
            assert!(!is_error(i), "line {}: {line}", i + 1);
            for key in ["score", "level", "band", "lang", "cues", "tips"] {
                assert!(line.get(key).is_some(), "line {} lacks {key}", i + 1);
            }
        }
    }
    assert!(lines[0]["level"].as_u64() >= Some(4));
    assert_eq!(lines[9]["id"], "x7");
    assert_eq!(lines[9]["lang"], "fr");
    assert!(lines[11]["level"].as_u64() <= Some(2));
}

#[test]
fn jsonl_without_a_final_newline_still_answers_the_last_line() {
    let (lines, ok) = run_jsonl("{\"answer\": \"ok\"}\n{\"answer\": \"Sure.\"}");
    assert!(ok);
    assert_eq!(lines.len(), 2);
}

#[test]
fn jsonl_keeps_order_and_line_numbers_across_many_blocks() {
    // About 600 KB: more than two blocks of 256 KB, scored on every core.
    let lines: Vec<String> = (0..4_000)
        .map(|i| match i % 700 {
            699 => "not json".to_string(),
            _ => serde_json::json!({
                "id": i,
                "answer": format!("Fair point about the price, answer {i}. What would make it worth it for you?"),
                "objection": "It's too expensive.",
                "lang": "en",
            })
            .to_string(),
        })
        .collect();
    let (out, ok) = run_jsonl(&(lines.join("\r\n") + "\r\n"));
    assert!(ok);
    assert_eq!(out.len(), lines.len());
    for (i, line) in out.iter().enumerate() {
        if i % 700 == 699 {
            let error = line["error"].as_str().unwrap_or_default();
            assert!(error.starts_with(&format!("line {}: ", i + 1)), "{error}");
        } else {
            assert_eq!(line["id"], i, "output {i} is out of order");
            assert!(line["level"].as_u64() >= Some(3), "{line}");
        }
    }
}

#[test]
fn jsonl_answers_each_line_as_it_arrives() {
    use std::io::BufRead;
    let mut child = dojo()
        .args(["score", "--jsonl"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("dojo starts");
    let mut stdin = child.stdin.take().expect("stdin piped");
    let stdout = child.stdout.take().expect("stdout piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout).lines() {
            let _ = tx.send(line.expect("utf-8 output"));
        }
    });
    // Each answer must come back while stdin is still open, as for a
    // program that talks to dojo one line at a time.
    for answer in [
        "You're right, it is a lot.",
        "Je comprends, c'est un vrai sujet.",
    ] {
        let line = serde_json::json!({ "answer": answer }).to_string();
        writeln!(stdin, "{line}").expect("line written");
        stdin.flush().expect("flushed");
        let reply = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("an answer before the input ends");
        let card: serde_json::Value = serde_json::from_str(&reply).expect("JSON");
        assert!(card["score"].is_u64(), "{reply}");
    }
    drop(stdin);
    assert!(child.wait().expect("dojo exits").success());
}

#[test]
fn score_json_prints_the_scorecard() {
    let out = dojo()
        .args([
            "score",
            "--json",
            "--objection",
            "Je n'ai pas le temps.",
            "Je comprends, votre temps est précieux. Qu'est-ce qui vous occupe le plus ?",
        ])
        .output()
        .expect("dojo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let card: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON scorecard");
    assert_eq!(card["lang"], "fr");
    assert_eq!(card["lang_source"], "detected");
    assert_eq!(card["level"], 4);
    assert_eq!(card["band"], "empathetic");
    assert!(card["tips"].as_array().is_some_and(|t| !t.is_empty()));
}

#[test]
fn score_prints_a_readable_card_and_rejects_empty_text() {
    let out = dojo()
        .args(["score", "--lang", "en", "That's not true!!!"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("Score") && text.contains("contradiction") && text.contains("Tips"),
        "{text}"
    );
    assert!(!text.contains('\u{1b}'), "no colour when not on a terminal");
    let empty = dojo().args(["score", "  "]).output().expect("runs");
    assert!(!empty.status.success());
    assert!(String::from_utf8_lossy(&empty.stderr).contains("empty"));
    let bad_lang = dojo()
        .args(["score", "--lang", "de", "Hi"])
        .output()
        .expect("runs");
    assert!(!bad_lang.status.success());
}

#[test]
fn eval_reports_the_dev_set() {
    let dev = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval/dev.jsonl");
    let out = dojo().args(["eval", dev]).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    for needle in [
        "spearman",
        "auc",
        "within-1",
        "en ",
        "fr ",
        "overall",
        "Confusion",
    ] {
        assert!(text.contains(needle), "missing {needle}: {text}");
    }
    let json = dojo().args(["eval", "--json", dev]).output().expect("runs");
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON report");
    assert_eq!(report["overall"]["n"], 112);
    assert!(report["per_lang"]["fr"]["spearman"].as_f64() >= Some(0.85));
}

#[test]
fn eval_names_the_bad_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.jsonl");
    std::fs::write(
        &file,
        "{\"answer\": \"ok\", \"label\": 3}\n{\"answer\": \"ok\", \"label\": 9}\n",
    )
    .expect("written");
    let out = dojo().arg("eval").arg(&file).output().expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 2") && err.contains("label"), "{err}");
}

#[test]
fn data_override_applies_to_score() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("scoring")).expect("mkdir");
    std::fs::write(dir.path().join("scoring/rubric.toml"), "not = [valid").expect("written");
    let out = dojo()
        .arg("--data")
        .arg(dir.path())
        .args(["score", "ok"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("rubric.toml") && err.contains("line 1"),
        "{err}"
    );
}

#[test]
fn a_reader_that_stops_early_gets_no_error_message_but_a_failed_exit() {
    let mut child = spawn_jsonl();
    // Closing the output before anything is read: every write then fails.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().expect("stdin piped");
    let line = "{\"answer\": \"I see. What would change your mind?\"}\n".repeat(20_000);
    // dojo may stop reading once its output fails; a failed write here is
    // part of the scenario.
    let _ = stdin.write_all(line.as_bytes());
    drop(stdin);
    let out = child.wait_with_output().expect("dojo finishes");
    assert!(
        !out.status.success(),
        "the output failed, the exit code says so"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("error"),
        "no message for a closed pipe: {stderr}"
    );
}
