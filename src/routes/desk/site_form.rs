//! The site settings form: name and tagline, the comment policy, "Follow us" links, share
//! buttons, languages, partner sites and feeds. Checked with the contract's own rules
//! (`SiteSettings::field_errors`) before it is sent, and again by the server, each problem shown
//! under its field; once saved, the site around the desk shows the new settings at once.

use inkuru_api::{
    CommentPolicy, FieldErrors, FollowLink, Image, Network, ShareSettings, SiteSettings,
};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos::wasm_bindgen::JsCast;

use super::Desk;
use crate::api::{self, ApiError};
use crate::app::SiteInfo;

/// One "Follow us" row being edited (`key` keeps its inputs in place as rows come and go).
#[derive(Clone, Copy)]
struct FollowRow {
    key: u64,
    network: RwSignal<Network>,
    url: RwSignal<String>,
}

/// The form's fields, each a signal.
#[derive(Clone, Copy)]
struct Draft {
    name: RwSignal<String>,
    tagline: RwSignal<String>,
    policy: RwSignal<CommentPolicy>,
    follow: RwSignal<Vec<FollowRow>>,
    next_key: StoredValue<u64>,
    share_on: RwSignal<bool>,
    share: RwSignal<Vec<Network>>,
    languages: RwSignal<String>,
    partners: RwSignal<String>,
    full_feeds: RwSignal<bool>,
    /// Not edited here: kept as it is.
    logo: StoredValue<Option<Image>>,
}

impl Draft {
    fn new(settings: SiteSettings) -> Draft {
        let draft = Draft {
            name: RwSignal::new(settings.name),
            tagline: RwSignal::new(settings.tagline),
            policy: RwSignal::new(settings.comments),
            follow: RwSignal::new(Vec::new()),
            next_key: StoredValue::new(0),
            share_on: RwSignal::new(settings.share.enabled),
            share: RwSignal::new(settings.share.networks),
            languages: RwSignal::new(settings.languages.join(", ")),
            partners: RwSignal::new(settings.partner_origins.join("\n")),
            full_feeds: RwSignal::new(settings.feeds_full_content),
            logo: StoredValue::new(settings.logo),
        };
        for link in settings.follow {
            draft.add_follow(link);
        }
        draft
    }

    fn add_follow(self, link: FollowLink) {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let row = FollowRow {
            key,
            network: RwSignal::new(link.network),
            url: RwSignal::new(link.url),
        };
        self.follow.update(|rows| rows.push(row));
    }

    /// The settings as the form has them now.
    fn settings(self) -> SiteSettings {
        SiteSettings {
            name: self.name.get_untracked().trim().to_owned(),
            tagline: self.tagline.get_untracked().trim().to_owned(),
            logo: self.logo.get_value(),
            follow: self
                .follow
                .get_untracked()
                .into_iter()
                .map(|row| FollowLink {
                    network: row.network.get_untracked(),
                    url: row.url.get_untracked().trim().to_owned(),
                })
                .filter(|link| !link.url.is_empty())
                .collect(),
            share: ShareSettings {
                enabled: self.share_on.get_untracked(),
                networks: self.share.get_untracked(),
            },
            comments: self.policy.get_untracked(),
            languages: list_of(&self.languages.get_untracked(), |c| {
                c == ',' || c.is_whitespace()
            }),
            feeds_full_content: self.full_feeds.get_untracked(),
            partner_origins: list_of(&self.partners.get_untracked(), char::is_whitespace),
        }
    }
}

