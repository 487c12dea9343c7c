//! Site settings: the site's name, its "Follow us" links, which share buttons are on, the comment
//! policy and the languages it publishes in. One object, set by the newsroom, read by every page.

use serde::{Deserialize, Serialize};

use crate::content::Image;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SiteSettings {
    /// Not only whitespace.
    #[cfg_attr(
        feature = "utoipa",
        schema(
            pattern = "[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]"
        )
    )]
    pub name: String,
    pub tagline: String,
    /// Same-origin picture of the masthead; the wordmark is text when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<Image>,
    /// "Follow us" links, in display order.
    #[cfg_attr(feature = "utoipa", schema(schema_with = openapi::follow_links))]
    pub follow: Vec<FollowLink>,
    pub share: ShareSettings,
    pub comments: CommentPolicy,
    /// BCP 47 tags (`en`, `rw`, `fr`), the site's main language first; at least one.
    #[cfg_attr(feature = "utoipa", schema(schema_with = openapi::languages))]
    pub languages: Vec<String>,
    /// Whether the feeds carry each story's whole (sanitised) text, or only its standfirst and a
    /// link (the default: readers come to the site for the rest).
    #[serde(default)]
    pub feeds_full_content: bool,
    /// Origins (`https://partner.example`) whose pages may embed the site's widgets and read its
    /// API from the browser: they drive the embed pages' `frame-ancestors` and the API's CORS.
    #[serde(default)]
    #[cfg_attr(feature = "utoipa", schema(schema_with = openapi::partner_origins))]
    pub partner_origins: Vec<String>,
}

/// Where readers can follow the site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct FollowLink {
    pub network: Network,
    /// An `https://` address (`mailto:` for email).
    pub url: String,
}

/// Networks a site can be followed on or shared to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Network {
    Facebook,
    X,
    Instagram,
    Youtube,
    Tiktok,
    Linkedin,
    Whatsapp,
    Telegram,
    Mastodon,
    Email,
    Rss,
}

impl Network {
    pub const ALL: [Network; 11] = [
        Network::Facebook,
        Network::X,
        Network::Instagram,
        Network::Youtube,
        Network::Tiktok,
        Network::Linkedin,
        Network::Whatsapp,
        Network::Telegram,
        Network::Mastodon,
        Network::Email,
        Network::Rss,
    ];

    /// Whether a link can be shared there, so it can have a share button (Instagram, YouTube,
    /// TikTok and RSS have no page that takes one).
    pub fn takes_shared_links(self) -> bool {
        !matches!(
            self,
            Network::Instagram | Network::Youtube | Network::Tiktok | Network::Rss
        )
    }

    /// Its name in JSON (`snake_case`, as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            Network::Facebook => "facebook",
            Network::X => "x",
            Network::Instagram => "instagram",
            Network::Youtube => "youtube",
            Network::Tiktok => "tiktok",
            Network::Linkedin => "linkedin",
            Network::Whatsapp => "whatsapp",
            Network::Telegram => "telegram",
            Network::Mastodon => "mastodon",
            Network::Email => "email",
            Network::Rss => "rss",
        }
    }

    /// The name readers know it by.
    pub fn label(self) -> &'static str {
        match self {
            Network::Facebook => "Facebook",
            Network::X => "X",
            Network::Instagram => "Instagram",
            Network::Youtube => "YouTube",
            Network::Tiktok => "TikTok",
            Network::Linkedin => "LinkedIn",
            Network::Whatsapp => "WhatsApp",
            Network::Telegram => "Telegram",
            Network::Mastodon => "Mastodon",
            Network::Email => "Email",
            Network::Rss => "RSS",
        }
    }
}

/// Share buttons: off entirely, or on with these networks (the reader's own share sheet and
/// "Copy link" are always offered when sharing is on).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ShareSettings {
    pub enabled: bool,
    /// Networks that take shared links only (`Network::takes_shared_links`).
    #[cfg_attr(feature = "utoipa", schema(schema_with = openapi::share_networks))]
    pub networks: Vec<Network>,
}

