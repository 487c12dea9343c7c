//! An article in a list: picture, section, headline, standfirst, date. The whole card is one link
//! target (the headline's link stretches over it), so there is a single tab stop per story.
//! Styled in style/layout.css, not scoped (the page-wide rules the server-written page uses too).

use inkuru_api::{paths, ArticleSummary};
use leptos::prelude::*;

use crate::util::dates::reader_date;

/// One story in a list. The lead variant is larger and loads its picture eagerly.
#[component]
pub fn ArticleCard(
    /// The story.
    summary: ArticleSummary,
    /// The lead story of a page: bigger type, picture first to load.
    #[prop(optional)]
    lead: bool,
    /// The list sits under its own heading (a section on the front page): the headline is an h3.
    #[prop(optional)]
    under_heading: bool,
) -> impl IntoView {
    let href = paths::article_page(&summary.slug);
    let date = reader_date(&summary.published_at);
    let picture = summary.image.map(|image| {
        // The headline says what the picture shows, so it is decorative here (alt="").
        view! {
            <img
                src=image.src
                width=image.width
                height=image.height
                alt=""
                loading=if lead { "eager" } else { "lazy" }
                decoding="async"
            />
        }
    });
    view! {
        <article class="card" data-lead=lead.then_some("")>
            {picture}
            <p class="section-label">{summary.section.name}</p>
            {if under_heading {
                view! { <h3><a href=href>{summary.headline}</a></h3> }.into_any()
            } else {
                view! { <h2><a href=href>{summary.headline}</a></h2> }.into_any()
            }}
            <p>{summary.standfirst}</p>
            <time datetime=summary.published_at>{date}</time>
        </article>
    }
}
