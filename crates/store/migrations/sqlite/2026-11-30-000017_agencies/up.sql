-- Agencies as data: each agency once (name, short name); a step refers to its agency and
-- carries "lead" (牵头) as its own mark instead of a name like "区建管委（牵头）".
CREATE TABLE agencies (
    id INTEGER PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    short_name TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

ALTER TABLE steps ADD COLUMN lead BOOLEAN NOT NULL DEFAULT FALSE;
-- The joint drawing review is led by 区建管委, the review centre working for it.
UPDATE steps SET lead = TRUE, agency = '区建管委' WHERE agency = '审图中心 / 区建管委';
UPDATE steps SET lead = TRUE, agency = trim(replace(replace(agency, '（牵头）', ''), '(牵头)', ''))
    WHERE agency LIKE '%（牵头）' OR agency LIKE '%(牵头)';
INSERT INTO agencies (name, short_name) SELECT DISTINCT agency, agency FROM steps;
ALTER TABLE steps ADD COLUMN agency_id INTEGER REFERENCES agencies (id);
UPDATE steps SET agency_id = (SELECT a.id FROM agencies a WHERE a.name = steps.agency);
ALTER TABLE steps DROP COLUMN agency;
CREATE INDEX steps_agency ON steps (agency_id);

-- Templates keep their steps as JSON; the same two old spellings become the lead mark.
UPDATE route_template_versions SET steps = replace(replace(steps,
    '"agency":"区建管委（牵头）"', '"agency":"区建管委","lead":true'),
    '"agency":"审图中心 / 区建管委"', '"agency":"区建管委","lead":true');
