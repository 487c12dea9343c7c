//! The share options the Share button opens where the browser has no share sheet of its own:
//! plain links to the networks the site settings name (`crate::util::share`), and Mastodon, which
//! asks for the reader's server once and remembers it on the device. A chunk of its own
//! (`crate::lazy::sharing`), fetched on the first click of Share: most readers never open it.

use inkuru_api::Network;
use leptos::prelude::*;

use crate::storage;
use crate::util::share::{link, mastodon_server};

const MASTODON_KEY: &str = "inkuru.mastodon-server";

/// The list items of the share options for the page at `url` titled `title`.
#[component]
pub fn ShareOptions(title: String, url: String, networks: Vec<Network>) -> impl IntoView {
    let mastodon = RwSignal::new(storage::get(MASTODON_KEY).and_then(|s| mastodon_server(&s)));
    let asking = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let server_error = RwSignal::new(None::<&'static str>);
    let (title, url) = (StoredValue::new(title), StoredValue::new(url));
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

    networks.into_iter().map(network_item).collect_view()
}
