//! The front page: the lead story with its picture, then each top-level section with its top stories.
//! Its markup matches server/templates/home.html.

use inkuru_api::{paths, SectionStories};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api;
use crate::components::{ArticleCard, CardsSkeleton, ErrorNotice, SharePreview};
use crate::navigation::PageShown;
use crate::prerender;

/// `/`
#[component]
pub fn HomePage() -> impl IntoView {
    // The server may have written this page already (see crate::prerender).
    let prerendered = prerender::adopt_or_discard();
    let latest = LocalResource::new(api::articles::front_page);
    view! {
        <Title text="News from Rwanda and beyond"/>
        <Meta name="description" content="Inkuru: news from Rwanda and beyond, fast and calm to read."/>
        <SharePreview title="Inkuru" description="News from Rwanda and beyond" path="/"/>
        // The server-written page has its own heading.
        {(!prerendered).then(|| view! { <h1 class="visually-hidden">"Latest news"</h1> })}
        <Transition fallback=move || (!prerendered).then(|| view! { <CardsSkeleton/> })>
            {move || Suspend::new(async move {
                match latest.await {
                    // Already on screen, written by the server.
                    Ok(_) if prerender::adopt_or_discard() => ().into_any(),
                    Ok(front) => {
                        let lead = front.lead.map(|summary| view! { <ArticleCard summary lead=true/> });
                        view! {
                            <PageShown label="Latest news"/>
                            <div class="front-page">
                                <div class="lead">{lead}</div>
                                {front.sections.into_iter().map(section_block).collect_view()}
                            </div>
                        }
                            .into_any()
                    }
                    Err(error) => {
                        view! {
                            <ErrorNotice message=error.to_string() on_retry=Callback::new(move |_| latest.refetch())/>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
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
