//! Feeds: which ones the site has (the whole site, a section with its subsections, an author, a
//! topic; each as Atom, RSS and JSON Feed) and their addresses. The server writes them; the app
//! links to them (head discovery, the footer's "Follow" entry), so both build the addresses here.

use crate::slug::{Slug, MAX_SLUG_LEN};

/// Where every feed lives.
pub const FEEDS_ROOT: &str = "/feeds";

/// Items a feed carries: the newest ones.
pub const FEED_ITEMS: u32 = 30;

/// The three formats each feed is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FeedFormat {
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// RSS 2.0.
    Rss,
    /// JSON Feed 1.1.
    Json,
}

impl FeedFormat {
    /// Every format, in the order pages list them.
    pub const ALL: [FeedFormat; 3] = [FeedFormat::Atom, FeedFormat::Rss, FeedFormat::Json];

    /// The last segment of the feed's address.
    pub fn file_name(self) -> &'static str {
        match self {
            FeedFormat::Atom => "atom.xml",
            FeedFormat::Rss => "rss.xml",
            FeedFormat::Json => "feed.json",
        }
    }

    /// The format named by the last segment of an address.
    pub fn from_file_name(name: &str) -> Option<FeedFormat> {
        FeedFormat::ALL.into_iter().find(|f| f.file_name() == name)
    }

    /// The media type it is served as, and announced with in `<link rel="alternate">`.
    pub fn media_type(self) -> &'static str {
        match self {
            FeedFormat::Atom => "application/atom+xml",
            FeedFormat::Rss => "application/rss+xml",
            FeedFormat::Json => "application/feed+json",
        }
    }

    /// The name readers know it by.
    pub fn label(self) -> &'static str {
        match self {
            FeedFormat::Atom => "Atom",
            FeedFormat::Rss => "RSS",
            FeedFormat::Json => "JSON Feed",
        }
    }
}

/// What a feed follows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FeedScope {
    /// Every article.
    Site,
    /// A section and every section below it.
    Section(Slug),
    /// One author's articles (see `author_slug`).
    Author(Slug),
    /// The articles filed under one topic (a tag's slug).
    Topic(Slug),
}

impl FeedScope {
    /// The kind's segment in the address (`None` for the whole site).
    fn segment(&self) -> Option<(&'static str, &Slug)> {
        match self {
            FeedScope::Site => None,
            FeedScope::Section(slug) => Some(("sections", slug)),
            FeedScope::Author(slug) => Some(("authors", slug)),
            FeedScope::Topic(slug) => Some(("topics", slug)),
        }
    }

    /// The scope named by an address's kind segment and slug (`sections`, `out-of-rwanda`).
    pub fn from_segments(kind: &str, slug: Slug) -> Option<FeedScope> {
        match kind {
            "sections" => Some(FeedScope::Section(slug)),
            "authors" => Some(FeedScope::Author(slug)),
            "topics" => Some(FeedScope::Topic(slug)),
            _ => None,
        }
    }

    /// The feed's address on the site: `/feeds/atom.xml`, `/feeds/sections/news/rss.xml`.
    pub fn path(&self, format: FeedFormat) -> String {
        match self.segment() {
            None => format!("{FEEDS_ROOT}/{}", format.file_name()),
            Some((kind, slug)) => format!("{FEEDS_ROOT}/{kind}/{slug}/{}", format.file_name()),
        }
    }
}

/// The slug an author's feed is addressed by, from the name on the byline: letters and digits
/// lowercased (common Latin accents folded: "Aimé Uwase" → `aime-uwase`), everything else a
/// single hyphen. `None` when nothing usable is left (a name in another script); such an author
/// has no feed of their own, the site's and the sections' feeds still carry their stories.
pub fn author_slug(name: &str) -> Option<Slug> {
    let mut slug = String::with_capacity(name.len());
    // ASCII lowercasing and a small table, not `char::to_lowercase`: Unicode's case tables are
    // kilobytes that a slug of Latin names does not need.
    for c in name.chars().map(|c| c.to_ascii_lowercase()) {
        match fold_accent(c) {
            Some(letters) => slug.push_str(letters),
            None if c.is_ascii_alphanumeric() => slug.push(c),
            None => {
                if !slug.is_empty() && !slug.ends_with('-') {
                    slug.push('-');
                }
            }
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = match slug.char_indices().nth(MAX_SLUG_LEN) {
        Some((end, _)) => slug[..end].trim_end_matches('-'),
        None => slug,
    };
    Slug::parse(slug).ok()
}

/// The plain lowercase letters of an accented Latin letter, either case.
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å'
        | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę'
        | 'Ě' => "e",
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => {
            "i"
        }
        'ł' | 'ľ' | 'Ł' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō'
        | 'Ő' => "o",
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'Ť' | 'Ţ' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => {
            "u"
        }
        'ý' | 'ÿ' | 'Ý' | 'Ÿ' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(value: &str) -> Slug {
        Slug::parse(value).unwrap()
    }

    #[test]
    fn addresses_name_scope_and_format() {
        assert_eq!(FeedScope::Site.path(FeedFormat::Atom), "/feeds/atom.xml");
        assert_eq!(
            FeedScope::Section(slug("out-of-rwanda")).path(FeedFormat::Rss),
            "/feeds/sections/out-of-rwanda/rss.xml"
        );
        assert_eq!(
            FeedScope::Topic(slug("coffee")).path(FeedFormat::Json),
            "/feeds/topics/coffee/feed.json"
        );
        for format in FeedFormat::ALL {
            assert_eq!(FeedFormat::from_file_name(format.file_name()), Some(format));
        }
        assert_eq!(FeedFormat::from_file_name("atom.json"), None);
        assert_eq!(
            FeedScope::from_segments("authors", slug("aime-uwase")),
            Some(FeedScope::Author(slug("aime-uwase")))
        );
        assert_eq!(FeedScope::from_segments("people", slug("x")), None);
    }

    #[test]
    fn author_slugs_read_like_the_name() {
        let of = |name: &str| author_slug(name).map(|s| s.as_str().to_owned());
        assert_eq!(of("Aimé Uwase").as_deref(), Some("aime-uwase"));
        assert_eq!(
            of("  Jean-Paul  O'Neill ").as_deref(),
            Some("jean-paul-o-neill")
        );
        assert_eq!(of("Staff reporter 2").as_deref(), Some("staff-reporter-2"));
        assert_eq!(of("Œdipe Ærø").as_deref(), Some("oedipe-aero"));
        assert_eq!(of("ÉLODIE NIYONSABA").as_deref(), Some("elodie-niyonsaba"));
        assert_eq!(of("<script>").as_deref(), Some("script"));
        assert_eq!(of("李明"), None);
        assert_eq!(of(""), None);
        let long = "a".repeat(300);
        assert_eq!(author_slug(&long).unwrap().as_str().len(), MAX_SLUG_LEN);
    }
}
