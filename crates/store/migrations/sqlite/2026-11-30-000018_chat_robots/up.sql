-- Chat robots (企业微信 / 钉钉 group robots), the second channel beside email.
-- A user's mobile number, for the robots' mentions (@138…).
ALTER TABLE users ADD COLUMN mobile TEXT;

-- A robot belongs to a liaison (their own group) or, with no owner, to the managers' group.
-- url and secret are credentials: written here, never returned or logged.
CREATE TABLE chat_robots (
    id INTEGER PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('wecom', 'dingtalk')),
    owner_id INTEGER REFERENCES users (id),
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    secret TEXT,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    -- Failed attempts since the last success; admins are told once per streak.
    failures_in_row INTEGER NOT NULL DEFAULT 0,
    failing_reported BOOLEAN NOT NULL DEFAULT FALSE,
    -- The platform said "too many" (45009, 130101): nothing is sent to it before this.
    paused_until TIMESTAMP,
    last_error TEXT,
    last_sent_at TIMESTAMP,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX chat_robots_owner ON chat_robots (owner_id);

-- The chat outbox: each message as it will be posted, claimed and marked like emails.
CREATE TABLE chat_messages (
    id INTEGER PRIMARY KEY NOT NULL,
    robot_id INTEGER NOT NULL REFERENCES chat_robots (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    claimed_until TIMESTAMP,
    last_error TEXT,
    created_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP
);
CREATE INDEX chat_messages_due ON chat_messages (status, next_attempt_at);
CREATE INDEX chat_messages_robot ON chat_messages (robot_id);

-- Which alert went to which robot in which message: what a robot has not yet been told.
CREATE TABLE chat_alert_deliveries (
    alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    robot_id INTEGER NOT NULL REFERENCES chat_robots (id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL REFERENCES chat_messages (id) ON DELETE CASCADE,
    PRIMARY KEY (alert_id, robot_id)
);

-- Every call made to a robot: the 20-a-minute limit is counted here, across instances.
CREATE TABLE chat_calls (
    id INTEGER PRIMARY KEY NOT NULL,
    robot_id INTEGER NOT NULL REFERENCES chat_robots (id) ON DELETE CASCADE,
    called_at TIMESTAMP NOT NULL
);
CREATE INDEX chat_calls_robot ON chat_calls (robot_id, called_at);
