//! What partner sites show of Inkuru, written with the app's own components: the headlines
//! widget's list (the same `ArticleCard` the section pages use), the snippet a partner pastes
//! (with plain links for pages without script), and the card an oEmbed answer frames.
//! Plain data in, markup out: the server writes all of it (`crate::ssr::widget_document`).

use inkuru_api::widgets::{Look, LOADER};
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

/// Where the frame script and the frames' own styles are (public/, copied into the build).
pub const FRAME_SCRIPT: &str = "/widget-frame.js";
pub const FRAME_STYLES: &str = "/widget-frame.css";

/// The `<style>` text the partner's look adds to the site's, if any: custom properties only,
/// from values the contract has already checked (`inkuru_api::widgets::{accent, font}`).
pub fn look_style(look: &Look) -> Option<String> {
    let accent = look
        .accent
        .as_ref()
        .map(|colour| format!("--accent:{colour} !important;"));
    let font = look
        .font
        .as_ref()
        .map(|family| format!("--serif:{family} !important;--sans:{family} !important;"));
    let properties = [accent, font].into_iter().flatten().collect::<String>();
    let dark = look
        .accent
        .as_ref()
        .map(|colour| dark_accent(colour))
        .unwrap_or_default();
    (!properties.is_empty()).then(|| format!(":root{{{properties}}}{dark}"))
}

/// The partner's accent on the dark palette: one colour cannot read well on both paper and ink
/// (no colour has 4.5:1 against both), so on dark it is mixed towards white, as the site's own
/// accent is lighter on dark. `applyLook` in public/widget-frame.js does the same for a
/// colour changed live.
fn dark_accent(colour: &str) -> String {
    let mixed = format!("--accent:color-mix(in srgb,{colour} 45%,white) !important");
    format!(
        "@media (prefers-color-scheme:dark){{:root:not([data-theme=light]){{{mixed}}}}}\
         :root[data-theme=dark]{{{mixed}}}"
    )
}

/// What every widget frame's head carries after the site's styles: its title, its colour
/// scheme, the partner's look, the partner origins it accepts messages from, and the frame
/// script (public/widget-frame.js) with its styles. `program`, for a frame that runs one (the
/// comments), is its script, which the frame script loads when the reader moves towards the
/// frame, or at once if this browser keeps something of the reader's for it
/// (`crate::embed::READERS_OWN`).
#[component]
pub fn WidgetHead(
    title: String,
    look: Look,
    partners: Vec<String>,
    #[prop(optional_no_strip)] program: Option<String>,
) -> impl IntoView {
    let style = look_style(&look);
    view! {
        <meta name="color-scheme" content=look.theme.color_scheme()/>
        <meta name="robots" content="noindex"/>
        <meta name="inkuru-partners" content=partners.join(" ")/>
        <meta name="inkuru-theme" content=look.theme.as_str()/>
        {program.map(|script| view! {
            <meta name="inkuru-program" content=script/>
            <meta name="inkuru-program-now" content=crate::embed::READERS_OWN.join(" ")/>
        })}
        <title>{title}</title>
        // Links leave the frame: a reader who follows one goes to the story, not into a box.
        <base target="_top"/>
        {style.map(|css| view! { <style inner_html=css></style> })}
        <link rel="stylesheet" href=FRAME_STYLES/>
        <script src=FRAME_SCRIPT defer></script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use inkuru_api::widgets::Theme;

    #[test]
    fn the_look_becomes_custom_properties_only() {
        let look = Look {
            theme: Theme::Dark,
            accent: Some("#0b6e4f".into()),
            font: Some("Georgia, serif".into()),
        };
        let style = look_style(&look).unwrap();
        assert!(
            style.starts_with(":root{--accent:#0b6e4f !important;--serif:Georgia, serif !important;--sans:Georgia, serif !important;}"),
            "{style}"
        );
        // Lighter on the dark palette, whether dark is chosen or the system's.
        assert!(
            style.contains(
                ":root[data-theme=dark]{--accent:color-mix(in srgb,#0b6e4f 45%,white) !important}"
            ),
            "{style}"
        );
        assert!(
            style.contains("@media (prefers-color-scheme:dark){:root:not([data-theme=light])"),
            "{style}"
        );
        assert_eq!(look_style(&Look::default()), None);
    }
}
