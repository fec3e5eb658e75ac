//! Refusals of the projects' lists and dashboards (who sees which view, how lists sort).

codes! {
    OVERVIEW_MANAGERS_ONLY = "overview_managers_only", "the overview is for managers";
    TIMELINE_ENTERPRISES_ONLY = "timeline_enterprises_only", "this timeline is for enterprise accounts";
    SORT_DIRECTION = "sort_direction", "must be asc or desc";
    SORT_COLUMN = "sort_column", "must be name, light, start or finish";
}
