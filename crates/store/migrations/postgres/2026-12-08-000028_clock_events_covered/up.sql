-- A project's view reads its clock facts (step, action, day) of every event not withdrawn,
-- in recorded order; the index carries them, so the scan need not visit the table for each
-- row (see the SQLite migration for the figures). It replaces the old (project_id, id).
DROP INDEX step_events_project;
CREATE INDEX step_events_project ON step_events (project_id, id)
    INCLUDE (step_id, action, on_date, withdrawn_at);
