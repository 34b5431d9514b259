//! `dojo score --jsonl`: JSON lines in, exactly one result line out per line
//! in, in input order. The input is cut into blocks of whole lines, the
//! blocks are scored on every core while the next ones are read and the
//! previous ones written, and the buffers go round a pool: allocating fresh
//! ones per block had the kernel zeroing pages for a sixth of a run.
//! Within a block, a worker scores the lines one language at a time, and
//! the writer writes the results back in input order: each language's
//! rules fill the caches, and switching every few dozen lines made scoring
//! half as slow again.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::card_json::write_card;
use super::score::has_content;
use crate::lang::Lang;
use crate::scoring::{ScoreRequest, Scorer};

/// Input bytes gathered before a block goes to a worker: some twelve
/// hundred answers, so that scoring them a language at a time switches
/// languages rarely. Not more: at 1 MB (five thousand answers) the last
/// block kept one core busy alone at the end of a batch, and the larger
/// buffers made a run touch 40 MB more memory (a peak of about 140 MB
/// against 100 MB for 100,000 answers, every page zeroed by the kernel
/// first); on two cores the median run took 0.82 s against 0.66 s. A
/// block also leaves as soon as the input has nothing more ready, so a
/// line typed or piped in alone is answered at once.
const BLOCK: usize = 256 * 1024;

/// Output bytes a block usually needs per input byte: a scorecard is about
/// six and a half times its input line on dev-style answers, and a buffer
/// sized below that was copied whole into one twice its size.
const OUTPUT_PER_INPUT: usize = 8;

/// Buffers kept for reuse at most, per pool.
const POOLED: usize = 64;

/// One input line as written; strings without escapes are borrowed from
/// the line rather than copied.
#[derive(Debug, Deserialize)]
struct RawLine<'a> {
    #[serde(borrow)]
    answer: Cow<'a, str>,
    #[serde(default, borrow)]
    objection: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    lang: Option<Cow<'a, str>>,
    #[serde(default)]
    key_concerns: Vec<String>,
    #[serde(default)]
    id: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct Failed<'a> {
    error: &'a str,
}

/// Whole input lines and where they sit in the input.
struct Block {
    seq: u64,
    first_line: usize,
    input: Vec<u8>,
}

/// A scored block, waiting for its turn to be written: its results, in
/// the order they were scored, and where each line's result lies in them,
/// in input order.
struct Done {
    seq: u64,
    input: Vec<u8>,
    output: Vec<u8>,
    spans: Vec<Span>,
}

/// A byte range of a block's output.
type Span = (usize, usize);

/// Emptied buffers handed back by the writer.
#[derive(Default)]
struct Pool(Mutex<Vec<Vec<u8>>>);

impl Pool {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .ok()
            .and_then(|mut bufs| bufs.pop())
            .unwrap_or_default()
    }

    fn put(&self, mut buf: Vec<u8>) {
        buf.clear();
        if let Ok(mut bufs) = self.0.lock() {
            if bufs.len() < POOLED {
                bufs.push(buf);
            }
        }
    }
}

/// Scores every line of `input` into `out`, one line each, in order, on all
/// cores. Fails only if reading or writing does.
pub fn score_lines(scorer: &Scorer, input: impl Read, out: impl Write + Send) -> io::Result<()> {
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (inputs, outputs) = (Pool::default(), Pool::default());
    // One block waiting per worker each way: blocks are large, and more in
    // flight only held more memory.
    let (work_tx, work_rx) = mpsc::sync_channel::<Block>(workers);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = mpsc::sync_channel::<Done>(workers);
    std::thread::scope(|scope| {
        let (inputs, outputs) = (&inputs, &outputs);
        let writer = scope.spawn(move || write_in_order(done_rx, out, inputs, outputs));
        for _ in 0..workers {
            let (jobs, done) = (Arc::clone(&work_rx), done_tx.clone());
            scope.spawn(move || work(scorer, &jobs, &done, outputs));
        }
        // The workers hold the only handles left, so when they stop (the
        // writer failed) the reader's next send fails and it stops too.
        drop((work_rx, done_tx));
        let read = read_blocks(input, &work_tx, inputs);
        drop(work_tx);
        let written = writer
            .join()
            .unwrap_or_else(|panic| panic::resume_unwind(panic));
        written.and(read)
    })
}

