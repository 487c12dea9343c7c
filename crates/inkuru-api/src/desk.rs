//! The editors' desk (issue 15): signing in and out. Editors are added at the server's terminal
//! (`inkuru-server editors add NAME`); the desk signs them in with a name and password and keeps
//! them signed in with a session cookie the server checks on every desk request.

use serde::{Deserialize, Serialize};

/// The session cookie's name: `HttpOnly`, `SameSite=Strict`, `Path=/`, `Secure` over https.
pub const SESSION_COOKIE: &str = "inkuru_desk";

/// POST `paths::DESK_SESSION`: sign in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SignIn {
    pub name: String,
    pub password: String,
}

/// The editor a session belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SignedIn {
    pub name: String,
}
