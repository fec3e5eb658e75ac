DROP TABLE job_state;
DROP TABLE licence_reminders;
DROP TABLE licences;
DROP TABLE alert_deliveries;
DROP TABLE outbox;
DROP TABLE alerts;
