//! A `Channel` as RSS 2.0, written by the rss crate: the byline as `dc:creator` (RSS's own
//! `author` must be an email address), the whole text as `content:encoded`, and the feed's own
//! address as `atom:link rel="self"`, as RSS readers and validators expect.

use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel as RssChannel, Enclosure, Guid, Item as RssItem};

use super::{Channel, Item};
use crate::error::{AppError, AppResult};

pub fn write(channel: &Channel) -> AppResult<String> {
    let rss = RssChannel {
        title: channel.title.clone(),
        link: channel.page_url.clone(),
        description: channel.description.clone(),
        language: Some(channel.language.clone()),
        last_build_date: Some(channel.updated.rfc2822()),
        ttl: Some("15".to_owned()),
        atom_ext: Some(AtomExtension {
            links: vec![Link {
                href: channel.feed_url.clone(),
                rel: "self".to_owned(),
                mime_type: Some(inkuru_api::FeedFormat::Rss.media_type().to_owned()),
                ..Link::default()
            }],
        }),
        items: channel.items.iter().map(item).collect(),
        ..RssChannel::default()
    };
    let bytes = rss
        .write_to(Vec::new())
        .map_err(|e| AppError::internal(format!("rss feed: {e}")))?;
    String::from_utf8(bytes).map_err(|e| AppError::internal(format!("rss feed: {e}")))
}

fn item(item: &Item) -> RssItem {
    RssItem {
        title: Some(item.title.clone()),
        link: Some(item.url.clone()),
        description: Some(item.summary.clone()),
        content: item.content_html.clone(),
        guid: Some(Guid {
            value: item.url.clone(),
            permalink: true,
        }),
        pub_date: Some(item.published.rfc2822()),
        categories: vec![Category {
            name: item.section.clone(),
            domain: None,
        }],
        // RSS requires the enclosure's length in bytes: a picture of unknown size goes without
        // one here (Atom and JSON Feed still carry it).
        enclosure: item.image.as_ref().and_then(|picture| {
            Some(Enclosure {
                url: picture.url.clone(),
                length: picture.length?.to_string(),
                mime_type: picture.media_type.to_owned(),
            })
        }),
        dublin_core_ext: Some(DublinCoreExtension {
            creators: vec![item.author.clone()],
            ..DublinCoreExtension::default()
        }),
        ..RssItem::default()
    }
}
