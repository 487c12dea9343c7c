//! The document of a widget's frame (the headlines list, an article's card): the app's own
//! components (`crate::views::widgets`) inside a small page of their own, styled by the site's own
//! stylesheets (the inline styles of the built index.html, handed in by the server) plus the
//! partner's look (theme, accent, font), with the frame script that sizes and re-points it
//! (public/widget-frame.js).

use inkuru_api::widgets::{Look, Theme};
use inkuru_api::{Article, ArticleSummary, Comment};
use leptos::prelude::*;

use crate::embed::CommentsFirstView;
use crate::views::{
    ArticleEmbed, FirstAnswers, HeadlinesSnippet, HeadlinesWidget, OEmbedMarkup, StorySource,
    WidgetHead,
};

/// One frame's document, before its body.
#[derive(Clone, Debug)]
pub struct WidgetDocument {
    /// The site's main language (`en`).
    pub lang: String,
    pub title: String,
    pub look: Look,
    /// The site's stylesheets, each the text of one `<style>` element, as built.
    pub site_styles: Vec<String>,
    /// Origins the frame accepts messages from: the partners (the server refuses to be framed by
    /// any other page, `frame-ancestors`).
    pub partners: Vec<String>,
    /// The program the frame runs, if it runs one (the comments widget).
    pub app: Option<FrameApp>,
}

/// A program a frame runs (the comments widget's, src/bin/inkuru-comments.rs).
#[derive(Clone, Debug)]
pub struct FrameApp {
    /// The site path of its script.
    pub script: String,
    /// The first API answers it will ask for, (API path, JSON): it reads them from the document
    /// (`crate::views::FirstAnswers`) instead of the network.
    pub answers: Vec<(String, String)>,
}

/// The headlines widget's frame: the newest stories of `source`.
pub fn headlines(
    document: WidgetDocument,
    source: StorySource,
    stories: Vec<ArticleSummary>,
) -> String {
    with_owner(|| {
        render(
            document,
            view! { <HeadlinesWidget source stories/> }.into_any(),
        )
    })
}

/// An article's card, as an oEmbed answer frames it.
pub fn article(document: WidgetDocument, summary: ArticleSummary, site_name: String) -> String {
    with_owner(|| {
        render(
            document,
            view! { <ArticleEmbed summary site_name/> }.into_any(),
        )
    })
}

/// The comments widget's frame: the server's first view of `article`'s `comments`, which its
/// program (`document.app`) replaces when the reader moves towards it.
pub fn comments(document: WidgetDocument, article: Article, comments: Vec<Comment>) -> String {
    with_owner(|| {
        render(
            document,
            view! { <CommentsFirstView article comments/> }.into_any(),
        )
    })
}

/// A frame that cannot show what it was asked for, saying why in the partner's page.
pub fn problem(document: WidgetDocument, problems: Vec<String>) -> String {
    let body = view! {
        <div class="widget-problem" role="alert">
            <p>"This widget cannot show here:"</p>
            <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
        </div>
    };
    with_owner(|| render(document, body.into_any()))
}

/// What a partner pastes for a headlines widget (`HeadlinesSnippet`).
pub fn headlines_snippet(
    site_origin: String,
    section: Option<String>,
    count: u8,
    source: StorySource,
    stories: Vec<ArticleSummary>,
) -> String {
    with_owner(|| view! { <HeadlinesSnippet site_origin section count source stories/> }.to_html())
}

/// The `html` of an oEmbed answer (`OEmbedMarkup`).
pub fn oembed_markup(
    article_url: String,
    headline: String,
    site_name: String,
    frame_url: String,
    (width, height): (u32, u32),
) -> String {
    with_owner(|| {
        view! { <OEmbedMarkup article_url headline site_name frame_url width height/> }.to_html()
    })
}

/// Runs `render` with a reactive owner of its own, dropped when it is done.
fn with_owner(render: impl FnOnce() -> String) -> String {
    let owner = Owner::new();
    let html = owner.with(render);
    drop(owner);
    html
}

/// The whole document around `body`.
fn render(document: WidgetDocument, body: AnyView) -> String {
    let WidgetDocument {
        lang,
        title,
        look,
        site_styles,
        partners,
        app,
    } = document;
    let (program, answers) = match app {
        Some(FrameApp { script, answers }) => (Some(script), answers),
        None => (None, Vec::new()),
    };
    let theme = match look.theme {
        Theme::System => None,
        chosen => Some(chosen.as_str()),
    };
    let html = view! {
        <html lang=lang data-theme=theme data-widget="">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                {site_styles.into_iter().map(|css| view! { <style inner_html=css></style> }).collect_view()}
                <WidgetHead title=title.clone() look partners program/>
                <FirstAnswers answers/>
            </head>
            <body>
                // Named, so it stays apart from the partner page's own main landmark.
                <main aria-label=title>{body}</main>
            </body>
        </html>
    }
    .to_html();
    ["<!DOCTYPE html>", &html].concat()
}
