DROP INDEX step_events_project;
CREATE INDEX step_events_project ON step_events (project_id, id);
DROP INDEX step_events_step;
CREATE INDEX step_events_step ON step_events (step_id, id);
