-- The desk's audit log (issue 15): who did what, when, to which comment or setting. Kept: rows are
-- only ever added. The editor's name is copied, so the log still says who after they are removed.
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY AUTOINCREMENT,
    at     TEXT NOT NULL,
    editor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL
);
