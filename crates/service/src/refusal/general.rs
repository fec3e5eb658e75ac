//! Refusals every use case may answer, and the fixed answers of faults.

codes! {
    ZONE_STAFF_ONLY = "zone_staff_only", "only zone staff may do this";
    ADMIN_ONLY = "admin_only", "only administrators may do this";
    LIAISON_OWN_PROJECTS_ONLY = "liaison_own_projects_only", "liaisons change only the projects assigned to them";
    ENTERPRISE_READS_ONLY = "enterprise_reads_only", "enterprise accounts can read but not change projects";
    NO_ACTIVE_USER = "no_active_user", "no such active user (create an admin first)";
    NOT_FOUND = "not_found", "{what} not found";
    STALE_VERSION = "stale_version", "the {what} was changed by someone else: it is now at version {current}";
    /// Several fields are invalid: `errors` carries each field's code.
    INVALID_FIELDS = "invalid_fields", "{detail}";
    ALREADY_EXISTS = "already_exists", "already exists ({what})";
    CONCURRENT_CHANGE = "concurrent_change", "a concurrent change got there first; try again";
    /// Said inside a job whose unit another run wrote first; never shown.
    WRITTEN_ALREADY = "written_already", "written already by another run";
    INTERNAL = "internal", "an internal error occurred; it has been logged";
    UNAVAILABLE = "unavailable", "the database is unavailable; try again shortly";
    READ_ONLY = "read_only", "the database cannot be written at the moment; nothing was changed; try again shortly";
}
