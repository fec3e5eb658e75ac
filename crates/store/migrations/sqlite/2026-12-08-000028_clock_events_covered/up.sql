-- A project's view reads its clock facts (step, action, day) of every event not withdrawn,
-- in recorded order, and a new event's checks read its step's. Through (project_id, id)
-- and (step_id, id) each row was looked up again in the table: a project with a thousand
-- 补正 rounds cost 2.9 ms a view; an index holding the facts itself answers alone (0.8 ms,
-- measured on a soak's database). Each serves every query the old one served, which it
-- replaces.
DROP INDEX step_events_project;
CREATE INDEX step_events_project ON step_events (project_id, id, step_id, action, on_date, withdrawn_at);
DROP INDEX step_events_step;
CREATE INDEX step_events_step ON step_events (step_id, id, action, on_date, withdrawn_at);
