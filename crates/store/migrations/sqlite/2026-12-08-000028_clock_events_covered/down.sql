DROP INDEX step_events_project;
CREATE INDEX step_events_project ON step_events (project_id, id);
