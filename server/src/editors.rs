//! `inkuru-server editors …`: who may sign in to the editors' desk (issue 15). Editors are added,
//! listed, removed and given a new password at the server's terminal. A password is read from the
//! terminal without echo (twice, to catch a typo), or as one line of standard input when that is
//! not a terminal (a provisioning script); never from the command line, where it would stay in the
//! shell's history and show in the process list. Only its argon2id hash is kept.

use std::io::{BufRead, IsTerminal};

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::config::EditorAction;
use crate::db::{self, Db};

/// The shortest password an editor may have, in characters: the desk publishes and deletes what
/// readers write, so its passwords are long rather than clever.
pub const MIN_PASSWORD_CHARS: usize = 12;
/// The longest, in bytes: enough for any passphrase, and a bound on the hashing work one sign-in
/// can ask for.
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// The longest editor name, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// Why `name` cannot be an editor's name, if it cannot: 1 to 60 letters, digits, `.`, `-` or `_`,
/// so a name reads the same in a log line, the audit log and a shell.
pub fn name_problem(name: &str) -> Option<String> {
    let length = name.chars().count();
    if length == 0 || length > MAX_NAME_CHARS {
        return Some(format!(
            "an editor's name has 1 to {MAX_NAME_CHARS} characters."
        ));
    }
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '.' | '-' | '_');
    (!name.chars().all(allowed)).then(|| {
        "an editor's name has only letters, digits, '.', '-' and '_' (no spaces).".to_owned()
    })
}

/// Why `password` cannot be an editor's password, if it cannot.
pub fn password_problem(password: &str) -> Option<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Some(format!(
            "the password must have at least {MIN_PASSWORD_CHARS} characters."
        ));
    }
    (password.len() > MAX_PASSWORD_BYTES)
        .then(|| format!("the password must have at most {MAX_PASSWORD_BYTES} bytes."))
}

/// The argon2id hash of `password` with a fresh random salt, as a PHC string (the crate's default
/// parameters: 19 MiB, 2 passes, 1 lane, as OWASP recommends for argon2id).
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| format!("the password could not be hashed: {e}"))
}

/// Whether `password` is the one `hash` (a PHC string) was made from. A damaged hash matches
/// nothing.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash no password matches, checked when a sign-in names no editor, so that refusal takes as
/// long as a wrong password's (made once per process, with the same parameters as real ones).
pub fn stand_in_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        let mut secret = [0_u8; 32];
        let _ = getrandom::fill(&mut secret);
        hash_password(&String::from_utf8_lossy(&secret)).unwrap_or_default()
    })
}

/// Reads a new password for `name`: twice without echo at a terminal, else one line of standard
/// input (its line ending removed).
pub fn read_new_password(name: &str) -> Result<String, String> {
    let failed = |e: std::io::Error| format!("the password could not be read: {e}");
    if std::io::stdin().is_terminal() {
        let first =
            rpassword::prompt_password(format!("New password for {name}: ")).map_err(failed)?;
        let again = rpassword::prompt_password("The same password again: ").map_err(failed)?;
        if first != again {
            return Err("the two passwords differ; nothing was changed.".to_owned());
        }
        return Ok(first);
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(failed)?;
    Ok(line.trim_end_matches(['\n', '\r']).to_owned())
}

/// Carries out `action` and says what happened, or why it could not. `new_password` is asked for
/// the password of an editor being added or reset (`read_new_password` at a real terminal).
pub async fn run(
    db: &Db,
    action: EditorAction,
    new_password: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, String> {
    let failed = |e: crate::error::AppError| format!("the database refused: {e:?}");
    match action {
        EditorAction::List => {
            let editors = db::editors::list(db).await.map_err(failed)?;
            if editors.is_empty() {
                return Ok("No editors yet. Add one with `editors add NAME`.\n".to_owned());
            }
            Ok(editors
                .iter()
                .map(|editor| format!("{}  (since {})\n", editor.name, editor.created_at))
                .collect())
        }
        EditorAction::Add { name } => {
            let hash = checked_hash(&name, new_password)?;
            match db::editors::add(db, &name, &hash).await.map_err(failed)? {
                true => Ok(format!("{name} can now sign in to the desk.\n")),
                false => Err(format!(
                    "an editor called {name} already exists (`editors reset-password {name}` gives them a new password)."
                )),
            }
        }
        EditorAction::Remove { name } => {
            match db::editors::remove(db, &name).await.map_err(failed)? {
                true => Ok(format!("{name} can no longer sign in.\n")),
                false => Err(format!("no editor is called {name}.")),
            }
        }
        EditorAction::ResetPassword { name } => {
            if db::editors::password_hash(db, &name)
                .await
                .map_err(failed)?
                .is_none()
            {
                return Err(format!("no editor is called {name}."));
            }
            let hash = checked_hash(&name, new_password)?;
            match db::editors::set_password_hash(db, &name, &hash)
                .await
                .map_err(failed)?
            {
                true => Ok(format!("{name} has a new password.\n")),
                false => Err(format!("no editor is called {name}.")),
            }
        }
    }
}

/// The hash of a new password for `name`, once both the name and the password are acceptable.
fn checked_hash(
    name: &str,
    new_password: impl FnOnce(&str) -> Result<String, String>,
) -> Result<String, String> {
    if let Some(problem) = name_problem(name) {
        return Err(problem);
    }
    let password = new_password(name)?;
    if let Some(problem) = password_problem(&password) {
        return Err(problem);
    }
    hash_password(&password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_plain_words() {
        assert_eq!(name_problem("aline.uwase"), None);
        assert_eq!(name_problem("Désiré_2"), None);
        assert!(name_problem("").is_some());
        assert!(name_problem("two words").is_some());
        assert!(name_problem("a;rm").is_some());
        assert!(name_problem(&"a".repeat(MAX_NAME_CHARS + 1)).is_some());
    }

    #[test]
    fn passwords_are_long_and_bounded() {
        assert!(password_problem("short one").is_some());
        assert_eq!(password_problem("twelve chars"), None);
        assert!(password_problem(&"x".repeat(MAX_PASSWORD_BYTES + 1)).is_some());
    }

    #[test]
    fn a_hash_verifies_its_password_only_and_never_contains_it() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains("correct horse battery"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("correct horse battery", "not a hash"));
        // A fresh salt each time.
        assert_ne!(hash, hash_password("correct horse battery").unwrap());
    }
}
