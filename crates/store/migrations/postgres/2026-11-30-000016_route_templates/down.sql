DROP TABLE route_template_versions;
