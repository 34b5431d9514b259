//! Tokens, clauses and sentences of a normalised answer: the structure the
//! cues need (negation stays inside its clause, "but" looks back one
//! sentence, a question is judged as a whole).

use super::lexicon::Position;
use super::normalize::{MarkKind, Normalized};

/// One word of the normalised text (apostrophes split words: `n'avez` is
/// `n` + `avez`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    /// Byte range in the normalised text.
    pub start: usize,
    pub end: usize,
    /// Index of its clause.
    pub clause: u32,
    /// Index of its sentence.
    pub sentence: u32,
}

/// One sentence: a token range and whether it asks something.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sentence {
    /// First token index.
    pub first: usize,
    /// One past the last token index.
    pub end: usize,
    /// Ended with a question mark.
    pub question: bool,
}

/// The segmented answer.
#[derive(Debug, Default)]
pub(crate) struct Segments {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Token range of each clause.
    pub clauses: Vec<(usize, usize)>,
}

impl Segments {
    /// Splits the normalised text.
    pub(crate) fn new(norm: &Normalized) -> Segments {
        // Each mark opens at most one sentence and one clause: sized once,
        // these never grow.
        let ranges = norm.marks.len() + 1;
        let mut seg = Segments {
            tokens: Vec::with_capacity(norm.text.len() / 5 + 1),
            sentences: Vec::with_capacity(ranges),
            clauses: Vec::with_capacity(ranges),
        };
        let bytes = norm.text.as_bytes();
        let mut marks = norm.marks.iter().peekable();
        let (mut clause, mut sentence) = (0u32, 0u32);
        let mut question_of_current = false;
        let mut questions = Vec::with_capacity(ranges);
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b' ' || bytes[i] == b'\'' {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i] != b' ' && bytes[i] != b'\'' {
                i += 1;
            }
            let mut new_clause = false;
            let mut new_sentence = false;
            while let Some(m) = marks.next_if(|m| m.at <= start) {
                new_clause = true;
                if let MarkKind::Sentence { question } = m.kind {
                    new_sentence = true;
                    question_of_current |= question;
                }
            }
            if !seg.tokens.is_empty() {
                if new_sentence {
                    questions.push(question_of_current);
                    question_of_current = false;
                    sentence += 1;
                }
                if new_clause {
                    clause += 1;
                }
            } else {
                question_of_current = false;
            }
            seg.tokens.push(Token {
                start,
                end: i,
                clause,
                sentence,
            });
        }
        for m in marks {
            if let MarkKind::Sentence { question } = m.kind {
                question_of_current |= question;
                break;
            }
        }
        questions.push(question_of_current);
        seg.build_ranges(&questions);
        seg
    }

    fn build_ranges(&mut self, questions: &[bool]) {
        for (idx, t) in self.tokens.iter().enumerate() {
            let s = t.sentence as usize;
            if s == self.sentences.len() {
                self.sentences.push(Sentence {
                    first: idx,
                    end: idx + 1,
                    question: questions.get(s).copied().unwrap_or(false),
                });
            } else if let Some(last) = self.sentences.last_mut() {
                last.end = idx + 1;
            }
            let c = t.clause as usize;
            if c == self.clauses.len() {
                self.clauses.push((idx, idx + 1));
            } else if let Some(last) = self.clauses.last_mut() {
                last.1 = idx + 1;
            }
        }
    }

    /// Index of the token containing or following byte `pos`.
    pub(crate) fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end <= pos)
    }

    /// True if `start..end` lies within one sentence and sits where `pos`
    /// requires.
    pub(crate) fn fits(&self, pos: Position, start: usize, end: usize) -> bool {
        let first = self.token_at(start);
        let last_end = self.token_end_at(end);
        let (Some(a), Some(b)) = (
            self.tokens.get(first),
            last_end.checked_sub(1).and_then(|i| self.tokens.get(i)),
        ) else {
            return false;
        };
        if a.sentence != b.sentence {
            return false;
        }
        let (Some(s), Some(c), Some(c_end)) = (
            self.sentences.get(a.sentence as usize),
            self.clauses.get(a.clause as usize),
            self.clauses.get(b.clause as usize),
        ) else {
            return false;
        };
        match pos {
            Position::Any => true,
            Position::SentenceStart => first == s.first,
            Position::SentenceEnd => last_end == s.end,
            Position::ClauseStart => first == c.0,
            Position::ClauseEnd => last_end == c_end.1,
            Position::WholeClause => first == c.0 && last_end == c_end.1,
            Position::FirstClause => first == s.first && last_end == c_end.1,
            Position::WholeSentence => first == s.first && last_end == s.end,
            Position::Tag => a.sentence > 0 && first == s.first && last_end == s.end,
        }
    }

    /// Index one past the last token that starts before byte `pos`.
    pub(crate) fn token_end_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.start < pos)
    }

    /// Byte range in the normalised text of a token range.
    pub(crate) fn bytes(&self, first: usize, end: usize) -> (usize, usize) {
        match (
            self.tokens.get(first),
            end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(a), Some(b)) if first < end => (a.start, b.end),
            _ => (0, 0),
        }
    }

    /// The sentence index of the token at byte `pos`.
    pub(crate) fn sentence_of(&self, pos: usize) -> usize {
        self.tokens
            .get(self.token_at(pos))
            .map_or(self.sentences.len().saturating_sub(1), |t| {
                t.sentence as usize
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(s: &str) -> (Normalized, Segments) {
        let n = Normalized::new(s);
        let g = Segments::new(&n);
        (n, g)
    }

    #[test]
    fn splits_sentences_and_flags_questions() {
        let (_, g) = seg("I see. What worries you? Tell me");
        assert_eq!(g.sentences.len(), 3);
        let q: Vec<bool> = g.sentences.iter().map(|s| s.question).collect();
        assert_eq!(q, vec![false, true, false]);
        assert_eq!(g.sentences[1].first, 2);
    }

    #[test]
    fn clauses_break_at_commas_and_apostrophes_split_tokens() {
        let (n, g) = seg("Je comprends, mais c'est cher");
        assert_eq!(g.tokens.len(), 6);
        assert_eq!(g.clauses, vec![(0, 2), (2, 6)]);
        let t = g.tokens[3];
        assert_eq!(&n.text[t.start..t.end], "c");
    }

    #[test]
    fn leading_punctuation_does_not_create_empty_sentences() {
        let (_, g) = seg("... ?? ok");
        assert_eq!(g.sentences.len(), 1);
        assert!(!g.sentences[0].question);
    }

    #[test]
    fn trailing_question_mark_marks_the_last_sentence() {
        let (_, g) = seg("Sure. When?");
        assert!(g.sentences[1].question);
        assert_eq!(g.token_at(0), 0);
        assert_eq!(g.sentence_of(7), 1);
    }
}
