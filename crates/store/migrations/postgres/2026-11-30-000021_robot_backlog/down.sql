ALTER TABLE chat_robots DROP COLUMN tells_after_alert;
