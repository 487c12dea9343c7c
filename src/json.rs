//! JSON text to and from the app's own types, in one place (API answers, the answers the server
//! embeds in a page, what the reader's device keeps, the JSON-LD in an article's head).
//!
//! In the browser the browser's own parser and writer (`JSON.parse`, `JSON.stringify`) do the text
//! work and serde-wasm-bindgen maps between the resulting JavaScript values and Rust types, so the
//! wasm carries no JSON parser of its own (serde_json's was the largest part of the first module
//! that only the start's two answers needed). The server's renderer and the native unit tests use
//! serde_json. Both sides read and write the same JSON, so an answer means the same on each.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Reads `text` as a `T`; a description of what was wrong otherwise (never a panic).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    imp::from_str(text)
}

/// Writes `value` as JSON text (objects as plain objects, `None` as `null`).
pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
    imp::to_string(value)
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use wasm_bindgen::{JsCast, JsValue};

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        let value = js_sys::JSON::parse(text).map_err(|error| describe(&error))?;
        serde_wasm_bindgen::from_value(value).map_err(|error| error.to_string())
    }

    pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
        // `json_compatible`: maps become plain objects (not `Map`s, which JSON.stringify writes as
        // `{}`) and `None` becomes `null`, as serde_json writes them.
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = value
            .serialize(&serializer)
            .map_err(|error| error.to_string())?;
        let text = js_sys::JSON::stringify(&value).map_err(|error| describe(&error))?;
        Ok(text.into())
    }

    /// The message of the exception JSON.parse or JSON.stringify threw.
    fn describe(error: &JsValue) -> String {
        error
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "not JSON".to_owned(), |error| error.message().into())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use serde::de::DeserializeOwned;
    use serde::Serialize;

    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }

    pub fn to_string<T: Serialize>(value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|error| error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use inkuru_api::{ErrorBody, ErrorCode};

    #[test]
    fn reads_what_it_writes() {
        let body = ErrorBody::new(ErrorCode::NotFound, "No such article.");
        let text = to_string(&body).unwrap();
        assert_eq!(from_str::<ErrorBody>(&text).unwrap(), body);
    }

    #[test]
    fn damaged_text_is_an_error_not_a_panic() {
        assert!(from_str::<ErrorBody>("{\"code\":").is_err());
        assert!(from_str::<ErrorBody>("[1, 2]").is_err());
    }
}
