//! Integration tests: the real application on port 0, over HTTP, against a fresh SQLite
//! file or a fresh PostgreSQL database (TEST_BACKEND=postgres with TEST_PG_URL).

mod helpers;

mod accounts;
mod agencies;
mod agency_admin;
mod agency_migration;
mod alerts;
mod bodies_and_redirects;
mod browser;
mod calendar;
mod chat;
mod cli;
mod client_address;
mod concurrency;
mod csv_export;
mod date_range;
mod enterprises;
mod faults;
mod faults_sqlite;
mod health;
mod ics;
mod imports;
mod instances;
mod layers;
mod licences;
mod lifecycle;
mod light_dates;
mod login;
mod logs;
mod mail;
mod notices;
mod pages;
mod permissions;
mod planning;
mod projects;
mod reports;
mod requests;
mod route_templates;
mod security;
mod smtp;
mod steps;
mod text_limits;
mod uploads;
mod write_capability;
mod writer;
