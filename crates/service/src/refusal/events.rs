//! Refusals of recording a step's events (the lifecycle).

codes! {
    WITHDRAW_REASON_REQUIRED = "withdraw_reason_required", "must say why the event is withdrawn";
    WITHDRAWN_ALREADY = "withdrawn_already", "this event was withdrawn already";
    ONLY_LATEST_WITHDRAWN = "only_latest_withdrawn", "only the step's latest event can be withdrawn";
    WITHDRAW_NOT_ALLOWED = "withdraw_not_allowed", "an event may be withdrawn by its author on the day it was recorded, or by an administrator";
    SUCCESSORS_STARTED = "successors_started", "steps that follow it have started ({steps}); withdraw their events first";
    NOTICE_REQUIRED = "notice_required", "must list everything the enterprise is to supply (补正 is told once, in full)";
    WITH_MISSING_ONLY_ON_ACCEPT = "with_missing_only_on_accept", "goes only with the action accept (容缺受理)";
    BY_COMMITMENT_ONLY_ON_APPROVE = "by_commitment_only_on_approve", "goes only with the action approve (告知承诺)";
    NOTICE_ONLY_ON_REQUEST_MATERIALS = "notice_only_on_request_materials", "goes only with the action request_materials (补正)";
    REOPEN_ADMIN_ONLY = "reopen_admin_only", "only administrators may reopen a finished step";
    /// The action does not fit the step's status (`domain::step::TransitionError`).
    TRANSITION_NOT_ALLOWED = "transition_not_allowed", "cannot {action} a step that is {status}";
    DATE_AFTER_TODAY = "date_after_today", "{day} is after today ({today})";
    DATE_BEFORE_PREVIOUS_EVENT = "date_before_previous_event", "{day} is before the step's previous event ({action} on {on})";
    /// `verb` is the English "has" or "have".
    PREDECESSORS_UNFINISHED = "predecessors_unfinished", "{step} cannot be accepted before {predecessors} {verb} finished";
    DATE_BEFORE_PREDECESSOR_FINISHED = "date_before_predecessor_finished", "{day} is before {predecessor} finished ({finished_on})";
}

impl From<domain::step::TransitionError> for super::Refusal {
    fn from(e: domain::step::TransitionError) -> super::Refusal {
        super::Refusal::of(TRANSITION_NOT_ALLOWED)
            .arg("action", e.action.verb())
            .arg("status", e.from.phrase())
    }
}
