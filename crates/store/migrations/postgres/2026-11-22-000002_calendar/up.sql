-- The official working-day calendar, one row per published year. Dates are JSON arrays
-- of "YYYY-MM-DD" strings: a year is always read and replaced whole.
CREATE TABLE calendar_years (
    year INTEGER PRIMARY KEY NOT NULL,
    holidays TEXT NOT NULL,
    workdays TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    updated_at TIMESTAMP NOT NULL
);
