//! One page per file. Pages read route parameters, own their resources and actions, and render
//! the loading, error and not-found states.

pub mod article;
pub mod comments;
pub mod desk;
pub mod home;
pub mod not_found;
pub mod saved;
pub mod search;
pub mod section;

pub use article::ArticlePage;
pub use desk::DeskPage;
pub use home::HomePage;
pub use not_found::{NotFound, NotFoundPage};
pub use saved::SavedPage;
pub use search::SearchPage;
pub use section::SectionPage;
