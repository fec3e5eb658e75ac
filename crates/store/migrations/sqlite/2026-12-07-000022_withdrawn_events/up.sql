-- A mistaken event can be withdrawn (撤销, docs/rules.md): it stays in the history, marked with
-- who withdrew it, when and why, and every clock, light and figure reads as if it had never
-- been recorded (readers of the clocks filter on withdrawn_at IS NULL). Kept in this table,
-- not moved out, so an event's id is never reused for another.
ALTER TABLE step_events ADD COLUMN withdrawn_at TIMESTAMP;
ALTER TABLE step_events ADD COLUMN withdrawn_by INTEGER; -- a user id (no REFERENCES: SQLite cannot drop such a column on the way down)
ALTER TABLE step_events ADD COLUMN withdraw_reason TEXT;
