//! Sections and articles as the API serves them, and the section-tree queries both sides need
//! (breadcrumbs, a section's children, finding a section by its URL path).

use serde::{Deserialize, Serialize};

use crate::slug::Slug;

/// One node of the section tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Section {
    pub id: i64,
    pub slug: Slug,
    pub name: String,
    /// `None` for a top-level section.
    pub parent_id: Option<i64>,
    /// Order among siblings, smallest first.
    pub position: i32,
    pub description: String,
    /// Slugs from the top down, joined by `/`: `news/all-around/out-of-rwanda`. It is the section's URL.
    pub path: String,
}

/// The whole section tree as a flat list (parents before children, siblings in order).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SectionTree {
    pub sections: Vec<Section>,
}

impl SectionTree {
    /// Top-level sections in order.
    pub fn top_level(&self) -> Vec<&Section> {
        self.children_of(None)
    }

    /// The direct children of `parent` (or the top level for `None`), in order.
    pub fn children_of(&self, parent: Option<i64>) -> Vec<&Section> {
        let mut children: Vec<&Section> = self
            .sections
            .iter()
            .filter(|s| s.parent_id == parent)
            .collect();
        children.sort_by_key(|s| (s.position, s.id));
        children
    }

    pub fn by_id(&self, id: i64) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The section whose URL path is `path` (leading and trailing slashes ignored).
    pub fn by_path(&self, path: &str) -> Option<&Section> {
        let path = path.trim_matches('/');
        self.sections.iter().find(|s| s.path == path)
    }

    /// The section and its ancestors, top-level first: the breadcrumb trail after "Home".
    /// A broken parent link (or a cycle) ends the trail instead of looping.
    pub fn trail(&self, id: i64) -> Vec<&Section> {
        let mut trail = Vec::new();
        let mut next = self.by_id(id);
        while let Some(section) = next {
            if trail.len() > self.sections.len() {
                break;
            }
            trail.push(section);
            next = section.parent_id.and_then(|p| self.by_id(p));
        }
        trail.reverse();
        trail
    }
}

/// A section as named in an article: enough for a breadcrumb link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SectionRef {
    pub slug: Slug,
    pub name: String,
    pub path: String,
}

/// An image with its intrinsic size, so the page can reserve its box before it loads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Image {
    /// Same-origin URL (`/media/…`); the site never hotlinks.
    pub src: String,
    /// In pixels.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::number")
    )]
    #[cfg_attr(feature = "utoipa", schema(format = Int64, maximum = 4294967295_u64))]
    pub width: u32,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(deserialize_with = "crate::whole::number")
    )]
    #[cfg_attr(feature = "utoipa", schema(format = Int64, maximum = 4294967295_u64))]
    pub height: u32,
    /// Describes the picture for readers who cannot see it.
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

/// Who wrote an article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Byline {
    pub name: String,
    /// The author's page (a path on this site or an `https://` address), when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What the author's feed is addressed by (`FeedScope::Author`), made from the name by the
    /// server (`feeds::author_slug`); absent when the name holds nothing a slug can carry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed: Option<Slug>,
}

/// A subject an article is filed under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Tag {
    pub slug: Slug,
    pub name: String,
}

/// An article in a list: a card's worth of data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ArticleSummary {
    pub slug: Slug,
    pub headline: String,
    pub standfirst: String,
    /// RFC 3339.
    pub published_at: String,
    pub section: SectionRef,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
}

/// The front page: the lead story, then the top stories of each top-level section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct FrontPage {
    /// The newest story; absent only on a site with no articles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<ArticleSummary>,
    /// Top-level sections in their order, each with its newest stories (none repeats the lead);
    /// sections with no stories are left out.
    pub sections: Vec<SectionStories>,
}

/// A section's top stories on the front page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SectionStories {
    pub section: SectionRef,
    pub stories: Vec<ArticleSummary>,
}

/// One page of a list of articles, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ArticlePage {
    pub items: Vec<ArticleSummary>,
    /// 1-based.
    pub page: u32,
    pub per_page: u32,
    /// Articles over all pages.
    pub total: u32,
}

impl ArticlePage {
    pub fn total_pages(&self) -> u32 {
        if self.per_page == 0 {
            return 0;
        }
        self.total.div_ceil(self.per_page)
    }
}

