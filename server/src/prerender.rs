//! Page content the server writes into the HTML it serves for a page URL, so the largest paint
//! needs no WebAssembly: the article of `/articles/{slug}`, the front page's stories, a section's
//! page of stories. The app finds it (`src/prerender.rs`) and leaves it in place, mounting only
//! around it; it takes the page over on the next navigation. Each template mirrors the markup of
//! the app's component for the same page (named at the top of the template).

use askama::Template;
use inkuru_api::{
    paths, Article, ArticlePage, ArticleSummary, FollowLink, FrontPage, Image, Section, SectionTree,
};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::OffsetDateTime;

/// A link with its text.
pub struct Link {
    pub href: String,
    pub name: String,
}

/// A time as a machine reads it (`datetime`) and as a reader does before the app localises it.
pub struct Stamp {
    pub iso: String,
    pub text: String,
}

impl Stamp {
    /// `24 November 2026`, the same fallback the app shows where `Intl` is missing. A timestamp that
    /// cannot be read is shown as it came rather than hidden.
    fn new(iso: &str) -> Self {
        let format = format_description!("[day padding:none] [month repr:long] [year]");
        let text = OffsetDateTime::parse(iso, &Rfc3339)
            .ok()
            .and_then(|at| at.format(&format).ok())
            .unwrap_or_else(|| iso.to_owned());
        Self {
            iso: iso.to_owned(),
            text,
        }
    }
}

#[derive(Template)]
#[template(path = "article.html")]
pub struct ArticleHtml<'a> {
    /// The page URL's path this content belongs to (the app compares it with its own route).
    pub path: String,
    pub trail: Vec<Link>,
    pub section: Option<Link>,
    pub headline: &'a str,
    pub standfirst: &'a str,
    pub author: &'a str,
    pub published: Stamp,
    pub updated: Option<Stamp>,
    pub hero: Option<&'a Image>,
    pub body_html: &'a str,
    pub author_url: Option<&'a str>,
    /// Each tag, linking to a search for it.
    pub tags: Vec<Link>,
    /// The site's "Follow us" links (network name, URL).
    pub follow: Vec<Link>,
    pub related: Vec<RelatedLink<'a>>,
}

/// A related story under an article.
pub struct RelatedLink<'a> {
    pub href: String,
    pub headline: &'a str,
    pub published: Stamp,
}

impl<'a> ArticleHtml<'a> {
    pub fn new(article: &'a Article) -> Self {
        let trail: Vec<Link> = article
            .section_path
            .iter()
            .map(|section| Link {
                href: paths::section_page(&section.path),
                name: section.name.clone(),
            })
            .collect();
        let section = trail.last().map(|last| Link {
            href: last.href.clone(),
            name: last.name.clone(),
        });
        Self {
            path: paths::article_page(&article.slug),
            trail,
            section,
            headline: &article.headline,
            standfirst: &article.standfirst,
            author: &article.byline.name,
            published: Stamp::new(&article.published_at),
            updated: article.updated_at.as_deref().map(Stamp::new),
            hero: article.hero.as_ref(),
            body_html: &article.body_html,
            author_url: article.byline.url.as_deref(),
            tags: article
                .tags
                .iter()
                .map(|tag| Link {
                    href: paths::search_page(&tag.name, 1),
                    name: tag.name.clone(),
                })
                .collect(),
            follow: Vec::new(),
            related: article
                .related
                .iter()
                .map(|story| RelatedLink {
                    href: paths::article_page(&story.slug),
                    headline: &story.headline,
                    published: Stamp::new(&story.published_at),
                })
                .collect(),
        }
    }
}

/// The article's HTML for the page at `path` (path and query, as requested), or `None` if the
/// template fails (the page then paints when the app starts).
pub fn article(article: &Article, follow: &[FollowLink], path: &str) -> Option<String> {
    let mut html = ArticleHtml::new(article);
    html.path = path.to_owned();
    html.follow = follow
        .iter()
        .map(|link| Link {
            href: link.url.clone(),
            name: link.network.label().to_owned(),
        })
        .collect();
    html.render().ok()
}

/// A top-level section in the header.
pub struct NavLink<'a> {
    pub href: String,
    pub name: &'a str,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "nav.html")]
pub struct NavHtml<'a> {
    pub links: Vec<NavLink<'a>>,
}

/// The header's row of top-level sections for the page at `path`; the section the page is in is
/// marked current, as the app's links mark it.
pub fn section_nav(tree: &SectionTree, path: &str) -> Option<String> {
    let links = tree
        .top_level()
        .into_iter()
        .map(|section| {
            let href = paths::section_page(&section.path);
            let current = path == href || path.starts_with(&format!("{href}/"));
            NavLink {
                href,
                name: &section.name,
                current,
            }
        })
        .collect();
    NavHtml { links }.render().ok()
}

/// A story in a list.
pub struct Card<'a> {
    pub lead: bool,
    /// The headline's element: `h2`, or `h3` under a section's heading.
    pub heading: &'static str,
    pub href: String,
    pub image: Option<&'a Image>,
    pub section: &'a str,
    pub headline: &'a str,
    pub standfirst: &'a str,
    pub published: Stamp,
}

impl<'a> Card<'a> {
    fn new(summary: &'a ArticleSummary, lead: bool) -> Self {
        Self {
            lead,
            heading: "h2",
            href: paths::article_page(&summary.slug),
            image: summary.image.as_ref(),
            section: &summary.section.name,
            headline: &summary.headline,
            standfirst: &summary.standfirst,
            published: Stamp::new(&summary.published_at),
        }
    }
}

