//! Sharing an article without being tracked: one Share button that opens the device's own share
//! sheet where the browser has one (`navigator.share`), and otherwise the share options
//! (`super::share_options`, a chunk fetched on that first click); Copy link puts the address on
//! the clipboard and says so. No third-party script, frame, image or request happens until the
//! reader follows a link.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::SiteInfo;
use crate::lazy;

/// Calls `navigator[method](argument)` if the browser has it and waits for its promise; `None`
/// when it does not, `Some(Err)` when the reader cancelled or the browser refused.
async fn navigator_call(object: &str, method: &str, argument: &JsValue) -> Option<Result<(), ()>> {
    let navigator: JsValue = window().navigator().into();
    let target = if object.is_empty() {
        navigator
    } else {
        js_sys::Reflect::get(&navigator, &object.into()).ok()?
    };
    let function = js_sys::Reflect::get(&target, &method.into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = function
        .call1(&target, argument)
        .ok()?
        .dyn_into::<js_sys::Promise>()
        .ok()?;
    Some(
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .map(|_| ())
            .map_err(|_| ()),
    )
}

fn has_native_share() -> bool {
    js_sys::Reflect::has(&window().navigator(), &"share".into()).unwrap_or(false)
}

/// The Share and Copy link controls for the page at `path` titled `title`.
#[component]
pub fn ShareControl(#[prop(into)] title: String, #[prop(into)] path: String) -> impl IntoView {
    let site = use_context::<SiteInfo>();
    let share = move || {
        site.and_then(|SiteInfo(settings)| settings.get())
            .and_then(Result::ok)
            .map(|settings| settings.share)
            .filter(|share| share.enabled)
    };
    let url = format!("{}{path}", window().location().origin().unwrap_or_default());
    let open = RwSignal::new(false);
    // The options' chunk is fetched the first time they are opened, and kept once drawn.
    let opened_once = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let (title, url) = (StoredValue::new(title), StoredValue::new(url));

    let on_share = move |_| {
        if !has_native_share() {
            opened_once.set(true);
            open.update(|open| *open = !*open);
            return;
        }
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"title".into(), &title.get_value().into());
        let _ = js_sys::Reflect::set(&data, &"url".into(), &url.get_value().into());
        spawn_local(async move {
            // A cancelled sheet is the reader's choice, not an error to report.
            let _ = navigator_call("", "share", &data).await;
        });
    };
    let on_copy = move |_| {
        spawn_local(async move {
            let copied = navigator_call("clipboard", "writeText", &url.get_value().into()).await;
            status.set(Some(match copied {
                Some(Ok(())) => "Link copied.".to_owned(),
                _ => format!("Copying was refused here. The link is {}", url.get_value()),
            }));
        });
    };

    move || {
        share().map(|share| {
            let networks = share.networks.clone();
            let options = move || {
                opened_once.get().then(|| {
                    let networks = networks.clone();
                    lazy::lazy_view(move || {
                        lazy::sharing(title.get_value(), url.get_value(), networks.clone())
                    })
                })
            };
            view! {
                <section class="share" aria-labelledby="share-heading">
                    <h2 id="share-heading" class="visually-hidden">"Share this article"</h2>
                    <div class="share-buttons">
                        <button
                            type="button"
                            class="button"
                            aria-expanded=move || open.get().to_string()
                            aria-controls="share-options"
                            on:click=on_share
                        >
                            "Share"
                        </button>
                        <button type="button" class="button button-quiet" on:click=on_copy>"Copy link"</button>
                    </div>
                    <p class="share-status" role="status">{move || status.get()}</p>
                    <ul id="share-options" class="share-options" hidden=move || !open.get()>
                        {options}
                    </ul>
                </section>
            }
        })
    }
}