/// Cuts the input into blocks of whole lines for the workers.
fn read_blocks(mut input: impl Read, work: &SyncSender<Block>, pool: &Pool) -> io::Result<()> {
    let mut carry = Vec::new();
    let (mut seq, mut first_line) = (0, 1);
    loop {
        let mut buf = pool.take();
        buf.append(&mut carry);
        let eof = fill(&mut input, &mut buf)?;
        let cut = if eof {
            buf.len()
        } else {
            buf.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
        };
        carry.extend_from_slice(&buf[cut..]);
        buf.truncate(cut);
        if !buf.is_empty() {
            let lines = lines_of(&buf).count();
            let block = Block {
                seq,
                first_line,
                input: buf,
            };
            if work.send(block).is_err() {
                return Ok(());
            }
            seq += 1;
            first_line += lines;
        }
        if eof {
            return Ok(());
        }
    }
}

/// Reads into `buf` until it holds a whole line and either a block's worth
/// of bytes or all that was ready. True at the end of the input.
fn fill(input: &mut impl Read, buf: &mut Vec<u8>) -> io::Result<bool> {
    loop {
        let len = buf.len();
        let want = BLOCK.saturating_sub(len).max(16 * 1024);
        buf.resize(len + want, 0);
        let read = loop {
            match input.read(&mut buf[len..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        let n = read.inspect_err(|_| buf.truncate(len))?;
        buf.truncate(len + n);
        if n == 0 {
            return Ok(true);
        }
        let whole_line = buf.contains(&b'\n');
        if whole_line && (buf.len() >= BLOCK || n < want) {
            return Ok(false);
        }
    }
}

/// The lines of a block: a final newline ends the last line, it does not
/// start an empty one.
fn lines_of(block: &[u8]) -> impl Iterator<Item = &[u8]> {
    let body = block.strip_suffix(b"\n").unwrap_or(block);
    body.split(|&b| b == b'\n')
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
}

/// Takes blocks until there are none left or the writer has stopped.
fn work(scorer: &Scorer, jobs: &Mutex<Receiver<Block>>, done: &SyncSender<Done>, pool: &Pool) {
    let mut order = Lang::ALL;
    loop {
        let Ok(Ok(block)) = jobs.lock().map(|rx| rx.recv()) else {
            return;
        };
        let mut output = pool.take();
        // Sized once for the whole block: grown line by line, a fresh
        // buffer was copied over and over while it doubled.
        output.reserve(block.input.len() * OUTPUT_PER_INPUT);
        let spans = score_block(scorer, &block, &mut order, &mut output);
        let scored = Done {
            seq: block.seq,
            input: block.input,
            output,
            spans,
        };
        if done.send(scored).is_err() {
            return;
        }
    }
}

/// Appends to `out` the result line of every line of `block`, and returns
/// where each lies, in input order. The lines are scored one language at a
/// time, starting with the language this worker scored last (`order` keeps
/// it first), and lines without a language (detected) or that fail come
/// last. The writer puts them back in order as it writes them: copying
/// them into order here cost a second pass over every result, cold in the
/// cache.
fn score_block(
    scorer: &Scorer,
    block: &Block,
    order: &mut [Lang; 2],
    out: &mut Vec<u8>,
) -> Vec<Span> {
    let lines: Vec<Result<Line, String>> = lines_of(&block.input).map(parse_line).collect();
    let group = |line: &Result<Line, String>| match line {
        Ok(Line { lang: Some(l), .. }) => order.iter().position(|o| o == l).unwrap_or(2),
        Ok(_) => 2,
        Err(_) => 3,
    };
    let mut by_group: Vec<usize> = (0..lines.len()).collect();
    by_group.sort_by_key(|&i| group(&lines[i]));
    let mut spans = vec![(0, 0); lines.len()];
    for &i in &by_group {
        let start = out.len();
        answer_line(scorer, &lines[i], block.first_line + i, out);
        spans[i] = (start, out.len());
    }
    let last = by_group
        .iter()
        .rev()
        .find_map(|&i| lines[i].as_ref().ok()?.lang);
    if let Some(last) = last {
        order.sort_by_key(|&l| l != last);
    }
    spans
}

/// Appends the result line for `line`, input line number `number`.
fn answer_line(scorer: &Scorer, line: &Result<Line, String>, number: usize, out: &mut Vec<u8>) {
    let mark = out.len();
    // A panic here is a bug in the scorer, which never panics on input: it
    // costs that line its result, not the rest of the batch.
    let scored = match line {
        Ok(line) => panic::catch_unwind(AssertUnwindSafe(|| score_line(scorer, line, out)))
            .unwrap_or_else(|_| Err("internal error: this line could not be scored".into())),
        Err(message) => Err(message.clone()),
    };
    if let Err(message) = scored {
        out.truncate(mark);
        let message = format!("line {number}: {message}");
        // Serialising a struct of one string cannot fail.
        let _ = serde_json::to_writer(&mut *out, &Failed { error: &message });
    }
    out.push(b'\n');
}

/// Writes scored blocks in input order, then hands their buffers back.
fn write_in_order(
    done: Receiver<Done>,
    mut out: impl Write,
    inputs: &Pool,
    outputs: &Pool,
) -> io::Result<()> {
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for block in done {
        waiting.insert(block.seq, block);
        while let Some(block) = waiting.remove(&next) {
            write_spans(&mut out, &block.output, &block.spans)?;
            inputs.put(block.input);
            outputs.put(block.output);
            next += 1;
        }
    }
    out.flush()
}

/// Writes the `spans` of `output` in their order, a run of spans lying
/// end to end at a time: lines scored in input order do, so a block in one
/// language is one write.
fn write_spans(out: &mut impl Write, output: &[u8], spans: &[Span]) -> io::Result<()> {
    let mut run: Option<Span> = None;
    for &(start, end) in spans {
        match &mut run {
            Some(r) if r.1 == start => r.1 = end,
            _ => {
                if let Some((a, b)) = run.replace((start, end)) {
                    out.write_all(output.get(a..b).unwrap_or_default())?;
                }
            }
        }
    }
    match run {
        Some((a, b)) => out.write_all(output.get(a..b).unwrap_or_default()),
        None => Ok(()),
    }
}

/// One input line read and checked, ready to score: as written, with its
/// language parsed.
struct Line<'a> {
    raw: RawLine<'a>,
    lang: Option<Lang>,
}

/// Reads one input line, or says what is wrong with it.
fn parse_line(raw: &[u8]) -> Result<Line<'_>, String> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err("blank line: expected a JSON object with an \"answer\"".into());
    }
    let line: RawLine =
        serde_json::from_slice(raw).map_err(|e| format!("not a valid answer object: {e}"))?;
    if !has_content(&line.answer) {
        return Err("empty answer".into());
    }
    let lang = match line
        .lang
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        Some(l) => Some(l.parse::<Lang>().map_err(|e| e.to_string())?),
        None => None,
    };
    Ok(Line { raw: line, lang })
}

