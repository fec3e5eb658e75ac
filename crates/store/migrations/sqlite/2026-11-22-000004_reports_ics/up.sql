-- Calendar feeds: one secret per user, stored hashed; rotating replaces it.
CREATE TABLE ics_feeds (
    user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL
);

-- Weekly reports emailed to the managers: one row per ISO week sent ("2026-W08").
CREATE TABLE weekly_reports_sent (
    week TEXT PRIMARY KEY NOT NULL,
    emails INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL
);
