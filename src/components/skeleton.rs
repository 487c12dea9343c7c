//! Placeholders with the size of what is loading, so nothing jumps when it arrives.

use leptos::prelude::*;

/// Grey blocks shaped like a list of article cards.
#[component]
pub fn CardsSkeleton(
    /// How many cards to draw.
    #[prop(default = 6)]
    count: usize,
) -> impl IntoView {
    view! {
        <div class="card-grid" aria-busy="true" aria-label="Loading articles">
            {(0..count)
                .map(|_| {
                    view! {
                        <div class="skeleton-card">
                            <div class="skeleton skeleton-media"></div>
                            <div class="skeleton skeleton-line"></div>
                            <div class="skeleton skeleton-line short"></div>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Grey blocks shaped like an article's headline, standfirst and picture.
#[component]
pub fn ArticleSkeleton() -> impl IntoView {
    view! {
        <div class="article-skeleton" aria-busy="true" aria-label="Loading the article">
            <div class="skeleton skeleton-title"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line short"></div>
            <div class="skeleton skeleton-media"></div>
        </div>
    }
}
