ALTER TABLE steps ADD COLUMN agency TEXT NOT NULL DEFAULT '';
UPDATE steps SET agency = (SELECT a.name FROM agencies a WHERE a.id = steps.agency_id)
    || CASE WHEN lead THEN '（牵头）' ELSE '' END;
DROP INDEX steps_agency;
ALTER TABLE steps DROP COLUMN agency_id;
ALTER TABLE steps DROP COLUMN lead;
DROP TABLE agencies;
UPDATE route_template_versions SET steps = replace(steps,
    '"agency":"区建管委","lead":true', '"agency":"区建管委（牵头）"');
