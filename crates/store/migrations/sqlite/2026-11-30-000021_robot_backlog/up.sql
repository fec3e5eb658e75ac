-- A robot is told the alerts raised after it was registered (or enabled again), not the
-- zone's backlog: alerts with an id up to this one were there before it.
ALTER TABLE chat_robots ADD COLUMN tells_after_alert INTEGER NOT NULL DEFAULT 0;
