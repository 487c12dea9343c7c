//! A small fetch client over gloo-net: GET and POST JSON, and one mapping from HTTP outcomes to
//! `ApiError` (unit-tested natively, since it is pure).

use std::cell::{Cell, RefCell};
use std::fmt;

use inkuru_api::{ErrorBody, ErrorCode, FieldErrors};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Every way an API call can fail, in terms the UI can act on.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, server down, aborted).
    Network,
    /// The answer did not arrive, whole, within `DEADLINE_MS`: the request was given up.
    TimedOut,
    /// 404: the thing asked for does not exist.
    NotFound(String),
    /// 422: the server refused the input; messages per field.
    Validation(FieldErrors),
    /// 429: too many requests; seconds to wait if the server said.
    RateLimited(Option<u32>),
    /// Any other failure status, with the server's message when it sent one.
    Server { status: u16, message: String },
    /// The answer was not what the contract promises.
    Decode(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network => {
                f.write_str("We could not reach Inkuru. Check your connection and try again.")
            }
            ApiError::TimedOut => {
                f.write_str("Inkuru is taking too long to answer. Please try again.")
            }
            ApiError::NotFound(message) => f.write_str(message),
            ApiError::Validation(_) => f.write_str("Some fields need attention."),
            ApiError::RateLimited(Some(seconds)) => {
                write!(
                    f,
                    "Too many requests. Please wait {seconds} seconds and try again."
                )
            }
            ApiError::RateLimited(None) => {
                f.write_str("Too many requests. Please wait a moment and try again.")
            }
            ApiError::Server { message, .. } => f.write_str(message),
            ApiError::Decode(_) => f.write_str(
                "Inkuru sent an answer this page could not read. Reloading usually fixes it.",
            ),
        }
    }
}

/// Maps a non-2xx answer (status, body text, Retry-After) to an `ApiError`.
pub fn classify(status: u16, body: &str, retry_after: Option<&str>) -> ApiError {
    let parsed: Option<ErrorBody> = crate::json::from_str(body).ok();
    let message = parsed.as_ref().map(|b| b.message.clone());
    match status {
        404 => ApiError::NotFound(
            message.unwrap_or_else(|| "Nothing was found at this address.".into()),
        ),
        422 => match parsed {
            Some(ErrorBody {
                code: ErrorCode::Validation,
                fields,
                ..
            }) => ApiError::Validation(fields),
            _ => ApiError::Validation(FieldErrors::new()),
        },
        429 => ApiError::RateLimited(retry_after.and_then(|v| v.trim().parse().ok())),
        _ => ApiError::Server {
            status,
            message: message.unwrap_or_else(|| {
                format!("Inkuru could not answer just now (error {status}). Please try again.")
            }),
        },
    }
}

/// The answer the server embedded for `path` in the page it served (`crate::views::FirstAnswers`:
/// one `<script type="application/json" data-api-path="…">` per answer). Each is used once, by the first
/// request of that path, which then needs no round trip; later requests (navigation, Retry) go to
/// the network for fresh data.
#[cfg(target_arch = "wasm32")]
fn take_embedded(path: &str) -> Option<String> {
    let elements = leptos::prelude::document()
        .query_selector_all("script[data-api-path]")
        .ok()?;
    (0..elements.length())
        .filter_map(|i| elements.item(i))
        .find_map(|node| {
            use wasm_bindgen::JsCast;
            let element = node.dyn_into::<web_sys::Element>().ok()?;
            if element.get_attribute("data-api-path").as_deref() != Some(path) {
                return None;
            }
            element.remove();
            element.text_content()
        })
}

#[cfg(not(target_arch = "wasm32"))]
fn take_embedded(_path: &str) -> Option<String> {
    None
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    crate::json::from_str(text).map_err(ApiError::Decode)
}

/// How long a request may take, its whole answer included, before the app gives up on it and says
/// so: a stalled server or network must not leave a page on its placeholder for good.
const DEADLINE_MS: u32 = 15_000;

/// The signal a request runs under: aborted once `DEADLINE_MS` has passed (`deadline`), or sooner
/// by `cancel` (the page's own controller) when there is one.
fn request_signal(
    deadline: &web_sys::AbortSignal,
    cancel: Option<&web_sys::AbortController>,
) -> web_sys::AbortSignal {
    match cancel {
        Some(controller) => {
            web_sys::AbortSignal::any(&js_sys::Array::of2(deadline, &controller.signal()))
        }
        None => deadline.clone(),
    }
}

