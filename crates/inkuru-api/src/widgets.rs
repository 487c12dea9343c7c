//! Partner widgets and oEmbed: where the embed pages are, the options a partner sets on a widget
//! (attributes on the element, carried to the embed page in its query), which origins may embed
//! the widgets, and the oEmbed answer. The loader (public/widgets.js), the embed pages and the
//! server read the same rules from here.

use serde::{Deserialize, Serialize};

use crate::slug::Slug;

/// The script a partner's page loads (`<script src="…/widgets.js" async>`): it defines the widget
/// elements and creates their frames.
pub const LOADER: &str = "/widgets.js";

/// The headlines widget's page (the frame's document): the newest stories of a section.
pub const EMBED_HEADLINES: &str = "/embed/headlines";

/// GET: the oEmbed answer for an article's URL (`?url=…&format=json&maxwidth=…`).
pub const OEMBED: &str = "/oembed";

/// The oEmbed answer's address for the article at `article_url` (absolute), as discovery links
/// name it.
pub fn oembed_for(article_url: &str) -> String {
    format!(
        "{OEMBED}?url={}&format=json",
        crate::paths::encode_component(article_url)
    )
}

/// How many seconds a consumer may keep an oEmbed answer.
pub const OEMBED_CACHE_SECONDS: u32 = 3600;

/// The widest and the narrowest card an oEmbed answer frames, and the width when not asked.
pub const OEMBED_MAX_WIDTH: u32 = 640;
pub const OEMBED_MIN_WIDTH: u32 = 240;

/// The frame's size for an article card at most `max_width` × `max_height` wide (as the consumer
/// asked; none means the widest): the card's width, and a height estimated from it (the frame
/// reports its real height to consumers that listen, as WordPress does).
pub fn oembed_size(
    max_width: Option<u32>,
    max_height: Option<u32>,
    has_picture: bool,
) -> (u32, u32) {
    let width = max_width
        .unwrap_or(OEMBED_MAX_WIDTH)
        .clamp(OEMBED_MIN_WIDTH, OEMBED_MAX_WIDTH);
    // A 16:9 picture spanning the card, then the section, headline, standfirst, date and link.
    let text = 320;
    let picture = if has_picture { width * 9 / 16 } else { 0 };
    let height = max_height.map_or(text + picture, |most| (text + picture).min(most.max(120)));
    (width, height)
}

/// The version of the messages between a loader and its frames; a message of another version
/// is ignored by both sides.
pub const PROTOCOL: u32 = 1;

/// Most stories a headlines widget shows, and how many when the partner does not say.
pub const MAX_HEADLINES: u8 = 10;
pub const DEFAULT_HEADLINES: u8 = 5;

/// The comments widget's page: an article's comments and form, run by the app itself.
pub const EMBED_COMMENTS: &str = "/embed/comments/";

/// The folder of the built site that holds the comments frame's program (its script and wasm,
/// built apart from the site's app so the frame loads only the comments).
pub const COMMENTS_PROGRAM_FOLDER: &str = "comments-frame";

/// The comments widget's page for the article `slug`.
pub fn embed_comments(slug: &Slug) -> String {
    format!("{EMBED_COMMENTS}{slug}")
}

/// The article slug of a comments widget's path (`/embed/comments/{slug}`), as written.
pub fn comments_slug_of(path: &str) -> Option<&str> {
    path.strip_prefix(EMBED_COMMENTS)
        .filter(|slug| !slug.is_empty() && !slug.contains('/'))
}

/// An article's card for embedding elsewhere (what an oEmbed answer frames).
pub fn embed_article(slug: &Slug) -> String {
    format!("/embed/articles/{slug}")
}

/// The colours a widget uses: the light or dark palette, or whichever the reader's system prefers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    Light,
    Dark,
    #[default]
    System,
}

impl Theme {
    /// `light`, `dark` or `system` (anything else is `None`).
    pub fn parse(text: &str) -> Option<Theme> {
        match text.trim().to_ascii_lowercase().as_str() {
            "light" => Some(Theme::Light),
            "dark" => Some(Theme::Dark),
            "system" | "auto" | "" => Some(Theme::System),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::System => "system",
        }
    }

    /// The CSS `color-scheme` the frame's document and the iframe element both declare: when they
    /// differ, browsers paint an opaque backdrop behind the frame (the white box on dark hosts).
    pub fn color_scheme(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::System => "light dark",
        }
    }
}

