-- Sections form a tree; slugs are unique site-wide so `?section=slug` names one section.
CREATE TABLE sections (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES sections(id),
    position    INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT ''
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE,
    section_id    INTEGER NOT NULL REFERENCES sections(id),
    headline      TEXT NOT NULL,
    standfirst    TEXT NOT NULL,
    author_name   TEXT NOT NULL,
    -- RFC 3339 in UTC ("2026-11-01T08:00:00Z"), so text order is time order.
    published_at  TEXT NOT NULL,
    updated_at    TEXT,
    -- Sanitised on the way in; safe to render.
    body_html     TEXT NOT NULL,
    image_src     TEXT,
    image_width   INTEGER,
    image_height  INTEGER,
    image_alt     TEXT,
    image_caption TEXT
);
CREATE INDEX articles_by_section_date ON articles(section_id, published_at DESC);
CREATE INDEX articles_by_date ON articles(published_at DESC);

CREATE TABLE comments (
    id           INTEGER PRIMARY KEY,
    article_id   INTEGER NOT NULL REFERENCES articles(id),
    author_name  TEXT NOT NULL,
    -- Never returned by the public API.
    author_email TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL
);
CREATE INDEX comments_by_article ON comments(article_id, id);
