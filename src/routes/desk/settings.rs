//! The desk's settings page (`/desk/settings`): the site's settings (`site_form`), and comments
//! opened or closed on one article, found by its address (`?article=` comes from the queue).

use inkuru_api::{Article, Slug};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;

use super::site_form::SiteForm;
use super::Desk;
use crate::api;
use crate::components::ErrorNotice;
use crate::navigation::PageShown;

#[component]
pub fn Settings() -> impl IntoView {
    let desk = expect_context::<Desk>();
    let site = LocalResource::new(api::desk::site);
    view! {
        <header class="page-header">
            <h1>"Settings"</h1>
            <PageShown label="Settings"/>
        </header>
        <ArticleComments/>
        <Suspense fallback=|| view! { <p class="desk-waiting">"Loading the settings…"</p> }>
            {move || Suspend::new(async move {
                match site.await {
                    Ok(settings) => view! { <SiteForm settings/> }.into_any(),
                    Err(error) => {
                        let message = desk.failed(&error);
                        view! { <ErrorNotice message on_retry=Callback::new(move |_| site.refetch())/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The slug in what an editor typed: a slug, or an article's address on this site (full or a
/// path), as copied from the address bar.
fn slug_in(typed: &str) -> Option<Slug> {
    let typed = typed.trim().trim_end_matches('/');
    let last = match typed.rsplit_once("/articles/") {
        Some((_, rest)) => rest,
        None => typed,
    };
    let last = last.split(['?', '#']).next().unwrap_or_default();
    Slug::parse(last).ok()
}

/// Finds one article and opens or closes it to new comments.
#[component]
fn ArticleComments() -> impl IntoView {
    let desk = expect_context::<Desk>();
    let query = use_query_map();
    let typed = RwSignal::new(query.read_untracked().get("article").unwrap_or_default());
    let found = RwSignal::new(None::<Article>);
    let problem = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let find = move || {
        notice.set(None);
        let Some(slug) = slug_in(&typed.get_untracked()) else {
            found.set(None);
            problem.set(Some("Paste the article's address, or its last part (such as kigali-jazz-nights-return).".into()));
            return;
        };
        problem.set(None);
        spawn_local(async move {
            match api::desk::article(&slug).await {
                Ok(article) => found.set(Some(article)),
                Err(error) => {
                    found.set(None);
                    problem.set(Some(desk.failed(&error)));
                }
            }
        });
    };
    if !typed.get_untracked().is_empty() {
        find();
    }
    let switch = move |open: bool| {
        let Some(article) = found.get_untracked() else {
            return;
        };
        spawn_local(async move {
            match api::desk::switch_comments(&article.slug, open).await {
                Ok(()) => {
                    let said = if open {
                        "open to new comments"
                    } else {
                        "closed to new comments"
                    };
                    notice.set(Some(format!("“{}” is now {said}.", article.headline)));
                    found.set(Some(Article {
                        comments_open: open,
                        ..article
                    }));
                }
                Err(error) => notice.set(Some(desk.failed(&error))),
            }
        });
    };
    view! {
        <form class="desk-form desk-article" novalidate on:submit=move |ev| { ev.prevent_default(); find(); }>
            <h2>"Comments on one article"</h2>
            <div class="field">
                <label for="desk-article-address">"Article address"</label>
                <div class="desk-inline">
                    <input
                        id="desk-article-address"
                        type="text"
                        inputmode="url"
                        aria-invalid=move || problem.with(Option::is_some).to_string()
                        aria-describedby=move || problem.with(Option::is_some).then_some("desk-article-address-error")
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                    <button type="submit" class="button">"Find"</button>
                </div>
                {move || problem.get().map(|m| view! { <p class="field-error" id="desk-article-address-error">{m}</p> })}
            </div>
            {move || found.get().map(|article| {
                let open = article.comments_open;
                view! {
                    <div class="desk-found">
                        <p>
                            <a href=inkuru_api::paths::article_page(&article.slug)>{article.headline.clone()}</a>
                            {if open { " takes new comments." } else { " takes no new comments." }}
                        </p>
                        <button type="button" class="button" on:click=move |_| switch(!open)>
                            {if open { "Close comments" } else { "Open comments" }}
                        </button>
                    </div>
                }
            })}
            <p class="form-notice" role="status">{move || notice.get()}</p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_is_found_by_address_or_slug() {
        for typed in [
            "kigali-jazz",
            " https://inkuru.example/articles/kigali-jazz/ ",
            "/articles/kigali-jazz?ref=x",
            "inkuru.example/articles/kigali-jazz#comments",
        ] {
            assert_eq!(
                slug_in(typed).map(|s| s.to_string()),
                Some("kigali-jazz".into()),
                "{typed}"
            );
        }
        assert_eq!(slug_in("not a slug"), None);
        assert_eq!(slug_in(""), None);
    }
}