/// A partner's accent colour: `#rgb` or `#rrggbb`, returned as lower-case `#rrggbb`.
pub fn accent(text: &str) -> Option<String> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let full = match hex.len() {
        3 => hex.chars().flat_map(|c| [c, c]).collect(),
        6 => hex.to_owned(),
        _ => return None,
    };
    Some(format!("#{}", full.to_ascii_lowercase()))
}

/// A partner's font: a CSS font-family list of names (`Georgia, "Times New Roman", serif`), at most
/// 200 characters of letters, digits, spaces, commas, hyphens and quotes. Anything else (a `;`, a
/// `}`, a `url(`) is refused, so it can only ever be a font list in the frame's style.
pub fn font(text: &str) -> Option<String> {
    let text = text.trim();
    let sound = !text.is_empty()
        && text.len() <= 200
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || " ,-_'\"".contains(c))
        && text.matches('"').count().is_multiple_of(2)
        && text.matches('\'').count().is_multiple_of(2);
    sound.then(|| text.to_owned())
}

/// How a widget looks: theme, accent and font, as the partner set them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Look {
    pub theme: Theme,
    pub accent: Option<String>,
    pub font: Option<String>,
}

impl Look {
    /// Reads `theme`, `accent` and `font` from a query's pairs; a value that does not parse is
    /// left at its default and named in the problems.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Look, Vec<String>) {
        let mut look = Look::default();
        let mut problems = Vec::new();
        for (key, value) in pairs {
            match key {
                "theme" => match Theme::parse(value) {
                    Some(theme) => look.theme = theme,
                    None => problems.push(format!(
                        "theme must be light, dark or system, not \"{value}\"."
                    )),
                },
                "accent" if !value.is_empty() => match accent(value) {
                    Some(colour) => look.accent = Some(colour),
                    None => problems.push(format!(
                        "accent must be a colour like #0b6e4f, not \"{value}\"."
                    )),
                },
                "font" if !value.is_empty() => match font(value) {
                    Some(family) => look.font = Some(family),
                    None => problems
                        .push("font must be a list of font names, like Georgia, serif.".to_owned()),
                },
                _ => {}
            }
        }
        (look, problems)
    }
}

/// What a headlines widget shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadlinesOptions {
    /// The section whose newest stories are shown (with its subsections'); the whole site when absent.
    pub section: Option<Slug>,
    pub count: u8,
    /// Whether each story shows its picture.
    pub pictures: bool,
}

impl Default for HeadlinesOptions {
    fn default() -> Self {
        Self {
            section: None,
            count: DEFAULT_HEADLINES,
            pictures: false,
        }
    }
}

impl HeadlinesOptions {
    /// Reads `section`, `count` and `pictures` from a query's pairs, naming what does not parse.
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (HeadlinesOptions, Vec<String>) {
        let mut options = HeadlinesOptions::default();
        let mut problems = Vec::new();
        for (key, value) in pairs {
            match key {
                "section" if !value.is_empty() => match Slug::parse(value) {
                    Ok(slug) => options.section = Some(slug),
                    Err(_) => {
                        problems.push(format!("\"{value}\" is not a section's name in a URL."))
                    }
                },
                "count" => match value.parse::<u8>() {
                    Ok(n) if (1..=MAX_HEADLINES).contains(&n) => options.count = n,
                    _ => {
                        problems.push(format!("count must be a number from 1 to {MAX_HEADLINES}."))
                    }
                },
                "pictures" => options.pictures = matches!(value, "" | "true" | "1" | "yes"),
                _ => {}
            }
        }
        (options, problems)
    }
}

/// Why `origin` cannot be a partner origin, or `None` when it can: `https://host[:port]`, or
/// `http://` on this machine (`localhost`, `127.0.0.1`, `[::1]`) for development. No path, no
/// trailing slash, no wildcard: the origin is compared as written with a page's `Origin`.
pub fn partner_origin_problem(origin: &str) -> Option<String> {
    let refuse = || {
        Some(format!(
            "\"{origin}\" is not a partner origin: write https://host (with :port if not 443), \
             without a path, like https://partner.example."
        ))
    };
    let Some((scheme, rest)) = origin.split_once("://") else {
        return refuse();
    };
    let host = match rest.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || rest.starts_with('[') => {
            if port.is_empty() || !port.chars().all(|c| c.is_ascii_digit()) || port.len() > 5 {
                return refuse();
            }
            host
        }
        _ => rest,
    };
    let host_sound = !host.is_empty()
        && host.len() <= 253
        && (host == "[::1]"
            || host
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.'));
    let local = matches!(host, "localhost" | "127.0.0.1" | "[::1]");
    let scheme_sound = scheme == "https" || (scheme == "http" && local);
    if host_sound && scheme_sound && !host.starts_with('.') && !host.ends_with('.') {
        None
    } else {
        refuse()
    }
}

