//! A read-only map from words to values, for the lookups made for every
//! word of every answer (the phrase index's vocabulary, the calibration's
//! words, the stopword, "you", "me" and negation sets). A word of up to
//! eight bytes, most words, is kept in the table itself as one integer and
//! compared as one: a `HashMap` with boxed keys confirmed each candidate
//! through a call to memcmp on a key stored elsewhere, a cache miss for
//! most words of an answer. (No crate offers this: `hashbrown` keeps keys
//! as given, and `phf` wants the words at compile time, where a coach's
//! `--data` files are read at start-up.)

use std::collections::HashMap;

use super::lexicon::FastHash;

/// One slot of the open-addressing table; `len` 0 marks it empty.
#[derive(Debug, Clone, Copy)]
struct Slot<V> {
    key: u64,
    len: u8,
    value: V,
}

/// Words (byte strings) to values of type `V`.
#[derive(Debug, Clone)]
pub(crate) struct WordTable<V> {
    /// A power of two in length, at most half full, so a probe always
    /// meets an empty slot.
    slots: Vec<Slot<V>>,
    /// The words too long to pack, and the empty word.
    long: HashMap<Box<[u8]>, V, FastHash>,
    /// The longest word held: a longer one needs no lookup.
    longest: usize,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            slots: Vec::new(),
            long: HashMap::default(),
            longest: 0,
        }
    }
}

/// Bytes a packed word holds at most.
const PACKED: usize = 8;

/// `word` as one integer, if it has one to eight bytes: with its length,
/// it tells the word apart from any other. Read in two overlapping loads
/// (or three bytes for a short word) rather than a byte at a time.
fn pack(word: &[u8]) -> Option<u64> {
    let n = word.len();
    match n {
        1..=3 => {
            let (first, mid, last) = (word[0], word[n / 2], word[n - 1]);
            Some(u64::from(first) | u64::from(mid) << 8 | u64::from(last) << 16)
        }
        4..=PACKED => {
            let head = u32::from_le_bytes(word.get(..4)?.try_into().ok()?);
            let tail = u32::from_le_bytes(word.get(n - 4..)?.try_into().ok()?);
            Some(u64::from(head) | u64::from(tail) << 32)
        }
        _ => None,
    }
}

/// The first slot to probe for a packed word (Fibonacci hashing: the
/// multiply spreads every input bit into the top bits kept).
fn home(key: u64, len: u8, slots: usize) -> usize {
    let mixed = (key ^ u64::from(len) << 59).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let bits = slots.trailing_zeros();
    if bits == 0 {
        return 0;
    }
    (mixed >> (64 - bits)) as usize
}

impl<V: Copy> WordTable<V> {
    /// The table of `words`; where a word comes twice, the last value wins.
    pub(crate) fn new<K: AsRef<[u8]>>(words: impl IntoIterator<Item = (K, V)>) -> WordTable<V> {
        let words: Vec<(K, V)> = words.into_iter().collect();
        let size = (words.len() * 2).next_power_of_two().max(2);
        let mut table = WordTable {
            slots: Vec::with_capacity(size),
            long: HashMap::default(),
            longest: 0,
        };
        let Some(&(_, filler)) = words.first() else {
            return table;
        };
        table.slots = vec![
            Slot {
                key: 0,
                len: 0,
                value: filler,
            };
            size
        ];
        for (word, value) in words {
            let word = word.as_ref();
            table.longest = table.longest.max(word.len());
            match pack(word) {
                Some(key) => table.put(key, word.len() as u8, value),
                // The empty word too: a double space makes one.
                None => {
                    table.long.insert(word.into(), value);
                }
            }
        }
        table
    }

    fn put(&mut self, key: u64, len: u8, value: V) {
        let mask = self.slots.len() - 1;
        let mut at = home(key, len, self.slots.len());
        while let Some(slot) = self.slots.get_mut(at) {
            if slot.len == 0 || (slot.key == key && slot.len == len) {
                *slot = Slot { key, len, value };
                return;
            }
            at = (at + 1) & mask;
        }
    }

    /// The value of `word`, if it is in the table.
    // Called for every token: as a call (the calibration's lookups were
    // not inlined) it cost the 60-word benchmark answer 1.6% more
    // instructions.
    #[inline(always)]
    pub(crate) fn get(&self, word: &[u8]) -> Option<V> {
        if word.len() > self.longest {
            return None;
        }
        let Some(key) = pack(word) else {
            return self.long.get(word).copied();
        };
        let len = word.len() as u8;
        let mask = self.slots.len().wrapping_sub(1);
        let mut at = home(key, len, self.slots.len());
        loop {
            let slot = self.slots.get(at)?;
            if slot.key == key && slot.len == len {
                return Some(slot.value);
            }
            if slot.len == 0 {
                return None;
            }
            at = (at + 1) & mask;
        }
    }

    /// How many words the table holds.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.slots.iter().filter(|s| s.len != 0).count() + self.long.len()
    }
}

/// A set of words (stopwords, "you" words...), looked up as a table.
pub(crate) type WordSet = WordTable<()>;

impl WordSet {
    /// Whether `word` is in the set.
    #[inline]
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.get(word.as_bytes()).is_some()
    }
}

impl<W: AsRef<[u8]>> FromIterator<W> for WordSet {
    fn from_iter<I: IntoIterator<Item = W>>(words: I) -> Self {
        WordTable::new(words.into_iter().map(|w| (w, ())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every word of one to ten bytes over a small alphabet, each with its
    /// own value; half of them in the table.
    #[test]
    fn finds_exactly_the_words_it_holds() {
        let alphabet = [b'a', b'b', b'\'', 0xC3];
        let mut words: Vec<Vec<u8>> = vec![Vec::new()];
        let mut all = Vec::new();
        for _ in 0..6 {
            words = words
                .iter()
                .flat_map(|w| {
                    alphabet.iter().map(move |&b| {
                        let mut w = w.clone();
                        w.push(b);
                        w
                    })
                })
                .collect();
            all.extend(words.iter().cloned());
        }
        // Long words: past the packed length, some sharing packed bytes.
        for n in 7..=12 {
            all.push(vec![b'a'; n]);
            all.push([vec![b'a'; n - 1], vec![b'b']].concat());
        }
        let kept: Vec<(&[u8], u32)> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(i, w)| (w.as_slice(), i as u32))
            .collect();
        let table = WordTable::new(kept.iter().copied());
        assert_eq!(table.len(), kept.len());
        for (i, w) in all.iter().enumerate() {
            let expected = (i % 2 == 0).then_some(i as u32);
            assert_eq!(table.get(w), expected, "{w:?}");
        }
        assert_eq!(table.get(b""), None);
        let with_empty = WordTable::new([(&b""[..], 7u32), (b"x", 8)]);
        assert_eq!(with_empty.get(b""), Some(7));
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let table: WordTable<u32> = WordTable::new(std::iter::empty::<(&[u8], u32)>());
        assert_eq!(table.get(b"word"), None);
        assert_eq!(table.get(b"a much longer word"), None);
        assert_eq!(table.len(), 0);
    }

    #[test]
    fn the_last_value_of_a_word_wins() {
        let table = WordTable::new([
            (&b"so"[..], 1),
            (b"so", 2),
            (b"sooooooooo", 3),
            (b"sooooooooo", 4),
        ]);
        assert_eq!(table.get(b"so"), Some(2));
        assert_eq!(table.get(b"sooooooooo"), Some(4));
    }
}
