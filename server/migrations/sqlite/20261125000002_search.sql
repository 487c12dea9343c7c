-- Full-text search over headlines, standfirsts and bodies (SQLite FTS5). The rowid is the article's
-- id; the body is indexed as plain text (tags stripped by the server, see db/search.rs), and the
-- server fills the index when it finds it behind the articles table (a database from before this).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    headline, standfirst, body,
    tokenize = 'unicode61 remove_diacritics 2'
);
