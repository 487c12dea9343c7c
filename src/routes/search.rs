//! The search page (`/search?q=…&page=…`): the query in a search box, the server's ranked results
//! with the matched words marked in headlines and excerpts, pages with their own URLs, and an empty
//! state that helps the reader on. The server never writes this page, so it is always the app's.

use inkuru_api::paths;
use inkuru_api::search::{Fragment, QueryProblem, SearchHit, SearchResults, MAX_QUERY_CHARS};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api;
use crate::app::SiteSections;
use crate::components::{CardsSkeleton, ErrorNotice, SearchForm};
use crate::navigation::PageShown;
use crate::prerender;
use crate::util::dates::reader_date;
use crate::views::SearchHead;

/// What the page shows under the search box.
#[derive(Clone)]
enum Outcome {
    /// Nothing asked yet.
    NoQuery,
    Found(SearchResults),
    /// A query the server would refuse (too long), or the request failed: a sentence to show.
    Failed(String),
}

/// `/search`
#[component]
pub fn SearchPage() -> impl IntoView {
    prerender::discard();
    let url = use_query_map();
    let query = move || url.read().get("q").unwrap_or_default();
    let page = move || {
        url.read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    };
    let results = LocalResource::new(move || {
        let (query, page) = (query(), page());
        async move {
            // Blank or overlong queries are answered here, without a request; the server judges
            // the rest (a query of punctuation alone comes back as a sentence to show).
            if query.trim().is_empty() {
                Outcome::NoQuery
            } else if query.chars().count() > MAX_QUERY_CHARS {
                Outcome::Failed(QueryProblem::TooLong.to_string())
            } else {
                match api::search::find(&query, page).await {
                    Ok(found) => Outcome::Found(found),
                    Err(error) => Outcome::Failed(error.to_string()),
                }
            }
        }
    });
    view! {
        {move || view! { <SearchHead query=query()/> }}
        <header class="page-header search-header">
            <h1>"Search"</h1>
            {move || view! { <SearchForm id="search-page-query" initial=query() visible_label=true/> }}
        </header>
        <Transition fallback=|| view! { <CardsSkeleton count=3/> }>
            {move || Suspend::new(async move {
                match results.await {
                    Outcome::Found(found) => results_view(found).into_any(),
                    Outcome::NoQuery => {
                        view! { <PageShown label="Search"/><p class="search-hint">"Type a word or two to search every headline, standfirst and story."</p> }
                            .into_any()
                    }
                    Outcome::Failed(message) => {
                        let retry = Callback::new(move |_| results.refetch());
                        view! { <ErrorNotice message on_retry=retry/> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// Fragments as text, the matched ones in `<mark>`: never HTML from the server.
fn marked(fragments: Vec<Fragment>) -> impl IntoView {
    fragments
        .into_iter()
        .map(|fragment| {
            if fragment.hit {
                view! { <mark>{fragment.text}</mark> }.into_any()
            } else {
                fragment.text.into_any()
            }
        })
        .collect_view()
}

fn results_view(found: SearchResults) -> impl IntoView {
    let total_pages = found.total.div_ceil(found.per_page.max(1));
    let page = found.page;
    let quoted = format!("“{}”", found.query);
    if found.items.is_empty() {
        return nothing_found(found.total, page, &found.query, quoted).into_any();
    }
    let summary = match found.total {
        1 => format!("1 article matches {quoted}"),
        n => format!("{n} articles match {quoted}"),
    };
    let newer = (page > 1).then(|| paths::search_page(&found.query, page - 1));
    let older = (page < total_pages).then(|| paths::search_page(&found.query, page + 1));
    view! {
        <PageShown label=summary.clone()/>
        <p class="search-summary">{summary}</p>
        <ol class="search-results">
            {found.items.into_iter().map(hit_view).collect_view()}
        </ol>
        <nav class="pagination" aria-label="Result pages">
            {newer.map(|href| view! { <a href=href rel="prev">"← Better matches"</a> })}
            {(total_pages > 1).then(|| view! { <span>{format!("Page {page} of {total_pages}")}</span> })}
            {older.map(|href| view! { <a href=href rel="next">"More results →"</a> })}
        </nav>
    }
    .into_any()
}

fn hit_view(hit: SearchHit) -> impl IntoView {
    let article = hit.article;
    let href = paths::article_page(&article.slug);
    view! {
        <li class="search-hit">
            <p class="section-label">{article.section.name}</p>
            <h2><a href=href>{marked(hit.headline)}</a></h2>
            <p class="excerpt">{marked(hit.excerpt)}</p>
            <time datetime=article.published_at.clone()>{reader_date(&article.published_at)}</time>
        </li>
    }
}

/// No results on this page: past the last page, or nothing matches at all.
fn nothing_found(total: u32, page: u32, query: &str, quoted: String) -> impl IntoView {
    if total > 0 {
        let first = paths::search_page(query, 1);
        return view! {
            <PageShown label=format!("No page {page} of results")/>
            <p class="empty">
                {format!("There is no page {page} of results for {quoted}. ")}
                <a href=first>"Go to the first page"</a>"."
            </p>
        }
        .into_any();
    }
    // The sections, if the header has them already (it loads them first); no request for a hint.
    let sections = use_context::<SiteSections>()
        .and_then(|SiteSections(tree)| tree.get_untracked())
        .and_then(Result::ok)
        .map(|tree| tree.top_level().into_iter().cloned().collect::<Vec<_>>())
        .unwrap_or_default();
    let browse = (!sections.is_empty()).then(|| {
        view! {
            <li>
                "Or browse a section: "
                {sections
                    .into_iter()
                    .enumerate()
                    .map(|(i, section)| {
                        view! {
                            {(i > 0).then_some(", ")}
                            <a href=paths::section_page(&section.path)>{section.name}</a>
                        }
                    })
                    .collect_view()}
                "."
            </li>
        }
    });
    view! {
        <PageShown label=format!("No articles match {quoted}")/>
        <div class="empty search-empty">
            <p><strong>{format!("No articles match {quoted}.")}</strong></p>
            <ul>
                <li>"Check the spelling."</li>
                <li>"Use fewer words: every word must appear in an article."</li>
                <li>"Try a word’s beginning: “reconcil” finds “reconciliation”."</li>
                {browse}
            </ul>
        </div>
    }
    .into_any()
}
