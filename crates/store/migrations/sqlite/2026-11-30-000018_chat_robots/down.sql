DROP TABLE chat_calls;
DROP TABLE chat_alert_deliveries;
DROP TABLE chat_messages;
DROP TABLE chat_robots;
ALTER TABLE users DROP COLUMN mobile;
