//! The pure domain layer: working days, step lifecycle, routes, clocks, schedules and time
//! saved. No I/O here, so every figure can be unit-tested and checked by hand.
//!
//! Layers: domain <- store, report, mail <- service <- http, jobs, cli (checked by
//! `tests/api/layers.rs`). A new rule (a figure, a transition, a check) goes here, in the
//! file of its subject, and names nothing outside `domain`.

pub mod agency;
pub mod calendar;
pub mod chat;
pub mod clock;
pub mod dates;
pub mod landing;
pub mod light_dates;
pub mod limits;
pub mod request;
pub mod route;
pub mod schedule;
pub mod step;
pub mod time_saved;

#[cfg(test)]
mod test_support;

pub use calendar::{CalendarError, WorkCalendar, YearSchedule};
pub use clock::{read_clock, EpisodeEvent, Light, StepClock};
pub use route::{find_cycle, route_edges, validate_route, RouteError};
pub use schedule::{critical_path_length, schedule, Plan, PlanStep, Schedule, ScheduledStep};
pub use step::{
    next_status, predecessors_allow_accept, replay_status, Action, StepKey, StepKeyError, StepSpec,
    StepStatus, TransitionError,
};
pub use time_saved::{time_saved, PortfolioTimeSaved, TimeSaved};
