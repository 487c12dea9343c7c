//! `/api/site` and `/api/front-page`: what every page and the front page ask for first.

use axum::extract::State;
use axum::Json;
use inkuru_api::{ErrorBody, FrontPage, SectionRef, SectionStories, SiteSettings};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::AppResult;
use crate::{db, AppState};

/// Stories per top-level section on the front page.
pub const STORIES_PER_SECTION: u32 = 4;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(site))
        .routes(routes!(front_page))
}

/// The site settings: name, "Follow us" links, share buttons, comment policy, languages.
#[utoipa::path(get, path = "/site", tag = "site",
    responses((status = 200, description = "the answer", body = SiteSettings), (status = 500, description = "the server or its database failed (no internals in the message)", body = ErrorBody)))]
async fn site(State(state): State<AppState>) -> AppResult<Json<SiteSettings>> {
    Ok(Json(db::site::get(&state.db).await?))
}

/// The front page: the newest story as the lead, then each top-level section (in order) with its
/// newest stories, the lead left out so no story shows twice.
#[utoipa::path(get, path = "/front-page", tag = "content",
    responses((status = 200, description = "the answer", body = FrontPage), (status = 500, description = "the server or its database failed (no internals in the message)", body = ErrorBody)))]
async fn front_page(State(state): State<AppState>) -> AppResult<Json<FrontPage>> {
    Ok(Json(build_front_page(&state.db).await?))
}

pub async fn build_front_page(db: &db::Db) -> AppResult<FrontPage> {
    let tree = db::sections::tree(db).await?;
    let lead = db::articles::list(db, &tree, None, 1, 1)
        .await?
        .and_then(|page| page.items.into_iter().next());
    let mut sections = Vec::new();
    for section in tree.top_level() {
        let Some(page) =
            db::articles::list(db, &tree, Some(&section.slug), 1, STORIES_PER_SECTION + 1).await?
        else {
            continue;
        };
        let stories: Vec<_> = page
            .items
            .into_iter()
            .filter(|story| lead.as_ref().is_none_or(|lead| lead.slug != story.slug))
            .take(STORIES_PER_SECTION as usize)
            .collect();
        if stories.is_empty() {
            continue;
        }
        sections.push(SectionStories {
            section: SectionRef {
                slug: section.slug.clone(),
                name: section.name.clone(),
                path: section.path.clone(),
            },
            stories,
        });
    }
    Ok(FrontPage { lead, sections })
}