/// Scores one read line and appends its JSON result to `out`.
fn score_line(scorer: &Scorer, line: &Line, out: &mut Vec<u8>) -> Result<(), String> {
    let card = scorer.score(&ScoreRequest {
        answer: &line.raw.answer,
        objection: line.raw.objection.as_deref(),
        key_concerns: &line.raw.key_concerns,
        lang: line.lang,
    });
    write_card(out, &card, line.raw.id.as_ref())
        .map_err(|e| format!("cannot encode the result: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sink that accepts `room` bytes, then fails like a closed pipe.
    struct Closing {
        room: usize,
    }

    impl Write for Closing {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.room == 0 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            let n = buf.len().min(self.room);
            self.room -= n;
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failing_output_stops_the_run_with_its_error() {
        let scorer = Scorer::builtin().unwrap();
        let input = "{\"answer\": \"Fair point. What matters most to you?\"}\n".repeat(20_000);
        let result = score_lines(&scorer, input.as_bytes(), Closing { room: 10_000 });
        assert_eq!(result.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
    }

    /// A sink that takes at most seven bytes a call, one buffer at a time.
    struct Trickle(Vec<u8>);

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(7);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn spans_are_written_whole_in_their_order_through_short_writes() {
        // Scored French first, then English; written in input order.
        let output = "fr one\nfr two\nen one\nen two\n-\n";
        let at = |s: &str| output.find(s).unwrap();
        let line = |s: &str| (at(s), at(s) + s.len() + 1);
        let spans = [
            line("en one"),
            line("fr one"),
            line("en two"),
            line("fr two"),
            line("-"),
        ];
        let mut sink = Trickle(Vec::new());
        write_spans(&mut sink, output.as_bytes(), &spans).unwrap();
        assert_eq!(
            String::from_utf8(sink.0).unwrap(),
            "en one\nfr one\nen two\nfr two\n-\n"
        );
    }

    #[test]
    fn lines_end_at_newlines_without_an_empty_last_one() {
        let lines = |s: &str| {
            lines_of(s.as_bytes())
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(lines("a\r\nb\n"), ["a", "b"]);
        assert_eq!(lines("a\n\n"), ["a", ""]);
        assert_eq!(lines("\n"), [""]);
        assert_eq!(lines("a"), ["a"]);
    }

    #[test]
    fn mixed_languages_come_back_in_input_order() {
        let scorer = Scorer::builtin().unwrap();
        let kinds = [
            "{\"answer\": \"Fair point. What matters most to you?\", \"lang\": \"en\"}",
            "{\"answer\": \"Vous avez raison. Qu'est-ce qui compte le plus ?\", \"lang\": \"fr\"}",
            "{\"answer\": \"Je comprends, c'est une vraie question.\"}",
            "not json",
            "{\"answer\": \"Obviously you didn't read it.\", \"lang\": \"en\", \"id\": 3}",
        ];
        let lines: Vec<&str> = (0..200)
            .map(|i| kinds[(i * 7 + i / 3) % kinds.len()])
            .collect();
        let mut out = Vec::new();
        score_lines(&scorer, lines.join("\n").as_bytes(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let got: Vec<&str> = text.lines().collect();
        assert_eq!(got.len(), lines.len());
        // Each line scored alone: what the grouped block must reproduce.
        for (n, (line, result)) in lines.iter().zip(&got).enumerate() {
            let mut alone = Vec::new();
            score_lines(&scorer, line.as_bytes(), &mut alone).unwrap();
            let alone = String::from_utf8(alone).unwrap();
            let expected = alone
                .trim_end()
                .replace("line 1:", &format!("line {}:", n + 1));
            assert_eq!(*result, expected, "line {}", n + 1);
        }
    }

    #[test]
    fn every_line_gets_one_answer_with_its_number() {
        let scorer = Scorer::builtin().unwrap();
        let mut input = String::new();
        for i in 0..3_000 {
            input.push_str(if i == 2_500 {
                "{}\n"
            } else {
                "{\"answer\": \"Fair point.\"}\n"
            });
        }
        let mut out = Vec::new();
        score_lines(&scorer, input.as_bytes(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 3_000);
        let error = text.lines().nth(2_500).unwrap();
        assert!(error.starts_with("{\"error\":\"line 2501: "), "{error}");
    }
}
