//! What loads later than the first view: each split point here becomes a wasm chunk of its own
//! (the build splits the module at them, xtask/src/split.rs), fetched the first time it is called.
//! The first view then carries only the code of the page the reader opened.
//!
//! A chunk can fail to arrive: the network is gone (the service worker serves the chunks of the
//! build it cached, so offline readers are covered once it is installed), or a new build was
//! deployed while the page was open and this build's chunks are gone from the server. The second
//! case reloads the page once, quietly: drafts and the outbox live in the browser's storage, so
//! nothing typed is lost, and the reader is told why the page reloaded (`ReloadedNotice`).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

use crate::components::ErrorNotice;

mod near;
pub mod prefetch;
mod reload;
mod split_points;

pub use near::WhenNear;
pub use reload::ReloadedNotice;
pub use split_points::*;

/// A chunk could not be fetched or started; the details are in the browser's console.
#[derive(Clone, Copy, Debug)]
pub struct ChunkMissing;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        ChunkMissing
    }
}

/// What a split point gives back: its view, or why it is not there.
pub type Loaded = Result<AnyView, ChunkMissing>;

/// A split point's call, boxed: every split point's future has a type of its own, and boxing it
/// lets one copy of the loading view below serve them all (a generic `lazy_view` was compiled once
/// per split point: 20 KB of the first module before wasm-opt).
pub type Loading = Pin<Box<dyn Future<Output = Loaded> + Send>>;

/// The view `load` gives once its chunk is here, with nothing in its place meanwhile (the caller
/// decides what shows while it loads, through a `Suspense` or a placeholder around it). If the
/// chunk cannot be had, the page reloads once when that can help, and otherwise says so with a
/// Retry button.
pub fn lazy_view<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Loaded> + Send + 'static,
{
    loading_view(Arc::new(move || Box::pin(load()) as Loading))
}

/// `lazy_view`'s one compiled copy.
fn loading_view(load: Arc<dyn Fn() -> Loading + Send + Sync>) -> AnyView {
    let attempt = RwSignal::new(0_u32);
    view! {
        <Suspense>
            {move || {
                attempt.track();
                let loading = load();
                Suspend::new(async move {
                    match loading.await {
                        Ok(view) => view,
                        Err(ChunkMissing) => unavailable(attempt),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// The reader's way out when a chunk is missing: a reload (once, if a new build is the likely
/// reason), or a notice with Retry.
fn unavailable(attempt: RwSignal<u32>) -> AnyView {
    if reload::once_for_a_new_build() {
        return ().into_any();
    }
    view! {
        <ErrorNotice
            message="This part of the page could not be loaded. Check your connection, then retry."
            on_retry=Callback::new(move |_| attempt.update(|n| *n += 1))
        />
    }
    .into_any()
}
