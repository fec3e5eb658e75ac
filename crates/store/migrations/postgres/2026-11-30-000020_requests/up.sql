-- Enterprise requests (诉求): the request, its whole history (who, when, what; staff notes
-- flagged internal so no enterprise query ever returns them), and the overdue alerts raised
-- once per clock episode (digest and escalation, like steps' alerts).
CREATE TABLE requests (
    id SERIAL PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprises (id),
    project_id INTEGER REFERENCES projects (id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    category TEXT NOT NULL,
    channel TEXT NOT NULL,
    urgent BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL,
    liaison_id INTEGER REFERENCES users (id),
    agency_id INTEGER REFERENCES agencies (id),
    rating TEXT,
    filed_by INTEGER REFERENCES users (id),
    filed_at TIMESTAMP NOT NULL,
    filed_on DATE NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX requests_enterprise ON requests (enterprise_id);
CREATE INDEX requests_status ON requests (status);
CREATE INDEX requests_filed_on ON requests (filed_on);

CREATE TABLE request_events (
    id SERIAL PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id),
    user_id INTEGER REFERENCES users (id),
    party TEXT NOT NULL,
    action TEXT NOT NULL,
    body TEXT,
    agency_id INTEGER REFERENCES agencies (id),
    rating TEXT,
    internal BOOLEAN NOT NULL DEFAULT FALSE,
    at TIMESTAMP NOT NULL,
    happened_on DATE NOT NULL
);
CREATE INDEX request_events_request ON request_events (request_id, id);

CREATE TABLE request_alerts (
    request_id INTEGER NOT NULL REFERENCES requests (id),
    clock TEXT NOT NULL,
    clock_from DATE NOT NULL,
    level TEXT NOT NULL,
    raised_at TIMESTAMP NOT NULL,
    emailed_at TIMESTAMP,
    PRIMARY KEY (request_id, clock, clock_from, level)
);
