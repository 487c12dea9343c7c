-- The site's settings (name, "Follow us" links, share buttons, comment policy, languages): one row,
-- the `SiteSettings` JSON of the API contract, validated before it is stored.
CREATE TABLE site_settings (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    settings TEXT NOT NULL
);