/// The oEmbed answer for an article (oembed.com, type `rich`): a card framed from this site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OEmbed {
    /// Always `1.0`.
    pub version: String,
    /// Always `rich`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub provider_name: String,
    pub provider_url: String,
    /// `<blockquote>` with a link (what consumers that strip frames keep) and the `<iframe>`.
    pub html: String,
    pub width: u32,
    pub height: u32,
    /// Seconds a consumer may keep this answer.
    pub cache_age: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail_height: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partner_origins_are_https_origins_or_this_machine() {
        for good in [
            "https://partner.example",
            "https://news.partner.example:8443",
            "http://127.0.0.1:8081",
            "http://localhost:3000",
            "http://[::1]:8081",
        ] {
            assert_eq!(partner_origin_problem(good), None, "{good}");
        }
        for bad in [
            "partner.example",
            "http://partner.example",
            "https://partner.example/",
            "https://partner.example/page",
            "https://*.partner.example",
            "https://Partner.example",
            "https://partner.example:",
            "https://partner.example:80a",
            "javascript:alert(1)",
            "https://",
            "https://.example",
        ] {
            assert!(partner_origin_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn accent_and_font_can_only_be_a_colour_and_a_font_list() {
        assert_eq!(accent("#0B6E4F").as_deref(), Some("#0b6e4f"));
        assert_eq!(accent("#abc").as_deref(), Some("#aabbcc"));
        assert_eq!(accent("red"), None);
        assert_eq!(accent("#12345g"), None);
        assert_eq!(accent("#123;}body{"), None);
        assert_eq!(
            font("Georgia, \"Times New Roman\", serif").as_deref(),
            Some("Georgia, \"Times New Roman\", serif")
        );
        assert_eq!(font("x; } body { display: none"), None);
        assert_eq!(font("url(https://evil.example/f.woff)"), None);
        assert_eq!(font("\"unclosed"), None);
    }

    #[test]
    fn a_comments_widget_path_names_its_article() {
        assert_eq!(
            comments_slug_of("/embed/comments/kigali-jazz"),
            Some("kigali-jazz")
        );
        assert_eq!(comments_slug_of("/embed/comments/"), None);
        assert_eq!(comments_slug_of("/embed/comments/a/b"), None);
        assert_eq!(comments_slug_of("/articles/kigali-jazz"), None);
    }

    #[test]
    fn an_oembed_card_fits_what_the_consumer_asks() {
        assert_eq!(oembed_size(None, None, true), (640, 680));
        assert_eq!(oembed_size(Some(300), None, false), (300, 320));
        assert_eq!(oembed_size(Some(50), Some(200), true), (240, 200));
        assert_eq!(oembed_size(Some(9999), Some(10), false), (640, 120));
        assert_eq!(
            oembed_for("https://inkuru.example/articles/a-b"),
            "/oembed?url=https%3A%2F%2Finkuru.example%2Farticles%2Fa-b&format=json"
        );
    }

    #[test]
    fn options_come_from_the_query_and_bad_values_are_named() {
        let (options, problems) =
            HeadlinesOptions::from_pairs([("section", "news"), ("count", "3"), ("pictures", "")]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            options.section.map(|s| s.to_string()).as_deref(),
            Some("news")
        );
        assert_eq!((options.count, options.pictures), (3, true));
        let (options, problems) =
            HeadlinesOptions::from_pairs([("count", "99"), ("section", "Not A Slug")]);
        assert_eq!(options, HeadlinesOptions::default());
        assert_eq!(problems.len(), 2, "{problems:?}");
        let (look, problems) =
            Look::from_pairs([("theme", "dark"), ("accent", "#c00"), ("font", "a;b")]);
        assert_eq!(look.theme, Theme::Dark);
        assert_eq!(look.accent.as_deref(), Some("#cc0000"));
        assert_eq!(look.font, None);
        assert_eq!(problems.len(), 1);
    }
}
