//! Fetching a file a member attached (a library to import). Serenity's own
//! `Attachment::download` ignores the configured API base, so a bot pointed
//! at a fake or proxied Discord could not be tested or deployed that way:
//! Discord's CDN hosts are rewritten onto the base, and the body is read
//! with a hard size cap whatever the attachment claims.

use poise::serenity_prelude as serenity;

/// Largest library file accepted (the whole built-in library is ~60 kB).
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// Hosts Discord serves attachments from.
const CDN_HOSTS: [&str; 3] = [
    "https://cdn.discordapp.com",
    "https://media.discordapp.net",
    "https://cdn.discord.com",
];

/// Why a file could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// Bigger than allowed.
    #[error("the file is {size} bytes; the limit is {max} bytes")]
    TooLarge {
        /// Its size (at least), in bytes.
        size: usize,
        /// The limit.
        max: usize,
    },
    /// The server answered with an error status.
    #[error("the file server answered {0}")]
    Status(u16),
    /// The request failed.
    #[error("the file could not be fetched: {0}")]
    Request(#[from] reqwest::Error),
}

impl DownloadError {
    /// Whether the member can fix it (a smaller file) rather than a fault.
    pub fn is_user_error(&self) -> bool {
        matches!(self, DownloadError::TooLarge { .. })
    }
}

/// Where to fetch `url` from: Discord CDN URLs move onto `api_base` (the
/// proxy the REST client uses) when one is configured; anything else is
/// left alone.
pub fn rewrite(url: &str, api_base: Option<&str>) -> String {
    let Some(base) = api_base else {
        return url.to_string();
    };
    CDN_HOSTS
        .iter()
        .find_map(|host| url.strip_prefix(host))
        .filter(|rest| rest.starts_with('/'))
        .map_or_else(
            || url.to_string(),
            |rest| format!("{}{rest}", base.trim_end_matches('/')),
        )
}

/// Fetches an attachment through the bot's configured API base, refusing
/// anything over `max` bytes before and while reading it.
pub async fn fetch(
    http: &serenity::Http,
    attachment: &serenity::Attachment,
    max: usize,
) -> Result<Vec<u8>, DownloadError> {
    let claimed = usize::try_from(attachment.size).unwrap_or(usize::MAX);
    if claimed > max {
        return Err(DownloadError::TooLarge { size: claimed, max });
    }
    let url = rewrite(&attachment.url, http.proxy.as_deref());
    let mut response = reqwest::Client::new().get(&url).send().await?;
    if !response.status().is_success() {
        return Err(DownloadError::Status(response.status().as_u16()));
    }
    let mut bytes = Vec::with_capacity(claimed.min(max));
    while let Some(chunk) = response.chunk().await? {
        if bytes.len() + chunk.len() > max {
            return Err(DownloadError::TooLarge {
                size: bytes.len() + chunk.len(),
                max,
            });
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdn_urls_move_onto_the_api_base_and_others_stay() {
        let url = "https://cdn.discordapp.com/attachments/1/2/library.json?ex=1";
        assert_eq!(
            rewrite(url, Some("http://127.0.0.1:5000/")),
            "http://127.0.0.1:5000/attachments/1/2/library.json?ex=1"
        );
        assert_eq!(rewrite(url, None), url, "production fetches the CDN");
        let fake = "http://127.0.0.1:5000/fake-cdn/attachments/9/a.json";
        assert_eq!(rewrite(fake, Some("http://127.0.0.1:5000")), fake);
        let lookalike = "https://cdn.discordapp.com.evil.example/x";
        assert_eq!(rewrite(lookalike, Some("http://h")), lookalike);
    }

    #[test]
    fn only_size_errors_are_the_members_to_fix() {
        assert!(DownloadError::TooLarge { size: 3, max: 2 }.is_user_error());
        assert!(!DownloadError::Status(500).is_user_error());
    }
}
