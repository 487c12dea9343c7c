//! The editors' desk (`/desk`, `/desk/settings`, `/desk/audit`): a chunk of its own, fetched only
//! when an editor opens it. It asks the server who is signed in, shows the sign-in form or the
//! desk, and goes back to the sign-in form whenever the server says the session has ended.
//! Nothing of it is written by the server: its page carries only the head (`DeskHead`).

use inkuru_api::desk::SignedIn;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_location;

use crate::api::{self, ApiError};
use crate::components::ErrorNotice;
use crate::views::DeskHead;

mod audit;
mod comment_card;
mod queue;
mod settings;
mod sign_in;
mod site_form;

/// Where the desk stands with this browser.
#[derive(Clone, Debug, PartialEq)]
enum Gate {
    /// Asking the server.
    Checking,
    /// The server could not be asked (a sentence saying why).
    Unreachable(String),
    /// Not signed in: the sign-in form, with why if the session ended while working.
    SignedOut {
        why: Option<String>,
    },
    SignedIn(SignedIn),
}

/// What every part of the desk shares: the gate, and how many comments wait (the header's count).
#[derive(Clone, Copy)]
pub struct Desk {
    gate: RwSignal<Gate>,
    pub held: RwSignal<Option<u32>>,
}

impl Desk {
    fn check(self) {
        self.gate.set(Gate::Checking);
        spawn_local(async move {
            self.gate.set(match api::desk::signed_in().await {
                Ok(Some(editor)) => Gate::SignedIn(editor),
                Ok(None) => Gate::SignedOut { why: None },
                Err(error) => Gate::Unreachable(error.to_string()),
            });
        });
    }

    /// The sentence to show for a failed desk call; if it failed because the session has ended
    /// (idle too long, signed out elsewhere, password changed), the sign-in form comes back.
    pub fn failed(self, error: &ApiError) -> String {
        if api::desk::needs_sign_in(error) {
            self.gate.set(Gate::SignedOut {
                why: Some("Your session has ended. Sign in again to go on.".to_owned()),
            });
        }
        error.to_string()
    }

    fn signed_in(self, editor: SignedIn) {
        self.gate.set(Gate::SignedIn(editor));
    }

    fn signed_out(self) {
        self.held.set(None);
        self.gate.set(Gate::SignedOut {
            why: Some("You are signed out.".to_owned()),
        });
    }
}

/// The desk's pages, by the path after `/desk`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Moderation,
    Settings,
    Audit,
    Unknown,
}

impl Tab {
    fn at(path: &str) -> Tab {
        match path.trim_end_matches('/') {
            "/desk" => Tab::Moderation,
            "/desk/settings" => Tab::Settings,
            "/desk/audit" => Tab::Audit,
            _ => Tab::Unknown,
        }
    }

    fn path(self) -> &'static str {
        match self {
            Tab::Moderation | Tab::Unknown => "/desk",
            Tab::Settings => "/desk/settings",
            Tab::Audit => "/desk/audit",
        }
    }
}

#[component]
pub fn DeskPage() -> impl IntoView {
    crate::prerender::discard();
    let desk = Desk {
        gate: RwSignal::new(Gate::Checking),
        held: RwSignal::new(None),
    };
    provide_context(desk);
    desk.check();
    view! {
        <DeskHead/>
        <div class="desk">
            {move || match desk.gate.get() {
                Gate::Checking => view! { <p class="desk-waiting">"Opening the desk…"</p> }.into_any(),
                Gate::Unreachable(message) => view! {
                    <h1>"Editors' desk"</h1>
                    <ErrorNotice message on_retry=Callback::new(move |_| desk.check())/>
                }
                .into_any(),
                Gate::SignedOut { why } => view! { <sign_in::SignInForm why/> }.into_any(),
                Gate::SignedIn(editor) => view! { <Board editor/> }.into_any(),
            }}
        </div>
    }
}

/// The signed-in desk: its header (pages, the count of comments waiting, who is signed in, Sign
/// out) and the page the address names.
#[component]
fn Board(editor: SignedIn) -> impl IntoView {
    let desk = expect_context::<Desk>();
    let location = use_location();
    let tab = Memo::new(move |_| Tab::at(&location.pathname.get()));
    // The count is the queue's; opened on another page, the header asks for it once.
    if desk.held.get_untracked().is_none() && tab.get_untracked() != Tab::Moderation {
        spawn_local(async move {
            let queue = api::desk::queue(Default::default(), None).await;
            if let Ok(queue) = queue {
                desk.held.set(Some(queue.held_total));
            }
        });
    }
    view! {
        <header class="desk-header">
            <p class="desk-name">"Editors' desk"</p>
            <nav class="desk-nav" aria-label="Desk">
                <ul>
                    <li><DeskLink tab=Tab::Moderation current=tab>
                        "Moderation"
                        {move || desk.held.get().map(|count| view! {
                            " " <span class="desk-count">{count}<span class="visually-hidden">" awaiting review"</span></span>
                        })}
                    </DeskLink></li>
                    <li><DeskLink tab=Tab::Settings current=tab>"Settings"</DeskLink></li>
                    <li><DeskLink tab=Tab::Audit current=tab>"Audit log"</DeskLink></li>
                </ul>
            </nav>
            <SignOut editor/>
        </header>
        {move || match tab.get() {
            Tab::Moderation => view! { <queue::Queue/> }.into_any(),
            Tab::Settings => view! { <settings::Settings/> }.into_any(),
            Tab::Audit => view! { <audit::AuditLog/> }.into_any(),
            Tab::Unknown => view! {
                <h1>"No such desk page"</h1>
                <crate::navigation::PageShown label="No such desk page"/>
                <p>"The desk has Moderation, Settings and the Audit log: pick one above."</p>
            }
            .into_any(),
        }}
    }
}

/// A link to one of the desk's pages, marked as the current one when it is.
#[component]
fn DeskLink(tab: Tab, current: Memo<Tab>, children: Children) -> impl IntoView {
    view! {
        <a href=tab.path() aria-current=move || (current.get() == tab).then_some("page")>
            {children()}
        </a>
    }
}

/// Who is signed in, and the way out.
#[component]
fn SignOut(editor: SignedIn) -> impl IntoView {
    let desk = expect_context::<Desk>();
    let problem = RwSignal::new(None::<String>);
    let sign_out = move |_| {
        spawn_local(async move {
            match api::desk::sign_out().await {
                Ok(()) => desk.signed_out(),
                Err(error) if api::desk::needs_sign_in(&error) => desk.signed_out(),
                Err(error) => problem.set(Some(error.to_string())),
            }
        });
    };
    view! {
        <div class="desk-editor">
            <p>"Signed in as " <strong>{editor.name}</strong></p>
            <button type="button" class="button" on:click=sign_out>"Sign out"</button>
            <p class="form-notice" role="status">{move || problem.get()}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_desk_path_names_its_page() {
        assert_eq!(Tab::at("/desk"), Tab::Moderation);
        assert_eq!(Tab::at("/desk/"), Tab::Moderation);
        assert_eq!(Tab::at("/desk/settings"), Tab::Settings);
        assert_eq!(Tab::at("/desk/audit/"), Tab::Audit);
        assert_eq!(Tab::at("/desk/nope"), Tab::Unknown);
        for tab in [Tab::Moderation, Tab::Settings, Tab::Audit] {
            assert_eq!(Tab::at(tab.path()), tab);
        }
    }
}
