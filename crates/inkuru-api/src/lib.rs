//! The Inkuru JSON contract, defined once and shared by the SPA (compiled to wasm) and the server.
//!
//! It owns the serde types that travel over `/api`, the validation rules that both sides apply
//! (instant feedback in the browser, authority on the server), and the API paths. It does no I/O and
//! pulls in nothing but serde, so it costs the wasm next to nothing.

pub mod comments;
pub mod content;
pub mod desk;
pub mod error;
pub mod feeds;
pub mod paths;
pub mod search;
pub mod site;
pub mod slug;
pub mod whole;
pub mod widgets;

pub use comments::{Comment, CommentList, CommentStatus, NewComment, PostedComment};
pub use content::{
    Article, ArticlePage, ArticleSummary, Byline, FrontPage, Image, Section, SectionRef,
    SectionStories, SectionTree, Tag,
};
pub use error::{ErrorBody, ErrorCode, FieldErrors};
pub use feeds::{FeedFormat, FeedScope};
pub use search::{Fragment, QueryProblem, SearchHit, SearchResults};
pub use site::{CommentPolicy, FollowLink, Network, ShareSettings, SiteSettings};
pub use slug::{Slug, SlugError};
