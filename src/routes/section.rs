//! A section page at its own path (`/news/all-around/out-of-rwanda`): breadcrumbs, the section's
//! subsections, and its articles (with those of its subsections), newest first, page by page.

use inkuru_api::{paths, ArticlePage as Articles, Section, SectionRef};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{self, ApiError};
use crate::app::SiteSections;
use crate::components::{ArticleCard, Breadcrumbs, CardsSkeleton, ErrorNotice, SharePreview};
use crate::navigation::PageShown;
use crate::prerender;
use crate::routes::NotFound;

/// Everything a section page shows, loaded together.
#[derive(Clone)]
struct SectionView {
    section: Section,
    trail: Vec<SectionRef>,
    children: Vec<Section>,
    articles: Articles,
}

fn refs(sections: &[&Section]) -> Vec<SectionRef> {
    sections
        .iter()
        .map(|s| SectionRef {
            slug: s.slug.clone(),
            name: s.name.clone(),
            path: s.path.clone(),
        })
        .collect()
}

/// `/*path`
#[component]
pub fn SectionPage() -> impl IntoView {
    // The server may have written this page already (see crate::prerender).
    let prerendered = prerender::adopt_or_discard();
    let params = use_params_map();
    let query = use_query_map();
    let path = move || params.read().get("path").unwrap_or_default();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .filter(|p| *p >= 1)
            .unwrap_or(1)
    };
    let sections = use_context::<SiteSections>();
    let data = LocalResource::new(move || {
        let (path, page) = (path(), page());
        async move {
            let tree = match sections {
                Some(SiteSections(tree)) => tree.await?,
                None => api::sections::tree().await?,
            };
            let section = tree
                .by_path(&path)
                .cloned()
                .ok_or_else(|| ApiError::NotFound("No section has this address.".into()))?;
            let trail = refs(&tree.trail(section.id));
            let children = tree
                .children_of(Some(section.id))
                .into_iter()
                .cloned()
                .collect();
            let articles = api::articles::list(Some(&section.slug), page).await?;
            Ok::<_, ApiError>(SectionView {
                section,
                trail,
                children,
                articles,
            })
        }
    });
    view! {
        <Transition fallback=move || (!prerendered).then(|| view! { <CardsSkeleton/> })>
            {move || Suspend::new(async move {
                match data.await {
                    // Already on screen, written by the server; the title is in its HTML too, but
                    // leptos_meta owns the title from here on.
                    Ok(view) if prerender::adopt_or_discard() => {
                        let preview = section_preview(&view.section, view.articles.page);
                        view! { <Title text=view.section.name/> {preview} }.into_any()
                    }
                    Ok(view) => section_view(view).into_any(),
                    Err(ApiError::NotFound(message)) => {
                        prerender::discard();
                        view! { <NotFound message/> }.into_any()
                    }
                    Err(error) => {
                        // Content written for another page of this section must not look current.
                        prerender::adopt_or_discard();
                        view! {
                            <ErrorNotice message=error.to_string() on_retry=Callback::new(move |_| data.refetch())/>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}

fn section_view(
    SectionView {
        section,
        trail,
        children,
        articles,
    }: SectionView,
) -> impl IntoView {
    let page = articles.page;
    let total_pages = articles.total_pages();
    let base = paths::section_page(&section.path);
    let newer = (page > 1 && page <= total_pages).then(|| format!("{base}?page={}", page - 1));
    let older = (page < total_pages).then(|| format!("{base}?page={}", page + 1));
    let subsections = (!children.is_empty()).then(|| {
        view! {
            <nav class="subsections" aria-label=format!("Sections in {}", section.name)>
                <ul>
                    {children
                        .into_iter()
                        .map(|child| view! { <li><a href=paths::section_page(&child.path)>{child.name}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        }
    });
    // Same words as server/templates/section.html.
    let first_page = base.clone();
    let empty = articles.items.is_empty().then(|| {
        if page > 1 {
            view! {
                <p class="empty">
                    {format!("This section has no page {page}. ")}
                    <a href=first_page>"Go to its first page"</a>"."
                </p>
            }
            .into_any()
        } else {
            view! { <p class="empty">"No articles in this section yet."</p> }.into_any()
        }
    });
    let label = if page > 1 {
        format!("{}, page {page}", section.name)
    } else {
        section.name.clone()
    };
    view! {
        <Title text=section.name.clone()/>
        <Meta name="description" content=section.description.clone()/>
        {section_preview(&section, page)}
        <PageShown label/>
        <header class="page-header">
            <Breadcrumbs trail last_is_current=true/>
            <h1>{section.name}</h1>
            <p class="page-description">{section.description}</p>
            {subsections}
        </header>
        {empty}
        <div class="card-grid">
            {articles.items.into_iter().map(|summary| view! { <ArticleCard summary/> }).collect_view()}
        </div>
        <nav class="pagination" aria-label="Pages">
            {newer.map(|href| view! { <a href=href rel="prev">"← Newer"</a> })}
            {(total_pages > 1 && page <= total_pages).then(|| view! { <span>{format!("Page {page} of {total_pages}")}</span> })}
            {older.map(|href| view! { <a href=href rel="next">"Older →"</a> })}
        </nav>
    }
}

/// The section's share-preview tags (as `server/src/previews.rs` writes them for crawlers).
fn section_preview(section: &inkuru_api::Section, page: u32) -> impl IntoView {
    let base = paths::section_page(&section.path);
    let path = if page > 1 {
        format!("{base}?page={page}")
    } else {
        base
    };
    let description = if section.description.is_empty() {
        format!("{} news from Inkuru", section.name)
    } else {
        section.description.clone()
    };
    view! { <SharePreview title=section.name.clone() description path/> }
}
