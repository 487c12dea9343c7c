//! The front page: the latest story as the lead, then the rest of the latest news.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::api;
use crate::components::{ArticleCard, CardsSkeleton, ErrorNotice};
use crate::navigation::PageShown;
use crate::prerender;

/// `/`
#[component]
pub fn HomePage() -> impl IntoView {
    // The server may have written this page already (see crate::prerender).
    let prerendered = prerender::adopt_or_discard();
    let latest = LocalResource::new(|| api::articles::list(None, 1));
    view! {
        <Title text="News from Rwanda and beyond"/>
        <Meta name="description" content="Inkuru: news from Rwanda and beyond, fast and calm to read."/>
        // The server-written page has its own heading.
        {(!prerendered).then(|| view! { <h1 class="visually-hidden">"Latest news"</h1> })}
        <Transition fallback=move || (!prerendered).then(|| view! { <CardsSkeleton/> })>
            {move || Suspend::new(async move {
                match latest.await {
                    // Already on screen, written by the server.
                    Ok(_) if prerender::adopt_or_discard() => ().into_any(),
                    Ok(page) => {
                        let mut items = page.items.into_iter();
                        let lead = items.next().map(|summary| view! { <ArticleCard summary lead=true/> });
                        view! {
                            <PageShown label="Latest news"/>
                            <div class="front-page">
                                <div class="lead">{lead}</div>
                                <div class="card-grid">
                                    {items.map(|summary| view! { <ArticleCard summary/> }).collect_view()}
                                </div>
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