/// What a request that got no (whole) answer stands for.
fn unanswered(deadline: &web_sys::AbortSignal) -> ApiError {
    if deadline.aborted() {
        ApiError::TimedOut
    } else {
        ApiError::Network
    }
}

/// The body of a 2xx answer, or the failure it stands for. Not generic: one copy in the wasm
/// however many types the answers decode to (only `decode` is per type).
async fn answer_text(
    response: gloo_net::http::Response,
    deadline: &web_sys::AbortSignal,
) -> Result<String, ApiError> {
    let status = response.status();
    let retry_after = response.headers().get("retry-after");
    let text = response.text().await.map_err(|_| unanswered(deadline))?;
    if (200..300).contains(&status) {
        Ok(text)
    } else {
        Err(classify(status, &text, retry_after.as_deref()))
    }
}

thread_local! {
    /// Requests made for the page on screen, so leaving the page can cancel them.
    static PAGE_REQUESTS: RefCell<Vec<(u64, web_sys::AbortController)>> = const { RefCell::new(Vec::new()) };
    static NEXT_REQUEST: Cell<u64> = const { Cell::new(0) };
}

/// Cancels every GET made for the page being left (its answers would only be thrown away); what the
/// whole app shares and anything the reader sent (comments) are left alone.
pub fn cancel_page_requests() {
    let pending = PAGE_REQUESTS.with(|requests| std::mem::take(&mut *requests.borrow_mut()));
    for (_, controller) in pending {
        controller.abort();
    }
}

/// GET `path` for the page on screen and decode the JSON answer; cancelled if the reader leaves.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    fetch_json(path, true, None).await
}

/// `get_json` with an `Authorization` header: the answer is the reader's own, so no answer the
/// server embedded in the page (written for everyone) stands in for it.
pub async fn get_json_authorized<T: DeserializeOwned>(
    path: &str,
    authorization: &str,
) -> Result<T, ApiError> {
    fetch_json(path, true, Some(authorization)).await
}

/// GET `path` for the whole app (the section tree, the site settings): never cancelled by a page
/// change, since every page needs it.
pub async fn get_json_for_app<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    fetch_json(path, false, None).await
}

async fn fetch_json<T: DeserializeOwned>(
    path: &str,
    for_page: bool,
    authorization: Option<&str>,
) -> Result<T, ApiError> {
    if authorization.is_none() {
        if let Some(answer) = take_embedded(path) {
            // An embedded answer of the wrong shape is ignored: the network is asked instead.
            if let Ok(value) = decode(&answer) {
                return Ok(value);
            }
        }
    }
    decode(&fetch_text(path, for_page, authorization).await?)
}

/// GET `path` and return the answer's text (not generic, like `answer_text`).
async fn fetch_text(
    path: &str,
    for_page: bool,
    authorization: Option<&str>,
) -> Result<String, ApiError> {
    let controller = for_page
        .then(|| web_sys::AbortController::new().ok())
        .flatten();
    let id = NEXT_REQUEST.with(|next| next.replace(next.get() + 1));
    let deadline = web_sys::AbortSignal::timeout_with_u32(DEADLINE_MS);
    let mut request = gloo_net::http::Request::get(path)
        .header("accept", "application/json")
        .abort_signal(Some(&request_signal(&deadline, controller.as_ref())));
    if let Some(authorization) = authorization {
        request = request.header("authorization", authorization);
    }
    if let Some(controller) = &controller {
        PAGE_REQUESTS.with(|requests| requests.borrow_mut().push((id, controller.clone())));
    }
    let sent = request.send().await;
    let text = match sent {
        Ok(response) => answer_text(response, &deadline).await,
        Err(_) => Err(unanswered(&deadline)),
    };
    PAGE_REQUESTS.with(|requests| requests.borrow_mut().retain(|(other, _)| *other != id));
    text
}

/// GET `path` from the network for the page on screen (cancelled if the reader leaves): for
/// answers that are the visitor's own (the desk's), which no answer embedded in the page, written
/// for everyone, may stand in for.
pub async fn get_json_own<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(&fetch_text(path, true, None).await?)
}

