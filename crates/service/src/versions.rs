//! Optimistic versions, the one check of each kind: every stateful row has a `version`;
//! a change names the version it was made on (`If-Match`, a form's hidden field) and is
//! written by an UPDATE conditioned on the version read, so a change made meanwhile is
//! refused as `StaleVersion` instead of lost.

use crate::{ServiceError, ServiceResult};

/// Refuses a change made on another version than `current` (no `if_match`: no check).
pub fn check_version(what: &'static str, current: i32, if_match: Option<i32>) -> ServiceResult<()> {
    match if_match {
        Some(v) if v != current => Err(ServiceError::StaleVersion { what, current }),
        _ => Ok(()),
    }
}

/// The outcome of an UPDATE conditioned on the version read: `matched` false means the
/// row moved on since (`current` is the version to report).
pub fn check_written(what: &'static str, matched: bool, current: i32) -> ServiceResult<()> {
    if matched {
        Ok(())
    } else {
        Err(ServiceError::StaleVersion { what, current })
    }
}
