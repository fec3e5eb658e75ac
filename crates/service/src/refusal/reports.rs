//! Refusals of reading reports (the weekly report, exports) and the liaisons' calendar feed.

codes! {
    REPORTS_MANAGERS_ONLY = "reports_managers_only", "only managers and administrators may read reports";
    NOT_AN_ISO_WEEK = "not_an_iso_week", "\"{week}\" is not an ISO week such as 2026-W08";
    WEEK_NOT_BEGUN = "week_not_begun", "{week} has not begun yet (today is {today})";
    REPORT_FORMAT = "report_format", "one of json, csv, xlsx, html";
    /// An import file's or a list download's format.
    FILE_FORMAT = "file_format", "csv or xlsx";
    FEEDS_LIAISONS_ONLY = "feeds_liaisons_only", "calendar feeds are for liaisons";
}
