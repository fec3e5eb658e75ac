//! Refusals of recording a project's landing milestones (拿地, 开工, 投产) and the year's
//! targets.

codes! {
    MILESTONE_AFTER_TODAY = "milestone_after_today", "is after today ({today})";
    /// `later` and `earlier` are the milestones' Chinese names.
    MILESTONES_OUT_OF_ORDER = "milestones_out_of_order", "{later} on {later_on} comes before {earlier} on {earlier_on}";
    PERMIT_EXTENSIONS_AT_MOST_TWO = "permit_extensions_at_most_two", "a construction permit is extended at most twice";
    PERMIT_EXTENSION_UNAPPROVED = "permit_extension_unapproved", "only an approved construction permit can be extended";
    STARTED_BEFORE_PERMIT = "started_before_permit", "开工 (construction started) cannot be recorded before the construction permit is approved";
    STARTED_BEFORE_PERMIT_DAY = "started_before_permit_day", "comes before the construction permit's approval on {day}";
    TARGET_YEAR_OUT_OF_RANGE = "target_year_out_of_range", "is outside the years this product keeps";
    TARGET_NOT_WHOLE = "target_not_whole", "must be a whole number from 0 to 100000";
}