/// A whole article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Article {
    pub slug: Slug,
    pub headline: String,
    pub standfirst: String,
    pub byline: Byline,
    /// RFC 3339.
    pub published_at: String,
    /// RFC 3339; present when the article changed after publication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<String>,
    /// The article's section and its ancestors, top-level first.
    pub section_path: Vec<SectionRef>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hero: Option<Image>,
    /// HTML sanitised by the server against an allow-list, so the client may render it as is.
    pub body_html: String,
    /// Subjects, in the order the newsroom gave them.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Up to four other articles: sharing the most tags, then from the same section; newest first.
    #[serde(default)]
    pub related: Vec<ArticleSummary>,
    pub comment_count: u32,
    /// Whether readers may comment now (the article allows it and the site's policy is not closed).
    #[serde(default = "yes")]
    pub comments_open: bool,
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn section(id: i64, slug: &str, parent: Option<i64>, position: i32, path: &str) -> Section {
        Section {
            id,
            slug: Slug::parse(slug).unwrap(),
            name: slug.to_uppercase(),
            parent_id: parent,
            position,
            description: String::new(),
            path: path.into(),
        }
    }

    fn tree() -> SectionTree {
        SectionTree {
            sections: vec![
                section(1, "news", None, 1, "news"),
                section(2, "sport", None, 0, "sport"),
                section(3, "all-around", Some(1), 0, "news/all-around"),
                section(
                    4,
                    "out-of-rwanda",
                    Some(3),
                    0,
                    "news/all-around/out-of-rwanda",
                ),
            ],
        }
    }

    #[test]
    fn top_level_follows_position() {
        let t = tree();
        let names: Vec<_> = t.top_level().iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(names, ["sport", "news"]);
    }

    #[test]
    fn trail_runs_from_the_top_down() {
        let t = tree();
        let trail: Vec<_> = t.trail(4).iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(trail, ["news", "all-around", "out-of-rwanda"]);
        assert!(t.trail(99).is_empty());
    }

    #[test]
    fn trail_survives_a_cycle() {
        let mut t = tree();
        t.sections[0].parent_id = Some(4); // news -> out-of-rwanda -> all-around -> news
        assert!(t.trail(4).len() <= t.sections.len() + 1);
    }

    #[test]
    fn by_path_ignores_surrounding_slashes() {
        let t = tree();
        assert_eq!(t.by_path("/news/all-around/").map(|s| s.id), Some(3));
        assert!(t.by_path("news/nowhere").is_none());
    }

    #[test]
    fn total_pages_rounds_up() {
        let page = ArticlePage {
            items: vec![],
            page: 1,
            per_page: 10,
            total: 21,
        };
        assert_eq!(page.total_pages(), 3);
    }

    #[test]
    fn article_round_trips_through_json() {
        let article = Article {
            slug: Slug::parse("a-story").unwrap(),
            headline: "A \"quoted\" <story>".into(),
            standfirst: "Short".into(),
            byline: Byline {
                name: "Ann Writer".into(),
                url: Some("/authors/ann-writer".into()),
                feed: Some(Slug::parse("ann-writer").unwrap()),
            },
            published_at: "2026-11-01T08:00:00Z".into(),
            updated_at: None,
            section_path: vec![SectionRef {
                slug: Slug::parse("news").unwrap(),
                name: "News".into(),
                path: "news".into(),
            }],
            hero: Some(Image {
                src: "/media/a-story.svg".into(),
                width: 1200,
                height: 675,
                alt: "A drawing".into(),
                caption: None,
            }),
            body_html: "<p>Hello</p>".into(),
            tags: vec![Tag {
                slug: Slug::parse("coffee").unwrap(),
                name: "Coffee".into(),
            }],
            related: vec![],
            comment_count: 2,
            comments_open: false,
        };
        let json = serde_json::to_string(&article).unwrap();
        assert!(
            !json.contains("updated_at"),
            "absent optional fields are left out: {json}"
        );
        assert!(!json.contains("caption"));
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, article);
        // An answer from before tags, related and the comments switch still reads, comments open.
        let older = json
            .replace(
                r#""tags":[{"slug":"coffee","name":"Coffee"}],"related":[],"#,
                "",
            )
            .replace(r#","comments_open":false"#, "");
        let older: Article = serde_json::from_str(&older).unwrap();
        assert!(older.tags.is_empty() && older.comments_open);
    }

    /// A golden fixture: renaming a field breaks this test before it breaks a client.
    #[test]
    fn article_summary_matches_the_golden_fixture() {
        let json = r#"{
            "slug": "rain-returns",
            "headline": "Rain returns",
            "standfirst": "At last.",
            "published_at": "2026-10-30T06:15:00Z",
            "section": { "slug": "weather", "name": "Weather", "path": "news/weather" },
            "image": { "src": "/media/rain-returns.svg", "width": 1200, "height": 675, "alt": "Clouds", "caption": "Grey skies" }
        }"#;
        let summary: ArticleSummary = serde_json::from_str(json).unwrap();
        assert_eq!(summary.section.path, "news/weather");
        assert_eq!(summary.image.as_ref().map(|i| i.width), Some(1200));
        let again: serde_json::Value = serde_json::to_value(&summary).unwrap();
        let expected: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(again, expected);
    }
}
