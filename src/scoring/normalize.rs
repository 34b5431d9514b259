//! One pass over an answer that produces the text the lexicons are matched
//! against (lowercase, accents folded, apostrophes unified, invisible
//! characters dropped, punctuation turned into single spaces) while keeping a
//! byte map back to the original, so every cue can point at what the trainee
//! actually wrote. Punctuation is not lost: it is kept aside as sentence and
//! clause marks, with the capitals and "!!!" runs the tone cues need.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A sentence or clause boundary found in the original punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Byte offset in the normalised text: tokens starting at or after it
    /// belong to the next sentence or clause.
    pub at: usize,
    /// What kind of boundary it is.
    pub kind: MarkKind,
}

/// The strength of a boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkKind {
    /// Ends a sentence; `question` if a `?` was among its punctuation.
    Sentence { question: bool },
    /// Ends a clause only (comma, colon, dash, parenthesis, quote).
    Clause,
}

/// A span of the original text, in bytes.
pub(crate) type Span = (usize, usize);

/// An answer prepared for matching.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    /// Lowercase, folded words separated by single spaces.
    pub text: String,
    /// For each byte of `text`, the original span it came from.
    map: Vec<(u32, u32)>,
    /// Sentence and clause boundaries, in text order.
    pub marks: Vec<Mark>,
    /// Words written entirely in capitals (two letters or more): original
    /// span and letter count.
    pub caps: Vec<(Span, usize)>,
    /// Runs like `!!`, `?!` or `???` in the original text.
    pub bangs: Vec<Span>,
}

/// What one original character turns into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Skip,
    Space { newline: bool },
    Sentence { question: bool },
    Clause,
    Hyphen,
    Apostrophe,
    Word,
}

fn classify(c: char) -> Class {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => classify_ascii(b),
        _ => classify_any(c),
    }
}

/// [`classify_any`] for ASCII, the commonest punctuation: one jump table
/// instead of the Unicode ranges tried first (a test holds the two
/// together).
fn classify_ascii(b: u8) -> Class {
    match b {
        b'\n' | b'\r' => Class::Space { newline: true },
        0..=0x20 | 0x7F => Class::Space { newline: false },
        b'\'' | b'`' => Class::Apostrophe,
        b'?' => Class::Sentence { question: true },
        b'.' | b'!' | b';' => Class::Sentence { question: false },
        b'-' => Class::Hyphen,
        b',' | b':' | b'(' | b')' | b'[' | b']' | b'{' | b'}' | b'"' => Class::Clause,
        b'/' | b'\\' | b'|' | b'*' | b'_' | b'~' | b'<' | b'>' | b'=' | b'^' => Class::Clause,
        _ => Class::Word,
    }
}

