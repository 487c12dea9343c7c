//! What every feed and sitemap writer needs of its text: XML-safe characters, absolute
//! addresses, dates in each format's spelling, and a picture's media type.

use atom_syndication::FixedDateTime;

/// `text` without the characters XML 1.0 forbids (control characters other than tab and line
/// ends, U+FFFE, U+FFFF): a stored headline holding one would make the whole feed unreadable.
/// Markup-significant characters stay; the writers escape them.
pub fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// `path` on the site at `origin`; an address that is absolute already is kept as it is.
pub fn absolute(origin: &str, path: &str) -> String {
    if path.starts_with("https://") || path.starts_with("http://") {
        path.to_owned()
    } else {
        format!("{origin}/{}", path.trim_start_matches('/'))
    }
}

/// A moment as stored (RFC 3339), readable in each format's spelling.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(FixedDateTime);

impl Timestamp {
    /// `None` when `rfc3339` is not a date and time.
    pub fn parse(rfc3339: &str) -> Option<Timestamp> {
        FixedDateTime::parse_from_rfc3339(rfc3339)
            .ok()
            .map(Timestamp)
    }

    /// 1970-01-01T00:00:00Z: the date of a feed with no items yet.
    pub fn epoch() -> Timestamp {
        Timestamp(FixedDateTime::default())
    }

    /// For Atom.
    pub fn fixed(&self) -> FixedDateTime {
        self.0
    }

    /// `2026-11-24T08:00:00+00:00` (Atom, JSON Feed, sitemaps).
    pub fn rfc3339(&self) -> String {
        self.0.to_rfc3339()
    }

    /// `Tue, 24 Nov 2026 08:00:00 +0000` (RSS).
    pub fn rfc2822(&self) -> String {
        self.0.to_rfc2822()
    }

    /// `Tue, 24 Nov 2026 08:00:00 GMT` (Last-Modified).
    pub fn http_date(&self) -> String {
        let seconds = u64::try_from(self.0.timestamp()).unwrap_or(0);
        httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
    }
}

/// The media type of a picture, from its file name.
pub fn image_type(src: &str) -> &'static str {
    let extension = src
        .rsplit('/')
        .next()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, extension)| extension.to_ascii_lowercase());
    match extension.as_deref() {
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        _ => "image/jpeg",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_characters_xml_allows_are_kept() {
        assert_eq!(clean("a\u{0}b\u{1b}c\td\ne\u{FFFF}"), "abc\td\ne");
        assert_eq!(clean("<b> & \"q\" \u{202E}rtl"), "<b> & \"q\" \u{202E}rtl");
    }

    #[test]
    fn addresses_become_absolute_once() {
        assert_eq!(
            absolute("https://n.example", "/articles/a"),
            "https://n.example/articles/a"
        );
        assert_eq!(
            absolute("https://n.example", "https://x.example/p"),
            "https://x.example/p"
        );
    }

    #[test]
    fn dates_are_spelled_for_each_format() {
        let t = Timestamp::parse("2026-11-24T08:00:00Z").unwrap();
        assert_eq!(t.rfc3339(), "2026-11-24T08:00:00+00:00");
        assert_eq!(t.rfc2822(), "Tue, 24 Nov 2026 08:00:00 +0000");
        assert_eq!(t.http_date(), "Tue, 24 Nov 2026 08:00:00 GMT");
        assert!(Timestamp::parse("yesterday").is_none());
        assert!(Timestamp::epoch() < t);
    }

    #[test]
    fn picture_types_follow_the_file_name() {
        assert_eq!(image_type("/media/a.PNG"), "image/png");
        assert_eq!(image_type("/media/a.svg"), "image/svg+xml");
        assert_eq!(image_type("/media/a"), "image/jpeg");
    }
}
