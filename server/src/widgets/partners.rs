//! Which pages may use the site from elsewhere: the partner origins of the site settings. They may
//! read the API from their pages (CORS on reads) and frame the widgets (`frame-ancestors`). A
//! page that is not gets the browser's refusal in place of the frame, and the loader, hearing
//! nothing from it, says why (public/widgets.js).

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use inkuru_api::SiteSettings;

use crate::{db, AppState};

/// The `Origin` a request came with, as written.
fn origin_of(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
}

/// Middleware on `/api`: a read from a partner's page gets `Access-Control-Allow-Origin` for that
/// page's origin; every answer varies by `Origin`, so no cache hands one origin's answer to
/// another. Writes get nothing: a comment is posted from the site or its comments frame, which
/// are the site's own origin.
pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let read = matches!(*request.method(), Method::GET | Method::HEAD);
    let origin = origin_of(request.headers()).map(str::to_owned);
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("origin"));
    let Some(origin) = origin.filter(|_| read) else {
        return response;
    };
    if is_partner(&state, &origin).await {
        if let Ok(value) = HeaderValue::from_str(&origin) {
            response
                .headers_mut()
                .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        }
    }
    response
}

/// Whether `origin` is on the stored list (a database that cannot be read says no).
async fn is_partner(state: &AppState, origin: &str) -> bool {
    db::site::get(&state.db)
        .await
        .is_ok_and(|settings| settings.is_partner(origin))
}

/// `frame-ancestors` for the partners' widgets: the listed origins, or `'none'` when there are none.
pub fn frame_ancestors(settings: &SiteSettings) -> String {
    if settings.partner_origins.is_empty() {
        "'none'".to_owned()
    } else {
        settings.partner_origins.join(" ")
    }
}