/// The items of a list typed into one field, split where `split` says, without empty ones.
fn list_of(text: &str, split: impl Fn(char) -> bool) -> Vec<String> {
    text.split(split)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// What each comment policy means, as the form offers it.
const POLICIES: [(CommentPolicy, &str, &str); 3] = [
    (CommentPolicy::Open, "open", "Open: published at once"),
    (
        CommentPolicy::Moderated,
        "moderated",
        "Moderated: held until an editor publishes them",
    ),
    (
        CommentPolicy::Closed,
        "closed",
        "Closed: no new comments anywhere",
    ),
];

#[component]
pub fn SiteForm(settings: SiteSettings) -> impl IntoView {
    let desk = expect_context::<Desk>();
    let draft = Draft::new(settings);
    let errors = RwSignal::new(FieldErrors::new());
    let notice = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let site = use_context::<SiteInfo>();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let settings = draft.settings();
        let found = settings.field_errors();
        if !found.is_empty() {
            refused(errors, notice, found);
            return;
        }
        errors.set(FieldErrors::new());
        pending.set(true);
        notice.set(Some("Saving…".into()));
        spawn_local(async move {
            let answer = api::desk::save_site(&settings).await;
            pending.set(false);
            match answer {
                Ok(_) => {
                    notice.set(Some(
                        "Settings saved. Readers see them on their next page.".into(),
                    ));
                    // The header and footer around the desk show the new settings at once.
                    if let Some(SiteInfo(site)) = site {
                        site.refetch();
                    }
                }
                Err(ApiError::Validation(fields)) => refused(errors, notice, fields),
                Err(error) => notice.set(Some(desk.failed(&error))),
            }
        });
    };
    view! {
        <form class="desk-form desk-site" novalidate on:submit=submit>
            <h2>"The site"</h2>
            <TextField id="site-name" field="name" label="Site name" value=draft.name errors/>
            <TextField id="site-tagline" field="tagline" label="Tagline" value=draft.tagline errors/>
            <fieldset class="desk-fieldset">
                <legend>"New comments"</legend>
                {POLICIES.into_iter().map(|(policy, value, label)| {
                    let id = format!("site-policy-{value}");
                    view! {
                        <div class="desk-check">
                            <input
                                type="radio"
                                name="policy"
                                id=id.clone()
                                value=value
                                prop:checked=move || draft.policy.get() == policy
                                on:change=move |_| draft.policy.set(policy)
                            />
                            <label for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <FollowLinks draft errors/>
            <ShareButtons draft errors/>
            <TextField
                id="site-languages"
                field="languages"
                label="Languages"
                hint="Language tags separated by commas, the site's main language first: en, rw, fr."
                value=draft.languages
                errors
            />
            <div class="field">
                <label for="site-partners">"Partner sites"</label>
                <p class="desk-hint" id="site-partners-hint">
                    "One address per line, such as https://partner.example: pages there may embed the headlines and comments widgets."
                </p>
                <textarea
                    id="site-partners"
                    rows="3"
                    aria-invalid=move || errors.with(|e| e.get("partner_origins").is_some()).to_string()
                    aria-describedby=move || described("site-partners", true, "partner_origins", errors)
                    prop:value=move || draft.partners.get()
                    on:input=move |ev| draft.partners.set(event_target_value(&ev))
                ></textarea>
                <FieldError id="site-partners" field="partner_origins" errors/>
            </div>
            <div class="desk-check">
                <input
                    type="checkbox"
                    id="site-full-feeds"
                    prop:checked=move || draft.full_feeds.get()
                    on:change=move |ev| draft.full_feeds.set(event_target_checked(&ev))
                />
                <label for="site-full-feeds">"Feeds carry whole stories (not only their standfirst)"</label>
            </div>
            <p class="form-notice" role="status">{move || notice.get()}</p>
            <div>
                <button type="submit" class="button button-primary" aria-disabled=move || pending.get().then_some("true")>
                    "Save settings"
                </button>
            </div>
        </form>
    }
}

/// Shows `found` under the fields and moves focus to the first field that needs attention.
fn refused(errors: RwSignal<FieldErrors>, notice: RwSignal<Option<String>>, found: FieldErrors) {
    errors.set(found);
    notice.set(Some(
        "Some fields need attention: nothing was saved.".into(),
    ));
    request_animation_frame(|| {
        let first = document()
            .query_selector(".desk-site [aria-invalid=\"true\"]")
            .ok()
            .flatten()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(first) = first {
            let _ = first.focus();
        }
    });
}

/// The ids the control `id` of `field` is described by: its hint (`{id}-hint`) if it has one, and
/// its error when there is one.
fn described(id: &str, has_hint: bool, field: &str, errors: RwSignal<FieldErrors>) -> String {
    let mut ids = Vec::new();
    if has_hint {
        ids.push(format!("{id}-hint"));
    }
    if errors.with(|e| e.get(field).is_some()) {
        ids.push(format!("{id}-error"));
    }
    ids.join(" ")
}

/// The message under a field, when the field has one.
#[component]
fn FieldError(
    id: &'static str,
    field: &'static str,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    move || {
        errors
            .with(|e| e.get(field).map(str::to_owned))
            .map(|message| view! { <p class="field-error" id=format!("{id}-error")>{message}</p> })
    }
}

/// A one-line text field with its label, hint and error.
#[component]
fn TextField(
    id: &'static str,
    field: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint.map(|hint| view! { <p class="desk-hint" id=format!("{id}-hint")>{hint}</p> })}
            <input
                id=id
                type="text"
                aria-invalid=move || errors.with(|e| e.get(field).is_some()).to_string()
                aria-describedby=move || described(id, hint.is_some(), field, errors)
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldError id field errors/>
        </div>
    }
}

/// The "Follow us" links: a network and an address per row, rows added and removed.
#[component]
fn FollowLinks(draft: Draft, errors: RwSignal<FieldErrors>) -> impl IntoView {
    let invalid = move || errors.with(|e| e.get("follow").is_some()).to_string();
    let described = move || {
        errors
            .with(|e| e.get("follow").is_some())
            .then_some("site-follow-error")
    };
    view! {
        <fieldset class="desk-fieldset">
            <legend>"“Follow us” links"</legend>
            <ol class="desk-follow">
                <For each=move || draft.follow.get() key=|row| row.key let:row>
                    <li class="desk-follow-row">
                        <div class="field">
                            <label for=format!("site-follow-network-{}", row.key)>"Network"</label>
                            <select
                                id=format!("site-follow-network-{}", row.key)
                                on:change=move |ev| {
                                    let chosen = event_target_value(&ev);
                                    if let Some(network) = Network::ALL.into_iter().find(|n| n.label() == chosen) {
                                        row.network.set(network);
                                    }
                                }
                            >
                                {Network::ALL.into_iter().map(|network| view! {
                                    <option value=network.label() selected=move || row.network.get() == network>{network.label()}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field desk-follow-url">
                            <label for=format!("site-follow-url-{}", row.key)>"Address"</label>
                            <input
                                id=format!("site-follow-url-{}", row.key)
                                type="url"
                                aria-invalid=invalid
                                aria-describedby=described
                                prop:value=move || row.url.get()
                                on:input=move |ev| row.url.set(event_target_value(&ev))
                            />
                        </div>
                        <button
                            type="button"
                            class="button button-quiet"
                            aria-label=move || format!("Remove the {} link", row.network.get().label())
                            on:click=move |_| draft.follow.update(|rows| rows.retain(|r| r.key != row.key))
                        >
                            "Remove"
                        </button>
                    </li>
                </For>
            </ol>
            <FieldError id="site-follow" field="follow" errors/>
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    draft.add_follow(FollowLink { network: Network::Facebook, url: String::new() });
                    let key = draft.next_key.get_value() - 1;
                    request_animation_frame(move || {
                        if let Some(select) = document().get_element_by_id(&format!("site-follow-network-{key}")) {
                            let _ = select.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                    });
                }
            >
                "Add a link"
            </button>
        </fieldset>
    }
}

/// Share buttons on or off, and the networks they offer.
#[component]
fn ShareButtons(draft: Draft, errors: RwSignal<FieldErrors>) -> impl IntoView {
    view! {
        <fieldset class="desk-fieldset">
            <legend>"Share buttons"</legend>
            <div class="desk-check">
                <input
                    type="checkbox"
                    id="site-share-on"
                    prop:checked=move || draft.share_on.get()
                    on:change=move |ev| draft.share_on.set(event_target_checked(&ev))
                />
                <label for="site-share-on">"Show share buttons on articles"</label>
            </div>
            <div class="desk-networks">
                {Network::ALL.into_iter().filter(|n| n.takes_shared_links()).map(|network| {
                    let id = format!("site-share-{}", network.label().to_lowercase());
                    view! {
                        <div class="desk-check">
                            <input
                                type="checkbox"
                                id=id.clone()
                                aria-invalid=move || errors.with(|e| e.get("share").is_some()).to_string()
                                prop:checked=move || draft.share.with(|chosen| chosen.contains(&network))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.share.update(|chosen| {
                                        chosen.retain(|n| *n != network);
                                        if on { chosen.push(network); }
                                    });
                                }
                            />
                            <label for=id>{network.label()}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
            <FieldError id="site-share" field="share" errors/>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_read_from_what_was_typed() {
        assert_eq!(
            list_of(" en, rw  fr,,", |c| c == ',' || c.is_whitespace()),
            ["en", "rw", "fr"]
        );
        assert_eq!(
            list_of(
                "https://a.example\n\n https://b.example ",
                char::is_whitespace
            ),
            ["https://a.example", "https://b.example"]
        );
    }
}
