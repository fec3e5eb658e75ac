-- A liaison's projects and open requests handed to a successor when the liaison leaves the
-- role or is disabled: one row per project or request, kept for the record and for the
-- successor's next digest (outbox_id is the email that told them; NULL until then).
CREATE TABLE liaison_handovers (
    id INTEGER PRIMARY KEY NOT NULL,
    from_user_id INTEGER NOT NULL REFERENCES users (id),
    to_user_id INTEGER NOT NULL REFERENCES users (id),
    project_id INTEGER REFERENCES projects (id),
    request_id INTEGER REFERENCES requests (id),
    at TIMESTAMP NOT NULL,
    outbox_id INTEGER REFERENCES outbox (id)
);
CREATE INDEX liaison_handovers_to ON liaison_handovers (to_user_id, outbox_id);
