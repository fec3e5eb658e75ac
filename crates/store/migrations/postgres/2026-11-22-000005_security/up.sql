-- Failed logins, by user name and by address, for throttling (kept 24 hours).
CREATE TABLE login_failures (
    id SERIAL PRIMARY KEY,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    failed_at TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_username ON login_failures (username, failed_at);
CREATE INDEX login_failures_address ON login_failures (address, failed_at);

-- Security events admins can read: logins, failures, account and calendar changes.
CREATE TABLE audit_log (
    id SERIAL PRIMARY KEY,
    at TIMESTAMP NOT NULL,
    user_id INTEGER,
    username TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL,
    address TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);
