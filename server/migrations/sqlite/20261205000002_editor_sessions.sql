-- Signed-in editors (issue 15). The cookie holds the session id; the table holds only its SHA-256,
-- so a copy of the database hands out no sessions. Times in milliseconds since 1970 (UTC), for the
-- idle and absolute limits.
CREATE TABLE editor_sessions (
    id_hash      TEXT PRIMARY KEY,
    editor_id    INTEGER NOT NULL REFERENCES editors(id),
    created_ms   BIGINT NOT NULL,
    last_seen_ms BIGINT NOT NULL
);
CREATE INDEX editor_sessions_by_editor ON editor_sessions(editor_id);
