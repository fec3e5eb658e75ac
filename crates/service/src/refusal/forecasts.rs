//! Refusals of forecasts and their what-ifs.

codes! {
    SAMPLES_RANGE = "samples_range", "must be between {min} and {max}";
    /// A forecast is made on a day already come (a backtest on a past one).
    AS_OF_AFTER_TODAY = "as_of_after_today", "must not be after today ({today})";
    /// A backtest looks back from a day already past.
    BACKTEST_BEFORE_TODAY = "backtest_before_today", "must be before today ({today})";
    /// A what-if names a step the project does not have.
    UNKNOWN_STEP = "unknown_step", "the project has no step {step}";
    STEP_ASSUMED_TWICE = "step_assumed_twice", "step {step} is assumed twice";
    EXTRA_DAYS_RANGE = "extra_days_range", "must be between -{max} and {max} working days";
    AGENCY_ASSUMED_TWICE = "agency_assumed_twice", "agency {agency} is assumed twice";
    FACTOR_RANGE = "factor_range", "must be between {min} and {max}";
}
