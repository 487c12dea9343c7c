//! Share previews: what link-preview crawlers (messengers, social networks, search engines) read
//! from a page's HTML, since they run no WebAssembly. For an article: the canonical URL, Open Graph
//! and Twitter Card tags with the hero picture and its size, and NewsArticle JSON-LD; for sections
//! and the home page the same without the article parts. Every value is escaped; each tag carries
//! `data-server-meta` so the app can take over the head on its first navigation.

use inkuru_api::{Article, Image, Section, SiteSettings};
use serde_json::json;

use crate::shell::{escape_html, script_safe_json};

/// The attribute marking the tags written here (the app replaces them with its own).
pub const MARK: &str = "data-server-meta";

/// Where the site is, as `scheme://host[:port]`, for the absolute URLs previews need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin(String);

impl Origin {
    /// The origin a request was made to: its `Host` header (refused unless it is a plain host
    /// name or address with an optional port) and `https` when a proxy in front says so.
    pub fn from_request(host: Option<&str>, forwarded_proto: Option<&str>) -> Option<Origin> {
        let host = host?.trim();
        let plain = !host.is_empty()
            && host.len() <= 255
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
        if !plain {
            return None;
        }
        let scheme = match forwarded_proto.map(str::trim) {
            Some(proto) if proto.eq_ignore_ascii_case("https") => "https",
            _ => "http",
        };
        Some(Origin(format!("{scheme}://{host}")))
    }

    /// `path` (starting with `/`) as an absolute URL on this site.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// One `<meta>`: `attribute` is `property` (Open Graph) or `name` (Twitter, description).
fn meta(attribute: &str, key: &str, value: &str) -> String {
    format!(
        "<meta {attribute}=\"{key}\" content=\"{}\" {MARK}>",
        escape_html(value)
    )
}

/// The tags every kind of page has.
fn common(
    origin: &Origin,
    site: &str,
    kind: &str,
    title: &str,
    description: &str,
    path: &str,
    image: Option<&Image>,
) -> String {
    let url = origin.url(path);
    let mut tags = vec![
        format!(
            "<link rel=\"canonical\" href=\"{}\" {MARK}>",
            escape_html(&url)
        ),
        meta("property", "og:type", kind),
        meta("property", "og:site_name", site),
        meta("property", "og:title", title),
        meta("property", "og:description", description),
        meta("property", "og:url", &url),
        meta(
            "name",
            "twitter:card",
            if image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            },
        ),
        meta("name", "twitter:title", title),
        meta("name", "twitter:description", description),
    ];
    if let Some(image) = image {
        let src = origin.url(&image.src);
        tags.extend([
            meta("property", "og:image", &src),
            meta("property", "og:image:width", &image.width.to_string()),
            meta("property", "og:image:height", &image.height.to_string()),
            meta("property", "og:image:alt", &image.alt),
            meta("name", "twitter:image", &src),
            meta("name", "twitter:image:alt", &image.alt),
        ]);
    }
    tags.concat()
}

/// An article's preview: the common tags, its dates and section, and NewsArticle JSON-LD.
pub fn article(origin: &Origin, site: &SiteSettings, article: &Article) -> String {
    let path = format!("/articles/{}", article.slug);
    let mut tags = common(
        origin,
        &site.name,
        "article",
        &article.headline,
        &article.standfirst,
        &path,
        article.hero.as_ref(),
    );
    tags.push_str(&meta(
        "property",
        "article:published_time",
        &article.published_at,
    ));
    if let Some(updated) = &article.updated_at {
        tags.push_str(&meta("property", "article:modified_time", updated));
    }
    if let Some(section) = article.section_path.last() {
        tags.push_str(&meta("property", "article:section", &section.name));
    }
    let mut data = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": origin.url(&path),
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": article.published_at,
        "dateModified": article.updated_at.as_ref().unwrap_or(&article.published_at),
        "author": [{ "@type": "Person", "name": article.byline.name }],
        "publisher": { "@type": "Organization", "name": site.name },
    });
    if let Some(hero) = &article.hero {
        data["image"] = json!([{
            "@type": "ImageObject",
            "url": origin.url(&hero.src),
            "width": hero.width,
            "height": hero.height,
        }]);
    }
    if let Some(section) = article.section_path.last() {
        data["articleSection"] = json!(section.name);
    }
    tags.push_str(&format!(
        "<script type=\"application/ld+json\" {MARK}>{}</script>",
        script_safe_json(&data)
    ));
    tags
}

/// A section page's preview (`page` above 1 is part of its canonical URL).
pub fn section(origin: &Origin, site: &SiteSettings, section: &Section, page: u32) -> String {
    let path = match page {
        1 => format!("/{}", section.path),
        _ => format!("/{}?page={page}", section.path),
    };
    let description = if section.description.is_empty() {
        format!("{} news from {}", section.name, site.name)
    } else {
        section.description.clone()
    };
    common(
        origin,
        &site.name,
        "website",
        &section.name,
        &description,
        &path,
        None,
    )
}

/// The home page's preview, with the lead story's picture when it has one.
pub fn home(origin: &Origin, site: &SiteSettings, lead_image: Option<&Image>) -> String {
    common(
        origin,
        &site.name,
        "website",
        &site.name,
        &site.tagline,
        "/",
        lead_image,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_plain_host_makes_an_origin() {
        assert_eq!(
            Origin::from_request(Some("news.example:8080"), None),
            Some(Origin("http://news.example:8080".into()))
        );
        assert_eq!(
            Origin::from_request(Some("news.example"), Some("https")),
            Some(Origin("https://news.example".into()))
        );
        assert_eq!(Origin::from_request(Some("evil\"><script>"), None), None);
        assert_eq!(Origin::from_request(Some(""), None), None);
        assert_eq!(Origin::from_request(None, None), None);
    }

    #[test]
    fn values_are_escaped() {
        assert_eq!(
            meta("property", "og:title", "A \"b\" <c> & d"),
            "<meta property=\"og:title\" content=\"A &quot;b&quot; &lt;c&gt; &amp; d\" data-server-meta>"
        );
    }
}