/// A top-level section's block on the front page.
pub struct FrontSection<'a> {
    pub slug: &'a str,
    pub link: Link,
    pub cards: Vec<Card<'a>>,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct FrontPageHtml<'a> {
    pub path: &'a str,
    pub lead: Option<Card<'a>>,
    pub sections: Vec<FrontSection<'a>>,
}

/// The front page (`/`): the lead story, then each top-level section with its top stories.
pub fn front_page(front: &FrontPage, path: &str) -> Option<String> {
    FrontPageHtml {
        path,
        lead: front.lead.as_ref().map(|summary| Card::new(summary, true)),
        sections: front
            .sections
            .iter()
            .map(|block| FrontSection {
                slug: block.section.slug.as_str(),
                link: Link {
                    href: paths::section_page(&block.section.path),
                    name: block.section.name.clone(),
                },
                cards: block
                    .stories
                    .iter()
                    .map(|summary| Card {
                        heading: "h3",
                        ..Card::new(summary, false)
                    })
                    .collect(),
            })
            .collect(),
    }
    .render()
    .ok()
}

#[derive(Template)]
#[template(path = "section.html")]
pub struct SectionPageHtml<'a> {
    pub path: &'a str,
    pub trail: Vec<Link>,
    pub name: &'a str,
    pub description: &'a str,
    pub children: Vec<Link>,
    pub cards: Vec<Card<'a>>,
    pub page: u32,
    pub total_pages: u32,
    pub first: String,
    pub newer: Option<String>,
    pub older: Option<String>,
}

/// One page of a section's stories, with its breadcrumbs, subsections and pagination.
pub fn section_page(
    tree: &SectionTree,
    section: &Section,
    list: &ArticlePage,
    path: &str,
) -> Option<String> {
    let link = |section: &Section| Link {
        href: paths::section_page(&section.path),
        name: section.name.clone(),
    };
    let base = paths::section_page(&section.path);
    let (page, total_pages) = (list.page, list.total_pages());
    SectionPageHtml {
        path,
        trail: tree.trail(section.id).into_iter().map(link).collect(),
        name: &section.name,
        description: &section.description,
        children: tree
            .children_of(Some(section.id))
            .into_iter()
            .map(link)
            .collect(),
        cards: list.items.iter().map(|s| Card::new(s, false)).collect(),
        page,
        total_pages,
        first: base.clone(),
        newer: (page > 1 && page <= total_pages).then(|| format!("{base}?page={}", page - 1)),
        older: (page < total_pages).then(|| format!("{base}?page={}", page + 1)),
    }
    .render()
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use inkuru_api::{Byline, SectionRef, Slug};

    fn sample() -> Article {
        Article {
            slug: Slug::parse("a-b").unwrap(),
            headline: "Quotes \" and <tags> & more".into(),
            standfirst: "Stand <first>".into(),
            byline: Byline {
                name: "Ann <Author>".into(),
                url: None,
            },
            published_at: "2026-11-24T08:00:00Z".into(),
            updated_at: Some("not a date".into()),
            section_path: vec![SectionRef {
                slug: Slug::parse("news").unwrap(),
                name: "News & views".into(),
                path: "news".into(),
            }],
            hero: Some(Image {
                src: "/media/a-b.svg".into(),
                width: 1200,
                height: 675,
                alt: "An \"image\"".into(),
                caption: None,
            }),
            body_html: "<p>Body <em>kept</em></p>".into(),
            tags: vec![],
            related: vec![],
            comment_count: 0,
            comments_open: true,
        }
    }

    #[test]
    fn text_is_escaped_and_the_sanitised_body_is_kept() {
        let html = article(&sample(), &[], "/articles/a-b").unwrap();
        assert!(
            html.contains("Quotes &#34; and &#60;tags&#62; &#38; more"),
            "{html}"
        );
        assert!(
            !html.contains("<tags>") && !html.contains("<first>") && !html.contains("<Author>")
        );
        assert!(html.contains("alt=\"An &#34;image&#34;\""), "{html}");
        assert!(html.contains("<div class=\"article-body\"><p>Body <em>kept</em></p></div>"));
        assert!(
            html.starts_with("<div id=\"prerendered\" data-path=\"/articles/a-b\">"),
            "{html}"
        );
    }

    #[test]
    fn the_section_a_page_is_in_is_current() {
        let json = r#"{"sections":[
            {"id":1,"slug":"news","name":"News","parent_id":null,"position":0,"description":"","path":"news"},
            {"id":2,"slug":"newsroom","name":"Newsroom","parent_id":null,"position":1,"description":"","path":"newsroom"}]}"#;
        let tree: SectionTree = serde_json::from_str(json).unwrap();
        let nav = section_nav(&tree, "/news/rwanda").unwrap();
        assert!(
            nav.contains("<a href=\"/news\" aria-current=\"page\">News</a>"),
            "{nav}"
        );
        assert!(nav.contains("<a href=\"/newsroom\">Newsroom</a>"), "{nav}");
        let nav = section_nav(&tree, "/articles/x").unwrap();
        assert!(!nav.contains("aria-current"), "{nav}");
    }

    #[test]
    fn dates_read_as_english_and_bad_ones_stay_as_they_came() {
        let html = article(&sample(), &[], "/articles/a-b?x=\"1\"").unwrap();
        assert!(
            html.contains("data-path=\"/articles/a-b?x=&#34;1&#34;\""),
            "{html}"
        );
        assert!(
            html.contains("<time datetime=\"2026-11-24T08:00:00Z\">24 November 2026</time>"),
            "{html}"
        );
        assert!(
            html.contains("Updated <time datetime=\"not a date\">not a date</time>"),
            "{html}"
        );
    }
}
