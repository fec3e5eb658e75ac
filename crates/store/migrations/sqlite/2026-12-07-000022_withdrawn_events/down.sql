ALTER TABLE step_events DROP COLUMN withdraw_reason;
ALTER TABLE step_events DROP COLUMN withdrawn_by;
ALTER TABLE step_events DROP COLUMN withdrawn_at;
