//! The desk's sign-in form: name and password, the server's answer said plainly (a wrong name or
//! password, too many attempts, no connection), the name kept and the password cleared after a
//! failed attempt.

use inkuru_api::desk::SignIn;
use inkuru_api::FieldErrors;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::Desk;
use crate::api;
use crate::navigation::PageShown;

/// The fields' own problems, before anything is sent.
fn problems(attempt: &SignIn) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if attempt.name.trim().is_empty() {
        errors
            .0
            .insert("name".into(), "Enter your editor's name.".into());
    }
    if attempt.password.is_empty() {
        errors
            .0
            .insert("password".into(), "Enter your password.".into());
    }
    errors
}

#[component]
pub fn SignInForm(
    /// Why the form is shown again (signed out, session ended), if it is.
    why: Option<String>,
) -> impl IntoView {
    let desk = expect_context::<Desk>();
    let attempt = RwSignal::new(SignIn {
        name: String::new(),
        password: String::new(),
    });
    let errors = RwSignal::new(FieldErrors::new());
    let notice = RwSignal::new(why.clone());
    let pending = RwSignal::new(false);
    let password_ref = NodeRef::<leptos::html::Input>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let sent = attempt.get_untracked();
        let found = problems(&sent);
        errors.set(found.clone());
        if !found.is_empty() {
            notice.set(Some("Some fields need attention.".into()));
            return;
        }
        pending.set(true);
        notice.set(Some("Signing in…".into()));
        spawn_local(async move {
            let answer = api::desk::sign_in(&sent).await;
            pending.set(false);
            match answer {
                Ok(editor) => {
                    desk.signed_in(editor);
                    crate::navigation::show_view("Editors' desk");
                }
                Err(error) => {
                    attempt.update(|a| a.password.clear());
                    notice.set(Some(error.to_string()));
                    if let Some(input) = password_ref.get_untracked() {
                        let _ = input.focus();
                    }
                }
            }
        });
    };
    let field = move |name: &'static str| move || errors.with(|e| e.get(name).map(str::to_owned));
    let invalid =
        move |name: &'static str| move || errors.with(|e| e.get(name).is_some()).to_string();
    let described = move |name: &'static str| {
        move || {
            errors
                .with(|e| e.get(name).is_some())
                .then(|| format!("desk-{name}-error"))
        }
    };
    view! {
        <section class="desk-sign-in" aria-labelledby="desk-sign-in-title">
            <h1 id="desk-sign-in-title">"Sign in to the desk"</h1>
            <PageShown label="Sign in to the desk"/>
            <p class="page-intro">"For Inkuru's editors. Ask an administrator for an account."</p>
            <form class="desk-form" novalidate on:submit=submit>
                <div class="field">
                    <label for="desk-name">"Name"</label>
                    <input
                        id="desk-name"
                        name="username"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        aria-invalid=invalid("name")
                        aria-describedby=described("name")
                        prop:value=move || attempt.with(|a| a.name.clone())
                        on:input=move |ev| attempt.update(|a| a.name = event_target_value(&ev))
                    />
                    {move || field("name")().map(|m| view! { <p class="field-error" id="desk-name-error">{m}</p> })}
                </div>
                <div class="field">
                    <label for="desk-password">"Password"</label>
                    <input
                        id="desk-password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        node_ref=password_ref
                        aria-invalid=invalid("password")
                        aria-describedby=described("password")
                        prop:value=move || attempt.with(|a| a.password.clone())
                        on:input=move |ev| attempt.update(|a| a.password = event_target_value(&ev))
                    />
                    {move || field("password")().map(|m| view! { <p class="field-error" id="desk-password-error">{m}</p> })}
                </div>
                <p class="form-notice" role="status">{move || notice.get()}</p>
                <div>
                    <button type="submit" class="button button-primary" aria-disabled=move || pending.get().then_some("true")>
                        "Sign in"
                    </button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_fields_are_needed_before_anything_is_sent() {
        let empty = SignIn {
            name: " ".into(),
            password: String::new(),
        };
        let errors = problems(&empty);
        assert!(errors.get("name").is_some() && errors.get("password").is_some());
        let whole = SignIn {
            name: "aline".into(),
            password: "a password of some length".into(),
        };
        assert!(problems(&whole).is_empty());
    }
}
