//! Helpers every command uses to build what it sends: Discord rejects a
//! whole message when one part is over its limit, and pings people when
//! echoed text contains mentions, so both are handled here once.

use std::borrow::Cow;

use poise::serenity_prelude as serenity;
use unicode_normalization::char::is_combining_mark;

use crate::scoring::Level;

/// Most characters in a message's content.
pub const CONTENT_MAX: usize = 2000;
/// Most characters in an embed title.
pub const TITLE_MAX: usize = 256;
/// Most characters in an embed description.
pub const DESCRIPTION_MAX: usize = 4096;
/// Most characters in an embed field name.
pub const FIELD_NAME_MAX: usize = 256;
/// Most characters in an embed field value.
pub const FIELD_VALUE_MAX: usize = 1024;
/// Most fields in one embed.
pub const FIELDS_MAX: usize = 25;
/// Most characters in an embed footer.
pub const FOOTER_MAX: usize = 2048;
/// Most characters in all the text of one embed together.
pub const EMBED_TOTAL_MAX: usize = 6000;

/// What ends a cut text, so the reader sees that something is missing.
const ELLIPSIS: char = '…';
/// Discord rejects empty field names and values; this invisible space stands in.
const BLANK: &str = "\u{200b}";

/// Counts characters the way Discord's limits do (Unicode code points).
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Allowed mentions that ping nobody: used wherever the bot echoes user or
/// library text, so an `@everyone` in an answer stays plain text.
pub fn no_mentions() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
}

/// A reply with `content` (cut to the message limit) that pings nobody.
pub fn text(content: &str) -> poise::CreateReply {
    poise::CreateReply::default()
        .content(cut(content, CONTENT_MAX))
        .allowed_mentions(no_mentions())
}

/// Like [`text`], visible only to the person who invoked the command.
pub fn ephemeral(content: &str) -> poise::CreateReply {
    text(content).ephemeral(true)
}

/// An embed only the invoker sees, pinging nobody (add buttons with
/// `.components`).
pub fn private_embed(embed: serenity::CreateEmbed) -> poise::CreateReply {
    poise::CreateReply::default()
        .embed(embed)
        .ephemeral(true)
        .allowed_mentions(no_mentions())
}

/// The embed colour for a rubric level: red for dismissive through gold for masterful.
pub fn level_colour(level: Level) -> serenity::Colour {
    serenity::Colour(match level {
        Level::Dismissive => 0xD9_3A_3A,
        Level::Defensive => 0xE6_7E_22,
        Level::Neutral => 0x95_A5_A6,
        Level::Empathetic => 0x2E_B8_6B,
        Level::Masterful => 0xF1_C4_0F,
    })
}

/// Cuts `text` to at most `max` characters, ending with an ellipsis when
/// anything was dropped. Prefers a word boundary near the end, and never
/// separates a letter from its combining accent.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if char_len(text) <= max {
        return Cow::Borrowed(text);
    }
    if max == 0 {
        return Cow::Borrowed("");
    }
    let hard_end = boundary_before(text, max - 1);
    let head = &text[..hard_end];
    let end = match head.rfind(char::is_whitespace) {
        // Only back off to a space when that keeps most of the allowed text.
        Some(space) if char_len(&head[..space]) * 5 >= (max - 1) * 4 => space,
        _ => hard_end,
    };
    let kept = head[..end].trim_end_matches(|c: char| c.is_whitespace() || ",;:".contains(c));
    Cow::Owned(format!("{kept}{ELLIPSIS}"))
}

/// Splits `text` into pieces of at most `max` characters each (`max` > 0),
/// preferring to break between paragraphs, then lines, then words; only a
/// word longer than `max` is broken inside.
pub fn split(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut pieces = Vec::new();
    let mut rest = text.trim();
    while char_len(rest) > max {
        let window_end = match boundary_before(rest, max) {
            // Only combining marks fit: break among them rather than loop forever.
            0 => rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i),
            end => end,
        };
        let window = &rest[..window_end];
        let at = split_point(window, max).unwrap_or(window_end);
        let piece = rest[..at].trim_end();
        if !piece.is_empty() {
            pieces.push(piece.to_string());
        }
        rest = rest[at..].trim_start();
    }
    if !rest.is_empty() {
        pieces.push(rest.to_string());
    }
    pieces
}

/// The best place to break `window`: the last paragraph break, line break or
/// space that is not too close to its start, so pieces stay reasonably full.
fn split_point(window: &str, max: usize) -> Option<usize> {
    let far_enough = |at: usize| char_len(&window[..at]) * 2 >= max;
    let paragraph = window.rfind("\n\n").filter(|&at| far_enough(at));
    let line = || window.rfind('\n').filter(|&at| far_enough(at));
    let word = || window.rfind(char::is_whitespace).filter(|&at| at > 0);
    paragraph.or_else(line).or_else(word)
}

