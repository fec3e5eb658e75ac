//! How an import's refusals are told: every bad row by its line, to the API as field
//! errors, to the command line one per line.

use crate::imports::import_plan::RowError;
use report::import_limits::ReadError;

use crate::{FieldError, ServiceError};

/// Every row error of a file, which is imported whole or not at all.
pub fn refuse(errors: Vec<RowError>) -> ServiceError {
    let n = errors.len();
    ServiceError::Invalid {
        detail: format!(
            "{n} problem{} in the file; nothing was imported",
            if n == 1 { "" } else { "s" }
        ),
        errors: errors
            .into_iter()
            .map(|e| FieldError::new(format!("line {}", e.line), e.message))
            .collect(),
    }
}

/// A file that could not be read, as the service answers it.
pub fn unreadable(e: ReadError) -> ServiceError {
    match e {
        ReadError::TooLarge(m) => ServiceError::too_large("file", m),
        ReadError::Invalid(m) => ServiceError::invalid("file", m),
    }
}

/// A refusal with every row named, one per line (for the command line).
pub fn explain(e: &ServiceError) -> String {
    match e {
        ServiceError::Invalid { detail, errors } => {
            let mut out = detail.clone();
            for fe in errors {
                out.push_str(&format!("\n  {}: {}", fe.field, fe.message));
            }
            out
        }
        other => other.to_string(),
    }
}
