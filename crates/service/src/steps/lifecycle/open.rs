//! Which actions a user may record on a step now: the one rule the project page offers
//! and recording an event enforces, so a page never offers what the API refuses.

use domain::step::{next_status, Action, StepStatus};

use crate::Role;

/// Whether `role` may record `action` at all: reopening a finished step undoes an
/// approval, so it is the administrators' alone.
pub fn may_record(role: Role, action: Action) -> bool {
    action != Action::Reopen || role == Role::Admin
}

/// The actions `role` may record on a step in `status`: those the role may record, that
/// fit the status, and `accept` only when `can_start` (every predecessor finished; else
/// recording it is a 409). Whether the user may change the project at all is
/// `Actor::require_project_editor`'s.
pub fn actions_open_to(role: Role, status: StepStatus, can_start: bool) -> Vec<Action> {
    Action::ALL
        .iter()
        .copied()
        .filter(|a| may_record(role, *a))
        .filter(|a| next_status(status, *a).is_ok())
        .filter(|a| *a != Action::Accept || can_start)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_administrators_are_offered_reopen() {
        for role in Role::ALL {
            let open = actions_open_to(*role, StepStatus::Approved, true);
            assert_eq!(
                open.contains(&Action::Reopen),
                *role == Role::Admin,
                "{role}"
            );
        }
    }

    #[test]
    fn accept_waits_for_the_predecessors() {
        assert!(
            !actions_open_to(Role::Liaison, StepStatus::Pending, false).contains(&Action::Accept)
        );
        assert!(actions_open_to(Role::Liaison, StepStatus::Pending, true).contains(&Action::Accept));
    }
}
