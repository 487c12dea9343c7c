//! A `Channel` as Atom 1.0 (RFC 4287), written by atom_syndication.

use atom_syndication::{Category, Content, Entry, Feed, Link, Person, Text};

use super::{Channel, Item};
use crate::error::{AppError, AppResult};

pub fn write(channel: &Channel) -> AppResult<String> {
    let feed = Feed {
        title: Text::plain(channel.title.clone()),
        id: channel.feed_url.clone(),
        updated: channel.updated.fixed(),
        subtitle: Some(Text::plain(channel.description.clone())),
        lang: Some(channel.language.clone()),
        links: vec![
            link(
                "self",
                &channel.feed_url,
                Some(inkuru_api::FeedFormat::Atom.media_type()),
            ),
            link("alternate", &channel.page_url, Some("text/html")),
        ],
        entries: channel.items.iter().map(entry).collect(),
        ..Feed::default()
    };
    let bytes = feed
        .write_to(Vec::new())
        .map_err(|e| AppError::internal(format!("atom feed: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal(format!("atom feed: {e}")))
}

fn link(rel: &str, href: &str, media_type: Option<&str>) -> Link {
    Link {
        href: href.to_owned(),
        rel: rel.to_owned(),
        mime_type: media_type.map(str::to_owned),
        ..Link::default()
    }
}

fn entry(item: &Item) -> Entry {
    let mut links = vec![link("alternate", &item.url, Some("text/html"))];
    if let Some(picture) = &item.image {
        links.push(Link {
            title: (!picture.alt.is_empty()).then(|| picture.alt.clone()),
            ..link("enclosure", &picture.url, Some(picture.media_type))
        });
    }
    Entry {
        title: Text::plain(item.title.clone()),
        id: item.url.clone(),
        updated: item.updated.fixed(),
        published: Some(item.published.fixed()),
        authors: vec![Person {
            name: item.author.clone(),
            uri: item.author_url.clone(),
            ..Person::default()
        }],
        categories: vec![Category {
            term: item.section.clone(),
            ..Category::default()
        }],
        links,
        summary: Some(Text::plain(item.summary.clone())),
        content: item.content_html.as_ref().map(|html| Content {
            value: Some(html.clone()),
            content_type: Some("html".to_owned()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}
