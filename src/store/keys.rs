//! Typed keys: every record key starts with the guild id (big-endian u64) so a
//! guild's records sort together and a prefix scan never crosses guilds.

/// Separates variable-length parts of a key. Ids and tags are slugs, which
/// never contain a zero byte, so `a\0` never prefixes `a-b\0`.
pub(crate) const SEP: u8 = 0;

/// The 8-byte prefix of every key of `guild`.
pub(crate) fn guild_prefix(guild: u64) -> [u8; 8] {
    guild.to_be_bytes()
}

/// `guild ++ part0 ++ SEP ++ part1 ++ ...`: parts joined by [`SEP`], with no
/// trailing separator.
pub(crate) fn guild_key(guild: u64, parts: &[&[u8]]) -> Vec<u8> {
    let len = 8 + parts.iter().map(|p| p.len() + 1).sum::<usize>();
    let mut key = Vec::with_capacity(len);
    key.extend_from_slice(&guild_prefix(guild));
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            key.push(SEP);
        }
        key.extend_from_slice(part);
    }
    key
}

/// Like [`guild_key`] but ending with [`SEP`]: the prefix of every key that
/// continues these parts with one more.
pub(crate) fn guild_key_prefix(guild: u64, parts: &[&[u8]]) -> Vec<u8> {
    let mut key = guild_key(guild, parts);
    key.push(SEP);
    key
}

/// The part of `key` after its guild prefix and `skip` bytes.
pub(crate) fn tail(key: &[u8], skip: usize) -> &[u8] {
    key.get(8 + skip..).unwrap_or_default()
}

/// A key printed for error messages: guild id, then the rest as text.
pub(crate) fn describe(key: &[u8]) -> String {
    match key.get(..8).and_then(|g| <[u8; 8]>::try_from(g).ok()) {
        Some(guild) => format!(
            "{}/{}",
            u64::from_be_bytes(guild),
            String::from_utf8_lossy(tail(key, 0)).replace('\0', "/")
        ),
        None => String::from_utf8_lossy(key).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guild_keys_sort_by_guild_then_parts() {
        let a = guild_key(1, &[b"zeta"]);
        let b = guild_key(2, &[b"alpha"]);
        assert!(a < b, "guild order wins over id order");
        assert!(
            guild_key(256, &[]) > guild_key(255, &[b"zzz"]),
            "big-endian"
        );
    }

    #[test]
    fn prefixes_do_not_capture_longer_ids() {
        let prefix = guild_key_prefix(7, &[b"a"]);
        assert!(guild_key(7, &[b"a", b"1"]).starts_with(&prefix));
        assert!(!guild_key(7, &[b"a-b", b"1"]).starts_with(&prefix));
    }

    #[test]
    fn describe_shows_guild_and_parts() {
        assert_eq!(describe(&guild_key(42, &[b"tag", b"id"])), "42/tag/id");
    }
}
