//! The server's renderer (feature `ssr`): the page the server sends for a page URL, written with the
//! app's own components (`crate::views`) and leptos_meta, into Trunk's built document.
//!
//! The server reads the built `index.html` once at start-up and cuts it at its insertion points
//! (`ShellParts`); for each request it gathers the data (`PageData`) and this module writes the
//! rest: the header and footer, the page itself inside `<main>` (marked for the app to adopt, see
//! `crate::prerender`), the head through leptos_meta, and the first API answers.
//! Nothing here runs in the browser: effects never run on the server, which is where the
//! components keep their browser-only calls (storage, `navigator`, the reader's locale).

use futures::StreamExt;
use inkuru_api::{Article, FrontPage, SectionTree};
use leptos::prelude::*;
use leptos_meta::{ServerMetaContext, Title};
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;

use crate::app::SiteBasics;
use crate::components::share_preview::SiteOrigin;
use crate::components::SectionNav;
use crate::routes::NotFound;
use crate::views::head::page_title;
use crate::views::{
    ArticleHead, ArticleView, DeskHead, FirstAnswers, FrontPageView, HomeHead, Prerendered,
    SavedHead, SearchHead, SectionContent, SectionHead, SectionNavPlaceholder, SectionPageView,
    SiteFooter, SiteHeader,
};

pub mod widget_document;

/// leptos_meta's own insertion point in the head: the head tags go right after it.
pub const HEAD_MARKER: &str = "<!--HEAD-->";

/// Trunk's built document cut where the server's parts go, in document order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShellParts {
    /// From the start through `HEAD_MARKER`, the end of the head, up to the inside of the header slot.
    pub to_header: String,
    /// From the end of the header slot's content to the inside of `<main>`.
    pub header_to_main: String,
    /// From the end of `<main>`'s content to the inside of the footer slot.
    pub main_to_footer: String,
    /// From the end of the footer slot's content to the end of the body's content.
    pub footer_to_end_of_body: String,
    /// The end of the body and of the document.
    pub end_of_body: String,
}

/// What a page URL shows, as the server found it.
#[derive(Clone, Debug)]
pub enum Page {
    /// `/articles/{slug}`.
    Article(Box<Article>),
    /// `/`.
    Front(Box<FrontPage>),
    /// A section's page of stories.
    Section(Box<SectionContent>),
    /// The search page for these words (as asked): the app draws the results from the answer
    /// embedded for them; the server writes its head.
    Search(String),
    /// The Saved page: the app draws it from the reader's browser; the server writes its head.
    Saved,
    /// The editors' desk: the app draws it for a signed-in editor; the server writes its head.
    Desk,
    /// An article or section that does not exist: the not-found page, saying which.
    NotFound(String),
    /// The server could not read what the page needs (the database is down): the app draws it.
    Unknown,
}

/// Everything the server hands the renderer for one page URL.
#[derive(Clone, Debug)]
pub struct PageData {
    /// The URL's path and query as requested (`/news?page=2`).
    pub url: String,
    /// The site's address, when the request's Host can be trusted (share previews need it).
    pub origin: Option<String>,
    pub site: SiteBasics,
    /// The sections, for the header's row (absent if they could not be read).
    pub tree: Option<SectionTree>,
    pub page: Page,
    /// The first API answers the app will ask for: (API path, JSON).
    pub answers: Vec<(String, String)>,
}

/// Starts leptos's task executor on the server's runtime (leptos_meta waits a tick on it before it
/// writes the head). Call once at start-up; later calls change nothing.
pub fn init() {
    let _ = any_spawner::Executor::init_tokio();
}

/// The whole document for `data`, in `shell`.
pub async fn render(shell: &ShellParts, data: PageData) -> String {
    let owner = Owner::new();
    let (meta, head) = ServerMetaContext::new();
    let parts = owner.with(|| {
        provide_context(meta);
        leptos_meta::provide_meta_context();
        provide_context(RequestUrl::new(&data.url));
        if let Some(origin) = data.origin.clone() {
            provide_context(SiteOrigin(origin));
        }
        render_parts(data)
    });
    let body = [
        parts.header.as_str(),
        &shell.header_to_main,
        &parts.main,
        &shell.main_to_footer,
        &parts.footer,
        &shell.footer_to_end_of_body,
        &parts.answers,
        &shell.end_of_body,
    ]
    .concat();
    // leptos_meta writes the head into the first chunk, which holds the head's end (checked when
    // the shell is read; without it the page goes out with the shell's head rather than failing).
    let document = if shell.to_header.contains("</head>") {
        let chunks = futures::stream::iter([shell.to_header.clone(), body]);
        head.inject_meta_context(chunks)
            .await
            .collect::<Vec<String>>()
            .await
            .concat()
    } else {
        [shell.to_header.as_str(), &body].concat()
    };
    drop(owner);
    document
}

/// The server-written parts of one page.
struct Parts {
    header: String,
    main: String,
    footer: String,
    answers: String,
}

fn render_parts(data: PageData) -> Parts {
    let PageData {
        url,
        site,
        tree,
        page,
        answers,
        ..
    } = data;
    let header = view! {
        <Router>
            <SiteHeader>
                {match tree {
                    Some(tree) => view! { <SectionNav tree/> }.into_any(),
                    None => view! { <SectionNavPlaceholder/> }.into_any(),
                }}
            </SiteHeader>
        </Router>
    }
    .to_html();
    let main = view! {
        <Title formatter=escaped_page_title/>
        {page_view(page, url, site)}
    }
    .to_html();
    Parts {
        header,
        main,
        footer: view! { <SiteFooter/> }.to_html(),
        answers: view! { <FirstAnswers answers/> }.to_html(),
    }
}

/// The page's title as the app writes it, escaped: leptos_meta 0.8 writes the server's `<title>`
/// text into the HTML as it is given, and a headline may hold `<` or `&`.
fn escaped_page_title(page: String) -> String {
    html_escape::encode_text(&page_title(page)).into_owned()
}

/// The page's head tags and its content inside `<main>`.
fn page_view(page: Page, url: String, site: SiteBasics) -> AnyView {
    match page {
        Page::Article(article) => {
            let article = *article;
            // Its comments are the app's: it starts for a draft of them, or as they near.
            let draft = vec![crate::drafts::key(&article.slug)];
            view! {
                <ArticleHead article=article.clone() site_name=site.name/>
                <Prerendered path=url start_now=draft start_near=true>
                    <ArticleView article follow=site.follow/>
                </Prerendered>
            }
            .into_any()
        }
        Page::Front(front) => {
            let image = front.lead.as_ref().and_then(|lead| lead.image.clone());
            view! {
                <HomeHead site_name=site.name tagline=site.tagline image/>
                <Prerendered path=url><FrontPageView front=*front/></Prerendered>
            }
            .into_any()
        }
        Page::Section(content) => view! {
            <SectionHead content=(*content).clone() site_name=site.name/>
            <Prerendered path=url><SectionPageView content=*content/></Prerendered>
        }
        .into_any(),
        Page::Search(query) => view! { <SearchHead query/> }.into_any(),
        Page::Saved => view! { <SavedHead/> }.into_any(),
        Page::Desk => view! { <DeskHead/> }.into_any(),
        Page::NotFound(message) => {
            view! { <Prerendered path=url><NotFound message/></Prerendered> }.into_any()
        }
        Page::Unknown => ().into_any(),
    }
}
