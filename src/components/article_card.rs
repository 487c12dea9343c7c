//! An article in a list: picture, section, headline, standfirst, date. The whole card is one link
//! target (the headline's link stretches over it), so there is a single tab stop per story.

use inkuru_api::{paths, ArticleSummary};
use leptos::prelude::*;
use stylers_macro::style;

use crate::util::dates::reader_date;

/// One story in a list. The lead variant is larger and loads its picture eagerly.
#[component]
pub fn ArticleCard(
    /// The story.
    summary: ArticleSummary,
    /// The lead story of a page: bigger type, picture first to load.
    #[prop(optional)]
    lead: bool,
) -> impl IntoView {
    let scope = style! {
        .card {
            position: relative;
            display: flex;
            flex-direction: column;
            gap: var(--space-2);
        }
        .card img {
            display: block;
            width: 100%;
            height: auto;
            aspect-ratio: 16 / 9;
            object-fit: cover;
            background: var(--surface);
        }
        .card h2 {
            margin: 0;
            font-family: var(--serif);
            font-size: var(--step-1);
            line-height: 1.2;
        }
        .card[data-lead] h2 {
            font-size: var(--step-3);
            line-height: 1.1;
        }
        .card h2 a {
            color: var(--ink);
            text-decoration: none;
        }
        .card h2 a::after {
            content: raw_str("");
            position: absolute;
            inset: 0;
        }
        .card:hover h2 a {
            text-decoration: underline;
            text-decoration-thickness: 2px;
        }
        .card p {
            margin: 0;
            color: var(--muted-ink);
        }
        .card .section-label {
            font: var(--label-font);
            color: var(--accent);
            text-transform: uppercase;
            letter-spacing: 0.06rem;
        }
        .card time {
            font: var(--meta-font);
            color: var(--muted);
        }
    };
    let href = paths::article_page(&summary.slug);
    let date = reader_date(&summary.published_at);
    let picture = summary.image.map(|image| {
        // The headline says what the picture shows, so it is decorative here (alt="").
        view! { class = scope,
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
    view! { class = scope,
        <article class="card" data-lead=lead.then_some("")>
            {picture}
            <p class="section-label">{summary.section.name}</p>
            <h2><a href=href>{summary.headline}</a></h2>
            <p>{summary.standfirst}</p>
            <time datetime=summary.published_at>{date}</time>
        </article>
    }
}
