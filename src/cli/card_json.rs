//! The JSON line `dojo score --jsonl` writes for each answer: the same
//! bytes serde_json writes for a [`ScoreCard`] (a test holds the two
//! together), without serde_json's byte-by-byte string escaping, which was
//! the largest single cost of a batch run. Strings are escaped as serde_json
//! escapes them, a clean run at a time (tips quote their examples, so
//! escapes are common).

use std::io;

use crate::scoring::{Calibration, ScoreCard};

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
    string(out, &card.band);
    out.extend_from_slice(b",\"lang\":");
    name(out, card.lang.code());
    out.extend_from_slice(b",\"lang_source\":");
    name(out, card.lang_source.name());
    out.extend_from_slice(b",\"subscores\":[");
    for (i, s) in card.subscores.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{" } else { b",{" });
        out.extend_from_slice(b"\"dimension\":");
        name(out, s.dimension.name());
        out.extend_from_slice(b",\"value\":");
        float(out, s.value)?;
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"cues\":[");
    for (i, c) in card.cues.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{" } else { b",{" });
        out.extend_from_slice(b"\"id\":");
        string(out, &c.id);
        out.extend_from_slice(b",\"dimension\":");
        name(out, c.dimension.name());
        out.extend_from_slice(b",\"weight\":");
        float(out, c.weight)?;
        out.extend_from_slice(b",\"start\":");
        int(out, c.start);
        out.extend_from_slice(b",\"end\":");
        int(out, c.end);
        out.extend_from_slice(b",\"quote\":");
        string(out, &c.quote);
        out.push(b'}');
    }
    out.extend_from_slice(b"],\"tips\":[");
    for (i, t) in card.tips.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        string(out, t);
    }
    out.extend_from_slice(b"]");
    calibration(out, &card.calibration)?;
    out.push(b'}');
    Ok(())
}

fn calibration(out: &mut Vec<u8>, cal: &Calibration) -> io::Result<()> {
    out.extend_from_slice(b",\"calibration\":{\"rubric_level\":");
    match cal.rubric_level {
        Some(level) => int(out, level.number()),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"rubric_score\":");
    match cal.rubric_score {
        Some(score) => int(out, score),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"words\":[");
    for (i, w) in cal.words.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"{" } else { b",{" });
        out.extend_from_slice(b"\"word\":");
        string(out, &w.word);
        out.extend_from_slice(b",\"weight\":");
        float(out, w.weight)?;
        out.extend_from_slice(b",\"start\":");
        int(out, w.start);
        out.extend_from_slice(b",\"end\":");
        int(out, w.end);
        out.extend_from_slice(if w.opening {
            b",\"opening\":true}"
        } else {
            b",\"opening\":false}"
        });
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

