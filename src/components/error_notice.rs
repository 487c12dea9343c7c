//! A failure the reader can act on: what went wrong, and a Retry button.

use leptos::prelude::*;
use stylers_macro::style;

/// Says what failed and offers Retry. Never a blank page.
#[component]
pub fn ErrorNotice(
    /// A sentence for the reader.
    #[prop(into)]
    message: String,
    /// Runs when the reader presses Retry.
    on_retry: Callback<()>,
) -> impl IntoView {
    let scope = style! {
        .error-notice {
            margin-block: var(--space-5);
            padding: var(--space-4);
            border-left: 4px solid var(--accent);
            background: var(--surface);
            font: var(--meta-font);
        }
        .error-notice p {
            margin: 0 0 var(--space-3);
        }
    };
    view! { class = scope,
        <div class="error-notice" role="alert">
            <p>{message}</p>
            <button type="button" class="button" on:click=move |_| on_retry.run(())>"Retry"</button>
        </div>
    }
}
