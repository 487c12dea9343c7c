//! Search: what the reader typed, turned into terms the same way on both sides (the server matches
//! them, the app highlights them), and the shape of the results.

use serde::{Deserialize, Serialize};

use crate::content::ArticleSummary;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Terms used from a query; more are ignored.
pub const MAX_TERMS: usize = 12;

/// One page of search results, best match first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SearchResults {
    /// The query as the server understood it: its terms, joined by spaces.
    pub query: String,
    pub items: Vec<SearchHit>,
    pub page: u32,
    pub per_page: u32,
    pub total: u32,
}

/// A matching article with a short excerpt around the match.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct SearchHit {
    pub article: ArticleSummary,
    /// The headline in pieces, the matched words marked (as `excerpt`): worked out by the server,
    /// so clients need no Unicode tables to mark them.
    pub headline: Vec<Fragment>,
    /// Plain text in pieces; the pieces with `hit` are the matched words (to be marked, as text).
    pub excerpt: Vec<Fragment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct Fragment {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hit: bool,
}

/// Why a query cannot be run, in a sentence for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryProblem {
    Empty,
    TooLong,
}

impl std::fmt::Display for QueryProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QueryProblem::Empty => f.write_str("Type a word or two to search for."),
            QueryProblem::TooLong => write!(
                f,
                "That search is too long: use at most {MAX_QUERY_CHARS} characters."
            ),
        }
    }
}

/// The words of a query, lower-cased: letters and digits only, so quotes, operators and
/// punctuation are plain separators and never query syntax. At most `MAX_TERMS`, no repeats.
pub fn terms(query: &str) -> Result<Vec<String>, QueryProblem> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(QueryProblem::TooLong);
    }
    let mut terms: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if !word.is_empty() && !terms.contains(&word) {
            terms.push(word);
        }
    }
    terms.truncate(MAX_TERMS);
    if terms.is_empty() {
        Err(QueryProblem::Empty)
    } else {
        Ok(terms)
    }
}

/// `text` cut into fragments, marking every word that starts with one of `terms` (as the server's
/// prefix matching does): for highlighting headlines in the results.
pub fn highlight(text: &str, terms: &[String]) -> Vec<Fragment> {
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut push = |piece: &str, hit: bool| match fragments.last_mut() {
        Some(last) if last.hit == hit => last.text.push_str(piece),
        _ => fragments.push(Fragment {
            text: piece.to_owned(),
            hit,
        }),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let word_end = rest
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(rest.len(), |(i, _)| i);
        if word_end == 0 {
            let gap_end = rest
                .char_indices()
                .find(|(_, c)| c.is_alphanumeric())
                .map_or(rest.len(), |(i, _)| i);
            push(&rest[..gap_end], false);
            rest = &rest[gap_end..];
            continue;
        }
        let word = &rest[..word_end];
        let lower = word.to_lowercase();
        push(word, terms.iter().any(|t| lower.starts_with(t.as_str())));
        rest = &rest[word_end..];
    }
    fragments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_quotes_and_punctuation_are_only_separators() {
        assert_eq!(
            terms("\"Kigali\" AND -coffee* OR NEAR(x)").unwrap(),
            ["kigali", "and", "coffee", "or", "near", "x"]
        );
        assert_eq!(terms("Café  café,CAFÉ").unwrap(), ["café"]);
        assert_eq!(terms("  \"\" * - "), Err(QueryProblem::Empty));
        assert_eq!(terms(&"a".repeat(201)), Err(QueryProblem::TooLong));
        assert_eq!(terms(&"w ".repeat(100)).unwrap().len(), 1);
        let many: String = (0..30).map(|i| format!("w{i} ")).collect();
        assert_eq!(terms(&many).unwrap().len(), MAX_TERMS);
    }

    #[test]
    fn highlighting_marks_whole_words_by_prefix() {
        let terms = vec!["kig".to_owned(), "market".to_owned()];
        let pieces = highlight("Kigali's Sunday market, in kigali.", &terms);
        let marked: Vec<_> = pieces
            .iter()
            .filter(|f| f.hit)
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(marked, ["Kigali", "market", "kigali"]);
        let joined: String = pieces.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(joined, "Kigali's Sunday market, in kigali.");
        assert!(highlight("", &terms).is_empty());
    }
}