fn classify_any(c: char) -> Class {
    match c {
        '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' => Class::Skip,
        '\u{180E}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => Class::Skip,
        '\u{FE00}'..='\u{FE0F}' => Class::Skip,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => Class::Space { newline: true },
        c if c.is_whitespace() || c.is_control() => Class::Space { newline: false },
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{00B4}' | '`' | '\u{2032}'
        | '\u{FF07}' => Class::Apostrophe,
        '?' | '\u{00BF}' | '\u{FF1F}' => Class::Sentence { question: true },
        '.' | '!' | ';' | '\u{2026}' | '\u{00A1}' | '\u{3002}' | '\u{FF01}' => {
            Class::Sentence { question: false }
        }
        '-' | '\u{2010}' | '\u{2011}' => Class::Hyphen,
        ',' | ':' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '\u{00AB}' | '\u{00BB}' => {
            Class::Clause
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2012}'..='\u{2015}' | '\u{2212}' => {
            Class::Clause
        }
        '/' | '\\' | '|' | '*' | '_' | '~' | '<' | '>' | '=' | '^' | '\u{2022}' | '\u{00B7}' => {
            Class::Clause
        }
        _ => Class::Word,
    }
}

/// Folds one lowercase character to its matching form (accents removed,
/// ligatures split), handing each resulting character to `emit`.
fn fold(c: char, mut emit: impl FnMut(char)) {
    match c {
        'œ' => "oe".chars().for_each(emit),
        'æ' => "ae".chars().for_each(emit),
        'ß' => "ss".chars().for_each(emit),
        'ø' => emit('o'),
        'ł' => emit('l'),
        'đ' => emit('d'),
        'ı' => emit('i'),
        c => decompose_compatible(c, |d| {
            if !is_combining_mark(d) {
                emit(d)
            }
        }),
    }
}

/// The original word being read, for the all-capitals check.
#[derive(Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
    /// Capital letters so far.
    upper: usize,
    /// Whether any letter was not a capital (then the count no longer
    /// matters: most words settle this on their first letter).
    lower: bool,
}

/// Builder state for one normalisation pass.
struct Pass<'a> {
    src: &'a str,
    /// The text, built as bytes so plain ASCII runs go in with one bulk
    /// copy instead of a `char` push (and UTF-8 check) each. Only whole
    /// characters are ever pushed.
    text: Vec<u8>,
    out: Normalized,
    pending_space: bool,
    word: Option<Word>,
    bang: Option<(usize, usize, usize, bool)>, // start, end, count, has '!'
    /// Whether to keep the byte map back to the source (phrases need none).
    keep_map: bool,
}

impl<'a> Pass<'a> {
    fn push_char(&mut self, c: char, start: usize, end: usize) {
        self.space_before(start);
        self.push_raw(c, start, end);
    }

    /// Writes the single space a run of separators before `at` stands for.
    fn space_before(&mut self, at: usize) {
        if self.pending_space && !self.text.is_empty() {
            self.text.push(b' ');
            if self.keep_map {
                self.out.map.push((at as u32, at as u32));
            }
        }
        self.pending_space = false;
    }

    fn push_raw(&mut self, c: char, start: usize, end: usize) {
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        self.text.extend_from_slice(bytes);
        if self.keep_map {
            let span = (start as u32, end as u32);
            self.out
                .map
                .extend(std::iter::repeat(span).take(bytes.len()));
        }
    }

    /// Stretches the original span of the last text byte to `end` (a
    /// combining accent belongs to the letter before it); `only_from`
    /// limits that to a letter ending exactly there.
    fn extend_last(&mut self, end: usize, only_from: Option<usize>) {
        if let Some(last) = self.out.map.last_mut() {
            if only_from.map_or(true, |at| last.1 as usize == at) {
                last.1 = end as u32;
            }
        }
    }

    fn mark(&mut self, kind: MarkKind) {
        self.pending_space = true;
        let at = self.text.len();
        if let Some(last) = self.out.marks.last_mut() {
            if last.at == at {
                last.kind = match (last.kind, kind) {
                    (MarkKind::Sentence { question: a }, MarkKind::Sentence { question: b }) => {
                        MarkKind::Sentence { question: a || b }
                    }
                    (MarkKind::Sentence { question }, MarkKind::Clause)
                    | (MarkKind::Clause, MarkKind::Sentence { question }) => {
                        MarkKind::Sentence { question }
                    }
                    (MarkKind::Clause, MarkKind::Clause) => MarkKind::Clause,
                };
                return;
            }
        }
        self.out.marks.push(Mark { at, kind });
    }

    /// Closes the current original word, recording it if it was all capitals.
    fn end_word(&mut self) {
        if let Some(w) = self.word.take() {
            // No small letter means every letter was a capital.
            if !w.lower && w.upper >= 2 {
                self.out.caps.push(((w.start, w.end), w.upper));
            }
        }
    }

    /// The word being read, extended to `end`.
    fn word_to(&mut self, start: usize, end: usize) -> &mut Word {
        let w = self.word.get_or_insert(Word {
            start,
            end,
            upper: 0,
            lower: false,
        });
        w.end = end;
        w
    }

    fn track_word(&mut self, c: char, start: usize, end: usize) {
        if !c.is_alphanumeric() {
            self.end_word();
            return;
        }
        let w = self.word_to(start, end);
        if c.is_alphabetic() {
            if c.is_uppercase() {
                w.upper += 1;
            } else {
                w.lower = true;
            }
        }
    }

    fn track_bang(&mut self, c: char, start: usize, end: usize) {
        if c == '!' || c == '?' {
            let b = self.bang.get_or_insert((start, end, 0, false));
            b.1 = end;
            b.2 += 1;
            b.3 |= c == '!';
        } else if !c.is_whitespace() {
            self.end_bang();
        }
    }

    fn end_bang(&mut self) {
        if let Some((start, end, count, has_bang)) = self.bang.take() {
            if (count >= 2 && has_bang) || count >= 3 {
                self.out.bangs.push((start, end));
            }
        }
    }

    /// True if `.` or `,` at `start` sits between two digits (4.8, 1,500).
    fn in_number(&self, start: usize) -> bool {
        let prev_digit = self.text.last().is_some_and(u8::is_ascii_digit) && !self.pending_space;
        let next_digit = self.src[start + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit());
        prev_digit && next_digit
    }

    /// True if a hyphen joins two words (peut-être, one-page).
    fn joins_words(&self, end: usize) -> bool {
        let prev = last_char(&self.text);
        let next = self.src[end..].chars().next();
        !self.pending_space
            && prev.is_some_and(char::is_alphanumeric)
            && next.is_some_and(char::is_alphanumeric)
    }

    /// Copies the plain stretch starting at `start` (ASCII letters and
    /// digits, single spaces between them: most of any answer) in bulk: no
    /// class, no folding, no mark, and the text and map grow once per
    /// stretch rather than once per byte or word (word by word, this was
    /// most of normalising). Returns where the stretch ends.
    fn plain(&mut self, start: usize) -> usize {
        self.end_bang();
        self.space_before(start);
        let bytes = self.src.as_bytes();
        let (end, upper) = plain_stretch(bytes, start);
        let stretch = &bytes[start..end];
        // `| 0x20` lowers a letter and leaves a digit or a space as it is.
        // Copied, then lowered in place: both passes run on whole vector
        // registers, where pushing mapped bytes went one at a time.
        let from = self.text.len();
        self.text.extend_from_slice(stretch);
        self.text[from..].iter_mut().for_each(|b| *b |= 0x20);
        if self.keep_map {
            // A letter maps to itself; a space, as `space_before` writes
            // it, to the empty span where the next word starts.
            let base = start as u32;
            let map = stretch.iter().enumerate().map(|(i, &b)| {
                let at = base + i as u32;
                (at + u32::from(b == b' '), at + 1)
            });
            self.out.map.extend(map);
        }
        // Shouting needs two capitals in one word: with fewer in the
        // stretch, and no word running into it from before or on after it
        // (accented letters), no word here can be in capitals.
        let open_after = bytes.get(end).is_some_and(|&b| !b.is_ascii());
        if upper >= 2 || self.word.is_some() || open_after {
            self.track_words(start, stretch);
        }
        end
    }

    /// Word tracking for a plain stretch at `start`: every word but the
    /// last ends at its space.
    fn track_words(&mut self, start: usize, stretch: &[u8]) {
        let mut at = start;
        for (i, run) in stretch.split(|&b| b == b' ').enumerate() {
            if i > 0 {
                self.end_word();
            }
            let w = self.word_to(at, at + run.len());
            if !w.lower {
                w.lower = run.iter().any(u8::is_ascii_lowercase);
                w.upper += run.iter().filter(|b| b.is_ascii_uppercase()).count();
            }
            at += run.len() + 1;
        }
    }

    fn step(&mut self, start: usize, c: char) {
        let end = start + c.len_utf8();
        self.track_word(c, start, end);
        self.track_bang(c, start, end);
        match classify(c) {
            Class::Skip => {
                // A combining accent belongs to the letter before it.
                if is_combining_mark(c) || c == '\u{FE0F}' {
                    self.extend_last(end, Some(start));
                }
            }
            Class::Space { newline } => {
                self.pending_space = true;
                if newline {
                    self.mark(MarkKind::Sentence { question: false });
                }
            }
            Class::Sentence { question } => {
                if c == '.' && self.in_number(start) {
                    self.push_char('.', start, end);
                } else {
                    self.mark(MarkKind::Sentence { question });
                }
            }
            Class::Clause => {
                if c == ',' && self.in_number(start) {
                    self.push_char(',', start, end);
                } else {
                    self.mark(MarkKind::Clause);
                }
            }
            Class::Hyphen => {
                if self.joins_words(end) {
                    self.pending_space = true;
                } else {
                    self.mark(MarkKind::Clause);
                }
            }
            Class::Apostrophe => self.push_char('\'', start, end),
            Class::Word if c.is_ascii() => self.push_char(c.to_ascii_lowercase(), start, end),
            Class::Word if is_combining_mark(c) => self.extend_last(end, None),
            Class::Word => {
                for lc in c.to_lowercase() {
                    let mut buf = [char::default(); 4];
                    let mut n = 0;
                    fold(lc, |f| {
                        if n < buf.len() {
                            buf[n] = f;
                            n += 1;
                        }
                    });
                    for &f in &buf[..n] {
                        self.push_char(f, start, end);
                    }
                }
            }
        }
    }
}

impl Normalized {
    /// Normalises `src` in one pass.
    pub(crate) fn new(src: &str) -> Normalized {
        Normalized::pass(src, true)
    }

    fn pass(src: &str, keep_map: bool) -> Normalized {
        let map_len = if keep_map { src.len() } else { 0 };
        // About one mark a short sentence (phrases keep theirs unused).
        let marks = if keep_map { src.len() / 16 + 4 } else { 0 };
        let mut pass = Pass {
            src,
            text: Vec::with_capacity(src.len()),
            out: Normalized {
                map: Vec::with_capacity(map_len),
                marks: Vec::with_capacity(marks),
                ..Normalized::default()
            },
            pending_space: false,
            word: None,
            bang: None,
            keep_map,
        };
        let bytes = src.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at].is_ascii_alphanumeric() {
                at = pass.plain(at);
            } else if bytes[at] == b' ' {
                // What `step` does for a plain space, the commonest separator.
                pass.end_word();
                pass.pending_space = true;
                at += 1;
            } else if let Some(c) = src.get(at..).and_then(|s| s.chars().next()) {
                pass.step(at, c);
                at += c.len_utf8();
            } else {
                break;
            }
        }
        pass.end_word();
        pass.end_bang();
        // Only whole characters went in, so the lossy branch is never
        // taken; it keeps this free of `unsafe`.
        pass.out.text = String::from_utf8(pass.text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        pass.out
    }

    /// The original byte span behind `start..end` of the normalised text.
    pub(crate) fn original(&self, start: usize, end: usize) -> Span {
        if start >= end || end > self.map.len() {
            return (0, 0);
        }
        (self.map[start].0 as usize, self.map[end - 1].1 as usize)
    }

    /// The normalised byte where original byte `orig` (or what follows it) went.
    pub(crate) fn position_of(&self, orig: usize) -> usize {
        self.map.partition_point(|&(s, _)| (s as usize) < orig)
    }

    /// True if the normalised text has a letter between the normalised
    /// positions of original bytes `from` and `to`.
    pub(crate) fn has_letters_between(&self, from: usize, to: usize) -> bool {
        let (a, b) = (self.position_of(from), self.position_of(to));
        self.text
            .get(a..b.max(a))
            .is_some_and(|s| s.chars().any(char::is_alphabetic))
    }
}

/// Where the plain stretch from `start` (an ASCII letter or digit) ends,
/// and how many capitals it holds: it runs over letters and digits and on
/// over each single space with one after it.
fn plain_stretch(bytes: &[u8], start: usize) -> (usize, usize) {
    let (mut at, mut upper) = (start, 0);
    loop {
        // One table load tells both what the byte is and whether it is a
        // capital: the two range tests per byte were the costliest line of
        // normalising.
        while let Some(&b) = bytes.get(at) {
            let class = PLAIN[usize::from(b)];
            if class == 0 {
                break;
            }
            upper += usize::from(class >> 1);
            at += 1;
        }
        let more = bytes.get(at) == Some(&b' ')
            && bytes.get(at + 1).is_some_and(u8::is_ascii_alphanumeric);
        if !more {
            return (at, upper);
        }
        at += 1;
    }
}

/// For each byte: 0 outside a plain stretch's words, 1 for a small letter
/// or digit, 3 for a capital (the upper bit counts capitals).
const PLAIN: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte.is_ascii_uppercase() {
            table[b] = 3;
        } else if byte.is_ascii_alphanumeric() {
            table[b] = 1;
        }
        b += 1;
    }
    table
};

/// The last character of `text`, which holds whole characters only.
fn last_char(text: &[u8]) -> Option<char> {
    let start = text.iter().rposition(|&b| b & 0xC0 != 0x80)?;
    std::str::from_utf8(&text[start..]).ok()?.chars().next()
}

/// Normalises a lexicon phrase exactly like an answer, so coaches can write
/// phrases naturally (accents, capitals, curly apostrophes all work).
pub(crate) fn normalize_phrase(phrase: &str) -> String {
    let trimmed = phrase.trim_matches(' ');
    if is_normal(trimmed) {
        return trimmed.to_string();
    }
    Normalized::pass(phrase, false).text
}

/// Whether `phrase` is its own normal form: lowercase ASCII words joined by
/// single spaces, with apostrophes only inside words. Most expanded English
/// variants are, once the spaces around a `_` gap are trimmed, and the full
/// pass over each was a tenth of start-up.
fn is_normal(phrase: &str) -> bool {
    let bytes = phrase.as_bytes();
    let letter = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_lowercase);
    !bytes.is_empty()
        && bytes.iter().enumerate().all(|(i, &b)| match b {
            b'a'..=b'z' => true,
            b' ' | b'\'' => i > 0 && letter(i - 1) && letter(i + 1),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of up to five characters drawn from letters, a
    /// capital, an accent, a digit, spaces, both apostrophes and a hyphen:
    /// the shortcut for phrases already normal must agree with the pass.
    #[test]
    fn phrases_already_normal_skip_the_pass_unchanged() {
        let alphabet = ['a', 'z', 'E', 'é', '7', ' ', '\'', '’', '-'];
        let mut strings = vec![String::new()];
        let mut shortcut = 0;
        for _ in 0..5 {
            strings = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            for s in &strings {
                assert_eq!(
                    normalize_phrase(s),
                    Normalized::pass(s, false).text,
                    "{s:?}"
                );
                shortcut += usize::from(is_normal(s.trim_matches(' ')));
            }
        }
        // The shortcut is taken: two letters each side of a space or an
        // apostrophe, and every plain word.
        assert!(is_normal("don't you agree"));
        assert!(shortcut > 100, "{shortcut}");
    }

    #[test]
    fn folds_case_accents_apostrophes_and_punctuation() {
        let n = Normalized::new("Ça  n’a PAS marché, Qu'est-ce que… ÉLÈVE");
        assert_eq!(n.text, "ca n'a pas marche qu'est ce que eleve");
        assert_eq!(n.marks.len(), 2);
    }

    #[test]
    fn maps_spans_back_across_multibyte_and_invisible_characters() {
        let src = "😀 Vous n\u{200B}’avez pas tort";
        let n = Normalized::new(src);
        assert_eq!(n.text, "😀 vous n'avez pas tort");
        let at = n.text.find("n'avez").unwrap();
        let (s, e) = n.original(at, at + "n'avez".len());
        assert_eq!(&src[s..e], "n\u{200B}’avez");
    }

    #[test]
    fn keeps_decimal_numbers_whole_and_records_questions() {
        let n = Normalized::new("A 4.8 rating? Yes. 1,500 people!!!");
        assert_eq!(n.text, "a 4.8 rating yes 1,500 people");
        assert_eq!(n.marks[0].kind, MarkKind::Sentence { question: true });
        assert_eq!(n.bangs.len(), 1);
    }

    #[test]
    fn records_words_in_capitals_but_not_single_letters() {
        let n = Normalized::new("I said YOU are WRONG");
        let words: Vec<usize> = n.caps.iter().map(|c| c.1).collect();
        assert_eq!(words, vec![3, 5]);
    }

    /// The bulk path for plain ASCII stretches must find the same words in
    /// capitals as the per-character path beside accents, digits, hyphens
    /// and elisions.
    #[test]
    fn capitals_next_to_accents_digits_and_elisions() {
        let cases: [(&str, &[(&str, usize)]); 7] = [
            ("C'EST TRÈS GRAVE", &[("EST", 3), ("TRÈS", 4), ("GRAVE", 5)]),
            ("40ÉÉ et 40EE", &[("40ÉÉ", 2), ("40EE", 2)]),
            ("ÉCOUTEZ-MOI bien", &[("ÉCOUTEZ", 7), ("MOI", 3)]),
            ("un CRM À jour", &[("CRM", 3)]),
            ("ÇA SUFFIT!!", &[("ÇA", 2), ("SUFFIT", 6)]),
            ("L'ÉQUIPE ok", &[("ÉQUIPE", 6)]),
            ("QUOIÉ xÉÉ ÉÉx", &[("QUOIÉ", 5)]),
        ];
        for (text, want) in cases {
            let got: Vec<(&str, usize)> = Normalized::new(text)
                .caps
                .iter()
                .map(|&((a, b), n)| (&text[a..b], n))
                .collect();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn decomposed_accents_stay_inside_the_span() {
        let src = "de\u{301}cu";
        let n = Normalized::new(src);
        assert_eq!(n.text, "decu");
        assert_eq!(n.original(0, n.text.len()), (0, src.len()));
    }

    #[test]
    fn ascii_classes_match_the_general_rules() {
        for b in 0..=0x7Fu8 {
            assert_eq!(classify_ascii(b), classify_any(char::from(b)), "{b:#x}");
        }
    }

    #[test]
    fn empty_and_invisible_inputs_give_empty_text() {
        assert!(Normalized::new("").text.is_empty());
        assert!(Normalized::new("\u{200B}\u{FEFF}  \u{200D}")
            .text
            .is_empty());
    }
}
