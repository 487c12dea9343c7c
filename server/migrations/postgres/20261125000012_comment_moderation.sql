-- Moderation: a comment is 'published' (everyone sees it) or 'held' for an editor. A held comment
-- carries its author's token, which the author's browser sends back so only they see it. The token
-- is kept as issued (not hashed) because a resent submission must hand the same token back.
ALTER TABLE comments ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE comments ADD COLUMN author_token TEXT;
CREATE INDEX comments_by_author_token ON comments(author_token) WHERE author_token IS NOT NULL;
