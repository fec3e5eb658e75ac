DROP TABLE weekly_reports_sent;
DROP TABLE ics_feeds;
