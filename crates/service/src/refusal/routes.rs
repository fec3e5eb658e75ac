//! Refusals of routes (a template's or a project's steps), their step keys and the
//! agencies they name.

use domain::route::RouteError;
use domain::step::{StepKeyError, STEP_KEY_MAX_LEN};

codes! {
    ROUTE_NEEDS_A_STEP = "route_needs_a_step", "a route needs at least one step";
    STEP_KEY_EMPTY = "step_key_empty", "a step key must not be empty";
    STEP_KEY_TOO_LONG = "step_key_too_long", "a step key has at most {max} characters (this one has {length})";
    /// `found` is the character quoted as Rust debug-prints it ('x').
    STEP_KEY_BAD_CHAR = "step_key_bad_char", "a step key may contain only ASCII letters, digits, '-' and '_' (found {found})";
    STEP_KEY_TWICE = "step_key_twice", "step key {key} is used more than once";
    UNKNOWN_PREDECESSOR = "unknown_predecessor", "step {step} depends on {missing}, which is not a step of this route";
    STEP_DEPENDS_ON_ITSELF = "step_depends_on_itself", "step {step} depends on itself";
    /// `cycle` is the steps in order around the cycle, "a → b → a".
    DEPENDENCY_CYCLE = "dependency_cycle", "dependencies form a cycle: {cycle}";
    ROUTE_TOO_LONG = "route_too_long", "a project has at most {max} steps, not {count}";
    /// `field` is the English name of the blank field (name, agency).
    STEP_FIELD_BLANK = "step_field_blank", "step {step} has a blank {field}";
    AGENCY_NAME_TAKEN = "agency_name_taken", "another agency already has this name";
    /// `name` is quoted as Rust debug-prints it ("x").
    UNKNOWN_AGENCY = "unknown_agency", "no agency is named {name}; an admin adds agencies first";
}

impl From<StepKeyError> for super::Refusal {
    fn from(e: StepKeyError) -> super::Refusal {
        match e {
            StepKeyError::Empty => super::Refusal::of(STEP_KEY_EMPTY),
            StepKeyError::TooLong(n) => super::Refusal::of(STEP_KEY_TOO_LONG)
                .arg("max", STEP_KEY_MAX_LEN)
                .arg("length", n),
            StepKeyError::InvalidChar(c) => {
                super::Refusal::of(STEP_KEY_BAD_CHAR).arg("found", format!("{c:?}"))
            }
        }
    }
}

impl From<RouteError> for super::Refusal {
    fn from(e: RouteError) -> super::Refusal {
        use super::Refusal;
        match e {
            RouteError::DuplicateKey(k) => Refusal::of(STEP_KEY_TWICE).arg("key", k),
            RouteError::UnknownStep { step, missing } => Refusal::of(UNKNOWN_PREDECESSOR)
                .arg("step", step)
                .arg("missing", missing),
            RouteError::SelfDependency(k) => Refusal::of(STEP_DEPENDS_ON_ITSELF).arg("step", k),
            RouteError::Cycle(keys) => {
                // Around the cycle and back to its first step, as the domain writes it.
                let mut cycle: String = keys.iter().map(|k| format!("{k} → ")).collect();
                if let Some(first) = keys.first() {
                    cycle.push_str(first.as_str());
                }
                Refusal::of(DEPENDENCY_CYCLE).arg("cycle", cycle)
            }
            RouteError::TooManySteps(n) => Refusal::of(ROUTE_TOO_LONG)
                .arg("max", domain::limits::MAX_STEPS)
                .arg("count", n),
            RouteError::Blank { step, field } => Refusal::of(STEP_FIELD_BLANK)
                .arg("step", step)
                .arg("field", field),
        }
    }
}

#[cfg(test)]
mod tests {
    use domain::step::StepKey;

    use super::*;

    /// The codes' English is the domain's, word for word (tests assert the English).
    #[test]
    fn english_is_the_domains() {
        let k = |s: &str| StepKey::parse(s).unwrap();
        let errors = [
            RouteError::DuplicateKey(k("a")),
            RouteError::UnknownStep {
                step: k("a"),
                missing: k("b"),
            },
            RouteError::SelfDependency(k("a")),
            RouteError::Cycle(vec![k("a"), k("b")]),
            RouteError::TooManySteps(300),
            RouteError::Blank {
                step: k("a"),
                field: "agency",
            },
        ];
        for e in errors {
            assert_eq!(
                super::super::Refusal::from(e.clone()).english(),
                e.to_string()
            );
        }
        for s in ["", "a b", &"x".repeat(STEP_KEY_MAX_LEN + 1)] {
            let e = StepKey::parse(s).unwrap_err();
            assert_eq!(
                super::super::Refusal::from(e.clone()).english(),
                e.to_string()
            );
        }
    }
}
