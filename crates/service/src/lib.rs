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
pub mod agencies;
pub mod agency_book;
pub mod agency_seed;
pub mod alert_lines;
pub mod alerts;
pub mod as_of;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod calendar_file;
pub mod chat_compose;
pub mod chat_delivery;
pub mod chat_owner;
pub mod chat_robots;
pub mod chat_test;
pub mod cockpit;
pub mod credit_code;
pub mod dashboard;
pub mod delivery;
pub mod enterprises;
pub mod env;
pub mod error;
#[macro_use]
pub mod refusal;
pub mod fields;
pub mod handover;
pub mod history;
pub mod homes;
pub mod ics;
pub mod import_plan;
#[cfg(test)]
mod import_props;
pub mod import_refusals;
pub mod import_rows;
pub mod imports;
pub mod landing;
pub mod licence_register;
pub mod licences;
pub mod lifecycle;
pub mod light_dates;
pub mod milestone_view;
pub mod milestones;
pub mod notify;
pub mod operations;
pub mod outbox;
pub mod own_password;
pub mod paging;
pub mod password;
pub mod permit_reminders;
pub mod planning;
pub mod project_codes;
pub mod project_list;
pub mod project_page;
pub mod project_setup;
pub mod project_view;
pub mod projects;
pub mod report_figures;
pub mod report_input;
pub mod report_loads;
pub mod reports;
pub mod request_jobs;
pub mod requests;
pub mod route_templates;
pub mod routes;
pub mod runtime;
pub mod saved;
pub mod standing;
pub mod step_edits;
pub mod step_view;
pub mod summaries;
pub mod targets;
pub mod upkeep;
pub mod users;
pub mod versions;
pub mod weekly_email;
pub mod withdraw;

pub use actor::{Actor, Role};
pub use env::{Clock, Env};
pub use error::{FieldError, ServiceError};
pub use paging::{ListPage, PageQuery};
pub use runtime::Runtime;
/// What the state's pool hands out (a connection to read on, and the right to write
/// through [`in_tx`]), and the connection itself.
pub use store::{Db, DbConn};

use store::WriteTx;

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Runs a use case in one transaction: everything or nothing.
pub fn in_tx<T>(db: &mut Db, f: impl FnOnce(&mut WriteTx) -> ServiceResult<T>) -> ServiceResult<T> {
    // On SQLite, through the database's one writer (see `store::writer`).
    db.write(f)
}

/// A unit of a job's work that another instance may have done first (an email and the
/// record that it was composed): `f` answers `Ok(false)` when it finds its record there
/// already; the unit is then rolled back whole and `Ok(false)` returned. Short: a job
/// reads first and writes each unit in a transaction of its own.
pub fn write_once(
    db: &mut Db,
    f: impl FnOnce(&mut WriteTx) -> ServiceResult<bool>,
) -> ServiceResult<bool> {
    let outcome = in_tx(db, |tx| match f(tx)? {
        true => Ok(()),
        false => Err(ServiceError::conflict(refusal::general::WRITTEN_ALREADY)),
    });
    match outcome {
        Ok(()) => Ok(true),
        Err(ServiceError::Conflict(r)) if r.code == refusal::general::WRITTEN_ALREADY => Ok(false),
        Err(e) => Err(e),
    }
}

/// "Record, then refuse": commits `record` (a failed login, a wrong current password) in a
/// transaction of its own, so it stays although the use case is refused, then answers
/// `refusal`. A refusal raised inside [`in_tx`] would roll the record back with it.
pub fn record_then_refuse<T>(
    db: &mut Db,
    record: impl FnOnce(&mut WriteTx) -> ServiceResult<()>,
    refusal: ServiceError,
) -> ServiceResult<T> {
    in_tx(db, record)?;
    Err(refusal)
}
