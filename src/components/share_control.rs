//! Sharing an article without being tracked: one Share button that opens the device's own share
//! sheet where the browser has one (`navigator.share`), and otherwise a list of plain links to
//! the networks the site settings name (`crate::util::share`); Mastodon asks for the reader's
//! server once and remembers it; Copy link puts the address on the clipboard and says so. No
//! third-party script, frame, image or request happens until the reader follows a link.

use inkuru_api::Network;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::SiteInfo;
use crate::storage;
use crate::util::share::{link, mastodon_server};

const MASTODON_KEY: &str = "inkuru.mastodon-server";

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
    let status = RwSignal::new(None::<String>);
    let mastodon = RwSignal::new(storage::get(MASTODON_KEY).and_then(|s| mastodon_server(&s)));
    let asking = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let server_error = RwSignal::new(None::<&'static str>);
    let (title, url) = (StoredValue::new(title), StoredValue::new(url));

    let on_share = move |_| {
        if !has_native_share() {
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
    let share_on_mastodon = move |server: String| {
        if let Some(address) = link(
            Network::Mastodon,
            &url.get_value(),
            &title.get_value(),
            Some(&server),
        ) {
            let _ = window().open_with_url_and_target_and_features(&address, "_blank", "noopener");
        }
    };
    let on_server = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match mastodon_server(&typed.get_untracked()) {
            Some(server) => {
                storage::set(MASTODON_KEY, &server);
                mastodon.set(Some(server.clone()));
                asking.set(false);
                server_error.set(None);
                share_on_mastodon(server);
            }
            None => server_error.set(Some(
                "Please enter your Mastodon server's address, like mastodon.social.",
            )),
        }
    };

    let network_item = move |network: Network| -> AnyView {
        if network != Network::Mastodon {
            return link(network, &url.get_value(), &title.get_value(), None)
                .map(|address| {
                    view! {
                        <li><a href=address target="_blank" rel="noopener noreferrer">{network.label()}</a></li>
                    }
                    .into_any()
                })
                .unwrap_or_else(|| ().into_any());
        }
        view! {
            <li class="mastodon">
                {move || match mastodon.get() {
                    Some(server) => {
                        let address = link(Network::Mastodon, &url.get_value(), &title.get_value(), Some(&server)).unwrap_or_default();
                        view! {
                            <a href=address target="_blank" rel="noopener noreferrer">{format!("Mastodon ({server})")}</a>
                            <button type="button" class="link-button" on:click=move |_| { mastodon.set(None); asking.set(true); }>
                                "Change server"
                            </button>
                        }
                        .into_any()
                    }
                    None => view! {
                        <button type="button" class="link-button" aria-expanded=move || asking.get().to_string() on:click=move |_| asking.update(|a| *a = !*a)>
                            "Mastodon"
                        </button>
                    }
                    .into_any(),
                }}
                <form class="mastodon-server" hidden=move || !asking.get() on:submit=on_server novalidate>
                    <label for="mastodon-server">"Your Mastodon server"</label>
                    <input
                        id="mastodon-server"
                        type="text"
                        inputmode="url"
                        autocomplete="off"
                        placeholder="mastodon.social"
                        aria-invalid=move || server_error.get().is_some().to_string()
                        aria-describedby=move || server_error.get().map(|_| "mastodon-server-error")
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                    {move || server_error.get().map(|message| view! { <p class="field-error" id="mastodon-server-error">{message}</p> })}
                    <button type="submit" class="button">"Share on Mastodon"</button>
                </form>
            </li>
        }
        .into_any()
    };

    move || {
        share().map(|share| {
            let networks = share.networks.clone();
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
                        {networks.into_iter().map(network_item).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
