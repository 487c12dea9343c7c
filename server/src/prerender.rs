//! Page content the server writes into the HTML it serves for a page URL, so the largest paint
//! needs no WebAssembly: the article of `/articles/{slug}`. The app finds it (`src/prerender.rs`)
//! and leaves it in place, mounting only around it; it takes the page over on the next navigation.

use askama::Template;
use inkuru_api::{paths, Article, Image};
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
        }
    }
}

/// The article's HTML, or `None` if the template fails (the page then paints when the app starts).
pub fn article(article: &Article) -> Option<String> {
    ArticleHtml::new(article).render().ok()
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
            comment_count: 0,
        }
    }

    #[test]
    fn text_is_escaped_and_the_sanitised_body_is_kept() {
        let html = article(&sample()).unwrap();
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
    fn dates_read_as_english_and_bad_ones_stay_as_they_came() {
        let html = article(&sample()).unwrap();
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
