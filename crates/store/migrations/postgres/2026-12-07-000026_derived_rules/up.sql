-- Which version of the rules computed the stored derived figures (a step's light dates and
-- its project's aggregate). When the code's version differs, migrate and serve compute
-- every stored figure again (docs/rules.md, "Stored figures").
CREATE TABLE derived_rules (
    name TEXT PRIMARY KEY NOT NULL,
    version INTEGER NOT NULL,
    computed_at TIMESTAMP NOT NULL
);
