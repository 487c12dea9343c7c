//! Presentational components: plain data or signals in, view out. None of them fetch.

pub mod after_next_paint;
pub mod article_card;
pub mod breadcrumbs;
pub mod comment_form;
pub mod comment_list;
pub mod display_settings;
pub mod error_notice;
pub mod search_form;
pub mod section_nav;
pub mod share_control;
pub mod share_options;
pub mod share_preview;
pub mod skeleton;

pub use after_next_paint::AfterNextPaint;
pub use article_card::ArticleCard;
pub use breadcrumbs::Breadcrumbs;
pub use comment_form::CommentForm;
pub use comment_list::{CommentActions, CommentList};
pub use display_settings::DisplaySettings;
pub use error_notice::ErrorNotice;
pub use search_form::SearchForm;
pub use section_nav::SectionNav;
pub use share_control::ShareControl;
pub use share_options::ShareOptions;
pub use share_preview::{SharePreview, SiteOrigin};
pub use skeleton::{ArticleSkeleton, CardsSkeleton};