/// The byte offset just after the first `chars` characters of `text`, moved
/// back so that it does not fall between a letter and its combining marks.
fn boundary_before(text: &str, chars: usize) -> usize {
    let mut end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    while end > 0 && text[end..].chars().next().is_some_and(is_combining_mark) {
        end = text[..end].char_indices().next_back().map_or(0, |(i, _)| i);
    }
    end
}

/// One embed field before it is fitted to Discord's limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The field's name (bold line).
    pub name: String,
    /// The field's text.
    pub value: String,
    /// Whether Discord may lay it out beside its neighbours.
    pub inline: bool,
}

impl Field {
    /// A field laid out on its own line.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Field {
        Field {
            name: name.into(),
            value: value.into(),
            inline: false,
        }
    }

    /// A field Discord may lay out beside its neighbours.
    pub fn inline(name: impl Into<String>, value: impl Into<String>) -> Field {
        Field {
            inline: true,
            ..Field::new(name, value)
        }
    }
}

/// The text of an embed, kept as plain data so it can be fitted to Discord's
/// limits (each part and the 6000-character total) before it is built.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmbedText {
    /// Title line.
    pub title: Option<String>,
    /// Main text.
    pub description: Option<String>,
    /// Fields, in order.
    pub fields: Vec<Field>,
    /// Small text at the bottom.
    pub footer: Option<String>,
    /// Side colour.
    pub colour: Option<u32>,
}

impl EmbedText {
    /// Cuts every part to its limit, keeps at most 25 fields (the last one
    /// saying how many were left out), then shrinks the description, drops
    /// trailing fields and finally cuts the footer until the total fits.
    pub fn fit(mut self) -> EmbedText {
        self.title = self.title.map(|t| cut(&t, TITLE_MAX).into_owned());
        self.description = self
            .description
            .map(|d| cut(&d, DESCRIPTION_MAX).into_owned());
        self.footer = self.footer.map(|f| cut(&f, FOOTER_MAX).into_owned());
        if self.fields.len() > FIELDS_MAX {
            let left_out = self.fields.len() - (FIELDS_MAX - 1);
            self.fields.truncate(FIELDS_MAX - 1);
            self.fields
                .push(Field::new(ELLIPSIS.to_string(), format!("+{left_out}")));
        }
        for field in &mut self.fields {
            field.name = non_blank(cut(&field.name, FIELD_NAME_MAX).into_owned());
            field.value = non_blank(cut(&field.value, FIELD_VALUE_MAX).into_owned());
        }
        self.shrink_to_total();
        self
    }

    /// Characters counted toward the 6000 total.
    pub fn total_len(&self) -> usize {
        let opt = |s: &Option<String>| s.as_deref().map_or(0, char_len);
        opt(&self.title)
            + opt(&self.description)
            + opt(&self.footer)
            + self
                .fields
                .iter()
                .map(|f| char_len(&f.name) + char_len(&f.value))
                .sum::<usize>()
    }

    fn shrink_to_total(&mut self) {
        let excess = self.total_len().saturating_sub(EMBED_TOTAL_MAX);
        if excess > 0 {
            if let Some(d) = self.description.take() {
                let keep = char_len(&d).saturating_sub(excess);
                self.description = Some(cut(&d, keep).into_owned()).filter(|d| !d.is_empty());
            }
        }
        while self.total_len() > EMBED_TOTAL_MAX && !self.fields.is_empty() {
            self.fields.pop();
        }
        let excess = self.total_len().saturating_sub(EMBED_TOTAL_MAX);
        if excess > 0 {
            if let Some(f) = self.footer.take() {
                let keep = char_len(&f).saturating_sub(excess);
                self.footer = Some(cut(&f, keep).into_owned()).filter(|f| !f.is_empty());
            }
        }
    }

    /// Fits the text to the limits and builds the serenity embed.
    pub fn build(self) -> serenity::CreateEmbed {
        let fitted = self.fit();
        let mut embed = serenity::CreateEmbed::new();
        if let Some(title) = fitted.title {
            embed = embed.title(title);
        }
        if let Some(description) = fitted.description {
            embed = embed.description(description);
        }
        embed = embed.fields(
            fitted
                .fields
                .into_iter()
                .map(|f| (f.name, f.value, f.inline)),
        );
        if let Some(footer) = fitted.footer {
            embed = embed.footer(serenity::CreateEmbedFooter::new(footer));
        }
        if let Some(colour) = fitted.colour {
            embed = embed.colour(colour);
        }
        embed
    }
}

