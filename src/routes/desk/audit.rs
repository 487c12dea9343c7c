//! The audit log (`/desk/audit`): who did what, when, to which comment or setting, newest first,
//! as the server keeps it.

use inkuru_api::desk::AuditEntry;
use leptos::prelude::*;

use super::Desk;
use crate::api;
use crate::components::ErrorNotice;
use crate::navigation::PageShown;
use crate::util::dates::{now_ms, reader_ago};

#[component]
pub fn AuditLog() -> impl IntoView {
    let desk = expect_context::<Desk>();
    let log = LocalResource::new(api::desk::audit);
    view! {
        <header class="page-header">
            <h1>"Audit log"</h1>
            <PageShown label="Audit log"/>
            <p class="page-intro">"Every sign-in, decision and change made at the desk, newest first. It is kept for good."</p>
        </header>
        <Suspense fallback=|| view! { <p class="desk-waiting">"Loading the log…"</p> }>
            {move || Suspend::new(async move {
                match log.await {
                    Ok(entries) if entries.is_empty() => view! { <p class="empty">"Nothing has been done at the desk yet."</p> }.into_any(),
                    Ok(entries) => view! { <AuditTable entries/> }.into_any(),
                    Err(error) => {
                        let message = desk.failed(&error);
                        view! { <ErrorNotice message on_retry=Callback::new(move |_| log.refetch())/> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let now = now_ms();
    view! {
        <div class="desk-table-wrap" role="region" aria-labelledby="desk-audit-caption" tabindex="0">
            <table class="desk-audit">
                <caption id="desk-audit-caption" class="visually-hidden">"The newest lines of the audit log"</caption>
                <thead>
                    <tr><th scope="col">"When"</th><th scope="col">"Editor"</th><th scope="col">"Action"</th><th scope="col">"On"</th></tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|entry| view! {
                        <tr>
                            <td><time datetime=entry.at.clone() title=entry.at.clone()>{reader_ago(&entry.at, now)}</time></td>
                            <td>{entry.editor}</td>
                            <td>{entry.action}</td>
                            <td>{entry.target}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
