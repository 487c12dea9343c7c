//! The front page (`/`): its head and `crate::views::FrontPageView`.

use leptos::prelude::*;

use crate::api;
use crate::app::SiteInfo;
use crate::components::{CardsSkeleton, ErrorNotice};
use crate::navigation::PageShown;
use crate::prerender;
use crate::views::{FrontPageView, HomeHead};

/// `/`
#[component]
pub fn HomePage() -> impl IntoView {
    // The server may have written this page already (see crate::prerender).
    let prerendered = prerender::adopt_or_discard();
    let latest = LocalResource::new(api::articles::front_page);
    let site = use_context::<SiteInfo>();
    view! {
        <Transition fallback=move || (!prerendered).then(|| view! { <CardsSkeleton/> })>
            {move || Suspend::new(async move {
                match latest.await {
                    Ok(front) => {
                        let site = SiteInfo::basics(site).await;
                        let image = front.lead.as_ref().and_then(|lead| lead.image.clone());
                        let head = view! { <HomeHead site_name=site.name tagline=site.tagline image/> };
                        // Already on screen when the server wrote it.
                        let body = (!prerender::adopt_or_discard()).then(|| {
                            view! { <PageShown label="Latest news"/> <FrontPageView front/> }
                        });
                        view! { {head} {body} }.into_any()
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