/// What happens to a reader's comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommentPolicy {
    /// Published at once.
    Open,
    /// Held until an editor approves it.
    Moderated,
    /// No new comments.
    Closed,
}

impl SiteSettings {
    /// Every problem with these settings, as sentences an editor can act on (empty when sound).
    pub fn problems(&self) -> Vec<String> {
        self.problems_by_field()
            .into_iter()
            .map(|(_, problem)| problem)
            .collect()
    }

    /// The same problems by the field they are about (`name`, `follow`, `share`, `languages`,
    /// `partner_origins`), as the desk shows them next to each field.
    pub fn field_errors(&self) -> crate::FieldErrors {
        let mut errors = crate::FieldErrors::new();
        for (field, problem) in self.problems_by_field() {
            // Every problem of a field, in order: a list of links can have several wrong ones.
            errors
                .0
                .entry(field.to_owned())
                .and_modify(|before| {
                    before.push(' ');
                    before.push_str(&problem);
                })
                .or_insert(problem);
        }
        errors
    }

    fn problems_by_field(&self) -> Vec<(&'static str, String)> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(("name", "The site needs a name.".to_owned()));
        }
        for link in &self.follow {
            let allowed = match link.network {
                Network::Email => link.url.starts_with("mailto:"),
                _ => link.url.starts_with("https://"),
            };
            if !allowed || link.url.chars().any(char::is_whitespace) {
                problems.push((
                    "follow",
                    format!(
                        "The {} link must be a full {} address without spaces: {}",
                        link.network.label(),
                        if link.network == Network::Email {
                            "mailto:"
                        } else {
                            "https://"
                        },
                        link.url
                    ),
                ));
            }
        }
        for network in &self.share.networks {
            if !network.takes_shared_links() {
                problems.push((
                    "share",
                    format!(
                        "{} has no share button: links cannot be shared there.",
                        network.label()
                    ),
                ));
            }
        }
        if self.languages.is_empty() {
            problems.push((
                "languages",
                "List at least one language (a BCP 47 tag such as en).".to_owned(),
            ));
        }
        for tag in &self.languages {
            let sound = !tag.is_empty()
                && tag.len() <= 35
                && tag.split('-').all(|part| {
                    (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
                });
            if !sound {
                problems.push((
                    "languages",
                    format!("\"{tag}\" is not a language tag (such as en or rw-RW)."),
                ));
            }
        }
        problems.extend(
            self.partner_origins
                .iter()
                .filter_map(|origin| crate::widgets::partner_origin_problem(origin))
                .map(|problem| ("partner_origins", problem)),
        );
        problems
    }

    /// Whether a page at `origin` (a request's `Origin` header) may embed the widgets.
    pub fn is_partner(&self, origin: &str) -> bool {
        self.partner_origins.iter().any(|partner| partner == origin)
    }
}

