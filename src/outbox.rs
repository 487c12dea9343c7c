//! The outbox: every comment the reader sent that the server has not confirmed yet, kept in this
//! browser until it has. A comment that could not be delivered for a reason that passes (no
//! network, a server error) waits here, "not sent yet — will retry", and is sent again when the
//! browser comes back online, every little while the page is open, and on the reader's next
//! visit; one the server refused for a reason the reader must act on (too many comments, closed)
//! waits for them to retry, edit or discard it. Each entry keeps its submission key, so however
//! often it is sent, the server stores it once.
//!
//! The app holds an `Outbox` from the start (`Outbox::provide`, cheap: two empty lists); the
//! machinery that restores, stores and sends (`Outbox::start`) is code the first module does not
//! carry: the app starts it from its own chunk when the browser holds comments from an earlier
//! visit (`crate::lazy::start_outbox`), and the comments start it when they load.

use std::time::Duration;

use inkuru_api::{Comment, FieldErrors, NewComment, Slug};
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};

use crate::api::{self, ApiError};
use crate::{author_token, drafts, storage};

/// Where the outbox is kept (`crate::storage`).
pub const KEY: &str = "inkuru.outbox";
/// How often comments that wait are tried again while the page is open and the browser online.
const RETRY_EVERY: Duration = Duration::from_secs(20);
/// How long a comment refused with 429 waits when the server did not say (`Retry-After`).
const RATE_LIMITED_WAIT_S: u32 = 60;

/// Where a comment in the outbox stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Delivery {
    /// On its way now.
    Sending,
    /// Not delivered for a reason that passes (network, server error): sent again automatically.
    Waiting,
    /// Refused for a reason the reader must act on; `reason` says which, in a sentence.
    Refused { reason: String },
}

/// A comment sent and not yet confirmed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// The submission key (`Idempotency-Key`), also this entry's identity.
    pub key: String,
    pub slug: Slug,
    pub comment: NewComment,
    pub delivery: Delivery,
    /// When it may be sent, in ms since the epoch (0: at once): the end of the minimum writing
    /// time for a quick reader, or of the wait a `429` asked for.
    #[serde(default)]
    pub not_before_ms: u64,
}

impl Outgoing {
    fn due(&self, now_ms: f64) -> bool {
        self.not_before_ms as f64 <= now_ms
    }
}

/// What became of one attempt, for the page that made it.
pub enum Outcome {
    /// Stored: published, or held for review.
    Delivered(Comment),
    /// The server found problems with fields; the comment stays in the outbox, refused.
    Invalid(FieldErrors),
    /// Not delivered yet; it will be sent again. The sentence says why.
    NotYet(String),
    /// Refused; the sentence says why.
    Refused(String),
}

/// How an error from the server is treated: whether it passes on its own (a `429` passes too, but
/// after the wait the server asked for: `attempt` handles it).
fn passes(error: &ApiError) -> bool {
    match error {
        ApiError::Network | ApiError::TimedOut | ApiError::Decode(_) => true,
        ApiError::Server { status, .. } => *status >= 500,
        ApiError::NotFound(_) | ApiError::Validation(_) | ApiError::RateLimited(_) => false,
    }
}

/// What the reader is told about a comment the server asked to wait `seconds` for.
fn rate_limited(seconds: u32) -> String {
    format!(
        "Inkuru is taking many comments from here just now; yours goes out by itself in {seconds} seconds."
    )
}

