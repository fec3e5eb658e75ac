-- The staff's list offers every stage a step names as a filter: without an index, its
-- `SELECT DISTINCT stage` sorted all 150,000 steps of a 10,000-project zone per page load
-- (SQLite spilled the sort to disk: 55 ms of a 60 ms page). The index gives them in order.
CREATE INDEX steps_stage ON steps (stage);
