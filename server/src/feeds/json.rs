//! A `Channel` as JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>), as serde types.

use serde::Serialize;

use super::{Channel, Item};
use crate::error::{AppError, AppResult};

/// The version URL every JSON Feed 1.1 document starts with.
const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    description: &'a str,
    language: &'a str,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    summary: &'a str,
    /// The spec needs `content_html` or `content_text`: the whole text, or the summary again.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    authors: [Author<'a>; 1],
    tags: [&'a str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    attachments: Option<[Attachment<'a>; 1]>,
}

#[derive(Serialize)]
struct Author<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
}

pub fn write(channel: &Channel) -> AppResult<String> {
    let feed = JsonFeed {
        version: VERSION,
        title: &channel.title,
        home_page_url: &channel.page_url,
        feed_url: &channel.feed_url,
        description: &channel.description,
        language: &channel.language,
        items: channel.items.iter().map(item).collect(),
    };
    serde_json::to_string(&feed).map_err(|e| AppError::internal(format!("json feed: {e}")))
}

fn item(item: &Item) -> JsonItem<'_> {
    JsonItem {
        id: &item.url,
        url: &item.url,
        title: &item.title,
        summary: &item.summary,
        content_html: item.content_html.as_deref(),
        content_text: item.content_html.is_none().then_some(item.summary.as_str()),
        image: item.image.as_ref().map(|picture| picture.url.as_str()),
        date_published: item.published.rfc3339(),
        date_modified: item.updated.rfc3339(),
        authors: [Author {
            name: &item.author,
            url: item.author_url.as_deref(),
        }],
        tags: [&item.section],
        attachments: item.image.as_ref().map(|picture| {
            [Attachment {
                url: &picture.url,
                mime_type: picture.media_type,
                title: &picture.alt,
            }]
        }),
    }
}
