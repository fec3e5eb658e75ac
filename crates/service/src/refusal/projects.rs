//! Refusals of creating and editing projects.

codes! {
    NO_SUCH_USER = "no_such_user", "no user has id {id}";
    NOT_AN_ACTIVE_LIAISON = "not_an_active_liaison", "{name} is not an active liaison";
    LIAISON_NAMED_TWICE = "liaison_named_twice", "names a liaison twice";
    LIAISON_MUST_BE_ASSIGNED = "liaison_must_be_assigned", "a liaison creates projects assigned to themselves";
    NEGATIVE = "negative", "must not be negative";
    NO_SUCH_TEMPLATE = "no_such_template", "no route template has the key {key}";
    TEMPLATE_OR_STEPS = "template_or_steps", "give either a route template or explicit steps";
    LIAISON_CANNOT_LEAVE = "liaison_cannot_leave", "a liaison cannot remove themselves; ask a manager";
    CREDIT_CODE_TAKEN = "credit_code_taken", "an enterprise with credit code {code} exists already (id {id})";
}
