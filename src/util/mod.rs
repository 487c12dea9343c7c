//! Pure helpers, tested natively.

pub mod dates;
pub mod links;
pub mod names;
pub mod share;
pub mod threads;
