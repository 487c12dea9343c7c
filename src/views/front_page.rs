//! The front page's stories: the lead story with its picture, then each top-level section under
//! its heading with its top stories.

use inkuru_api::{paths, FrontPage, SectionStories};
use leptos::prelude::*;

use crate::components::ArticleCard;

/// The front page's heading (for screen readers) and its stories.
#[component]
pub fn FrontPageView(front: FrontPage) -> impl IntoView {
    let lead = front
        .lead
        .map(|summary| view! { <ArticleCard summary lead=true/> });
    view! {
        <h1 class="visually-hidden">"Latest news"</h1>
        <div class="front-page">
            <div class="lead">{lead}</div>
            {front.sections.into_iter().map(section_block).collect_view()}
        </div>
    }
}

/// A top-level section's heading (a link to it) and its top stories.
fn section_block(block: SectionStories) -> impl IntoView {
    let id = format!("front-{}", block.section.slug);
    let labelled_by = id.clone();
    view! {
        <section class="front-section" aria-labelledby=labelled_by>
            <h2 class="front-section-title" id=id>
                <a href=paths::section_page(&block.section.path)>{block.section.name}</a>
            </h2>
            <div class="card-grid">
                {block.stories.into_iter().map(|summary| view! { <ArticleCard summary under_heading=true/> }).collect_view()}
            </div>
        </section>
    }
}
