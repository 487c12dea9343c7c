//! Full-text search (SQLite FTS5, PostgreSQL tsvector with a GIN index): keeping the index in step
//! with the articles, and ranked, paginated queries with an excerpt around the match.
//!
//! Queries are built from `inkuru_api::search::terms` only (lower-case letters and digits): each
//! term is quoted and matched as a prefix, so nothing a reader types is ever query syntax. Both
//! databases rank headline matches first, then standfirst, then body, newer first among equals.

use inkuru_api::search::{Fragment, SearchHit, SearchResults};
use inkuru_api::{SectionTree, Slug};

use super::articles::{summary, SummaryRow, SUMMARY_COLUMNS};
use super::{backend, Backend, Db};
use crate::error::AppResult;

/// Marks the matched words in excerpts; control characters never occur in stored text.
const HIT_START: char = '\u{1}';
const HIT_END: char = '\u{2}';

/// The visible text of sanitised article HTML, for the index. Closing tags become spaces first, so
/// a heading and the paragraph after it do not run together into one word.
pub fn plain_text(html: &str) -> String {
    let spaced = html.replace("</", " </");
    let stripped = ammonia::Builder::empty().clean(&spaced).to_string();
    let text = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// (Re)indexes the article with this slug from what is stored.
pub async fn index(db: &Db, slug: &Slug) -> AppResult<()> {
    let row: Option<(i64, String, String, String)> =
        sqlx::query_as("SELECT id, headline, standfirst, body_html FROM articles WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_optional(db)
            .await?;
    let Some((id, headline, standfirst, body_html)) = row else {
        return Ok(());
    };
    let body = plain_text(&body_html);
    let mut tx = db.begin().await?;
    match backend(db) {
        Backend::Sqlite => {
            sqlx::query("DELETE FROM articles_fts WHERE rowid = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO articles_fts (rowid, headline, standfirst, body) VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(headline)
            .bind(standfirst)
            .bind(body)
            .execute(&mut *tx)
            .await?;
        }
        Backend::Postgres => {
            // The excerpt is cut from the standfirst and body, as FTS5's best-column snippet mostly is.
            sqlx::query(
                "INSERT INTO article_search (article_id, excerpt_source, document)
                 VALUES ($1, $3 || ' ' || $4,
                         setweight(to_tsvector('simple', $2), 'A')
                         || setweight(to_tsvector('simple', $3), 'B')
                         || setweight(to_tsvector('simple', $4), 'D'))
                 ON CONFLICT (article_id) DO UPDATE
                 SET excerpt_source = excluded.excerpt_source, document = excluded.document",
            )
            .bind(id)
            .bind(headline)
            .bind(standfirst)
            .bind(body)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Fills the index if it is behind the articles (a database created before search existed).
pub async fn catch_up(db: &Db) -> AppResult<usize> {
    let missing: Vec<(String,)> = sqlx::query_as(match backend(db) {
        Backend::Sqlite => {
            "SELECT slug FROM articles WHERE id NOT IN (SELECT rowid FROM articles_fts)"
        }
        Backend::Postgres => {
            "SELECT slug FROM articles WHERE id NOT IN (SELECT article_id FROM article_search)"
        }
    })
    .fetch_all(db)
    .await?;
    for (slug,) in &missing {
        if let Ok(slug) = Slug::parse(slug) {
            index(db, &slug).await?;
        }
    }
    Ok(missing.len())
}

/// The PostgreSQL `tsquery` for these terms: every term must match, as a prefix. Terms are letters
/// and digits only (`inkuru_api::search::terms`); quoting them keeps that true of the query.
pub fn tsquery(terms: &[String]) -> String {
    terms
        .iter()
        .map(|term| format!("'{}':*", term.replace('\'', "''")))
        .collect::<Vec<_>>()
        .join(" & ")
}

/// The FTS5 query for these terms: every term must match, as a prefix.
pub fn match_expression(terms: &[String]) -> String {
    terms
        .iter()
        .map(|term| format!("\"{}\"*", term.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An FTS5 snippet with `HIT_START`/`HIT_END` marks, as fragments.
pub fn fragments(snippet: &str) -> Vec<Fragment> {
    let mut fragments = Vec::new();
    let mut hit = false;
    let mut text = String::new();
    for c in snippet.chars() {
        if c == HIT_START || c == HIT_END {
            if !text.is_empty() {
                fragments.push(Fragment {
                    text: std::mem::take(&mut text),
                    hit,
                });
            }
            hit = c == HIT_START;
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        fragments.push(Fragment { text, hit });
    }
    fragments
}

#[derive(sqlx::FromRow)]
struct HitRow {
    #[sqlx(flatten)]
    summary: SummaryRow,
    excerpt: String,
}

/// One page of articles matching every term, best first (headline matches weigh most, then the
/// standfirst, then the body; newer first among equals).
pub async fn search(
    db: &Db,
    tree: &SectionTree,
    terms: &[String],
    page: u32,
    per_page: u32,
) -> AppResult<SearchResults> {
    let offset = i64::from(page.saturating_sub(1)) * i64::from(per_page);
    // Each database's query for the terms, its count and its ranked page with excerpts; the two
    // statements are then run the same way on either.
    let (query, count_sql, page_sql) = match backend(db) {
        Backend::Sqlite => (
            match_expression(terms),
            "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH $1",
            format!(
                "SELECT {SUMMARY_COLUMNS},
                        snippet(articles_fts, -1, char(1), char(2), '…', 24) AS excerpt
                 FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid
                 WHERE articles_fts MATCH $1
                 ORDER BY bm25(articles_fts, 8.0, 3.0, 1.0), a.published_at DESC, a.id DESC
                 LIMIT $2 OFFSET $3"
            ),
        ),
        // Weights {D, C, B, A}: body 0.1, standfirst 0.3, headline 0.8 (FTS5's 1 / 3 / 8).
        Backend::Postgres => (
            tsquery(terms),
            "SELECT COUNT(*) FROM article_search WHERE document @@ to_tsquery('simple', $1)",
            format!(
                "SELECT {SUMMARY_COLUMNS},
                        ts_headline('simple', s.excerpt_source, q.query,
                                    'StartSel=' || chr(1) || ', StopSel=' || chr(2)
                                    || ', MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=…')
                            AS excerpt
                 FROM article_search s
                 JOIN articles a ON a.id = s.article_id
                 CROSS JOIN (SELECT to_tsquery('simple', $1) AS query) q
                 WHERE s.document @@ q.query
                 ORDER BY ts_rank('{{0.1, 0.0, 0.3, 0.8}}', s.document, q.query) DESC,
                          a.published_at DESC, a.id DESC
                 LIMIT $2 OFFSET $3"
            ),
        ),
    };
    let (total,): (i64,) = sqlx::query_as(count_sql).bind(&query).fetch_one(db).await?;
    let rows: Vec<HitRow> = sqlx::query_as(&page_sql)
        .bind(&query)
        .bind(i64::from(per_page))
        .bind(offset)
        .fetch_all(db)
        .await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let article = summary(tree, row.summary)?;
            Ok(SearchHit {
                headline: inkuru_api::search::highlight(&article.headline, terms),
                excerpt: fragments(&row.excerpt),
                article,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(SearchResults {
        query: terms.join(" "),
        items,
        page,
        per_page,
        total: u32::try_from(total).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_quoted_prefixes_never_syntax() {
        let terms = vec!["kigali".to_owned(), "near".to_owned()];
        assert_eq!(match_expression(&terms), "\"kigali\"* \"near\"*");
        assert_eq!(match_expression(&["a\"b".to_owned()]), "\"a\"\"b\"*");
        assert_eq!(tsquery(&terms), "'kigali':* & 'near':*");
        assert_eq!(tsquery(&["o'neil".to_owned()]), "'o''neil':*");
    }

    #[test]
    fn snippet_marks_become_fragments() {
        let pieces = fragments("…the \u{1}Kigali\u{2} market \u{1}opens\u{2}");
        let hits: Vec<_> = pieces
            .iter()
            .filter(|f| f.hit)
            .map(|f| f.text.as_str())
            .collect();
        assert_eq!(hits, ["Kigali", "opens"]);
        assert_eq!(pieces[0].text, "…the ");
    }

    #[test]
    fn plain_text_drops_markup_and_keeps_words() {
        assert_eq!(
            plain_text("<h2>Fish</h2><p>&amp; <em>chips</em></p><blockquote>“Yes”</blockquote>"),
            "Fish & chips “Yes”"
        );
    }
}
