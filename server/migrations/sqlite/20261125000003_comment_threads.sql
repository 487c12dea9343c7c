-- Threaded comments: a reply names its parent; every comment knows the top-level comment its thread
-- starts with (thread_id), so threads can be paged whole and read in one indexed range.
ALTER TABLE comments ADD COLUMN parent_id INTEGER REFERENCES comments(id);
ALTER TABLE comments ADD COLUMN thread_id INTEGER;
UPDATE comments SET thread_id = id WHERE thread_id IS NULL;
CREATE INDEX comments_by_thread ON comments(article_id, thread_id, id);
