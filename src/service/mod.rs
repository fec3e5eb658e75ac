//! Use cases, each in one transaction, shared by the API, the pages and the scheduler.
//!
//! A new use case goes here, in the file of its subject (or a new one), as a function
//! taking the connection, the [`Env`] and the [`Actor`]; the API handler and the page call
//! the same function. It may use `domain`, `store`, `report` and `mail`, never `http` or
//! `jobs`. What a job needs of the database is a service function too ([`upkeep`],
//! [`delivery`]).
//!
//! Error policy: a use case answers [`ServiceError`] (see [`error`]). Every refusal the
//! user can act on is its own variant and leaves the database as it was, because it is
//! raised inside the transaction that is then rolled back. Anything else is `Internal`,
//! carrying its cause: logged in full by the HTTP layer and answered as an opaque 500.

pub mod actor;
pub mod alerts;
pub mod as_of;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod calendar_file;
pub mod cockpit;
pub mod credit_code;
pub mod dashboard;
pub mod delivery;
pub mod enterprises;
pub mod env;
pub mod error;
pub mod fields;
pub mod history;
pub mod homes;
pub mod ics;
pub mod import_plan;
#[cfg(test)]
mod import_props;
pub mod import_refusals;
pub mod import_rows;
pub mod imports;
pub mod licence_register;
pub mod licences;
pub mod lifecycle;
pub mod light_dates;
pub mod notify;
pub mod operations;
pub mod own_password;
pub mod paging;
pub mod password;
pub mod planning;
pub mod project_list;
pub mod project_page;
pub mod project_setup;
pub mod project_view;
pub mod projects;
pub mod report_figures;
pub mod report_input;
pub mod report_loads;
pub mod reports;
pub mod route_templates;
pub mod routes;
pub mod saved;
pub mod standing;
pub mod step_edits;
pub mod step_view;
pub mod summaries;
pub mod upkeep;
pub mod users;
pub mod versions;
pub mod weekly_email;

/// The connection a use case runs on: what the state's pool hands out to callers.
pub use crate::store::DbConn;
pub use actor::{Actor, Role};
pub use env::{Clock, Env};
pub use error::{FieldError, ServiceError};
pub use paging::{ListPage, PageQuery};

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Runs a use case in one transaction: everything or nothing.
pub fn in_tx<T>(
    conn: &mut DbConn,
    f: impl FnOnce(&mut DbConn) -> ServiceResult<T>,
) -> ServiceResult<T> {
    // On SQLite, through the database's one writer (see `store::writer`).
    crate::store::writer::transaction(conn, f)
}
