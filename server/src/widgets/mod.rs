//! What other sites embed: the widgets' frames (`/embed/…`), the snippet a partner pastes, the
//! oEmbed answers for article URLs, and the partner rules on the API (CORS). The loader itself
//! is a static file of the build (public/widgets.js), as is the frame script.

pub mod comments;
pub mod frame;
pub mod headlines;
pub mod oembed;
pub mod partners;

use axum::routing::get;
use axum::{Extension, Router};
use inkuru_api::widgets::{EMBED_HEADLINES, OEMBED};

use crate::AppState;

/// The widget routes; `styles` are the site's stylesheets the frames reuse, `program` the
/// comments frame's built program.
pub fn router(styles: frame::SiteStyles, program: comments::CommentsProgram) -> Router<AppState> {
    Router::new()
        .route("/embed/comments/{slug}", get(comments::frame))
        .route(EMBED_HEADLINES, get(headlines::frame))
        .route("/embed/snippet", get(headlines::snippet))
        .route("/embed/articles/{slug}", get(oembed::card))
        .route(OEMBED, get(oembed::answer))
        .layer(Extension(styles))
        .layer(Extension(program))
}
