//! `/api/site` and `/api/front-page`: what every page and the front page ask for first.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use inkuru_api::{paths, FrontPage, SectionRef, SectionStories, SiteSettings};

use crate::error::AppResult;
use crate::{db, AppState};

/// Stories per top-level section on the front page.
pub const STORIES_PER_SECTION: u32 = 4;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(paths::SITE.trim_start_matches("/api"), get(site))
        .route(
            paths::FRONT_PAGE.trim_start_matches("/api"),
            get(front_page),
        )
}

/// GET /api/site → 200 the site settings.
async fn site(State(state): State<AppState>) -> AppResult<Json<SiteSettings>> {
    Ok(Json(db::site::get(&state.db).await?))
}

/// GET /api/front-page → 200 the newest story as the lead, then each top-level section (in order)
/// with its newest stories, the lead left out so no story shows twice.
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
