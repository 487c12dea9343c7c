//! What partner sites show of Inkuru, written with the app's own components: the headlines
//! widget's list (the same `ArticleCard` the section pages use), the snippet a partner pastes
//! (with plain links for pages without script), and the card an oEmbed answer frames.
//! Plain data in, markup out: the server writes all of it (`crate::ssr::widget_document`).

use inkuru_api::widgets::LOADER;
use inkuru_api::{paths, ArticleSummary};
use leptos::prelude::*;

use crate::components::ArticleCard;

/// Where a widget's stories come from: the section's name and page, or the site's front page.
#[derive(Clone, Debug)]
pub struct StorySource {
    /// "News", or the site's name for the whole site.
    pub name: String,
    /// The page with more of them (`/news`, `/`).
    pub href: String,
}

/// The newest stories of a section, each a card linking to the story on the site.
#[component]
pub fn HeadlinesWidget(source: StorySource, stories: Vec<ArticleSummary>) -> impl IntoView {
    let StorySource { name, href } = source;
    let empty = stories.is_empty();
    view! {
        <section class="widget-headlines" aria-labelledby="widget-heading">
            <h2 id="widget-heading" class="widget-heading"><a href=href.clone()>{name.clone()}</a></h2>
            {empty.then(|| view! { <p>"No stories here yet."</p> })}
            <ol class="widget-stories" role="list">
                {stories
                    .into_iter()
                    .map(|summary| view! { <li><ArticleCard summary under_heading=true/></li> })
                    .collect_view()}
            </ol>
            <p class="widget-more"><a href=href>"More from " {name}</a></p>
        </section>
    }
}

/// What a partner pastes for a headlines widget: the loader, and the element with the stories as
/// plain links inside it, which is what shows where the widget's script does not run. Absolute
/// addresses: it sits on the partner's page.
#[component]
pub fn HeadlinesSnippet(
    /// This site's origin (`https://inkuru.example`).
    site_origin: String,
    /// The `section` attribute, when the widget shows one section.
    section: Option<String>,
    count: u8,
    source: StorySource,
    stories: Vec<ArticleSummary>,
) -> impl IntoView {
    let loader = format!("{site_origin}{LOADER}");
    let more = format!("{site_origin}{}", source.href);
    let links = stories
        .into_iter()
        .map(|summary| {
            let href = format!("{site_origin}{}", paths::article_page(&summary.slug));
            view! { <li><a href=href>{summary.headline}</a></li> }
        })
        .collect_view();
    view! {
        <script src=loader async></script>
        <inkuru-headlines section=section count=count.to_string()>
            <a href=more>{source.name}</a>
            <ul>{links}</ul>
        </inkuru-headlines>
    }
}

/// One story as a card for embedding elsewhere (the page an oEmbed answer frames).
#[component]
pub fn ArticleEmbed(summary: ArticleSummary, site_name: String) -> impl IntoView {
    let href = paths::article_page(&summary.slug);
    view! {
        <div class="widget-article">
            <ArticleCard summary lead=true/>
            <p class="widget-more"><a href=href>"Read it on " {site_name}</a></p>
        </div>
    }
}

/// The `html` of an oEmbed answer: a quote with the story's link (what consumers that take no
/// frames keep), and the card's frame, sandboxed: scripts (to report its height), and links
/// that open the story at the top or in a new tab when the reader follows one.
#[component]
pub fn OEmbedMarkup(
    /// The story's address on this site.
    article_url: String,
    headline: String,
    site_name: String,
    /// The card's address (`/embed/articles/{slug}`, absolute).
    frame_url: String,
    width: u32,
    height: u32,
) -> impl IntoView {
    view! {
        <blockquote class="inkuru-embed">
            <a href=article_url>{headline.clone()}</a>
            " — "
            {site_name}
        </blockquote>
        <iframe
            src=frame_url
            title=headline
            width=width.to_string()
            height=height.to_string()
            sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
        ></iframe>
    }
}
