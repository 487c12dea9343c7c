//! The HTML the server sends for a page URL: Trunk's built `index.html`, read once at start-up and
//! cut at its insertion points (`parse`), with the page written into it by the app's own components
//! (`inkuru::ssr`): header and footer, the page itself in `<main>`, its head tags, and the first
//! API answers the app will ask for, so it paints before any wasm runs and starts without a round
//! trip. An article or section that does not exist gets the not-found page with status 404, so
//! crawlers and link checkers see it too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use inkuru::app::SiteBasics;
use inkuru::ssr::{Page, PageData, ShellParts, HEAD_MARKER};
use inkuru::views::SectionContent;
use inkuru_api::paths::{self, PageKind};
use inkuru_api::{SectionTree, Slug};
use lol_html::html_content::ContentType;
use lol_html::{element, end, rewrite_str, RewriteStrSettings};

use crate::{db, AppState};

/// The built document, cut once; cheap to clone into the handler.
#[derive(Clone)]
pub struct Shell {
    parts: Arc<ShellParts>,
}

impl Shell {
    /// The built document's parts.
    pub fn parts(&self) -> &ShellParts {
        &self.parts
    }

    /// Reads and cuts the built `index.html` at `path`.
    pub fn read(path: &Path) -> Result<Shell, String> {
        let html = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let parts = parse(&html)?;
        inkuru::ssr::init();
        Ok(Shell {
            parts: Arc::new(parts),
        })
    }
}

/// Where the document is cut: a character no built document holds (checked).
const CUT: &str = "\u{E000}";

/// Cuts the built document where the server's parts go: leptos_meta's marker in the head (where
/// the document's own `<title>` was; it and the description give way to the page's), the insides
/// of the header slot, of `<main>` and of the footer slot, and the end of the body. Read with an HTML parser, so
/// quoting, minifying or attribute order in the build cannot move a cut.
pub fn parse(index_html: &str) -> Result<ShellParts, String> {
    if index_html.contains(CUT) {
        return Err("the built index.html holds the shell's cut character".into());
    }
    let inside = |selector: &'static str| {
        element!(selector, |el| {
            el.set_inner_content(CUT, ContentType::Html);
            Ok(())
        })
    };
    // A minified build leaves out the head's start tag (HTML allows it), so nothing here may
    // depend on it: the head's own title marks where the page's head tags go.
    let settings = RewriteStrSettings::new()
        .append_element_content_handler(element!("title", |el| {
            el.replace(HEAD_MARKER, ContentType::Html);
            Ok(())
        }))
        .append_element_content_handler(element!("meta[name=description]", |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(inside("#site-header"))
        .append_element_content_handler(inside("main#main"))
        .append_element_content_handler(inside("#site-footer"))
        // The body's end tag may be left out of a minified document: the end of the document is
        // where the body ends either way.
        .append_document_content_handler(end!(|end| {
            end.append(CUT, ContentType::Html);
            Ok(())
        }));
    let cut_html = rewrite_str(index_html, settings)
        .map_err(|e| format!("cannot read the built index.html: {e}"))?;
    let pieces: Vec<&str> = cut_html.split(CUT).collect();
    let [to_header, header_to_main, main_to_footer, footer_to_body, end] = pieces[..] else {
        return Err(
            "the built index.html needs one each of #site-header, main#main and #site-footer"
                .into(),
        );
    };
    if to_header.matches(HEAD_MARKER).count() != 1 || !to_header.contains("</head>") {
        return Err(
            "the built index.html needs one <title> and </head> before its header slot".into(),
        );
    }
    // The end handler ran after `</body></html>` (if written): move them after the answers.
    let (footer_to_end_of_body, end_of_body) = match footer_to_body.rfind("</body>") {
        Some(at) => (&footer_to_body[..at], [&footer_to_body[at..], end].concat()),
        None => (footer_to_body, end.to_owned()),
    };
    Ok(ShellParts {
        to_header: to_header.to_owned(),
        header_to_main: header_to_main.to_owned(),
        main_to_footer: main_to_footer.to_owned(),
        footer_to_end_of_body: footer_to_end_of_body.to_owned(),
        end_of_body,
    })
}

/// The page number of a list page's query (`?page=2`), 1 when absent or not a page number.
fn page_number(uri: &Uri) -> u32 {
    uri.query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("page=")))
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// What the page at `uri` shows, and the first API answers it will ask for.
async fn first_view(state: &AppState, uri: &Uri, origin: Option<String>) -> (StatusCode, PageData) {
    let mut data = PageData {
        url: uri.path_and_query().map_or("/", |p| p.as_str()).to_owned(),
        origin,
        site: SiteBasics::default(),
        tree: None,
        page: Page::Unknown,
        answers: Vec::new(),
    };
    let Ok(tree) = db::sections::tree(&state.db).await else {
        return (StatusCode::OK, data);
    };
    if let Ok(site) = db::site::get(&state.db).await {
        insert(&mut data.answers, paths::SITE.to_owned(), &site);
        data.site = SiteBasics::from(site);
    }
    let status = match find_page(state, &tree, uri, &mut data.answers).await {
        Ok(page) => {
            data.page = page;
            StatusCode::OK
        }
        Err(message) => {
            data.page = Page::NotFound(message.to_owned());
            StatusCode::NOT_FOUND
        }
    };
    insert(&mut data.answers, paths::SECTIONS.to_owned(), &tree);
    data.tree = Some(tree);
    (status, data)
}

