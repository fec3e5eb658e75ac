-- A project's life beyond approvals: its 统一项目代码, its milestones (planned and actual
-- days) and the construction permit's recorded extensions, one row per project, kept
-- beside the project so that the approvals' tables stay as they are.
CREATE TABLE project_landing (
    project_id INTEGER PRIMARY KEY NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    project_code TEXT UNIQUE,
    signed_planned DATE,
    signed_actual DATE,
    land_planned DATE,
    land_actual DATE,
    started_planned DATE,
    started_actual DATE,
    completed_planned DATE,
    completed_actual DATE,
    producing_planned DATE,
    producing_actual DATE,
    permit_extensions INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Who recorded which milestone day (the project's history shows them beside step events).
CREATE TABLE milestone_events (
    id INTEGER PRIMARY KEY NOT NULL,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    milestone TEXT NOT NULL,
    action TEXT NOT NULL,
    on_date DATE,
    recorded_at TIMESTAMP NOT NULL
);
CREATE INDEX milestone_events_project ON milestone_events (project_id);

-- The year's targets: how many projects should start construction and production.
CREATE TABLE year_targets (
    year INTEGER PRIMARY KEY NOT NULL,
    starts INTEGER NOT NULL,
    productions INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- One reminder per project, start deadline and days before it: sent once.
CREATE TABLE permit_reminders (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    deadline DATE NOT NULL,
    days_before INTEGER NOT NULL,
    reminded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (project_id, deadline, days_before)
);
