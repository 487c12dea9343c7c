//! The browser's localStorage: what the reader's own device keeps for them (comment drafts, the
//! outbox, their author token). Never sent anywhere, no cookie. A browser that refuses storage
//! (private mode, a full disk) simply keeps nothing beyond the page's lifetime.

use serde::de::DeserializeOwned;
use serde::Serialize;

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether the browser lets this page keep anything (it may refuse in a frame on another site's
/// page, in private modes, or with a full disk): a test write says.
pub fn is_available() -> bool {
    const PROBE: &str = "inkuru.storage-probe";
    let Some(storage) = storage() else {
        return false;
    };
    let written = storage.set_item(PROBE, "1").is_ok();
    let _ = storage.remove_item(PROBE);
    written
}

/// The text kept under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Keeps `value` under `key` (silently nothing when storage is refused).
pub fn set(key: &str, value: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// The value kept under `key`; a damaged one reads as absent rather than failing the page.
pub fn get_json<T: DeserializeOwned>(key: &str) -> Option<T> {
    crate::json::from_str(&get(key)?).ok()
}

pub fn set_json<T: Serialize>(key: &str, value: &T) {
    if let Ok(text) = crate::json::to_string(value) {
        set(key, &text);
    }
}
