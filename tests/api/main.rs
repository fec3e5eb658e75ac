//! Integration tests: the real application on port 0, over HTTP, against a fresh SQLite
//! file or a fresh PostgreSQL database (TEST_BACKEND=postgres with TEST_PG_URL).

mod helpers;

mod accounts;
mod alerts;
mod calendar;
mod cli;
mod enterprises;
mod health;
mod licences;
mod lifecycle;
mod mail;
mod planning;
mod projects;
mod smtp;
mod steps;
