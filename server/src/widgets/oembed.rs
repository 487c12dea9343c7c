//! oEmbed (oembed.com) for article URLs: `/oembed?url=…` answers with a `rich` card framed from
//! `/embed/articles/{slug}`, the article as a card written with the app's own components, which
//! any page may frame (it is what a link preview shows). Discovery: each article page names the
//! answer in its head (`crate::views::head`) and in a `Link` header (`link_header`).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use inkuru::ssr::widget_document;
use inkuru_api::widgets::{
    embed_article, oembed_for, oembed_size, Look, OEmbed, OEMBED_CACHE_SECONDS,
};
use inkuru_api::{paths, Article, ArticleSummary, ErrorBody, ErrorCode, Slug};
use serde::Deserialize;

use super::frame::{self, Framers, SiteStyles};
use crate::error::AppResult;
use crate::{db, origin, AppState};

#[derive(Deserialize)]
pub struct OEmbedQuery {
    url: Option<String>,
    format: Option<String>,
    maxwidth: Option<u32>,
    maxheight: Option<u32>,
}

/// An answer in the API's error shape.
fn refusal(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    (status, Json(ErrorBody::new(code, message))).into_response()
}

/// The article a URL of this site (`origin`) names, if it names one at all.
fn slug_of(url: &str, origin: &str) -> Option<Slug> {
    let path = url.strip_prefix(origin)?;
    let path = path.split(['?', '#']).next()?;
    let slug = path.strip_prefix("/articles/")?;
    Slug::parse(slug).ok()
}

/// GET `/oembed?url=…&format=json&maxwidth=&maxheight=`.
pub async fn answer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<OEmbedQuery>,
) -> AppResult<Response> {
    if query
        .format
        .as_deref()
        .is_some_and(|format| format != "json")
    {
        return Ok(refusal(
            StatusCode::NOT_IMPLEMENTED,
            ErrorCode::BadRequest,
            "Only format=json is offered.",
        ));
    }
    let site = origin::of_headers(&headers).unwrap_or_default();
    let not_found = || {
        refusal(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "No article of this site has that URL.",
        )
    };
    let Some(slug) = query.url.as_deref().and_then(|url| slug_of(url, &site)) else {
        return Ok(not_found());
    };
    let tree = db::sections::tree(&state.db).await?;
    let Some(article) = db::articles::get(&state.db, &tree, &slug).await? else {
        return Ok(not_found());
    };
    let settings = db::site::get(&state.db).await?;
    let size = oembed_size(query.maxwidth, query.maxheight, article.hero.is_some());
    let article_url = format!("{site}{}", paths::article_page(&slug));
    let html = widget_document::oembed_markup(
        article_url,
        article.headline.clone(),
        settings.name.clone(),
        format!("{site}{}", embed_article(&slug)),
        size,
    );
    let thumbnail = article.hero.as_ref();
    let body = OEmbed {
        version: "1.0".to_owned(),
        kind: "rich".to_owned(),
        title: article.headline.clone(),
        provider_name: settings.name,
        provider_url: format!("{site}/"),
        html,
        width: size.0,
        height: size.1,
        cache_age: OEMBED_CACHE_SECONDS,
        thumbnail_url: thumbnail.map(|image| format!("{site}{}", image.src)),
        thumbnail_width: thumbnail.map(|image| image.width),
        thumbnail_height: thumbnail.map(|image| image.height),
    };
    Ok((
        [(
            header::CACHE_CONTROL,
            format!("public, max-age={OEMBED_CACHE_SECONDS}"),
        )],
        Json(body),
    )
        .into_response())
}

/// The card of an article, as `ArticleCard` shows it in lists.
fn summary_of(article: Article) -> ArticleSummary {
    ArticleSummary {
        section: article
            .section_path
            .last()
            .cloned()
            .unwrap_or_else(|| inkuru_api::SectionRef {
                slug: article.slug.clone(),
                name: String::new(),
                path: String::new(),
            }),
        slug: article.slug,
        headline: article.headline,
        standfirst: article.standfirst,
        published_at: article.published_at,
        image: article.hero,
    }
}

/// GET `/embed/articles/{slug}`: the card an oEmbed answer frames; any page may frame it.
pub async fn card(
    State(state): State<AppState>,
    Extension(styles): Extension<SiteStyles>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let settings = db::site::get(&state.db).await?;
    let tree = db::sections::tree(&state.db).await?;
    let article = match Slug::parse(&slug) {
        Ok(slug) => db::articles::get(&state.db, &tree, &slug).await?,
        Err(_) => None,
    };
    let title = article
        .as_ref()
        .map_or_else(|| "Not found".to_owned(), |a| a.headline.clone());
    let document = frame::document(&settings, &styles, title, Look::default());
    let (status, html) = match article {
        Some(article) => (
            StatusCode::OK,
            widget_document::article(document.clone(), summary_of(article), settings.name.clone()),
        ),
        None => (
            StatusCode::NOT_FOUND,
            widget_document::problem(
                document.clone(),
                vec!["this site has no article at that address.".to_owned()],
            ),
        ),
    };
    Ok(frame::answer(
        status,
        &document,
        &settings,
        Framers::Anyone,
        html,
    ))
}

/// The `Link` header naming an article page's oEmbed answer (`article_url` absolute).
pub fn link_header(site: &str, article_url: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "<{site}{}>; rel=\"alternate\"; type=\"application/json+oembed\"",
        oembed_for(article_url)
    ))
    .ok()
}
