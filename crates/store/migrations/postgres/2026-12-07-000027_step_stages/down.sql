DROP INDEX steps_stage;
