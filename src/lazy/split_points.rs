//! The split points: each function here, and all the code only it reaches, is a chunk of its own
//! in the built app, fetched on its first call (`wasm_split`, the macro behind Leptos's `#[lazy]`,
//! with `fallible`: a chunk that cannot be fetched is an `Err`, not a crash). Natively (the server,
//! the tests) they are ordinary functions. Each has a `preload_…` twin that fetches and starts the
//! chunk without drawing anything (`super::prefetch`).
//!
//! What goes here is what the first module does not need: every page (the router and the frame
//! stay in it), within the article page its comments and sharing, and the outbox's machinery.

use inkuru_api::{Network, Slug};
use leptos::prelude::*;

use super::{ChunkMissing, Loaded};
use crate::components::ShareOptions;
use crate::outbox::Outbox;
use crate::routes::comments::CommentsSection;
use crate::routes::{ArticlePage, DeskPage, HomePage, SavedPage, SearchPage, SectionPage};

/// Declares one split point: `$name(args) -> Loaded` drawing `$view`, with its preload twin.
/// Only a build with the `split` feature (Trunk's, index.html) has the split: that build must be
/// split before it runs (the post-build hook does it), so the wasm tests, which are not, get the
/// same functions as plain `async fn`s.
macro_rules! split_point {
    ($(#[$doc:meta])* $name:ident / $preload:ident ($($arg:ident: $ty:ty),*) => $view:expr) => {
        $(#[$doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $name,
            fallible,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc = "Fetches and starts the chunk without drawing anything."] $preload)
        )]
        pub fn $name($($arg: $ty),*) -> Loaded {
            Ok($view.into_any())
        }

        $(#[$doc])*
        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Loaded {
            Ok($view.into_any())
        }

        /// Nothing to fetch: this build is one module.
        #[cfg(not(feature = "split"))]
        pub async fn $preload() -> Result<(), leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}

split_point!(
    /// The front page.
    home_page / preload_home_page () => view! { <HomePage/> }
);
split_point!(
    /// A section's page (any path no other route takes).
    section_page / preload_section_page () => view! { <SectionPage/> }
);
split_point!(
    /// An article's page, without its comments and sharing (chunks of their own).
    article_page / preload_article_page () => view! { <ArticlePage/> }
);
split_point!(
    /// The search page with its results.
    search_page / preload_search_page () => view! { <SearchPage/> }
);
split_point!(
    /// The reader's Saved articles.
    saved_page / preload_saved_page () => view! { <SavedPage/> }
);
split_point!(
    /// The editors' desk (sign-in, moderation, settings, audit log): never fetched by readers.
    desk_page / preload_desk_page () => view! { <DeskPage/> }
);
split_point!(
    /// An article's comments: the threads, the form, replies, moderation marks.
    comments / preload_comments (slug: Slug, count: u32, open_for_comments: bool) =>
        view! { <CommentsSection slug count open_for_comments/> }
);
split_point!(
    /// The share options (network links, Mastodon) the Share button opens without a share sheet.
    sharing / preload_sharing (title: String, url: String, networks: Vec<Network>) =>
        view! { <ShareOptions title url networks/> }
);

/// Starts the outbox (`Outbox::start`) from its own chunk: a visit that finds comments waiting
/// in the browser sends them from whatever page it opens. A chunk that cannot be fetched leaves
/// them waiting for the next page or the comments.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(outbox, fallible, wasm_split_path = ::leptos::wasm_split)]
fn start_outbox_in_chunk(outbox: Outbox) -> Result<(), ChunkMissing> {
    outbox.start();
    Ok(())
}

#[cfg(not(feature = "split"))]
async fn start_outbox_in_chunk(outbox: Outbox) -> Result<(), ChunkMissing> {
    outbox.start();
    Ok(())
}

/// See `start_outbox_in_chunk`.
pub async fn start_outbox(outbox: Outbox) {
    let _ = start_outbox_in_chunk(outbox).await;
}
