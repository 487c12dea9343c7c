//! A section page at its own path (`/news/all-around/out-of-rwanda`): breadcrumbs, the section's
//! subsections, and its articles (with those of its subsections), newest first, page by page.

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::{self, ApiError};
use crate::app::{SiteInfo, SiteSections};
use crate::components::{CardsSkeleton, ErrorNotice};
use crate::navigation::PageShown;
use crate::prerender;
use crate::routes::NotFound;
use crate::views::{SectionContent, SectionHead, SectionPageView};

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
    let site = use_context::<SiteInfo>();
    let data = LocalResource::new(move || {
        let (path, page) = (path(), page());
        async move {
            let tree = match sections {
                Some(sections) => sections.tree().await?,
                None => api::sections::tree().await?,
            };
            let section = tree
                .by_path(&path)
                .cloned()
                .ok_or_else(|| ApiError::NotFound("No section has this address.".into()))?;
            let articles = api::articles::list(Some(&section.slug), page).await?;
            Ok::<_, ApiError>(SectionContent::new(&tree, section, articles))
        }
    });
    view! {
        <Transition fallback=move || (!prerendered).then(|| view! { <CardsSkeleton/> })>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(content) => {
                        let site = SiteInfo::basics(site).await;
                        let head = view! { <SectionHead content=content.clone() site_name=site.name/> };
                        // Already on screen when the server wrote it.
                        let body = (!prerender::adopt_or_discard()).then(|| {
                            view! { <PageShown label=content.label()/> <SectionPageView content/> }
                        });
                        view! { {head} {body} }.into_any()
                    }
                    Err(ApiError::NotFound(message)) => {
                        prerender::discard();
                        view! { <NotFound message/> }.into_any()
                    }
                    Err(error) => {
                        // Content written for another page of this section must not look current.
                        prerender::adopt_or_discard();
                        view! {
                            <ErrorNotice message=error.to_string() on_retry=Callback::new(move |_| {
                                if let Some(sections) = sections {
                                    sections.retry_if_failed();
                                }
                                data.refetch();
                            })/>
                        }
                            .into_any()
                    }
                }
            })}
        </Transition>
    }
}
