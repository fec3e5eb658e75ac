//! Refusals of recording licences (证照) and linking them to a project's step.

codes! {
    STEP_WITHOUT_PROJECT = "step_without_project", "name the project the step belongs to";
    PROJECT_NOT_OF_ENTERPRISE = "project_not_of_enterprise", "enterprise {enterprise} has no project {project}";
    STEP_NOT_APPROVED = "step_not_approved", "{step} is not approved";
    ISSUED_ON_MISSING = "issued_on_missing", "give the day it was issued";
    EXPIRES_NOT_AFTER_ISSUED = "expires_not_after_issued", "must be after issued_on";
}
