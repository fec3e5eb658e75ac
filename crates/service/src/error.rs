//! What a use case answers when it does not succeed.
//!
//! Every refusal the user can act on is its own variant (not found, forbidden, conflict,
//! stale version, invalid input with the fields named). `Unavailable` and `ReadOnly` say
//! the database cannot serve now (worth retrying). Anything else is `Internal`: it keeps
//! its cause (the error chain, walked by `source()`) for the log; users see an opaque 500.

use std::collections::BTreeMap;
use std::error::Error as StdError;

use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;
use utoipa::ToSchema;

use store::errors::{fault_of, Fault};

use crate::refusal::{general, Code, Refusal};

/// One invalid input field and why: the refusal's code and arguments (clients translate
/// by them) and its English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    pub field: String,
    /// The kind of refusal, answered as its stable snake_case key (docs/api.md, Conventions).
    #[schema(value_type = String)]
    #[serde(serialize_with = "key_of")]
    pub code: Code,
    /// The texts filling the holes of the code's sentence, by name.
    pub args: BTreeMap<String, String>,
    /// The refusal in English, for people reading the API.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, refusal: impl Into<Refusal>) -> FieldError {
        let refusal = refusal.into();
        FieldError {
            field: field.into(),
            code: refusal.code,
            args: refusal.args_map(),
            message: refusal.english(),
        }
    }

    /// The refusal back from its code and arguments.
    pub fn refusal(&self) -> Refusal {
        let args = crate::refusal::holes(self.code.en)
            .into_iter()
            .filter_map(|hole| Some((hole, self.args.get(hole)?.clone())))
            .collect();
        Refusal {
            code: self.code,
            args,
        }
    }
}

fn key_of<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.key)
}

/// The cause of an internal error, any error type with its own chain.
pub type Cause = Box<dyn StdError + Send + Sync + 'static>;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Absent, or not visible to this user (the same answer, so nothing leaks).
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Forbidden(Refusal),
    #[error("{0}")]
    Unauthorized(Refusal),
    /// Conflicts with the current state.
    #[error("{0}")]
    Conflict(Refusal),
    #[error("the {what} was changed by someone else: it is now at version {current}")]
    StaleVersion { what: &'static str, current: i32 },
    /// Well-formed but invalid; `detail` sums it up, `errors` names the fields.
    #[error("{detail}")]
    Invalid {
        detail: String,
        errors: Vec<FieldError>,
    },
    /// Larger than the service accepts (an upload's size, inflated size, rows or columns).
    #[error("{field}: {refusal}")]
    TooLarge { field: String, refusal: Refusal },
    /// Too many failed attempts: try again after this many seconds.
    #[error("{refusal}")]
    TooMany { refusal: Refusal, retry_after: i64 },
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
    /// One invalid field: `ServiceError::invalid("name", Refusal::of(TOO_LONG).arg("max", 200))`.
    pub fn invalid(field: &str, refusal: impl Into<Refusal>) -> ServiceError {
        let error = FieldError::new(field, refusal);
        ServiceError::Invalid {
            detail: format!("{field}: {}", error.message),
            errors: vec![error],
        }
    }

    pub fn too_large(field: &str, refusal: impl Into<Refusal>) -> ServiceError {
        ServiceError::TooLarge {
            field: field.into(),
            refusal: refusal.into(),
        }
    }

    pub fn conflict(refusal: impl Into<Refusal>) -> ServiceError {
        ServiceError::Conflict(refusal.into())
    }

    pub fn forbidden(refusal: impl Into<Refusal>) -> ServiceError {
        ServiceError::Forbidden(refusal.into())
    }

    pub fn unauthorized(refusal: impl Into<Refusal>) -> ServiceError {
        ServiceError::Unauthorized(refusal.into())
    }

    /// The refusal as the API answers it at the top of a problem: the code and arguments
    /// of each kind (one invalid field answers that field's code; several, `invalid_fields`;
    /// faults their fixed codes, never their cause).
    pub fn refusal(&self) -> Refusal {
        use ServiceError as S;
        match self {
            S::NotFound(what) => Refusal::of(general::NOT_FOUND).arg("what", what),
            S::Forbidden(r) | S::Unauthorized(r) | S::Conflict(r) => r.clone(),
            S::StaleVersion { what, current } => Refusal::of(general::STALE_VERSION)
                .arg("what", what)
                .arg("current", current),
            S::Invalid { detail, errors } => match errors.as_slice() {
                [one] => one.refusal(),
                _ => Refusal::of(general::INVALID_FIELDS).arg("detail", detail),
            },
            S::TooLarge { refusal, .. } | S::TooMany { refusal, .. } => refusal.clone(),
            S::Unavailable(_) => Refusal::of(general::UNAVAILABLE),
            S::ReadOnly(_) => Refusal::of(general::READ_ONLY),
            S::Internal(_) => Refusal::of(general::INTERNAL),
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
                ServiceError::Conflict(
                    Refusal::of(general::ALREADY_EXISTS).arg("what", info.message()),
                )
            }
            DieselError::DatabaseError(DatabaseErrorKind::SerializationFailure, _) => {
                ServiceError::Conflict(Refusal::of(general::CONCURRENT_CHANGE))
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
