//! How an import's refusals are told: every bad row by its line, to the API as field
//! errors, to the command line one per line.

use crate::imports::import_plan::RowError;
use crate::refusal::{imports, Refusal};
use report::import_limits::ReadError;

use crate::{FieldError, ServiceError};

/// Every row error of a file, which is imported whole or not at all. Each is the field
/// `line N` with its refusal's code; the file's columns it concerns travel as the
/// argument `column` and lead its English ("start_date: must not be blank").
pub fn refuse(errors: Vec<RowError>) -> ServiceError {
    let detail = Refusal::of(imports::ROWS_REFUSED)
        .arg("count", errors.len())
        .english();
    let errors = errors
        .into_iter()
        .map(|e| {
            let mut fe = FieldError::new(format!("line {}", e.line), e.problem.refusal);
            if !e.problem.column.is_empty() {
                fe.message = format!("{}: {}", e.problem.column, fe.message);
                fe.args.insert("column".into(), e.problem.column);
            }
            fe
        })
        .collect();
    ServiceError::Invalid { detail, errors }
}

/// A file that could not be read, as the service answers it: 413 past the limits, else 422.
pub fn unreadable(e: ReadError) -> ServiceError {
    if e.is_too_large() {
        ServiceError::too_large("file", e)
    } else {
        ServiceError::invalid("file", e)
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
