DROP TABLE derived_rules;
