-- A project's view reads its clock facts (step, action, day) of every event not withdrawn,
-- in recorded order. Through (project_id, id) each row was looked up again in the table:
-- a project with a thousand 补正 rounds cost 2.9 ms a view; the index holding the facts
-- itself answers alone (0.8 ms, measured on a soak's database). It serves every query the
-- old index served, which it replaces.
DROP INDEX step_events_project;
CREATE INDEX step_events_project ON step_events (project_id, id, step_id, action, on_date, withdrawn_at);
