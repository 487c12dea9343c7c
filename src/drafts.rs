//! Comment drafts kept in this browser, one per article: what the reader typed (name, email,
//! text) survives a reload, a navigation or a closed tab, and is dropped only when the server has
//! confirmed the comment. Also when the reader started writing, since a comment posted sooner
//! than anyone writes one looks automated (`inkuru_api::comments::MIN_COMPOSE_MS`).

use inkuru_api::{NewComment, Slug};

use crate::storage;

/// What the key of every article's draft starts with (`crate::storage`).
pub const KEY_PREFIX: &str = "inkuru.draft.";

/// The storage key of `slug`'s draft (also read by the start script, `crate::views::Prerendered`).
pub fn key(slug: &Slug) -> String {
    format!("{KEY_PREFIX}{slug}")
}

fn started_key(slug: &Slug) -> String {
    format!("inkuru.draft-started.{slug}")
}

/// The draft saved for this article, if any (a damaged one is ignored, not shown).
pub fn load(slug: &Slug) -> Option<NewComment> {
    storage::get_json(&key(slug))
}

/// Saves the draft as it stands; an empty one is removed rather than kept. The moment the text
/// first has words in it is noted, once.
pub fn save(slug: &Slug, draft: &NewComment) {
    if is_empty(draft) {
        storage::remove(&key(slug));
    } else {
        storage::set_json(&key(slug), draft);
    }
    if draft.body.trim().is_empty() {
        storage::remove(&started_key(slug));
    } else if storage::get(&started_key(slug)).is_none() {
        // Whole milliseconds: formatting and parsing an integer costs the wasm far less than a float.
        storage::set(
            &started_key(slug),
            &(js_sys::Date::now() as u64).to_string(),
        );
    }
}

/// Milliseconds since the reader started writing this article's comment, if known.
pub fn writing_for_ms(slug: &Slug) -> Option<u64> {
    let started: u64 = storage::get(&started_key(slug))?.parse().ok()?;
    Some((js_sys::Date::now() as u64).saturating_sub(started))
}

/// After the server confirmed a comment sent from another page (the outbox): the saved draft's
/// text is dropped if it is that comment's; the name and email stay for the next one.
pub fn forget_sent(slug: &Slug, body: &str) {
    if let Some(mut draft) = load(slug) {
        if is_sent(&draft, body) {
            draft.body.clear();
            draft.parent_id = None;
            save(slug, &draft);
        }
    }
}

/// Whether the draft's text is the comment the server just confirmed.
pub fn is_sent(draft: &NewComment, body: &str) -> bool {
    !body.trim().is_empty() && draft.body.trim() == body.trim()
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

    #[test]
    fn only_the_confirmed_text_is_dropped() {
        let draft = NewComment {
            body: "My view.\n".into(),
            ..NewComment::default()
        };
        assert!(is_sent(&draft, "My view."));
        assert!(!is_sent(&draft, "Another comment written since."));
        assert!(!is_sent(&NewComment::default(), ""));
    }
}
