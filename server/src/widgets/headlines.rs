//! The headlines widget: its frame (`/embed/headlines`, the newest stories of a section with the
//! app's own cards) and its snippet (`/embed/snippet`, what a partner pastes: the element with
//! today's links inside, for pages where the script does not run).

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use inkuru::ssr::widget_document;
use inkuru::views::StorySource;
use inkuru_api::widgets::{HeadlinesOptions, Look};
use inkuru_api::{paths, ArticleSummary, SiteSettings};

use super::frame::{self, Framers, SiteStyles};
use crate::error::AppResult;
use crate::{db, origin, AppState};

/// A query's pairs, as given.
type Pairs = Query<Vec<(String, String)>>;

fn borrowed(pairs: &[(String, String)]) -> impl Iterator<Item = (&str, &str)> {
    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
}

/// The stories a widget with `options` shows and where they come from, or why there are none.
async fn stories(
    state: &AppState,
    settings: &SiteSettings,
    options: &HeadlinesOptions,
) -> AppResult<Result<(StorySource, Vec<ArticleSummary>), String>> {
    let tree = db::sections::tree(&state.db).await?;
    let section = options.section.as_ref();
    let Some(page) =
        db::articles::list(&state.db, &tree, section, 1, u32::from(options.count)).await?
    else {
        let name = section.map(ToString::to_string).unwrap_or_default();
        return Ok(Err(format!("this site has no section called \"{name}\".")));
    };
    let source = match section.and_then(|slug| tree.sections.iter().find(|s| &s.slug == slug)) {
        Some(found) => StorySource {
            name: found.name.clone(),
            href: paths::section_page(&found.path),
        },
        None => StorySource {
            name: settings.name.clone(),
            href: "/".to_owned(),
        },
    };
    let mut stories = page.items;
    if !options.pictures {
        stories.iter_mut().for_each(|story| story.image = None);
    }
    Ok(Ok((source, stories)))
}

/// GET `/embed/headlines?section=&count=&pictures=&theme=&accent=&font=`: the frame's document.
/// Options that do not parse are named in the frame (status 400), never guessed.
pub async fn frame(
    State(state): State<AppState>,
    Extension(styles): Extension<SiteStyles>,
    Query(pairs): Pairs,
) -> AppResult<Response> {
    let settings = db::site::get(&state.db).await?;
    let (options, mut problems) = HeadlinesOptions::from_pairs(borrowed(&pairs));
    let (look, look_problems) = Look::from_pairs(borrowed(&pairs));
    problems.extend(look_problems);
    let found = if problems.is_empty() {
        stories(&state, &settings, &options).await?
    } else {
        Err(String::new())
    };
    let title = format!("Headlines from {}", settings.name);
    let document = frame::document(&settings, &styles, title, look);
    let (status, html) = match found {
        Ok((source, stories)) => (
            StatusCode::OK,
            widget_document::headlines(document.clone(), source, stories),
        ),
        Err(problem) => {
            problems.extend((!problem.is_empty()).then_some(problem));
            (
                StatusCode::BAD_REQUEST,
                widget_document::problem(document.clone(), problems),
            )
        }
    };
    Ok(frame::answer(
        status,
        &document,
        &settings,
        Framers::Partners,
        html,
    ))
}

/// GET `/embed/snippet?section=&count=`: the HTML a partner pastes for a headlines widget, as
/// text: the loader, and the element with today's stories as plain links inside it.
pub async fn snippet(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(pairs): Pairs,
) -> AppResult<Response> {
    let settings = db::site::get(&state.db).await?;
    let (options, problems) = HeadlinesOptions::from_pairs(borrowed(&pairs));
    if !problems.is_empty() {
        return Ok((StatusCode::BAD_REQUEST, problems.join(" ")).into_response());
    }
    let (source, stories) = match stories(&state, &settings, &options).await? {
        Ok(found) => found,
        Err(problem) => return Ok((StatusCode::NOT_FOUND, problem).into_response()),
    };
    let site = origin::of_headers(&headers).unwrap_or_default();
    let section = options.section.map(|slug| slug.to_string());
    let text = widget_document::headlines_snippet(site, section, options.count, source, stories);
    Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response())
}
