//! Refusals of the pages' own reading of a form: values a page cannot even hand to a use
//! case (a number that is not one, a choice not made). They are codes like the others so
//! that the pages say them from the same catalogue.

codes! {
    NOT_A_NUMBER = "not_a_number", "a number";
    NOT_A_WHOLE_NUMBER = "not_a_whole_number", "a whole number";
    /// `example` is a date in the shape the field takes.
    DATE_LIKE = "date_like", "a date like {example}";
    NOT_A_LIGHT = "not_a_light", "must be red, yellow or green";
    CHOOSE_ACTION = "choose_action", "choose an action";
    CHOOSE_ROLE = "choose_role", "choose a role";
    CHOOSE_TEMPLATE = "choose_template", "choose a route template";
    CHOOSE_ENTERPRISE = "choose_enterprise", "choose an enterprise";
    WHOLE_YUAN = "whole_yuan", "a whole number of yuan";
    TICK_TO_CONFIRM = "tick_to_confirm", "tick the box to confirm";
    CONFIRM_REMOVAL = "confirm_removal", "confirm the removal with its button";
    /// `reason` is already said in the reader's language.
    ON_LINE = "on_line", "line {line}: {reason}";
    LINE_NOT_A_DATE = "line_not_a_date", "line {line}: {value} is not a valid date like 2027-01-01";
}
