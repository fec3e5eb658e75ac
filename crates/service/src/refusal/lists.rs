//! Refusals of list queries: paging and the filters of the alerts and the audit log.

codes! {
    PAGE_FROM_ONE = "page_from_one", "pages count from 1";
    /// A filter of a list's address that names an id.
    FILTER_NOT_A_NUMBER = "filter_not_a_number", "must be a number";
    PER_PAGE_RANGE = "per_page_range", "must be between 1 and {max}";
    ALERT_LEVEL = "alert_level", "one of yellow, red, stalled, escalated";
    AUDIT_DAY = "audit_day", "must be a date such as 2026-03-16";
    AUDIT_ACTION = "audit_action", "is not an action the log records";
}