/// POST `body` as JSON to `path` and decode the JSON answer. `submission` names this submission
/// (`Idempotency-Key`), so the server stores it once however often it is sent.
pub async fn post_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    body: &B,
    submission: Option<&str>,
    authorization: Option<&str>,
) -> Result<T, ApiError> {
    let body = crate::json::to_string(body).map_err(ApiError::Decode)?;
    let sent = Sent {
        method: Method::POST,
        path,
        body: Some(body),
        submission,
        authorization,
    };
    decode(&sent.answer().await?)
}

/// `method` (PUT, POST, DELETE) to `path` with `body` as JSON, if any: the answer's text (empty
/// for a 204).
pub async fn send_json<B: Serialize>(
    method: Method,
    path: &str,
    body: Option<&B>,
) -> Result<String, ApiError> {
    let body = match body {
        Some(body) => Some(crate::json::to_string(body).map_err(ApiError::Decode)?),
        None => None,
    };
    let sent = Sent {
        method,
        path,
        body,
        submission: None,
        authorization: None,
    };
    sent.answer().await
}

/// The JSON answer `text` as a `T`.
pub fn decode_answer<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    decode(text)
}

pub use gloo_net::http::Method;

/// A request that changes something, as sent.
struct Sent<'a> {
    method: Method,
    path: &'a str,
    /// JSON text.
    body: Option<String>,
    submission: Option<&'a str>,
    authorization: Option<&'a str>,
}

impl Sent<'_> {
    /// Sends the request and returns the answer's text (not generic, like `answer_text`).
    async fn answer(self) -> Result<String, ApiError> {
        let deadline = web_sys::AbortSignal::timeout_with_u32(DEADLINE_MS);
        let mut request = gloo_net::http::RequestBuilder::new(self.path)
            .method(self.method)
            .header("accept", "application/json")
            .abort_signal(Some(&deadline));
        if let Some(key) = self.submission {
            request = request.header(inkuru_api::comments::IDEMPOTENCY_HEADER, key);
        }
        if let Some(authorization) = self.authorization {
            request = request.header("authorization", authorization);
        }
        let request = match self.body {
            Some(body) => request
                .header("content-type", "application/json")
                .body(body),
            None => request.build(),
        };
        let response = request
            .map_err(|e| ApiError::Decode(e.to_string()))?
            .send()
            .await
            .map_err(|_| unanswered(&deadline))?;
        answer_text(response, &deadline).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_errors_keep_their_fields() {
        let body = r#"{"code":"validation","message":"Some fields need attention.","fields":{"name":"Please enter your name."}}"#;
        match classify(422, body, None) {
            ApiError::Validation(fields) => {
                assert_eq!(fields.get("name"), Some("Please enter your name."))
            }
            other => panic!("expected validation, got {other:?}"),
        }
    }

    #[test]
    fn not_found_uses_the_server_message() {
        let body = r#"{"code":"not_found","message":"No article has this address."}"#;
        assert_eq!(
            classify(404, body, None),
            ApiError::NotFound("No article has this address.".into())
        );
        assert!(matches!(
            classify(404, "<html>", None),
            ApiError::NotFound(_)
        ));
    }

    #[test]
    fn rate_limit_reads_retry_after() {
        assert_eq!(
            classify(429, "", Some("30")),
            ApiError::RateLimited(Some(30))
        );
        assert_eq!(classify(429, "", Some("soon")), ApiError::RateLimited(None));
        assert!(ApiError::RateLimited(Some(30))
            .to_string()
            .contains("30 seconds"));
    }

    #[test]
    fn a_bare_server_error_still_gets_a_sentence() {
        let error = classify(502, "Bad Gateway", None);
        assert_eq!(
            error,
            ApiError::Server {
                status: 502,
                message: "Inkuru could not answer just now (error 502). Please try again.".into()
            }
        );
        let internal = classify(
            500,
            r#"{"code":"internal","message":"Something went wrong on our side."}"#,
            None,
        );
        assert_eq!(internal.to_string(), "Something went wrong on our side.");
    }

    #[test]
    fn decode_refuses_an_answer_of_the_wrong_shape() {
        let result: Result<inkuru_api::SectionTree, _> = decode(r#"{"sections": 3}"#);
        assert!(matches!(result, Err(ApiError::Decode(_))));
    }
}
