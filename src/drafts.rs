//! Comment drafts kept in this browser, one per article: what the reader typed (name, email,
//! text) survives a reload, a navigation or a closed tab, and is dropped only when the server has
//! confirmed the comment. Stored in localStorage on the reader's own device (no cookie, never
//! sent anywhere); a browser that refuses storage simply keeps the draft for the page's lifetime.

use inkuru_api::{NewComment, Slug};

fn key(slug: &Slug) -> String {
    format!("inkuru.draft.{slug}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The draft saved for this article, if any (a damaged one is ignored, not shown).
pub fn load(slug: &Slug) -> Option<NewComment> {
    let text = storage()?.get_item(&key(slug)).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Saves the draft as it stands; an empty one is removed rather than kept.
pub fn save(slug: &Slug, draft: &NewComment) {
    let Some(storage) = storage() else { return };
    if is_empty(draft) {
        let _ = storage.remove_item(&key(slug));
    } else if let Ok(text) = serde_json::to_string(draft) {
        let _ = storage.set_item(&key(slug), &text);
    }
}

/// Whether there is nothing in the draft worth keeping.
pub fn is_empty(draft: &NewComment) -> bool {
    draft.name.trim().is_empty() && draft.email.trim().is_empty() && draft.body.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_with_any_field_is_worth_keeping() {
        assert!(is_empty(&NewComment::default()));
        let draft = NewComment {
            body: "  half a thought".into(),
            ..NewComment::default()
        };
        assert!(!is_empty(&draft));
        let blank = NewComment {
            name: "   ".into(),
            ..NewComment::default()
        };
        assert!(is_empty(&blank));
    }
}
