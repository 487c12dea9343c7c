//! `inkuru-server editors …` (issue 15): editors added, listed, given a new password and removed
//! at the terminal, their passwords read from standard input and kept only as argon2id hashes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use inkuru_server::db::{self, Location};
use inkuru_server::editors::verify_password;

/// Runs `inkuru-server editors ARGS` on `location`, with `input` on standard input.
fn editors(location: &Location, args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_inkuru-server"))
        .args(common::database_args(location))
        .arg("editors")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn editors_are_added_listed_reset_and_removed_with_hashed_passwords() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, location) = common::fresh_db(dir.path()).await;
    let password = "a long enough passphrase";

    let listed = editors(&location, &["list"], "");
    assert!(listed.status.success(), "{}", text(&listed));
    assert!(
        text(&listed).contains("No editors yet"),
        "{}",
        text(&listed)
    );

    let added = editors(&location, &["add", "aline"], &format!("{password}\n"));
    assert!(added.status.success(), "{}", text(&added));
    assert!(
        text(&added).contains("aline can now sign in"),
        "{}",
        text(&added)
    );
    assert!(!text(&added).contains(password));
    let (_, hash) = db::editors::password_hash(&pool, "aline")
        .await
        .unwrap()
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(password));
    assert!(verify_password(password, &hash));

    let again = editors(&location, &["add", "aline"], &format!("{password}\n"));
    assert!(!again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));

    let listed = editors(&location, &["list"], "");
    assert!(
        text(&listed).starts_with("aline  (since "),
        "{}",
        text(&listed)
    );

    let reset = editors(
        &location,
        &["reset-password", "aline"],
        "another long passphrase\r\n",
    );
    assert!(reset.status.success(), "{}", text(&reset));
    let (_, new_hash) = db::editors::password_hash(&pool, "aline")
        .await
        .unwrap()
        .unwrap();
    assert!(verify_password("another long passphrase", &new_hash));
    assert!(!verify_password(password, &new_hash));

    let removed = editors(&location, &["remove", "aline"], "");
    assert!(removed.status.success(), "{}", text(&removed));
    assert!(db::editors::password_hash(&pool, "aline")
        .await
        .unwrap()
        .is_none());
    let gone = editors(&location, &["remove", "aline"], "");
    assert!(!gone.status.success());
    assert!(
        text(&gone).contains("no editor is called aline"),
        "{}",
        text(&gone)
    );
}

#[tokio::test]
async fn bad_names_and_short_passwords_are_refused_and_a_password_is_never_an_argument() {
    let dir = tempfile::tempdir().unwrap();
    let (pool, location) = common::fresh_db(dir.path()).await;

    let short = editors(&location, &["add", "aline"], "too short\n");
    assert!(!short.status.success());
    assert!(
        text(&short).contains("at least 12 characters"),
        "{}",
        text(&short)
    );

    let spaced = editors(
        &location,
        &["add", "two words"],
        "a long enough passphrase\n",
    );
    assert!(!spaced.status.success());
    assert!(text(&spaced).contains("no spaces"), "{}", text(&spaced));

    let argument = editors(&location, &["add", "aline", "a long enough passphrase"], "");
    assert!(!argument.status.success(), "{}", text(&argument));
    assert!(db::editors::list(&pool).await.unwrap().is_empty());

    let nobody = editors(
        &location,
        &["reset-password", "nobody"],
        "a long enough passphrase\n",
    );
    assert!(!nobody.status.success());
    assert!(
        text(&nobody).contains("no editor is called nobody"),
        "{}",
        text(&nobody)
    );
}
