//! The JSON line `dojo score --jsonl` writes for each answer: the same
//! bytes serde_json writes for a [`ScoreCard`] (a test holds the two
//! together), without serde_json's byte-by-byte string escaping, which was
//! the largest single cost of a batch run. Strings that need escaping (rare:
//! quotes, backslashes, control characters) still go through serde_json.

use std::io;

use crate::scoring::ScoreCard;

/// Appends `card` as one compact JSON object, with `id` first if given (as
/// `#[serde(flatten)]` would put it).
pub(super) fn write_card(
    out: &mut Vec<u8>,
    card: &ScoreCard,
    id: Option<&serde_json::Value>,
) -> io::Result<()> {
    out.push(b'{');
    if let Some(id) = id {
        out.extend_from_slice(b"\"id\":");
        serde_json::to_writer(&mut *out, id)?;
        out.push(b',');
    }
    out.extend_from_slice(b"\"score\":");
    int(out, card.score);
    out.extend_from_slice(b",\"level\":");
    int(out, card.level.number());
    out.extend_from_slice(b",\"band\":");
    string(out, &card.band)?;
    out.extend_from_slice(b",\"lang\":");
    string(out, card.lang.code())?;
    out.extend_from_slice(b",\"lang_source\":");
    string(out, card.lang_source.name())?;
    out.extend_from_slice(b",\"subscores\":[");
    for (i, s) in card.subscores.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{" } else { b",{" });
        out.extend_from_slice(b"\"dimension\":");
        string(out, s.dimension.name())?;
        out.extend_from_slice(b",\"value\":");
        serde_json::to_writer(&mut *out, &s.value)?;
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"cues\":[");
    for (i, c) in card.cues.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{" } else { b",{" });
        out.extend_from_slice(b"\"id\":");
        string(out, &c.id)?;
        out.extend_from_slice(b",\"dimension\":");
        string(out, c.dimension.name())?;
        out.extend_from_slice(b",\"weight\":");
        serde_json::to_writer(&mut *out, &c.weight)?;
        out.extend_from_slice(b",\"start\":");
        int(out, c.start);
        out.extend_from_slice(b",\"end\":");
        int(out, c.end);
        out.extend_from_slice(b",\"quote\":");
        string(out, &c.quote)?;
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"tips\":[");
    for (i, t) in card.tips.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, t)?;
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

fn int(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// A JSON string: copied as it is unless it holds a byte to escape.
fn string(out: &mut Vec<u8>, s: &str) -> io::Result<()> {
    if needs_escape(s.as_bytes()) {
        serde_json::to_writer(&mut *out, s)?;
    } else {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    }
    Ok(())
}

/// True if `s` holds a quote, a backslash or a control character. Checks
/// eight bytes at a time: a byte-by-byte loop made the check cost as much
/// as serde_json's escaping.
fn needs_escape(s: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // Some byte of `x` is below `n` (for n <= 128): the classic bit trick.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let zero = |x: u64| below(x, 1);
    let mut chunks = s.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word);
        let quote = zero(x ^ (ONES * u64::from(b'"')));
        let backslash = zero(x ^ (ONES * u64::from(b'\\')));
        if below(x, 0x20) | quote | backslash != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::scoring::{ScoreRequest, Scorer};

    /// What `--jsonl` wrote before this module: the card, id flattened in.
    #[derive(serde::Serialize)]
    struct Scored<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a serde_json::Value>,
        #[serde(flatten)]
        card: &'a ScoreCard,
    }

    fn both(card: &ScoreCard, id: Option<&serde_json::Value>) -> (String, String) {
        let mut fast = Vec::new();
        write_card(&mut fast, card, id).unwrap();
        let serde = match id {
            Some(_) => serde_json::to_string(&Scored { id, card }).unwrap(),
            None => serde_json::to_string(card).unwrap(),
        };
        (String::from_utf8(fast).unwrap(), serde)
    }

    #[test]
    fn writes_what_serde_json_writes() {
        let scorer = Scorer::builtin().unwrap();
        let answers = [
            (
                "I hear you: \"spam\" is a fair word for most of it. What did you get?",
                Lang::En,
            ),
            (
                "Seriously?! You CAN'T be that naive\\ \u{1F644}\u{7}\ttab",
                Lang::En,
            ),
            (
                "Je comprends, c’est une vraie question. Qu’est-ce qui vous fait dire ça ?",
                Lang::Fr,
            ),
            ("", Lang::Fr),
        ];
        for (answer, lang) in answers {
            let card = scorer.score(&ScoreRequest {
                answer,
                objection: Some("Isn't LinkedIn just spam now?"),
                lang: Some(lang),
                ..ScoreRequest::default()
            });
            let (fast, serde) = both(&card, None);
            assert_eq!(fast, serde, "{answer}");
            let id = serde_json::json!({"n": 7, "s": "a\"b"});
            let (fast, serde) = both(&card, Some(&id));
            assert_eq!(fast, serde, "{answer}");
        }
    }

    #[test]
    fn escapes_like_serde_json() {
        let cases = [
            "plain",
            "q\"uote",
            "back\\slash",
            "nul\0",
            "\u{1F}x",
            "é…\u{7F}",
            "",
            "eight by",
            "sixteen bytes ok",
            "sixteen bytes o\"",
            "\u{1F}ifteen bytes ok",
            "a long clean string with é and ’ and no escape at all, past eight bytes",
        ];
        // Every ASCII character at every offset of a 20-byte string, so each
        // lane of the eight-byte check and the remainder are exercised.
        let placed = (0u8..0x80).flat_map(|c| {
            (0..20).map(move |at| {
                let mut s = "abcdefghijklmnopqrst".to_string();
                s.replace_range(at..=at, char::from(c).encode_utf8(&mut [0; 4]));
                s
            })
        });
        for s in cases.iter().map(|s| s.to_string()).chain(placed) {
            let s = s.as_str();
            let mut fast = Vec::new();
            string(&mut fast, s).unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }
}
