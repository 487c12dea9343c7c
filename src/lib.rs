//! Inkuru's single-page app: a Leptos (client-side rendered) news front end on the JSON API.
//!
//! `app` holds the router and shell, `routes` one page each, `views` the page bodies and heads both
//! renderers share, `components` the presentational pieces, `prerender` the hand-over from
//! server-written content, `ssr` (feature `ssr`) the server's renderer, `navigation` focus, announcements and
//! scroll positions across page changes,
//! `api` everything that knows URLs and HTTP, `util` pure functions tested natively.

// The server's renderer (`ssr`) turns whole pages into `AnyView` at the split points
// (`crate::lazy`), and the compiler's layout of those view types nests deeper than its default.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod author_token;
pub mod components;
pub mod drafts;
pub mod embed;
pub mod json;
pub mod lazy;
pub mod navigation;
pub mod outbox;
pub mod prerender;
pub mod routes;
pub mod saved;
pub mod storage;
pub mod util;
pub mod views;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::App;
