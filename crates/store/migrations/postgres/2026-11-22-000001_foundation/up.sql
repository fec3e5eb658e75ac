CREATE TABLE enterprises (
    id SERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    contact_name TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'liaison', 'enterprise')),
    enterprise_id INTEGER REFERENCES enterprises (id),
    password_hash TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CHECK ((role = 'enterprise') = (enterprise_id IS NOT NULL))
);

CREATE TABLE sessions (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE projects (
    id SERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    template_key TEXT,
    start_date DATE NOT NULL,
    city TEXT,
    investment_cny BIGINT,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX projects_enterprise ON projects (enterprise_id);

CREATE TABLE project_liaisons (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_liaisons_user ON project_liaisons (user_id);

CREATE TABLE steps (
    id SERIAL PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    agency TEXT NOT NULL,
    stage TEXT NOT NULL,
    statutory_days INTEGER NOT NULL CHECK (statutory_days >= 0),
    promised_days INTEGER CHECK (promised_days >= 0),
    position INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending',
    accepted_on DATE,
    finished_on DATE,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (project_id, key)
);

CREATE TABLE step_dependencies (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    from_step_id INTEGER NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    to_step_id INTEGER NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    PRIMARY KEY (from_step_id, to_step_id)
);
CREATE INDEX step_dependencies_project ON step_dependencies (project_id);

CREATE TABLE step_events (
    id SERIAL PRIMARY KEY,
    step_id INTEGER NOT NULL REFERENCES steps (id) ON DELETE CASCADE,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id),
    action TEXT NOT NULL,
    on_date DATE NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    note TEXT,
    accepted_with_missing BOOLEAN NOT NULL DEFAULT FALSE,
    by_commitment BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX step_events_step ON step_events (step_id, id);
CREATE INDEX step_events_project ON step_events (project_id, id);
