-- Route templates live in the database so admins can change them; every save is a new
-- version row (who, when, the steps as JSON), the highest version being the current one.
-- Seeded from config/routes/*.toml at start-up when a key has no row yet.
CREATE TABLE route_template_versions (
    id SERIAL PRIMARY KEY,
    template_key TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    steps TEXT NOT NULL,
    saved_by INTEGER,
    saved_by_name TEXT NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    UNIQUE (template_key, version)
);
