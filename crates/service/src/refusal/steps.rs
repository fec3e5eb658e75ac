//! Refusals of editing a project's steps and their dependencies.

codes! {
    TOO_MANY_STEPS = "too_many_steps", "a project has at most {max} steps";
    STEP_EXISTS = "step_exists", "the project has a step {key} already";
    NO_SUCH_STEP = "no_such_step", "the project has no step {key}";
    WHOLE_WORKING_DAYS = "whole_working_days", "must be whole working days from 0 to {max}";
    SELF_DEPENDENCY = "self_dependency", "a step cannot depend on itself";
    NAMED_TWICE = "named_twice", "names {key} twice";
    STEP_HAS_EVENTS = "step_has_events", "step {key} has recorded events; its history is kept, so it cannot be removed";
    STEP_HAS_DEPENDENTS = "step_has_dependents", "steps {dependents} depend on {key}; remove those dependencies first";
    ALREADY_DEPENDS = "already_depends", "{to} already depends on {from}";
    /// An agency may promise less than the statute allows, never more (承诺时限 ≤ 法定时限).
    PROMISE_ABOVE_STATUTE = "promise_above_statute", "the promised limit cannot exceed the statutory limit";
}
