-- Editors who sign in to the desk (issue 15): a name and the argon2id hash of the password as a
-- PHC string (algorithm, parameters, salt and hash together), never the password itself.
CREATE TABLE editors (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    -- RFC 3339 in UTC.
    created_at    TEXT NOT NULL
);