/// The page at `uri`, adding the answers it is made of; `Err` with the reader's sentence when it
/// names an article or section that does not exist.
async fn find_page(
    state: &AppState,
    tree: &SectionTree,
    uri: &Uri,
    answers: &mut Vec<(String, String)>,
) -> Result<Page, &'static str> {
    let page = page_number(uri);
    let path = match paths::page_kind(uri.path()) {
        PageKind::Article(slug) => return article_page(state, tree, slug, answers).await,
        PageKind::Front => {
            return Ok(match crate::routes::build_front_page(&state.db).await {
                Ok(front) => {
                    insert(answers, paths::FRONT_PAGE.to_owned(), &front);
                    Page::Front(Box::new(front))
                }
                Err(_) => Page::Unknown,
            })
        }
        // The reader's saved articles live in their browser; the app draws the page from there.
        PageKind::Saved => return Ok(Page::Saved),
        // The desk is drawn by the app for a signed-in editor; nothing of it goes in the page.
        PageKind::Desk => return Ok(Page::Desk),
        PageKind::Search => return Ok(search_page(state, tree, uri, page, answers).await),
        PageKind::Section(path) => path,
    };
    let section = tree.by_path(path).ok_or("No section has this address.")?;
    match db::articles::list(
        &state.db,
        tree,
        Some(&section.slug),
        page,
        paths::DEFAULT_PER_PAGE,
    )
    .await
    {
        Ok(Some(list)) => {
            insert(answers, paths::articles(Some(&section.slug), page), &list);
            let content = SectionContent::new(tree, section.clone(), list);
            Ok(Page::Section(Box::new(content)))
        }
        Ok(None) => Err("No section has this address."),
        Err(_) => Ok(Page::Unknown),
    }
}

/// An article's page, or why there is none.
async fn article_page(
    state: &AppState,
    tree: &SectionTree,
    slug: &str,
    answers: &mut Vec<(String, String)>,
) -> Result<Page, &'static str> {
    const NO_ARTICLE: &str = "No article has this address.";
    let slug = Slug::parse(slug).map_err(|_| NO_ARTICLE)?;
    match db::articles::get(&state.db, tree, &slug).await {
        Ok(Some(article)) => {
            insert(answers, paths::article(&slug), &article);
            Ok(Page::Article(Box::new(article)))
        }
        Ok(None) => Err(NO_ARTICLE),
        Err(_) => Ok(Page::Unknown),
    }
}

