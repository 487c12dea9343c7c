//! The HTML shell for a page URL: `index.html` with the first API answers that page will ask for
//! embedded as JSON, so the app renders without waiting a round trip for them, and the page itself
//! written into `<main>` (see `prerender`), so it paints before any wasm runs.
//! An article or section that does not exist gets the same shell with status 404, so crawlers and
//! link checkers see it too.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use inkuru_api::{paths, Slug};
use serde_json::{Map, Value};

use crate::previews::{self, Origin};
use crate::{db, prerender, AppState};

/// Where the shell comes from; cheap to clone into the handler.
#[derive(Clone)]
pub struct Shell {
    pub index: PathBuf,
}

/// The attribute naming the API path an embedded answer stands for (read by `src/api/client.rs`).
pub const API_PATH_ATTRIBUTE: &str = "data-api-path";

/// JSON that is safe inside `<script>`: `<` only ever appears inside JSON strings, where `\u003c`
/// means the same, so no `</script>` or `<!--` can end the element early.
pub fn script_safe_json(value: &Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

/// What the server adds to the shell for one page URL.
#[derive(Default)]
pub struct FirstView {
    /// API answers keyed by the API path the app will request.
    pub answers: Map<String, Value>,
    /// Page content written into `<main>`, already escaped.
    pub content: Option<String>,
    /// The header's section links, in place of the shell's empty placeholder.
    pub nav: Option<String>,
    /// The page's title and description (plain text), as the app's leptos_meta will set them, so
    /// readers without the app (and crawlers) see them too.
    pub title: Option<String>,
    pub description: Option<String>,
    /// Share-preview tags for the head (`crate::previews`), already escaped.
    pub head: Option<String>,
}

/// Text made safe inside an HTML element or a quoted attribute.
pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The page title as the app formats it (src/app.rs).
fn page_title(page: &str) -> String {
    format!("{page} · Inkuru")
}

/// `html` with its `<title>` text and its `<meta name="description">` tag replaced.
fn with_title_and_description(html: &str, title: &str, description: Option<&str>) -> String {
    let mut html = html.to_owned();
    if let (Some(start), Some(end)) = (html.find("<title>"), html.find("</title>")) {
        if start < end {
            html.replace_range(start + "<title>".len()..end, &escape_html(title));
        }
    }
    if let Some(description) = description {
        let at = ["name=description", "name=\"description\""]
            .iter()
            .find_map(|attribute| html.find(attribute));
        if let Some(at) = at {
            if let (Some(start), Some(len)) = (html[..at].rfind("<meta"), html[at..].find('>')) {
                let tag = format!(
                    "<meta name=\"description\" content=\"{}\">",
                    escape_html(description)
                );
                html.replace_range(start..at + len + 1, &tag);
            }
        }
    }
    html
}

/// `html` with the empty `<div>` whose class attribute is `class_name` (quoted or, after the
/// minifier, not) replaced. The same name in the inline CSS is not a class attribute.
fn replace_empty_element(html: &str, class_name: &str, with: &str) -> Option<String> {
    let at = [
        format!("class=\"{class_name}\""),
        format!("class={class_name}>"),
    ]
    .iter()
    .find_map(|attribute| html.find(attribute.as_str()))?;
    let start = html[..at].rfind('<')?;
    let end = at + html[at..].find("</div>")? + "</div>".len();
    Some(format!("{}{with}{}", &html[..start], &html[end..]))
}

/// Writes `view` into the shell: the content just before `</main>` (the shell's only main element),
/// and one JSON element per answer just before `</body>` (or at the end if there is none). One
/// element per answer lets the app parse each straight into its type (no generic JSON tree in the
/// wasm). API paths hold only URL-safe characters and `?&=`, so they need no escaping.
pub fn embed(index_html: &str, view: &FirstView) -> String {
    let mut html = match (&view.content, index_html.find("</main>")) {
        (Some(content), Some(at)) => {
            format!("{}{content}{}", &index_html[..at], &index_html[at..])
        }
        _ => index_html.to_owned(),
    };
    if let Some(title) = &view.title {
        html = with_title_and_description(&html, title, view.description.as_deref());
    }
    if let (Some(head), Some(at)) = (&view.head, html.find("</title>")) {
        html.insert_str(at + "</title>".len(), head);
    }
    if let Some(nav) = &view.nav {
        if let Some(with_nav) = replace_empty_element(&html, "section-nav-placeholder", nav) {
            html = with_nav;
        }
    }
    let elements: String = view
        .answers
        .iter()
        .map(|(path, answer)| {
            format!(
                "<script type=\"application/json\" {API_PATH_ATTRIBUTE}=\"{}\">{}</script>",
                path.replace('&', "&amp;").replace('"', "&quot;"),
                script_safe_json(answer)
            )
        })
        .collect();
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &elements),
        None => html.push_str(&elements),
    }
    html
}

