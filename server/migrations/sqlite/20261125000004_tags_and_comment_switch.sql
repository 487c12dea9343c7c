-- Tags (subjects an article is filed under, shared across sections), the author's page, and a
-- per-article switch for comments.
CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE article_tags (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags(tag_id, article_id);
ALTER TABLE articles ADD COLUMN author_url TEXT;
ALTER TABLE articles ADD COLUMN comments_open INTEGER NOT NULL DEFAULT 1;
