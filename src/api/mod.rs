//! The only code that knows URLs, HTTP and status codes. Every outcome becomes a typed `ApiError`.

pub mod articles;
mod client;
pub mod comments;
pub mod desk;
pub mod search;
pub mod sections;
pub mod site;

pub use client::{cancel_page_requests, classify, ApiError};