/// The API answers a page at `uri` asks for first, and its server-written content.
/// `Err(())` when the page names an article or section that does not exist.
async fn first_view(state: &AppState, uri: &Uri, origin: Option<&Origin>) -> Result<FirstView, ()> {
    let mut view = FirstView::default();
    let Ok(tree) = db::sections::tree(&state.db).await else {
        return Ok(view);
    };
    let site = db::site::get(&state.db).await.ok();
    // Previews need absolute URLs, so only a request with a usable Host gets them.
    let previews = origin.zip(site.as_ref());
    // What the app compares with its own location to know the written content is this page's.
    let requested = uri.path_and_query().map_or("/", |p| p.as_str());
    let path = uri.path().trim_matches('/');
    let page = uri
        .query()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("page=")))
        .and_then(|p| p.parse::<u32>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1);
    if let Some(slug) = path.strip_prefix("articles/") {
        let slug = Slug::parse(slug).map_err(|_| ())?;
        match db::articles::get(&state.db, &tree, &slug).await {
            Ok(Some(article)) => {
                view.title = Some(page_title(&article.headline));
                view.description = Some(article.standfirst.clone());
                view.head =
                    previews.map(|(origin, site)| previews::article(origin, site, &article));
                let follow = site.as_ref().map_or(&[][..], |s| &s.follow[..]);
                view.content = prerender::article(&article, follow, requested);
                if let Some(site) = &site {
                    insert(&mut view.answers, paths::SITE.to_owned(), site);
                }
                insert(&mut view.answers, paths::article(&slug), &article);
            }
            Ok(None) => return Err(()),
            Err(_) => {}
        }
    } else if path.is_empty() {
        if let Ok(front) = crate::routes::build_front_page(&state.db).await {
            view.title = Some(page_title("News from Rwanda and beyond"));
            let lead_image = front.lead.as_ref().and_then(|lead| lead.image.as_ref());
            view.head = previews.map(|(origin, site)| previews::home(origin, site, lead_image));
            view.content = prerender::front_page(&front, requested);
            insert(&mut view.answers, paths::FRONT_PAGE.to_owned(), &front);
        }
    } else if path == "saved" {
        // The reader's saved articles live in their browser; the app draws the page from there.
        view.title = Some(page_title("Saved articles"));
    } else if path == "search" {
        // The app draws this page; the results it will ask for go in with the page.
        let asked = Query::<HashMap<String, String>>::try_from_uri(uri)
            .map(|Query(params)| params.get("q").cloned().unwrap_or_default())
            .unwrap_or_default();
        view.title = Some(page_title("Search"));
        if let Ok(terms) = inkuru_api::search::terms(&asked) {
            view.title = Some(page_title(&format!("Search: {}", asked.trim())));
            if let Ok(results) =
                db::search::search(&state.db, &tree, &terms, page, paths::DEFAULT_PER_PAGE).await
            {
                insert(&mut view.answers, paths::search(&asked, page), &results);
            }
        }
    } else {
        let section = tree.by_path(path).ok_or(())?;
        if let Ok(Some(list)) = db::articles::list(
            &state.db,
            &tree,
            Some(&section.slug),
            page,
            paths::DEFAULT_PER_PAGE,
        )
        .await
        {
            view.title = Some(page_title(&section.name));
            view.description = Some(section.description.clone()).filter(|d| !d.is_empty());
            view.head =
                previews.map(|(origin, site)| previews::section(origin, site, section, page));
            view.content = prerender::section_page(&tree, section, &list, requested);
            insert(
                &mut view.answers,
                paths::articles(Some(&section.slug), page),
                &list,
            );
        }
    }
    view.nav = prerender::section_nav(&tree, uri.path());
    insert(&mut view.answers, paths::SECTIONS.to_owned(), &tree);
    Ok(view)
}

