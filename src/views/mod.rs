//! Page bodies and page heads written once, for both renderers: the browser draws them when the
//! reader moves through the app, and the server (`crate::ssr`) writes them into the HTML it serves
//! for a page URL. Plain data in, markup out: nothing here touches `window`, storage or the clock,
//! so the server can run every line of it.

pub mod article;
pub mod first_answers;
pub mod frame;
pub mod front_page;
pub mod head;
pub mod prerendered;
pub mod section;
pub mod widgets;

pub use article::ArticleView;
pub use first_answers::FirstAnswers;
pub use frame::{SectionNavPlaceholder, SiteFooter, SiteHeader};
pub use front_page::FrontPageView;
pub use head::{ArticleHead, DeskHead, HomeHead, SavedHead, SearchHead, SectionHead};
pub use prerendered::Prerendered;
pub use section::{SectionContent, SectionPageView};
pub use widgets::{
    ArticleEmbed, HeadlinesSnippet, HeadlinesWidget, OEmbedMarkup, StorySource, WidgetHead,
};
