//! URL paths, API and site alike, built in one place so the SPA, the server and tests agree.
//! Slugs are URL-safe by construction, so no percent-encoding is needed.

use crate::slug::Slug;

/// GET: the section tree.
pub const SECTIONS: &str = "/api/sections";

/// GET: the site's settings (name, "Follow us" links, share buttons, comment policy, languages).
pub const SITE: &str = "/api/site";

/// POST: sign in to the editors' desk; GET: who is signed in; DELETE: sign out.
pub const DESK_SESSION: &str = "/api/desk/session";

/// GET: comments for the desk (`?state=held|published&article=SLUG`), newest first.
pub const DESK_COMMENTS: &str = "/api/desk/comments";

/// GET `DESK_COMMENTS` for comments in `state`, of one article or all.
pub fn desk_queue(state: crate::desk::QueueState, article: Option<&Slug>) -> String {
    match article {
        Some(slug) => format!("{DESK_COMMENTS}?state={}&article={slug}", state.as_str()),
        None => format!("{DESK_COMMENTS}?state={}", state.as_str()),
    }
}

/// The editors' desk in the app: moderation at `/desk`, the rest at `/desk/{tab}`.
pub const DESK_PAGE: &str = "/desk";

/// POST: publish, reject or mark as spam held comments.
pub const DESK_MODERATE: &str = "/api/desk/comments/moderate";

/// GET: the desk's audit log, newest first.
pub const DESK_AUDIT: &str = "/api/desk/audit";

/// PUT: the site settings, from the desk.
pub const DESK_SITE: &str = "/api/desk/site";

/// PUT: whether one article takes new comments, from the desk.
pub fn desk_article_comments(slug: &Slug) -> String {
    format!("/api/desk/articles/{slug}/comments")
}

/// GET: the front page: the lead story and the top stories of each top-level section.
pub const FRONT_PAGE: &str = "/api/front-page";

/// Most articles a list page returns.
pub const MAX_PER_PAGE: u32 = 50;
/// Articles per page when the client does not say.
pub const DEFAULT_PER_PAGE: u32 = 12;

/// GET: articles, newest first; `section` limits them to a section and its subsections.
pub fn articles(section: Option<&Slug>, page: u32) -> String {
    match section {
        Some(section) => format!("/api/articles?section={section}&page={page}"),
        None => format!("/api/articles?page={page}"),
    }
}

/// GET: one article.
pub fn article(slug: &Slug) -> String {
    format!("/api/articles/{slug}")
}

/// GET: an article's comments; POST: add one.
pub fn comments(slug: &Slug) -> String {
    format!("/api/articles/{slug}/comments")
}

/// GET: search results for `query`, best first.
pub fn search(query: &str, page: u32) -> String {
    format!("/api/search?q={}&page={page}", encode_component(query))
}

/// `text` made safe as one query-string value (what `encodeURIComponent` does).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The reader-facing URL of an article.
pub fn article_page(slug: &Slug) -> String {
    format!("/articles/{slug}")
}

/// The reader-facing URL of search results (page 1 has no `page`, so it is the URL a search form makes).
pub fn search_page(query: &str, page: u32) -> String {
    let query = encode_component(query.trim());
    if page > 1 {
        format!("/search?q={query}&page={page}")
    } else {
        format!("/search?q={query}")
    }
}

/// The reader-facing URL of a section, from its path (`news/all-around`).
pub fn section_page(section_path: &str) -> String {
    format!("/{}", section_path.trim_matches('/'))
}

/// Which reader page a path (without its query) shows. The one rule for it: the server picks the
/// page it writes with it, the app the code it fetches for a link; the app's router
/// (src/app.rs) declares its routes in the same order, first match winning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind<'a> {
    /// `/`
    Front,
    /// `/articles/{slug}`, the slug as written (not yet checked).
    Article(&'a str),
    /// `/search`
    Search,
    /// `/saved`
    Saved,
    /// `/desk` and `/desk/{tab}`: the editors' desk.
    Desk,
    /// Any other path: a section's (`news/all-around`), or nothing.
    Section(&'a str),
}

pub fn page_kind(path: &str) -> PageKind<'_> {
    let path = path.trim_matches('/');
    if let Some(slug) = path.strip_prefix("articles/") {
        return PageKind::Article(slug);
    }
    if path == "desk" || path.starts_with("desk/") {
        return PageKind::Desk;
    }
    match path {
        "" => PageKind::Front,
        "search" => PageKind::Search,
        "saved" => PageKind::Saved,
        section => PageKind::Section(section),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(page_kind("/"), PageKind::Front);
        assert_eq!(page_kind(""), PageKind::Front);
        assert_eq!(
            page_kind("/articles/out-of-rwanda"),
            PageKind::Article("out-of-rwanda")
        );
        assert_eq!(page_kind("/search"), PageKind::Search);
        assert_eq!(page_kind("/saved/"), PageKind::Saved);
        assert_eq!(
            page_kind("/news/all-around"),
            PageKind::Section("news/all-around")
        );
        assert_eq!(page_kind("/savedx"), PageKind::Section("savedx"));
        assert_eq!(page_kind("/desk"), PageKind::Desk);
        assert_eq!(page_kind("/desk/settings"), PageKind::Desk);
        assert_eq!(page_kind("/desktop"), PageKind::Section("desktop"));
    }

    #[test]
    fn paths_are_stable() {
        let slug = Slug::parse("out-of-rwanda").unwrap();
        assert_eq!(article(&slug), "/api/articles/out-of-rwanda");
        assert_eq!(comments(&slug), "/api/articles/out-of-rwanda/comments");
        assert_eq!(
            articles(Some(&slug), 2),
            "/api/articles?section=out-of-rwanda&page=2"
        );
        assert_eq!(articles(None, 1), "/api/articles?page=1");
        assert_eq!(article_page(&slug), "/articles/out-of-rwanda");
        assert_eq!(section_page("news/all-around/"), "/news/all-around");
        assert_eq!(search_page(" rain & sun ", 1), "/search?q=rain%20%26%20sun");
        assert_eq!(search_page("rain", 3), "/search?q=rain&page=3");
        assert_eq!(
            desk_queue(crate::desk::QueueState::Spam, Some(&slug)),
            "/api/desk/comments?state=spam&article=out-of-rwanda"
        );
        assert_eq!(
            search("café & \"tea\"/2", 1),
            "/api/search?q=caf%C3%A9%20%26%20%22tea%22%2F2&page=1"
        );
    }
}