fn insert<T: serde::Serialize>(data: &mut Map<String, Value>, key: String, value: &T) {
    if let Ok(value) = serde_json::to_value(value) {
        data.insert(key, value);
    }
}

/// GET any page URL that is not a file → the shell, with its first answers embedded.
pub async fn page(
    State((state, shell)): State<(AppState, Shell)>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Ok(index) = tokio::fs::read_to_string(&shell.index).await else {
        return crate::spa::not_built().await.into_response();
    };
    let header_text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let origin = Origin::from_request(header_text("host"), header_text("x-forwarded-proto"));
    let (status, view) = match first_view(&state, &uri, origin.as_ref()).await {
        Ok(view) => (StatusCode::OK, view),
        Err(()) => (StatusCode::NOT_FOUND, FirstView::default()),
    };
    (
        status,
        [(header::CACHE_CONTROL, "no-cache")],
        Html(embed(&index, &view)),
    )
        .into_response()
}

/// The shell's source file in `dist`.
pub fn index_of(dist: &Path) -> PathBuf {
    dist.join("index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_the_script() {
        let value = serde_json::json!({ "headline": "</script><script>alert(1)</script> <!--" });
        let text = script_safe_json(&value);
        assert!(!text.contains('<'), "{text}");
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn data_goes_just_before_the_end_of_the_body() {
        let mut view = FirstView::default();
        view.answers.insert(
            "/api/sections".into(),
            serde_json::json!({ "sections": [] }),
        );
        view.answers.insert(
            "/api/articles?page=1&x=1".into(),
            serde_json::json!({ "items": [] }),
        );
        let html = embed("<html><body><div id=\"app\"></div></body></html>", &view);
        assert!(html.ends_with(
            "<script type=\"application/json\" data-api-path=\"/api/articles?page=1&amp;x=1\">{\"items\":[]}</script>\
             <script type=\"application/json\" data-api-path=\"/api/sections\">{\"sections\":[]}</script></body></html>"
        ), "{html}");
        assert_eq!(
            embed("<body></body>", &FirstView::default()),
            "<body></body>"
        );
    }

    #[test]
    fn content_goes_inside_main() {
        let view = FirstView {
            content: Some("<article>A</article>".into()),
            ..FirstView::default()
        };
        assert_eq!(
            embed("<body><main id=main tabindex=-1></main></body>", &view),
            "<body><main id=main tabindex=-1><article>A</article></main></body>"
        );
        // A shell without a main element still gets its answers, just not the content.
        assert_eq!(embed("<body></body>", &view), "<body></body>");
    }

    #[test]
    fn title_and_description_are_the_pages_and_escaped() {
        let shell =
            "<head><meta content=\"Generic.\" name=description><title>Inkuru</title></head>";
        let html = with_title_and_description(shell, "A \"b\" <c> · Inkuru", Some("d & e"));
        assert_eq!(
            html,
            "<head><meta name=\"description\" content=\"d &amp; e\"><title>A &quot;b&quot; &lt;c&gt; · Inkuru</title></head>"
        );
        let unminified = "<meta name=\"description\" content=\"x\"/><title>Inkuru</title>";
        assert_eq!(
            with_title_and_description(unminified, "T", None),
            "<meta name=\"description\" content=\"x\"/><title>T</title>"
        );
    }

    #[test]
    fn section_links_replace_the_placeholder() {
        let view = FirstView {
            nav: Some("<nav>N</nav>".into()),
            ..FirstView::default()
        };
        assert_eq!(
            embed(
                "<header><div class=section-nav-placeholder></div></header><main></main>",
                &view
            ),
            "<header><nav>N</nav></header><main></main>"
        );
    }
}
