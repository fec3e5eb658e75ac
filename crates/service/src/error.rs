//! What a use case answers when it does not succeed.
//!
//! Every refusal the user can act on is its own variant (not found, forbidden, conflict,
//! stale version, invalid input with the fields named). `Unavailable` and `ReadOnly` say
//! the database cannot serve now (worth retrying). Anything else is `Internal`: it keeps
//! its cause (the error chain, walked by `source()`) for the log; users see an opaque 500.

use std::error::Error as StdError;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;
use utoipa::ToSchema;

use store::errors::{fault_of, Fault};

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

/// The cause of an internal error, any error type with its own chain.
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

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
    /// The database answers but cannot take writes (read-only or failing disk, a standby).
    #[error("the database cannot be written at the moment")]
    ReadOnly(String),
    /// A fault nobody but the operator can act on; the cause is kept for the log. Shown
    /// with its whole chain (the CLI, the scheduler's log), never to an HTTP client.
    #[error("internal error: {}", chain(.0.as_ref()))]
    Internal(#[source] Cause),
}

/// An internal error described by a message and, optionally, the error behind it.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct Failure {
    message: String,
    #[source]
    source: Option<Cause>,
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

    /// An internal error known only by what went wrong (a broken invariant).
    pub fn internal(message: impl Into<String>) -> ServiceError {
        ServiceError::Internal(Box::new(Failure {
            message: message.into(),
            source: None,
        }))
    }

    /// An internal error: what was being done, and the error that stopped it.
    pub fn caused(
        doing: impl Into<String>,
        source: impl StdError + Send + Sync + 'static,
    ) -> ServiceError {
        ServiceError::Internal(Box::new(Failure {
            message: doing.into(),
            source: Some(Box::new(source)),
        }))
    }
}

impl From<DieselError> for ServiceError {
    fn from(e: DieselError) -> ServiceError {
        match &e {
            // A race past our own checks (two creations of one name at once).
            DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, info) => {
                // The message only names what is duplicated; the kind decided.
                ServiceError::Conflict(format!("already exists ({})", info.message()))
            }
            DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                ServiceError::Conflict("a concurrent change got there first; try again".into())
            }
            _ => match fault_of(&e) {
                Some(Fault::Busy | Fault::Gone) => ServiceError::Unavailable(e.to_string()),
                Some(Fault::ReadOnly) => ServiceError::ReadOnly(e.to_string()),
                None => ServiceError::Internal(Box::new(e)),
            },
        }
    }
}

impl From<std::io::Error> for ServiceError {
    fn from(e: std::io::Error) -> ServiceError {
        ServiceError::Internal(Box::new(e))
    }
}

impl From<serde_json::Error> for ServiceError {
    fn from(e: serde_json::Error) -> ServiceError {
        ServiceError::Internal(Box::new(e))
    }
}

/// The whole chain of an error, outermost first: "a: b: c".
pub fn chain(e: &(dyn StdError + 'static)) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(cause) = next {
        out.push_str(": ");
        out.push_str(&cause.to_string());
        next = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_internal_error_keeps_its_chain() {
        let io = std::io::Error::other("disk on fire");
        let e = ServiceError::caused("writing the report", io);
        assert_eq!(
            e.to_string(),
            "internal error: writing the report: disk on fire"
        );
        let ServiceError::Internal(cause) = &e else {
            panic!("{e:?}")
        };
        assert_eq!(
            cause.source().map(ToString::to_string).as_deref(),
            Some("disk on fire")
        );
    }

    #[test]
    fn database_faults_are_classified_by_kind() {
        let unique = DieselError::DatabaseError(
            DatabaseErrorKind::UniqueViolation,
            Box::new("UNIQUE constraint failed: users.username".to_string()),
        );
        assert!(matches!(
            ServiceError::from(unique),
            ServiceError::Conflict(_)
        ));
        let read_only = DieselError::DatabaseError(
            DatabaseErrorKind::ReadOnlyTransaction,
            Box::new("cannot execute UPDATE in a read-only transaction".to_string()),
        );
        assert!(matches!(
            ServiceError::from(read_only),
            ServiceError::ReadOnly(_)
        ));
        // A message that merely mentions a lock is not a busy database.
        let other = DieselError::DatabaseError(
            DatabaseErrorKind::Unknown,
            Box::new("no such column: database is locked".to_string()),
        );
        assert!(matches!(
            ServiceError::from(other),
            ServiceError::Internal(_)
        ));
    }
}
