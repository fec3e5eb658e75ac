ALTER TABLE users DROP COLUMN phone;
ALTER TABLE step_events DROP COLUMN notice;
