//! Step identity and lifecycle (docs/rules.md "Step lifecycle"). Permission and predecessor checks
//! belong to the service; this module only knows which action fits which status.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Keys appear in URLs and in other steps' `depends_on`, hence the restricted alphabet.
/// Shared rather than copied: a schedule repeats every key in its result and its paths
/// (half the time of a 1,000-step critical path was copying them, BENCHMARKS.md).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(try_from = "String")]
pub struct StepKey(Arc<str>);

impl Serialize for StepKey {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

pub const STEP_KEY_MAX_LEN: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepKeyError {
    #[error("a step key must not be empty")]
    Empty,
    #[error("a step key has at most {STEP_KEY_MAX_LEN} characters (this one has {0})")]
    TooLong(usize),
    #[error("a step key may contain only ASCII letters, digits, '-' and '_' (found {0:?})")]
    InvalidChar(char),
}

impl StepKey {
    pub fn parse(s: &str) -> Result<StepKey, StepKeyError> {
        if s.is_empty() {
            return Err(StepKeyError::Empty);
        }
        if let Some(c) = s
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(StepKeyError::InvalidChar(c));
        }
        if s.len() > STEP_KEY_MAX_LEN {
            return Err(StepKeyError::TooLong(s.len()));
        }
        Ok(StepKey(Arc::from(s)))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StepKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for StepKey {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for StepKey {
    type Err = StepKeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        StepKey::parse(s)
    }
}

impl TryFrom<String> for StepKey {
    type Error = StepKeyError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        StepKey::parse(&s)
    }
}

impl From<StepKey> for String {
    fn from(k: StepKey) -> String {
        k.0.to_string()
    }
}

string_enum!(
    /// Where a step stands; only `in_review` runs the agency's clock.
    StepStatus {
        Pending => "pending",
        InReview => "in_review",
        AwaitingApplicant => "awaiting_applicant",
        Approved => "approved",
        Rejected => "rejected",
        Waived => "waived",
    }
);

string_enum!(
    /// What an event does to a step.
    Action {
        Accept => "accept",
        RequestMaterials => "request_materials",
        Resubmit => "resubmit",
        Approve => "approve",
        Reject => "reject",
        Waive => "waive",
        Reopen => "reopen",
    }
);

impl StepStatus {
    /// Approved or waived: successors may start.
    pub fn is_finished(self) -> bool {
        matches!(self, StepStatus::Approved | StepStatus::Waived)
    }

    pub fn phrase(self) -> &'static str {
        match self {
            StepStatus::Pending => "pending",
            StepStatus::InReview => "in review",
            StepStatus::AwaitingApplicant => "awaiting the applicant",
            StepStatus::Approved => "approved",
            StepStatus::Rejected => "rejected",
            StepStatus::Waived => "waived",
        }
    }
}

impl Action {
    pub fn verb(self) -> &'static str {
        match self {
            Action::Accept => "accept",
            Action::RequestMaterials => "request materials for",
            Action::Resubmit => "resubmit",
            Action::Approve => "approve",
            Action::Reject => "reject",
            Action::Waive => "waive",
            Action::Reopen => "reopen",
        }
    }
}

/// An action that does not fit the status (HTTP 409).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("cannot {} a step that is {}", .action.verb(), .from.phrase())]
pub struct TransitionError {
    pub from: StepStatus,
    pub action: Action,
}

/// The lifecycle table of docs/api.md, nothing more.
pub fn next_status(current: StepStatus, action: Action) -> Result<StepStatus, TransitionError> {
    use Action as A;
    use StepStatus as S;
    match (current, action) {
        (S::Pending | S::Rejected, A::Accept) => Ok(S::InReview),
        (S::Pending, A::Waive) => Ok(S::Waived),
        (S::InReview, A::RequestMaterials) => Ok(S::AwaitingApplicant),
        (S::InReview, A::Approve) => Ok(S::Approved),
        (S::InReview, A::Reject) => Ok(S::Rejected),
        (S::AwaitingApplicant, A::Resubmit) => Ok(S::InReview),
        (S::Approved | S::Waived, A::Reopen) => Ok(S::Pending),
        (from, action) => Err(TransitionError { from, action }),
    }
}

/// The status a history leads to from `pending`, e.g. to read a step as it stood on a past day
/// (events on or before it). The first action that does not fit is the error.
pub fn replay_status(
    actions: impl IntoIterator<Item = Action>,
) -> Result<StepStatus, TransitionError> {
    actions
        .into_iter()
        .try_fold(StepStatus::Pending, next_status)
}

/// What a step's history decides of its row: its status, the day of its current
/// acceptance and the day it finished (both cleared by `reopen`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub status: StepStatus,
    pub accepted_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
}

impl Standing {
    pub const NEW: Standing = Standing {
        status: StepStatus::Pending,
        accepted_on: None,
        finished_on: None,
    };

    /// The standing once `action` on day `on` is recorded: the one rule for recording an
    /// event and for replaying a history (after a withdrawal, 撤销).
    pub fn after(self, action: Action, on: NaiveDate) -> Result<Standing, TransitionError> {
        let status = next_status(self.status, action)?;
        let (accepted_on, finished_on) = match action {
            Action::Accept => (Some(on), None),
            Action::Approve | Action::Reject | Action::Waive => (self.accepted_on, Some(on)),
            Action::Reopen => (None, None),
            Action::RequestMaterials | Action::Resubmit => (self.accepted_on, self.finished_on),
        };
        Ok(Standing {
            status,
            accepted_on,
            finished_on,
        })
    }

    /// The standing a whole history leads to from a new step.
    pub fn replay(
        events: impl IntoIterator<Item = (Action, NaiveDate)>,
    ) -> Result<Standing, TransitionError> {
        events
            .into_iter()
            .try_fold(Standing::NEW, |s, (a, on)| s.after(a, on))
    }
}

/// `accept` needs every predecessor approved or waived.
pub fn predecessors_allow_accept(preds: &[StepStatus]) -> bool {
    preds.iter().all(|s| s.is_finished())
}

/// A step as templates, creation and edits describe it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec {
    pub key: StepKey,
    pub name: String,
    pub agency: String,
    /// Its agency leads the step (牵头), e.g. the joint completion acceptance.
    #[serde(default)]
    pub lead: bool,
    pub stage: String,
    pub statutory_days: u32,
    #[serde(default)]
    pub promised_days: Option<u32>,
    #[serde(default)]
    pub depends_on: Vec<StepKey>,
}

impl StepSpec {
    /// The promised limit (承诺时限) where there is one, else the statutory limit.
    pub fn limit_days(&self) -> u32 {
        self.promised_days.unwrap_or(self.statutory_days)
    }
}

#[cfg(test)]
mod tests;
