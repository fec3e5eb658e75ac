-- A project's view reads its clock facts (step, action, day) of every event not withdrawn,
-- in recorded order, and a new event's checks read its step's; the indexes carry them, so
-- a scan need not visit the table for each row (see the SQLite migration for the figures).
-- They replace the old (project_id, id) and (step_id, id).
DROP INDEX step_events_project;
CREATE INDEX step_events_project ON step_events (project_id, id)
    INCLUDE (step_id, action, on_date, withdrawn_at);
DROP INDEX step_events_step;
CREATE INDEX step_events_step ON step_events (step_id, id)
    INCLUDE (action, on_date, withdrawn_at);
