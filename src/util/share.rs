//! Share links: plain addresses that open each network's own "share this" page with the
//! article's URL and title, built here so no third-party script, frame or image is ever loaded;
//! nothing reaches another site until the reader follows a link.

use inkuru_api::paths::encode_component as enc;
use inkuru_api::Network;

/// The address that shares `url` titled `title` on `network`; `None` for a network that has no
/// share page (Instagram, YouTube, TikTok, RSS) or for Mastodon without the reader's server.
pub fn link(network: Network, url: &str, title: &str, mastodon: Option<&str>) -> Option<String> {
    let (u, t) = (enc(url), enc(title));
    Some(match network {
        Network::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
        Network::X => format!("https://x.com/intent/post?url={u}&text={t}"),
        Network::Whatsapp => format!("https://wa.me/?text={}", enc(&format!("{title} {url}"))),
        Network::Telegram => format!("https://t.me/share/url?url={u}&text={t}"),
        Network::Linkedin => format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
        Network::Email => format!("mailto:?subject={t}&body={u}"),
        Network::Mastodon => format!(
            "https://{}/share?text={}",
            mastodon?,
            enc(&format!("{title} {url}"))
        ),
        Network::Instagram | Network::Youtube | Network::Tiktok | Network::Rss => return None,
    })
}

/// The Mastodon server a reader typed, as a bare host name (`mastodon.social`), whether they
/// typed it alone, as an address, or as their handle (`@me@mastodon.social`); `None` when it is
/// not a host name.
pub fn mastodon_server(typed: &str) -> Option<String> {
    let typed = typed.trim();
    let typed = typed.strip_prefix("https://").unwrap_or(typed);
    let typed = typed.rsplit('@').next().unwrap_or(typed);
    let host = typed
        .split('/')
        .next()
        .unwrap_or(typed)
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let sound = host.len() <= 253
        && labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    sound.then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://news.example/articles/a-b";
    const TITLE: &str = "Rain & sun: \"both\" today?";

    #[test]
    fn each_network_gets_the_encoded_url_and_title() {
        assert_eq!(
            link(Network::X, URL, TITLE, None).unwrap(),
            "https://x.com/intent/post?url=https%3A%2F%2Fnews.example%2Farticles%2Fa-b&text=Rain%20%26%20sun%3A%20%22both%22%20today%3F"
        );
        assert_eq!(
            link(Network::Facebook, URL, TITLE, None).unwrap(),
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fnews.example%2Farticles%2Fa-b"
        );
        assert!(link(Network::Email, URL, TITLE, None)
            .unwrap()
            .starts_with("mailto:?subject=Rain%20%26"));
        assert_eq!(link(Network::Instagram, URL, TITLE, None), None);
        // The contract's rule for which networks can have a share button is this function's.
        for network in Network::ALL {
            let shared = link(network, URL, TITLE, Some("mastodon.social")).is_some();
            assert_eq!(shared, network.takes_shared_links(), "{network:?}");
        }
    }

    #[test]
    fn mastodon_needs_the_readers_server() {
        assert_eq!(link(Network::Mastodon, URL, TITLE, None), None);
        let shared = link(Network::Mastodon, URL, TITLE, Some("mastodon.social")).unwrap();
        assert!(shared.starts_with("https://mastodon.social/share?text=Rain%20%26"));
        assert!(shared.ends_with("https%3A%2F%2Fnews.example%2Farticles%2Fa-b"));
    }

    #[test]
    fn a_mastodon_server_is_read_from_how_people_write_it() {
        for typed in [
            "mastodon.social",
            " https://Mastodon.Social/ ",
            "@aline@mastodon.social",
        ] {
            assert_eq!(
                mastodon_server(typed).as_deref(),
                Some("mastodon.social"),
                "{typed}"
            );
        }
        for bad in [
            "",
            "localhost",
            "evil\"><script>.example",
            "a..b",
            "-x.example",
        ] {
            assert_eq!(mastodon_server(bad), None, "{bad}");
        }
        // Anything after the host is dropped, never carried into the link.
        assert_eq!(
            mastodon_server("evil.example/\"><script>").as_deref(),
            Some("evil.example")
        );
    }
}
