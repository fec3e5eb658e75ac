-- When each step's light and stall change if nothing more happens to it (see
-- src/domain/light_dates.rs), and for each project the earliest of its steps' (a project
-- is as red as its worst step): kept with every write, so lists and the scheduler find
-- red, yellow and stalled work by index instead of replaying every history.
ALTER TABLE steps ADD COLUMN yellow_on DATE;
ALTER TABLE steps ADD COLUMN red_on DATE;
ALTER TABLE steps ADD COLUMN paused_since DATE;
CREATE INDEX steps_status_red ON steps (status, red_on, project_id);
CREATE INDEX steps_status_yellow ON steps (status, yellow_on, project_id);
ALTER TABLE projects ADD COLUMN in_review BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE projects ADD COLUMN yellow_on DATE;
ALTER TABLE projects ADD COLUMN red_on DATE;
ALTER TABLE projects ADD COLUMN paused_since DATE;
CREATE INDEX projects_red ON projects (red_on, archived);
CREATE INDEX projects_yellow ON projects (yellow_on, archived, red_on);
-- Bumped by every write to a project (under its lock), so a computed view can be
-- reused until the project, the day or the calendar changes.
ALTER TABLE projects ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