/// The settings' rules as the OpenAPI document states them, where a field attribute cannot: the
/// same rules `SiteSettings::problems_by_field` applies ("whitespace" is what `char::is_whitespace`
/// matches), held together with the server by schemathesis in `cargo xtask test`.
#[cfg(feature = "utoipa")]
mod openapi {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Type};

    use super::Network;

    /// A string matching `pattern`.
    fn text(pattern: &str) -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(pattern))
    }

    /// One of `networks`, by its JSON name.
    fn network_of(networks: impl Iterator<Item = Network>) -> ObjectBuilder {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .enum_values(Some(networks.map(Network::as_str)))
    }

    /// A "Follow us" link: `mailto:` for Email, `https://` for the others; no whitespace.
    fn follow_link(email: bool) -> ObjectBuilder {
        let (networks, url) = if email {
            (vec![Network::Email], "^mailto:[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$")
        } else {
            let others = Network::ALL.into_iter().filter(|n| *n != Network::Email);
            (others.collect(), "^https://[^\\t\\n\\x0b\\x0c\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$")
        };
        ObjectBuilder::new()
            .property("network", network_of(networks.into_iter()))
            .required("network")
            .property("url", text(url))
            .required("url")
    }

    pub fn follow_links() -> ArrayBuilder {
        let link = OneOfBuilder::new()
            .item(follow_link(true))
            .item(follow_link(false));
        ArrayBuilder::new().items(link)
    }

    pub fn share_networks() -> ArrayBuilder {
        let shareable = Network::ALL.into_iter().filter(|n| n.takes_shared_links());
        ArrayBuilder::new().items(network_of(shareable))
    }

    /// Language tags: parts of 1 to 8 letters or digits joined by `-`, at most 35 characters.
    pub fn languages() -> ArrayBuilder {
        let tag = text("^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8})*$").max_length(Some(35));
        ArrayBuilder::new().items(tag).min_items(Some(1))
    }

    /// `crate::widgets::partner_origin_problem`'s rule: `https://host[:port]` (host of lowercase
    /// letters, digits, `-` and `.`, not at its ends), or `http://` on this machine.
    pub fn partner_origins() -> ArrayBuilder {
        let origin = text(
            "^(?:https://(?:[a-z0-9-]|[a-z0-9-][a-z0-9.-]{0,251}[a-z0-9-])(?::[0-9]{1,5})?\
             |http://(?:localhost|127\\.0\\.0\\.1)(?::[0-9]{1,5})?|https?://\\[::1\\]:[0-9]{1,5})$",
        );
        ArrayBuilder::new().items(origin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn networks_are_named_in_json_as_serde_writes_them() {
        for network in Network::ALL {
            let json = serde_json::to_string(&network).unwrap();
            assert_eq!(json, format!("\"{}\"", network.as_str()));
        }
    }

    #[test]
    fn problems_are_told_by_field() {
        let mut wrong = settings();
        wrong.name = " ".into();
        wrong.languages = vec!["not a tag".into(), "en_GB".into()];
        wrong.share.networks.push(Network::Rss);
        let errors = wrong.field_errors();
        assert!(errors.get("share").is_some_and(|m| m.starts_with("RSS")));
        assert_eq!(errors.get("name"), Some("The site needs a name."));
        let languages = errors.get("languages").unwrap();
        assert!(
            languages.contains("\"not a tag\"") && languages.contains("\"en_GB\""),
            "{languages}"
        );
        assert_eq!(errors.get("follow"), None);
        assert_eq!(wrong.problems().len(), 4);
        assert!(settings().field_errors().is_empty());
    }

    fn settings() -> SiteSettings {
        SiteSettings {
            name: "Inkuru".into(),
            tagline: "News".into(),
            logo: None,
            follow: vec![FollowLink {
                network: Network::X,
                url: "https://x.com/inkuru".into(),
            }],
            share: ShareSettings {
                enabled: true,
                networks: vec![Network::Whatsapp],
            },
            comments: CommentPolicy::Moderated,
            languages: vec!["en".into(), "rw-RW".into()],
            feeds_full_content: false,
            partner_origins: vec!["https://partner.example".into()],
        }
    }

    #[test]
    fn sound_settings_have_no_problems_and_travel_as_snake_case() {
        assert!(settings().problems().is_empty());
        let json = serde_json::to_string(&settings()).unwrap();
        assert!(json.contains("\"comments\":\"moderated\""), "{json}");
        assert!(json.contains("\"network\":\"x\""), "{json}");
        assert_eq!(
            serde_json::from_str::<SiteSettings>(&json).unwrap(),
            settings()
        );
    }

    #[test]
    fn each_problem_is_named() {
        let mut bad = settings();
        bad.name = " ".into();
        bad.follow.push(FollowLink {
            network: Network::Facebook,
            url: "javascript:alert(1)".into(),
        });
        bad.follow.push(FollowLink {
            network: Network::Email,
            url: "mailto:desk@inkuru.rw".into(),
        });
        bad.languages = vec!["en".into(), "not a tag".into()];
        bad.partner_origins
            .push("https://partner.example/comments".into());
        let problems = bad.problems();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[1].contains("Facebook"));
        assert!(problems[2].contains("not a tag"));
        assert!(problems[3].contains("partner.example/comments"));
        assert!(settings().is_partner("https://partner.example"));
        assert!(!settings().is_partner("https://partner.example.evil"));
    }
}
