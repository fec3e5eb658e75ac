-- 补正 (request_materials) carries a notice for the enterprise: what the applicant must
-- supply. Kept apart from the staff-only note, which enterprises never see.
ALTER TABLE step_events ADD COLUMN notice TEXT;
-- A liaison's phone, so the enterprise's notice can say whom to call.
ALTER TABLE users ADD COLUMN phone TEXT;
