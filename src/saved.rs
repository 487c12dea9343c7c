//! Articles saved for later, kept in this browser: the list (localStorage, newest first), and
//! asking the service worker (public/sw.js) to keep each saved article's page, API answers and
//! picture for reading offline, until the reader removes it.

use inkuru_api::{paths, Article, ArticleSummary, Slug};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::storage;

const KEY: &str = "inkuru.saved";

/// One saved article: its card's data and when it was saved (RFC 3339).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedArticle {
    pub summary: ArticleSummary,
    pub saved_at: String,
}

/// The card's worth of an article, for the Saved page (which must work offline, from this alone).
pub fn summary_of(article: &Article) -> Option<ArticleSummary> {
    Some(ArticleSummary {
        slug: article.slug.clone(),
        headline: article.headline.clone(),
        standfirst: article.standfirst.clone(),
        published_at: article.published_at.clone(),
        section: article.section_path.last()?.clone(),
        image: article.hero.clone(),
    })
}

/// The addresses an article needs offline: its page, its API answers, its picture.
fn offline_urls(summary: &ArticleSummary) -> Vec<String> {
    let mut urls = vec![
        paths::article_page(&summary.slug),
        paths::article(&summary.slug),
        paths::comments(&summary.slug),
    ];
    urls.extend(summary.image.as_ref().map(|image| image.src.clone()));
    urls
}

/// Tells the service worker controlling this page (if any) to keep or drop `urls`.
fn tell_worker(kind: &str, urls: &[String]) {
    let message = js_sys::Object::new();
    let list: js_sys::Array = urls.iter().map(|u| JsValue::from_str(u)).collect();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&message, &"urls".into(), &list);
    let navigator: JsValue = window().navigator().into();
    let controller = js_sys::Reflect::get(&navigator, &"serviceWorker".into())
        .and_then(|sw| js_sys::Reflect::get(&sw, &"controller".into()));
    if let Ok(controller) = controller {
        if let Ok(post) = js_sys::Reflect::get(&controller, &"postMessage".into()) {
            if let Ok(post) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(post) {
                let _ = post.call1(&controller, &message);
            }
        }
    }
}

/// The saved articles, newest saved first.
pub fn load() -> Vec<SavedArticle> {
    storage::get_json(KEY).unwrap_or_default()
}

fn store(list: &[SavedArticle]) {
    if list.is_empty() {
        storage::remove(KEY);
    } else {
        storage::set_json(KEY, &list);
    }
}

pub fn is_saved(slug: &Slug) -> bool {
    load().iter().any(|s| s.summary.slug == *slug)
}

/// Saves an article (again: it moves to the top) and has its page kept for offline reading.
pub fn save(summary: ArticleSummary) {
    let mut list = load();
    list.retain(|s| s.summary.slug != summary.slug);
    tell_worker("save", &offline_urls(&summary));
    let saved_at = String::from(js_sys::Date::new_0().to_iso_string());
    list.insert(0, SavedArticle { summary, saved_at });
    store(&list);
}

/// Removes an article from the list and from the offline copies kept for it.
pub fn remove(slug: &Slug) {
    let mut list = load();
    if let Some(gone) = list.iter().find(|s| s.summary.slug == *slug) {
        tell_worker("unsave", &offline_urls(&gone.summary));
    }
    list.retain(|s| s.summary.slug != *slug);
    store(&list);
}

/// "Save for later" on an article: saves or removes it, saying which.
#[component]
pub fn SaveButton(article: Article) -> impl IntoView {
    let slug = article.slug.clone();
    let saved = RwSignal::new(is_saved(&slug));
    let summary = StoredValue::new(summary_of(&article));
    let toggle = move |_| {
        if saved.get_untracked() {
            remove(&slug);
            saved.set(false);
        } else if let Some(summary) = summary.get_value() {
            save(summary);
            saved.set(true);
        }
    };
    view! {
        <button type="button" class="button button-quiet save-button" aria-pressed=move || saved.get().to_string() on:click=toggle>
            {move || if saved.get() { "Saved for later ✓" } else { "Save for later" }}
        </button>
    }
}