/// Waits until `due_ms` (ms since the epoch); at once if it has passed.
async fn sleep_until(due_ms: u64) {
    let wait = due_ms as f64 - crate::util::dates::now_ms();
    if wait <= 0.0 {
        return;
    }
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                wait.ceil() as i32,
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// The words of a comment, without how long they took: two posts of the same words are one
/// submission.
fn same_words(a: &NewComment, b: &NewComment) -> bool {
    a.name == b.name && a.email == b.email && a.body == b.body && a.parent_id == b.parent_id
}

/// The app's outbox (in context), with the comments it delivered while the app ran.
#[derive(Clone, Copy)]
pub struct Outbox {
    entries: RwSignal<Vec<Outgoing>>,
    delivered: RwSignal<Vec<(Slug, Comment)>>,
    started: RwSignal<bool>,
    /// The app's own reactive owner: what `start` sets up lives as long as the app, wherever it
    /// is started from.
    owner: StoredValue<Owner>,
}

impl Outbox {
    /// An outbox for the app, in context, not started yet.
    pub fn provide() -> Outbox {
        let outbox = Outbox {
            entries: RwSignal::new(Vec::new()),
            delivered: RwSignal::new(Vec::new()),
            started: RwSignal::new(false),
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        provide_context(outbox);
        outbox
    }

    /// Whether this browser holds comments an earlier visit could not deliver.
    pub fn holds_comments() -> bool {
        storage::get(KEY).is_some()
    }

    /// Loads what a previous visit left (anything that was on its way is now waiting), keeps
    /// every change in storage, sends what waits, and sends it again whenever the browser comes
    /// back online and every `RETRY_EVERY`. Once; later calls change nothing.
    pub fn start(self) {
        if self.started.get_untracked() {
            return;
        }
        self.started.set(true);
        let owner = self.owner.get_value();
        owner.with(|| self.run());
    }

    fn run(self) {
        let mut saved: Vec<Outgoing> = storage::get_json(KEY).unwrap_or_default();
        for entry in &mut saved {
            if entry.delivery == Delivery::Sending {
                entry.delivery = Delivery::Waiting;
            }
        }
        let outbox = self;
        outbox.entries.update(|entries| entries.extend(saved));
        Effect::new(move || {
            outbox.entries.with(|entries| {
                if entries.is_empty() {
                    storage::remove(KEY);
                } else {
                    storage::set_json(KEY, entries);
                }
            })
        });
        let online = window_event_listener(leptos::ev::online, move |_| outbox.retry_waiting());
        on_cleanup(move || online.remove());
        if let Ok(timer) = set_interval_with_handle(move || outbox.retry_waiting(), RETRY_EVERY) {
            on_cleanup(move || timer.clear());
        }
        outbox.retry_waiting();
    }

    /// The comments for `slug` still in the outbox, in the order they were sent.
    pub fn on_article(self, slug: Slug) -> Signal<Vec<Outgoing>> {
        Signal::derive(move || {
            self.entries
                .with(|entries| entries.iter().filter(|e| e.slug == slug).cloned().collect())
        })
    }

    /// The comments on `slug` delivered while the app ran.
    pub fn delivered_on(self, slug: Slug) -> Signal<Vec<Comment>> {
        Signal::derive(move || {
            self.delivered.with(|delivered| {
                delivered
                    .iter()
                    .filter(|(on, _)| *on == slug)
                    .map(|(_, comment)| comment.clone())
                    .collect()
            })
        })
    }

    /// Sends `comment` on `slug`, not before `not_before_ms` (ms since the epoch). It is in the
    /// outbox (and the browser's storage) from this moment, so a reload while it waits loses
    /// nothing. The same words already in the outbox are the same submission (same key, so never
    /// a second copy); otherwise a new entry.
    pub async fn send(self, slug: Slug, comment: NewComment, not_before_ms: u64) -> Outcome {
        self.start();
        let existing = self.entries.with_untracked(|entries| {
            entries
                .iter()
                .find(|e| e.slug == slug && same_words(&e.comment, &comment))
                .map(|e| e.key.clone())
        });
        let key = match existing {
            Some(key) => {
                self.update(&key, |entry| {
                    entry.comment = comment.clone();
                    entry.delivery = Delivery::Sending;
                    entry.not_before_ms = not_before_ms;
                });
                key
            }
            None => {
                let key = api::comments::new_submission_key();
                self.entries.update(|entries| {
                    entries.push(Outgoing {
                        key: key.clone(),
                        slug,
                        comment,
                        delivery: Delivery::Sending,
                        not_before_ms,
                    })
                });
                key
            }
        };
        self.attempt(key).await
    }

    /// Sends one entry again now (the reader's "Retry now": no wait is kept).
    pub fn retry(self, key: String) {
        self.update(&key, |entry| {
            entry.delivery = Delivery::Sending;
            entry.not_before_ms = 0;
        });
        spawn_local(async move {
            self.attempt(key).await;
        });
    }

    /// Sends one entry if it still waits and its time has come (several timers may ask for the
    /// same entry: the first finds it waiting and marks it on its way, the others leave it).
    fn send_if_due(self, key: String) {
        let now = crate::util::dates::now_ms();
        let due = self.entries.with_untracked(|entries| {
            entries
                .iter()
                .any(|e| e.key == key && e.delivery == Delivery::Waiting && e.due(now))
        });
        if due {
            self.update(&key, |entry| entry.delivery = Delivery::Sending);
            spawn_local(async move {
                self.attempt(key).await;
            });
        }
    }

    /// Removes an entry the reader no longer wants sent.
    pub fn discard(self, key: &str) {
        self.entries
            .update(|entries| entries.retain(|e| e.key != key));
    }

    /// Sends every waiting entry again (not those on their way, nor those refused), each when its
    /// time has come.
    pub fn retry_waiting(self) {
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        if !online {
            return;
        }
        let now = crate::util::dates::now_ms();
        let waiting: Vec<(String, u64)> = self.entries.with_untracked(|entries| {
            entries
                .iter()
                .filter(|e| e.delivery == Delivery::Waiting)
                .map(|e| (e.key.clone(), e.not_before_ms))
                .collect()
        });
        for (key, not_before_ms) in waiting {
            self.send_at(key, not_before_ms as f64 - now);
        }
    }

    /// Sends the entry `key` in `wait_ms` (at once if that is not positive), if it still waits.
    fn send_at(self, key: String, wait_ms: f64) {
        if wait_ms <= 0.0 {
            self.send_if_due(key);
        } else {
            let wait = Duration::from_millis(wait_ms.ceil() as u64);
            set_timeout(move || self.send_if_due(key), wait);
        }
    }

    fn update(self, key: &str, change: impl FnOnce(&mut Outgoing)) {
        self.entries.update(|entries| {
            if let Some(entry) = entries.iter_mut().find(|e| e.key == key) {
                change(entry);
            }
        });
    }

    async fn attempt(self, key: String) -> Outcome {
        let Some(entry) = self
            .entries
            .with_untracked(|entries| entries.iter().find(|e| e.key == key).cloned())
        else {
            return Outcome::Refused("This comment is no longer waiting to be sent.".into());
        };
        self.update(&key, |entry| entry.delivery = Delivery::Sending);
        // A quick reader's comment waits out the minimum writing time here, already kept.
        sleep_until(entry.not_before_ms).await;
        let token = author_token::load();
        let result =
            api::comments::create(&entry.slug, &entry.comment, &key, token.as_deref()).await;
        match result {
            Ok(posted) => {
                if let Some(token) = &posted.author_token {
                    author_token::keep(token);
                }
                self.discard(&key);
                drafts::forget_sent(&entry.slug, &entry.comment.body);
                self.delivered
                    .update(|d| d.push((entry.slug.clone(), posted.comment.clone())));
                Outcome::Delivered(posted.comment)
            }
            Err(error) if passes(&error) => {
                self.update(&key, |entry| entry.delivery = Delivery::Waiting);
                Outcome::NotYet(error.to_string())
            }
            Err(ApiError::RateLimited(seconds)) => {
                let seconds = seconds.unwrap_or(RATE_LIMITED_WAIT_S);
                let wait_ms = f64::from(seconds) * 1000.0;
                let due = (crate::util::dates::now_ms() + wait_ms) as u64;
                self.update(&key, |entry| {
                    entry.delivery = Delivery::Waiting;
                    entry.not_before_ms = due;
                });
                self.send_at(key, wait_ms);
                Outcome::NotYet(rate_limited(seconds))
            }
            Err(ApiError::Validation(errors)) => {
                let first = ["name", "email", "body", "parent_id"]
                    .into_iter()
                    .find_map(|field| errors.get(field))
                    .unwrap_or("Some fields need attention.")
                    .to_owned();
                self.update(&key, |entry| {
                    entry.delivery = Delivery::Refused {
                        reason: format!("It needs a change first: {first}"),
                    }
                });
                Outcome::Invalid(errors)
            }
            Err(error) => {
                let reason = error.to_string();
                self.update(&key, |entry| {
                    entry.delivery = Delivery::Refused {
                        reason: reason.clone(),
                    }
                });
                Outcome::Refused(reason)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn network_and_server_failures_pass_refusals_do_not() {
        assert!(passes(&ApiError::Network));
        assert!(
            passes(&ApiError::TimedOut),
            "a stalled send goes out again later"
        );
        assert!(passes(&ApiError::Server {
            status: 503,
            message: String::new()
        }));
        assert!(!passes(&ApiError::Server {
            status: 403,
            message: String::new()
        }));
        assert!(!passes(&ApiError::RateLimited(Some(30))));
        assert!(!passes(&ApiError::Validation(FieldErrors::new())));
    }

    #[test]
    fn an_outbox_kept_by_an_earlier_version_still_reads_and_is_due_at_once() {
        let kept = r#"[{"key":"k1","slug":"kigali-jazz","comment":{"name":"Aline","email":"a@b.rw","body":"Yes.","composed_ms":4000},"delivery":"Waiting"}]"#;
        let entries: Vec<Outgoing> = serde_json::from_str(kept).unwrap();
        assert_eq!(entries[0].not_before_ms, 0);
        assert!(entries[0].due(1.0));
        let later = Outgoing {
            not_before_ms: 5_000,
            ..entries[0].clone()
        };
        assert!(!later.due(4_999.0) && later.due(5_000.0));
    }

    #[test]
    fn a_comment_asked_to_wait_says_it_goes_out_by_itself() {
        assert!(rate_limited(42).ends_with("goes out by itself in 42 seconds."));
    }

    #[test]
    fn the_same_words_are_the_same_submission_however_long_they_took() {
        let first = NewComment {
            name: "Aline".into(),
            email: "a@b.rw".into(),
            body: "Yes.".into(),
            composed_ms: 4000,
            ..NewComment::default()
        };
        let again = NewComment {
            composed_ms: 9000,
            ..first.clone()
        };
        assert!(same_words(&first, &again));
        let edited = NewComment {
            body: "Yes!".into(),
            ..first.clone()
        };
        assert!(!same_words(&first, &edited));
    }
}
