//! `Slug`: the URL-safe name of a section or an article (`out-of-rwanda`).

use std::fmt;

use serde::{Deserialize, Serialize};

/// Longest slug accepted anywhere.
pub const MAX_SLUG_LEN: usize = 120;

/// Top-level URL segments the SPA uses for its own routes, so no section may take them.
pub const RESERVED: &[&str] = &[
    "api", "articles", "search", "saved", "media", "widgets", "assets", "feeds", "sitemaps",
];

/// A lowercase ASCII slug: letters, digits and single hyphens, not starting or ending with a hyphen.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "utoipa",
    schema(value_type = String, pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", max_length = 120, example = "out-of-rwanda")
)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a string is not a slug.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SlugError {
    Empty,
    TooLong,
    InvalidCharacter(char),
    BadHyphen,
}

impl fmt::Display for SlugError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SlugError::Empty => f.write_str("a slug cannot be empty"),
            SlugError::TooLong => write!(f, "a slug can be at most {MAX_SLUG_LEN} characters"),
            SlugError::InvalidCharacter(c) => {
                write!(f, "a slug may only hold a-z, 0-9 and '-', not {c:?}")
            }
            SlugError::BadHyphen => f.write_str("a slug cannot start or end with '-' or hold '--'"),
        }
    }
}

impl std::error::Error for SlugError {}

impl Slug {
    /// Checks `value` against the slug rules.
    pub fn parse(value: &str) -> Result<Self, SlugError> {
        if value.is_empty() {
            return Err(SlugError::Empty);
        }
        if value.len() > MAX_SLUG_LEN {
            return Err(SlugError::TooLong);
        }
        if let Some(c) = value
            .chars()
            .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
        {
            return Err(SlugError::InvalidCharacter(c));
        }
        if value.starts_with('-') || value.ends_with('-') || value.contains("--") {
            return Err(SlugError::BadHyphen);
        }
        Ok(Slug(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Slug::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_ordinary_slugs() {
        for ok in ["news", "out-of-rwanda", "a1-b2", "2026"] {
            assert_eq!(Slug::parse(ok).map(|s| s.to_string()), Ok(ok.to_owned()));
        }
    }

    #[test]
    fn refuses_what_would_break_a_url() {
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        assert_eq!(Slug::parse("News"), Err(SlugError::InvalidCharacter('N')));
        assert_eq!(Slug::parse("a b"), Err(SlugError::InvalidCharacter(' ')));
        assert_eq!(Slug::parse("../etc"), Err(SlugError::InvalidCharacter('.')));
        assert_eq!(Slug::parse("-a"), Err(SlugError::BadHyphen));
        assert_eq!(Slug::parse("a--b"), Err(SlugError::BadHyphen));
        assert_eq!(
            Slug::parse(&"a".repeat(MAX_SLUG_LEN + 1)),
            Err(SlugError::TooLong)
        );
    }

    #[test]
    fn deserialising_applies_the_rules() {
        let bad: Result<Slug, _> = serde_json::from_str("\"Not A Slug\"");
        assert!(bad.is_err());
        let good: Slug = serde_json::from_str("\"out-of-rwanda\"").unwrap();
        assert_eq!(good.as_str(), "out-of-rwanda");
    }
}
