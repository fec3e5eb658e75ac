//! Use cases, each in one transaction, shared by the API, the pages and the scheduler.
//!
//! Grouped in folders by subject (accounts, projects, steps, requests, notices, reports,
//! imports, routes, calendar, landing, licences, enterprises); a subject's file holds its
//! commands and declares its read models beside them. A new use case goes in the folder
//! of its subject, as a function taking the connection, the [`Env`] and the [`Actor`]; the
//! API handler and the page call the same function. A refusal is a code of [`refusal`]. What a job needs of the database is a service function too ([`upkeep`],
//! [`notices::delivery`]).
//!
//! Error policy: a use case answers [`ServiceError`] (see [`error`]). Every refusal the
//! user can act on is its own variant and leaves the database as it was, because it is
//! raised inside the transaction that is then rolled back. Anything else is `Internal`,
//! carrying its cause: logged in full by the HTTP layer and answered as an opaque 500.

// First: its `codes!` macro is used by the modules below.
#[macro_use]
pub mod refusal;

pub mod accounts;
pub mod calendar;
pub mod enterprises;
pub mod env;
pub mod error;
pub mod fields;
pub mod forecasts;
pub mod imports;
pub mod kept;
pub mod landing;
pub mod licences;
pub mod notices;
pub mod operations;
pub mod paging;
pub mod projects;
pub mod reports;
pub mod requests;
pub mod routes;
pub mod runtime;
pub mod steps;
pub mod upkeep;
pub mod versions;

pub use accounts::actor::{Actor, Role};
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
    let outcome = db.write(f);
    // What readiness and the metrics say of writes: a storage fault (a full disk) until a
    // write commits again; a refusal says nothing of the storage.
    if let Some(writes) = db.writes() {
        match &outcome {
            Ok(_) => writes.succeeded(),
            Err(ServiceError::ReadOnly(cause)) => writes.failed(cause),
            Err(_) => {}
        }
    }
    outcome
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
