DROP TABLE step_events;
DROP TABLE step_dependencies;
DROP TABLE steps;
DROP TABLE project_liaisons;
DROP TABLE projects;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE enterprises;
