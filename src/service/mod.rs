//! Use cases, each in one transaction, shared by the API, the pages and the scheduler.
//!
//! Error policy: a use case answers [`ServiceError`]. Every refusal the user can act on is
//! its own variant (not found, forbidden, conflict, stale version, invalid input with the
//! fields named) and leaves the database as it was, because it is raised inside the
//! transaction that is then rolled back. Anything else is `Internal`: logged in full by
//! the HTTP layer and answered as an opaque 500.

pub mod actor;
pub mod agencies;
pub mod agency_seed;
pub mod alerts;
pub mod as_of;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod calendar_file;
pub mod cockpit;
pub mod credit_code;
pub mod dashboard;
pub mod enterprises;
pub mod env;
pub mod fields;
pub mod history;
pub mod homes;
pub mod ics;
pub mod import_refusals;
pub mod imports;
pub mod licence_register;
pub mod licences;
pub mod lifecycle;
pub mod light_dates;
pub mod notify;
pub mod own_password;
pub mod paging;
pub mod password;
pub mod planning;
pub mod project_list;
pub mod project_page;
pub mod project_setup;
pub mod project_view;
pub mod projects;
pub mod reports;
pub mod route_templates;
pub mod routes;
pub mod saved;
pub mod standing;
pub mod step_edits;
pub mod step_view;
pub mod summaries;
pub mod users;
pub mod weekly_email;

pub use actor::{Actor, Role};
pub use env::{Clock, Env};
pub use paging::{ListPage, PageQuery};

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::store::{Db, WriteTx};

/// One invalid input field and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Absent, or not visible to this user (the same answer, so nothing leaks).
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    Unauthorized(String),
    /// Conflicts with the current state.
    #[error("{0}")]
    Conflict(String),
    #[error("the {what} was changed by someone else: it is now at version {current}")]
    StaleVersion { what: &'static str, current: i32 },
    /// Well-formed but invalid; `detail` sums it up, `errors` names the fields.
    #[error("{detail}")]
    Invalid {
        detail: String,
        errors: Vec<FieldError>,
    },
    /// Larger than the service accepts (an upload's size, inflated size, rows or columns).
    #[error("{field}: {message}")]
    TooLarge { field: String, message: String },
    /// Too many failed attempts: try again after this many seconds.
    #[error("{message}")]
    TooMany { message: String, retry_after: i64 },
    /// The database is busy or unreachable: worth retrying.
    #[error("the database is unavailable")]
    Unavailable(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl ServiceError {
    pub fn invalid(field: &str, message: impl Into<String>) -> ServiceError {
        let message = message.into();
        ServiceError::Invalid {
            detail: format!("{field}: {message}"),
            errors: vec![FieldError::new(field, message)],
        }
    }

    pub fn too_large(field: &str, message: impl Into<String>) -> ServiceError {
        ServiceError::TooLarge {
            field: field.into(),
            message: message.into(),
        }
    }

    pub fn invalid_fields(errors: Vec<FieldError>) -> ServiceError {
        let detail = errors
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect::<Vec<_>>()
            .join("; ");
        ServiceError::Invalid { detail, errors }
    }
}

impl From<DieselError> for ServiceError {
    fn from(e: DieselError) -> ServiceError {
        match &e {
            // A race past our own checks (two creations of one name at once).
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                ServiceError::Conflict(format!("already exists ({})", info.message()))
            }
            DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                ServiceError::Conflict("a concurrent change got there first; try again".into())
            }
            DieselError::DatabaseError(DatabaseErrorKind::ClosedConnection, _) => {
                ServiceError::Unavailable(e.to_string())
            }
            DieselError::DatabaseError(_, info) if unavailable(info.message()) => {
                ServiceError::Unavailable(e.to_string())
            }
            _ => ServiceError::Internal(e.to_string()),
        }
    }
}

/// Messages of a database that is busy, read-only or gone: the caller may try again.
fn unavailable(message: &str) -> bool {
    [
        "database is locked",
        "readonly database",
        "disk I/O error",
        "closed the connection",
        "terminating connection",
        "no connection to the server",
        "could not connect",
        "Connection refused",
    ]
    .iter()
    .any(|m| message.contains(m))
}

pub type ServiceResult<T> = Result<T, ServiceError>;

/// Runs a use case in one transaction: everything or nothing.
pub fn in_tx<T>(db: &mut Db, f: impl FnOnce(&mut WriteTx) -> ServiceResult<T>) -> ServiceResult<T> {
    // On SQLite, through the database's one writer (see `store::writer`).
    db.write(f)
}

/// Said by a [`write_once`] unit that found its record already written.
const DONE_ALREADY: &str = "written already by another run";

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
        false => Err(ServiceError::Conflict(DONE_ALREADY.into())),
    });
    match outcome {
        Ok(()) => Ok(true),
        Err(ServiceError::Conflict(m)) if m == DONE_ALREADY => Ok(false),
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