fn int(out: &mut Vec<u8>, n: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// One of our own identifiers (a dimension, a language code): plain ASCII
/// words with nothing to escape, so no check.
fn name(out: &mut Vec<u8>, s: &'static str) {
    debug_assert!(first_escape(s.as_bytes()).is_none(), "{s}");
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// A float as serde_json writes it.
fn float(out: &mut Vec<u8>, v: f32) -> io::Result<()> {
    match hundredths(v) {
        Some(n) => {
            write_hundredths(out, n);
            Ok(())
        }
        None => serde_json::to_writer(&mut *out, &v).map_err(io::Error::from),
    }
}

/// Largest count of hundredths written by hand: every decimal of at most
/// five significant digits is its own nearest f32, so its shortest
/// round-trip form, which serde_json writes, is that decimal.
const HUNDREDTHS_MAX: i32 = 99_999;

/// `v` as a whole number of hundredths, if it is exactly the f32 nearest to
/// one: weights and sub-scores are rounded to hundredths, so nearly every
/// float of a card is, and writing it by hand skips a shortest-float search.
fn hundredths(v: f32) -> Option<i32> {
    let scaled = (v * 100.0).round();
    if scaled.is_nan() || scaled.abs() > HUNDREDTHS_MAX as f32 {
        return None;
    }
    let n = scaled as i32;
    // serde_json keeps the sign of zero.
    let same = n as f32 / 100.0 == v && !(n == 0 && v.is_sign_negative());
    same.then_some(n)
}

/// Writes `n` hundredths as serde_json writes that float: "-1.25", "0.3",
/// "2.0".
fn write_hundredths(out: &mut Vec<u8>, n: i32) {
    if n < 0 {
        out.push(b'-');
    }
    let m = n.unsigned_abs();
    int(out, m / 100);
    let fraction = [b'.', b'0' + (m / 10 % 10) as u8, b'0' + (m % 10) as u8];
    let digits = if m % 10 == 0 { 2 } else { 3 };
    out.extend_from_slice(&fraction[..digits]);
}

/// A JSON string escaped exactly as serde_json escapes it. The clean runs
/// between escapes are copied whole: tips quote their examples, and handing
/// those to serde_json escaped them a byte at a time.
fn string(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    let mut rest = s.as_bytes();
    while let Some(at) = first_escape(rest) {
        let (clean, tail) = rest.split_at(at);
        out.extend_from_slice(clean);
        if let Some((&b, after)) = tail.split_first() {
            escape(out, b);
            rest = after;
        } else {
            rest = tail;
        }
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Writes the escape serde_json writes for `b`: a short form where JSON has
/// one, else `\u00XX` in lowercase hex.
fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let short = match b {
        b'"' => b'"',
        b'\\' => b'\\',
        b'\n' => b'n',
        b'\r' => b'r',
        b'\t' => b't',
        0x08 => b'b',
        0x0C => b'f',
        _ => {
            let (hi, lo) = (HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hi, lo]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

/// Where the first quote, backslash or control character of `s` is.
/// Checks eight bytes at a time: a byte-by-byte loop cost as much as
/// serde_json's escaping.
fn first_escape(s: &[u8]) -> Option<usize> {
    let mut chunks = s.chunks_exact(8);
    for (i, chunk) in (&mut chunks).enumerate() {
        if let Some(at) = escape_in(chunk) {
            return Some(i * 8 + at);
        }
    }
    let done = s.len() - chunks.remainder().len();
    escape_in(chunks.remainder()).map(|at| done + at)
}

/// Where the first byte to escape is among up to eight bytes, checked as
/// one word (a short tail is padded with spaces, which need no escape).
fn escape_in(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    // Flags the bytes of `x` below `n` (for n <= 128): the classic bit
    // trick. Its lowest flag is always exact (a borrow only runs upward from
    // a flagged byte), which is all that is read of it.
    let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
    let zero = |x: u64| below(x, 1);
    let mut word = [b' '; 8];
    let len = bytes.len().min(8);
    word[..len].copy_from_slice(&bytes[..len]);
    let x = u64::from_le_bytes(word);
    let quote = zero(x ^ (ONES * u64::from(b'"')));
    let backslash = zero(x ^ (ONES * u64::from(b'\\')));
    let flags = below(x, 0x20) | quote | backslash;
    (flags != 0).then(|| flags.trailing_zeros() as usize / 8)
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
            // Words that weigh as a sentence's opening ("opening": true).
            ("So you'd rather keep doing it by hand? Well, ok.", Lang::En),
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
            if answer.starts_with("So ") {
                assert!(fast.contains("\"opening\":true"), "{fast}");
            }
            let id = serde_json::json!({"n": 7, "s": "a\"b"});
            let (fast, serde) = both(&card, Some(&id));
            assert_eq!(fast, serde, "{answer}");
        }
    }

    #[test]
    fn floats_read_as_serde_json_writes_them() {
        let odd = [
            0.0f32,
            -0.0,
            1.0,
            0.3,
            -0.45,
            1e-7,
            0.001,
            999.995,
            1000.0,
            99_999.0,
            3.4e38,
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            2.0 / 3.0,
        ];
        // Every hundredth the hand-written path takes, both signs, and the
        // values past its limit that it must hand back to serde_json.
        let limit = HUNDREDTHS_MAX + 50;
        let range = (-limit..=limit).map(|n| n as f32 / 100.0);
        let mut by_hand = 0;
        for (i, v) in odd.into_iter().chain(range).enumerate() {
            let mut fast = Vec::new();
            float(&mut fast, v).unwrap();
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                serde_json::to_string(&v).unwrap(),
                "{v:e}"
            );
            if i >= odd.len() && hundredths(v).is_some() {
                by_hand += 1;
            }
        }
        assert_eq!(by_hand, 2 * HUNDREDTHS_MAX + 1);
        assert_eq!(hundredths(-0.0), None);
        assert_eq!(hundredths(-0.45), Some(-45));
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
            "Concede first: \"You're right that…\", \"Fair point, …\".",
            "\"\"\\\n\r\t\u{8}\u{c}\u{0}\u{1f}\"",
            "many\tescapes\tin\ta\trow\u{7f}and a \"quoted\" tail past eight",
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
            string(&mut fast, s);
            assert_eq!(
                String::from_utf8(fast).unwrap(),
                serde_json::to_string(s).unwrap()
            );
        }
    }
}