fn non_blank(s: String) -> String {
    if s.trim().is_empty() {
        BLANK.to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_untouched() {
        assert!(matches!(
            cut("Hello there", 11),
            Cow::Borrowed("Hello there")
        ));
    }

    #[test]
    fn cut_text_fits_and_ends_with_an_ellipsis_on_a_word() {
        let text = "Vous n'avez pas tort, beaucoup de messages LinkedIn ressemblent à du spam";
        let out = cut(text, 40);
        assert!(char_len(&out) <= 40, "{out}");
        assert!(out.ends_with('…'), "{out}");
        let kept = out.trim_end_matches('…');
        assert!(text.starts_with(kept), "{out}");
        // The cut falls between words, so the last kept word is whole.
        let next = &text[kept.len()..];
        assert!(
            next.starts_with(char::is_whitespace),
            "cut inside a word: {out}"
        );
    }

    #[test]
    fn a_single_long_word_is_cut_inside_on_a_char_boundary() {
        let text = "é".repeat(50);
        let out = cut(&text, 10);
        assert_eq!(out, format!("{}…", "é".repeat(9)));
    }

    #[test]
    fn cut_never_separates_a_letter_from_its_combining_accent() {
        // "e" + COMBINING ACUTE ACCENT, repeated: every second char is a mark.
        let text = "e\u{301}".repeat(10);
        let out = cut(&text, 6);
        let kept = out.trim_end_matches('…');
        assert!(!kept.chars().last().is_some_and(|c| c == 'e'), "{out:?}");
        assert!(char_len(&out) <= 6);
    }

    #[test]
    fn cut_to_zero_or_one_still_fits() {
        assert_eq!(cut("abc", 0), "");
        assert_eq!(cut("abc", 1), "…");
    }

    #[test]
    fn split_prefers_paragraphs_and_keeps_every_word() {
        let para = "word ".repeat(30);
        let text = format!("{para}\n\n{para}\n\n{para}");
        let pieces = split(&text, 400);
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert!(pieces.iter().all(|p| char_len(p) <= 400));
        let words: usize = pieces.iter().map(|p| p.split_whitespace().count()).sum();
        assert_eq!(words, 90);
        assert!(pieces[0].ends_with("word"), "{:?}", pieces[0]);
    }

    #[test]
    fn split_breaks_a_word_longer_than_the_limit() {
        let text = format!("short {} tail", "x".repeat(25));
        let pieces = split(&text, 10);
        assert!(pieces.iter().all(|p| char_len(p) <= 10), "{pieces:?}");
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
    }

    #[test]
    fn split_of_short_or_blank_text() {
        assert_eq!(split("  hi  ", 2000), vec!["hi".to_string()]);
        assert!(split("   ", 2000).is_empty());
    }

    #[test]
    fn fitted_embed_respects_every_limit() {
        let long = "mot ".repeat(3000);
        let embed = EmbedText {
            title: Some(long.clone()),
            description: Some(long.clone()),
            fields: (0..40)
                .map(|i| Field::new(format!("{i} {long}"), long.clone()))
                .collect(),
            footer: Some(long.clone()),
            colour: Some(1),
        }
        .fit();
        assert!(
            embed.total_len() <= EMBED_TOTAL_MAX,
            "{}",
            embed.total_len()
        );
        assert!(char_len(embed.title.as_deref().unwrap_or("")) <= TITLE_MAX);
        assert!(embed.fields.len() <= FIELDS_MAX);
        for f in &embed.fields {
            assert!(char_len(&f.name) <= FIELD_NAME_MAX && char_len(&f.value) <= FIELD_VALUE_MAX);
        }
        assert!(embed.footer.as_deref().map_or(0, char_len) <= FOOTER_MAX);
    }

    #[test]
    fn too_many_fields_say_how_many_were_left_out() {
        let embed = EmbedText {
            fields: (0..30).map(|i| Field::new(format!("n{i}"), "v")).collect(),
            ..EmbedText::default()
        }
        .fit();
        assert_eq!(embed.fields.len(), FIELDS_MAX);
        assert_eq!(embed.fields[FIELDS_MAX - 1].value, "+6");
        assert_eq!(embed.fields[FIELDS_MAX - 2].name, "n23");
    }

    #[test]
    fn empty_field_text_is_replaced_by_an_invisible_space() {
        let embed = EmbedText {
            fields: vec![Field::new("", "  ")],
            ..EmbedText::default()
        }
        .fit();
        assert_eq!(embed.fields[0].name, BLANK);
        assert_eq!(embed.fields[0].value, BLANK);
    }

    #[test]
    fn an_embed_within_limits_is_unchanged() {
        let embed = EmbedText {
            title: Some("Score 72".into()),
            description: Some("Good acknowledgment.".into()),
            fields: vec![Field::inline("Level", "Empathetic")],
            footer: Some("Turn 2/6".into()),
            colour: Some(level_colour(Level::Empathetic).0),
        };
        assert_eq!(embed.clone().fit(), embed);
    }

    #[test]
    fn levels_have_distinct_colours() {
        let mut colours: Vec<u32> = Level::ALL.iter().map(|l| level_colour(*l).0).collect();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), 5);
    }
}