/// The search page: the app draws it; the results it will ask for go in with the page.
async fn search_page(
    state: &AppState,
    tree: &SectionTree,
    uri: &Uri,
    page: u32,
    answers: &mut Vec<(String, String)>,
) -> Page {
    let asked = Query::<HashMap<String, String>>::try_from_uri(uri)
        .map(|Query(params)| params.get("q").cloned().unwrap_or_default())
        .unwrap_or_default();
    let Ok(terms) = inkuru_api::search::terms(&asked) else {
        return Page::Search(asked);
    };
    if let Ok(results) =
        db::search::search(&state.db, tree, &terms, page, paths::DEFAULT_PER_PAGE).await
    {
        insert(answers, paths::search(&asked, page), &results);
    }
    Page::Search(asked)
}

fn insert<T: serde::Serialize>(answers: &mut Vec<(String, String)>, path: String, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        answers.push((path, json));
    }
}

/// GET any page URL that is not a file → the page, written by the app's components.
pub async fn page(
    State((state, shell)): State<(AppState, Shell)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let origin = crate::origin::of_headers(&headers);
    let (status, data) = first_view(&state, &uri, origin.clone()).await;
    // An article names its oEmbed answer in a header too, for consumers that read no HTML.
    let oembed = match (&data.page, &origin) {
        (Page::Article(article), Some(site)) => crate::widgets::oembed::link_header(
            site,
            &format!("{site}{}", paths::article_page(&article.slug)),
        ),
        _ => None,
    };
    let data_page_kind = paths::page_kind(uri.path());
    let html = inkuru::ssr::render(&shell.parts, data).await;
    let mut response = (status, [(header::CACHE_CONTROL, "no-cache")], Html(html)).into_response();
    if let Some(link) = oembed {
        response.headers_mut().insert(header::LINK, link);
    }
    if matches!(data_page_kind, PageKind::Desk) {
        // The page says so too (`DeskHead`); the header covers crawlers that read no HTML.
        response.headers_mut().insert(
            header::HeaderName::from_static("x-robots-tag"),
            header::HeaderValue::from_static("noindex"),
        );
    }
    response
}

/// The shell's source file in `dist`.
pub fn index_of(dist: &Path) -> PathBuf {
    dist.join("index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = "<!doctype html><html lang=en><head><meta charset=utf-8>\
        <meta content=\"Generic.\" name=description><title>Inkuru</title><style>main{}</style></head>\
        <body><a href=#main>Skip</a><div id=site-header></div><main id=main tabindex=-1></main>\
        <div id=route-announcer></div><div id=site-footer></div><noscript>n</noscript></body></html>";

    #[test]
    fn the_built_document_is_cut_at_its_slots() {
        let parts = parse(BUILT).unwrap();
        assert_eq!(
            parts.to_header,
            "<!doctype html><html lang=en><head><meta charset=utf-8>\
             <!--HEAD--><style>main{}</style></head><body><a href=#main>Skip</a><div id=site-header>"
        );
        assert_eq!(parts.header_to_main, "</div><main id=main tabindex=-1>");
        assert_eq!(
            parts.main_to_footer,
            "</main><div id=route-announcer></div><div id=site-footer>"
        );
        assert_eq!(parts.footer_to_end_of_body, "</div><noscript>n</noscript>");
        assert_eq!(parts.end_of_body, "</body></html>");
    }

    #[test]
    fn a_minified_document_without_end_tags_is_cut_too() {
        let minified =
            "<!doctype html><html><meta charset=utf-8><title>Inkuru</title></head><body>\
            <div id=site-header></div><main id=main></main><div id=site-footer></div>";
        let parts = parse(minified).unwrap();
        assert_eq!(
            parts.to_header,
            "<!doctype html><html><meta charset=utf-8><!--HEAD--></head><body>\
            <div id=site-header>"
        );
        assert_eq!(parts.footer_to_end_of_body, "</div>");
        assert_eq!(parts.end_of_body, "");
    }

    #[test]
    fn a_document_without_its_slots_is_refused() {
        let error = parse("<html><head></head><body><main id=main></main></body></html>");
        assert!(error.unwrap_err().contains("#site-header"));
        let untitled = "<html><head></head><body><div id=site-header></div><main id=main></main>\
            <div id=site-footer></div></body></html>";
        assert!(parse(untitled).unwrap_err().contains("<title>"));
        assert!(parse("<div id=site-header></div>\u{E000}").is_err());
    }
}
