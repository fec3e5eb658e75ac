DROP TABLE permit_reminders;
DROP TABLE year_targets;
DROP TABLE milestone_events;
DROP TABLE project_landing;
