//! Refusals of enterprise requests.

codes! {
    WRITE_SOMETHING = "write_something", "write something";
    CHOOSE_CATEGORY = "choose_category", "choose one of the categories";
    CHOOSE_CHANNEL = "choose_channel", "choose one of the channels";
    SAY_CHANNEL = "say_channel", "say how the request reached you";
    ENTERPRISE_FILES_ONLINE = "enterprise_files_online", "an enterprise files online";
    ENTERPRISE_FILES_FOR_ITSELF = "enterprise_files_for_itself", "an enterprise files for itself";
    NAME_ENTERPRISE = "name_enterprise", "name the enterprise";
    NO_SUCH_ENTERPRISE_PROJECT = "no_such_enterprise_project", "the enterprise has no project {project}";
    NO_ENTERPRISE_PROJECT_WITH_CODE = "no_enterprise_project_with_code", "the enterprise has no project with code {code}";
    PROJECT_ID_OR_CODE = "project_id_or_code", "give project_id or project_code, not both";
    NOT_A_REQUEST_ACTION = "not_a_request_action", "not an action on requests";
    NOT_A_REQUEST_STATUS = "not_a_request_status", "not a status of requests";
    CHOOSE_RATING = "choose_rating", "choose a rating";
    RATING_ONLY_ON_RATE = "rating_only_on_rate", "only a rating action takes a rating";
    NO_SUCH_AGENCY = "no_such_agency", "no agency is called {name}";
    NAME_AGENCY = "name_agency", "name the agency";
    AGENCY_ONLY_ON_HAND_OVER = "agency_only_on_hand_over", "only a hand-over names an agency";
    REQUEST_TRANSITION_NOT_ALLOWED = "request_transition_not_allowed", "cannot {action} a request that is {status}";
    PARTY_MAY_NOT = "party_may_not", "{party} may not {action} a request";
    TOO_MANY_OPEN_REQUESTS = "too_many_open_requests", "an enterprise has at most {max} open requests: file a new one once one of them is resolved";
    TOO_MANY_REQUESTS_AN_HOUR = "too_many_requests_an_hour", "an enterprise files at most {max} new requests an hour: try again in {minutes} minute(s)";
}
