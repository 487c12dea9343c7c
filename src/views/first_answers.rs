//! The first API answers a page will ask for, embedded in the page the server writes: one JSON
//! data block per answer, named by its API path, which the app reads instead of asking the network
//! (`crate::api::client`). Browsers never run a `type="application/json"` block, so the
//! Content-Security-Policy needs nothing for them.

use leptos::prelude::*;

/// The attribute naming the API path an embedded answer stands for.
pub const API_PATH_ATTRIBUTE: &str = "data-api-path";

/// JSON that reads the same inside `<script>` and needs no HTML escaping: `<`, `>` and `&` only
/// ever appear inside JSON strings, where `\u003c`, `\u003e` and `\u0026` mean the same, so no
/// `</script>` or `<!--` can end the element early, and the renderer's escaping changes nothing.
pub fn script_safe_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// `answers`: (API path, the answer's JSON).
#[component]
pub fn FirstAnswers(answers: Vec<(String, String)>) -> impl IntoView {
    answers
        .into_iter()
        .map(|(path, json)| {
            view! { <script type="application/json" data-api-path=path>{script_safe_json(&json)}</script> }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_its_element_and_reads_the_same() {
        let json = r#"{"headline":"</script><script>alert(1)</script> <!-- & >"}"#;
        let safe = script_safe_json(json);
        assert!(!safe.contains(['<', '>', '&']), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        let original: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(back, original);
    }
}
