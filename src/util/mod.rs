//! Pure helpers, tested natively.

pub mod dates;
pub mod names;
