DROP TABLE request_alerts;
DROP TABLE request_events;
DROP TABLE requests;
