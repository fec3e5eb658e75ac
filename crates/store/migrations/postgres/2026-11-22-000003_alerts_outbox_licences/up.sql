-- Alerts: each level at most once per episode of a step (the episode is named by the
-- accept event that opened it), whatever instance or run finds it first.
CREATE TABLE alerts (
    id SERIAL PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    episode_event_id INTEGER NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('yellow', 'red', 'stalled', 'escalated')),
    raised_on DATE NOT NULL,
    raised_at TIMESTAMP NOT NULL,
    due_on DATE,
    UNIQUE (step_id, episode_event_id, level)
);
CREATE INDEX alerts_project ON alerts (project_id);

-- The outbox: every email is a row written in the transaction that decided to send it;
-- the dispatcher claims, sends and marks rows, retrying with back-off.
CREATE TABLE outbox (
    id SERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id),
    to_name TEXT NOT NULL,
    to_address TEXT NOT NULL,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    attachment_name TEXT,
    attachment_type TEXT,
    attachment BYTEA,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- Which alert went to whom in which email: what a digest has not yet said.
CREATE TABLE alert_deliveries (
    alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    outbox_id INTEGER NOT NULL REFERENCES outbox (id),
    PRIMARY KEY (alert_id, user_id)
);

CREATE TABLE licences (
    id SERIAL PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    project_id INTEGER REFERENCES projects (id),
    kind TEXT NOT NULL,
    number TEXT NOT NULL,
    issued_on DATE NOT NULL,
    expires_on DATE NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX licences_expiry ON licences (expires_on);

-- A reminder is due once per licence, expiry date and threshold (90, 30, 7 days).
CREATE TABLE licence_reminders (
    licence_id INTEGER NOT NULL REFERENCES licences (id) ON DELETE CASCADE,
    expires_on DATE NOT NULL,
    days_before INTEGER NOT NULL,
    reminded_at TIMESTAMP NOT NULL,
    PRIMARY KEY (licence_id, expires_on, days_before)
);

-- One row per scheduled job: taking its row lock serializes runs across instances.
CREATE TABLE job_state (
    name TEXT PRIMARY KEY NOT NULL,
    last_run_at TIMESTAMP,
    last_duration_ms BIGINT
);
INSERT INTO job_state (name) VALUES ('scheduler');
