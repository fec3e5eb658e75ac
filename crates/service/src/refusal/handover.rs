//! Refusals of deactivating a liaison who still holds work (the handover to a successor).

codes! {
    /// `held` lists the projects and requests, "#3 name; #5 name".
    LIAISON_HOLDS_WORK = "liaison_holds_work", "the liaison holds {projects} running projects and {requests} open requests; name who takes them over (successor_id): {held}";
    SUCCESSOR_NOT_LIAISON = "successor_not_liaison", "the successor must be another active liaison";
}
