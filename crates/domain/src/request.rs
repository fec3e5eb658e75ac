//! Enterprise requests (诉求, docs/rules.md "Enterprise requests"): their words, the lifecycle
//! table (who may do what from which status), the two clocks and the figures. Permission
//! to see a request (own enterprise) is the service's; this module knows the parties only.

mod clock;
mod figures;
mod limits;

pub use clock::{read_request, RequestEvent, RequestReading};
pub use figures::{request_figures, FigureRow, RequestFigures};
pub use limits::{CategoryLimits, RequestLimits};

string_enum!(
    /// docs/api.md "Requests: the words".
    Category {
        Approval => "approval",
        LandConstruction => "land_construction",
        Utilities => "utilities",
        PolicyFunding => "policy_funding",
        TalentHousing => "talent_housing",
        Other => "other",
    }
);

string_enum!(
    /// How the request reached the zone.
    Channel {
        Online => "online",
        Phone => "phone",
        Wechat => "wechat",
        Visit => "visit",
        Survey => "survey",
        Hotline12345 => "hotline_12345",
    }
);

string_enum!(
    RequestStatus {
        Submitted => "submitted",
        Accepted => "accepted",
        HandedOver => "handed_over",
        WaitingEnterprise => "waiting_enterprise",
        Resolved => "resolved",
        Reopened => "reopened",
        Closed => "closed",
    }
);

string_enum!(
    /// What an entry of a request's history does. `file` opens the history, `note` is a staff
    /// note the enterprise never sees, `close` is the scheduler's (unrated after the limit).
    RequestAction {
        File => "file",
        Accept => "accept",
        HandOver => "hand_over",
        Reply => "reply",
        WaitEnterprise => "wait_enterprise",
        Resolve => "resolve",
        Rate => "rate",
        Reopen => "reopen",
        Note => "note",
        Close => "close",
    }
);

string_enum!(
    Rating {
        Satisfied => "satisfied",
        BasicallySatisfied => "basically_satisfied",
        Dissatisfied => "dissatisfied",
    }
);

string_enum!(
    /// Who acts: the zone's staff, the enterprise that filed, or the scheduler.
    Party {
        Staff => "staff",
        Enterprise => "enterprise",
        System => "system",
    }
);

impl RequestStatus {
    /// Resolved and closed requests no longer run the resolution clock.
    pub fn is_open(self) -> bool {
        !matches!(self, RequestStatus::Resolved | RequestStatus::Closed)
    }
}

impl Rating {
    /// 满意率 counts satisfied and basically satisfied.
    pub fn is_satisfied(self) -> bool {
        !matches!(self, Rating::Dissatisfied)
    }
}

impl RequestAction {
    /// Entries the enterprise reads in its history (staff notes are not among them).
    pub fn enterprise_sees(self) -> bool {
        !matches!(self, RequestAction::Note)
    }

    /// Staff words the enterprise reads: each one answers it (首次响应).
    pub fn answers(self) -> bool {
        matches!(
            self,
            RequestAction::Reply | RequestAction::WaitEnterprise | RequestAction::Resolve
        )
    }
}

/// Where a request stands: its status, and the status a wait on the enterprise returns to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lifecycle {
    pub status: RequestStatus,
    pub resume_to: RequestStatus,
}

impl Lifecycle {
    pub const FILED: Lifecycle = Lifecycle {
        status: RequestStatus::Submitted,
        resume_to: RequestStatus::Submitted,
    };
}

/// An action that does not fit the status or the party (HTTP 409, or 403 for `by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RequestTransitionError {
    #[error("cannot {action} a request that is {from}")]
    Status {
        from: RequestStatus,
        action: RequestAction,
    },
    #[error("{by} may not {action} a request")]
    Party { by: Party, action: RequestAction },
}

/// Who may take each action (docs/api.md: staff handle; the enterprise replies, rates, reopens).
pub fn party_may(by: Party, action: RequestAction) -> bool {
    use RequestAction as A;
    match by {
        Party::Staff => !matches!(action, A::Rate | A::Reopen | A::Close),
        Party::Enterprise => matches!(action, A::File | A::Reply | A::Rate | A::Reopen),
        Party::System => matches!(action, A::Close),
    }
}

/// The lifecycle table. `rating` matters for `rate` only: dissatisfied reopens.
pub fn next_lifecycle(
    current: Lifecycle,
    by: Party,
    action: RequestAction,
    rating: Option<Rating>,
) -> Result<Lifecycle, RequestTransitionError> {
    use RequestAction as A;
    use RequestStatus as S;
    if !party_may(by, action) {
        return Err(RequestTransitionError::Party { by, action });
    }
    let to = |status| Lifecycle {
        status,
        resume_to: current.resume_to,
    };
    let refuse = Err(RequestTransitionError::Status {
        from: current.status,
        action,
    });
    let working = matches!(current.status, S::Accepted | S::HandedOver | S::Reopened);
    match (current.status, action) {
        (S::Submitted, A::Accept) => Ok(to(S::Accepted)),
        (_, A::HandOver) if working => Ok(to(S::HandedOver)),
        (_, A::Resolve) if working => Ok(to(S::Resolved)),
        (_, A::WaitEnterprise) if working => Ok(Lifecycle {
            status: S::WaitingEnterprise,
            resume_to: current.status,
        }),
        // The enterprise's answer ends the wait and restarts the clock (the 补正 rule).
        (S::WaitingEnterprise, A::Reply) if by == Party::Enterprise => Ok(to(current.resume_to)),
        (s, A::Reply | A::Note) if s.is_open() => Ok(current),
        (_, A::Note) => Ok(current),
        (S::Resolved, A::Rate) => match rating {
            Some(Rating::Dissatisfied) => Ok(to(S::Reopened)),
            Some(_) => Ok(to(S::Closed)),
            None => refuse,
        },
        (S::Resolved, A::Reopen) => Ok(to(S::Reopened)),
        (S::Resolved, A::Close) => Ok(to(S::Closed)),
        _ => refuse,
    }
}

/// The lifecycle a whole history leads to (its first entry is `file`).
pub fn replay_lifecycle(events: &[RequestEvent]) -> Result<Lifecycle, RequestTransitionError> {
    events
        .iter()
        .skip_while(|e| e.action == RequestAction::File)
        .try_fold(Lifecycle::FILED, |l, e| {
            next_lifecycle(l, e.by, e.action, e.rating)
        })
}

#[cfg(test)]
mod tests;
