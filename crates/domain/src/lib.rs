//! The pure domain layer: working days, step lifecycle, routes, clocks, schedules and time
//! saved. No I/O here, so every figure can be unit-tested and checked by hand.
//!
//! The workspace's lowest crate: it depends on no crate of the workspace and on no I/O
//! crate (`tests/api/layers.rs` reads its dependency tree). A new rule (a figure, a transition, a check) goes here, in the
//! file of its subject, and names nothing outside `domain`.

/// Declares a string-backed enum with `ALL`, `as_str`, `parse`, `Display`, snake_case serde,
/// and an order by declaration (a light's worst is its greatest): the one way the domain
/// names its words (statuses, actions, lights, request categories…). `TryFrom<String>`
/// refuses an unknown word, so a row read from the database is never given a default.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash,
            ::serde::Serialize, ::serde::Deserialize,
        )]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl ::std::convert::TryFrom<String> for $name {
            type Error = $crate::UnknownWord;

            fn try_from(s: String) -> Result<$name, $crate::UnknownWord> {
                $name::parse(&s).ok_or($crate::UnknownWord { kind: stringify!($name), word: s })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub mod agency;
pub mod calendar;
pub mod chat;
pub mod clock;
pub mod dates;
pub mod forecast;
pub mod landing;
pub mod light_dates;
pub mod limits;
pub mod request;
pub mod role;
pub mod route;
pub mod schedule;
pub mod step;
pub mod time_saved;

#[cfg(test)]
mod test_support;

/// A word none of a [`string_enum!`]'s variants has (say, a status written by hand in the
/// database): an error for whoever read it, never a default.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} {word:?}")]
pub struct UnknownWord {
    pub kind: &'static str,
    pub word: String,
}

pub use calendar::{CalendarError, WorkCalendar, YearSchedule};
pub use clock::{read_clock, EpisodeEvent, Light, StepClock};
pub use role::Role;
pub use route::{find_cycle, route_edges, validate_route, RouteError};
pub use schedule::{critical_path_length, schedule, Plan, PlanStep, Schedule, ScheduledStep};
pub use step::{
    next_status, predecessors_allow_accept, replay_status, Action, StepKey, StepKeyError, StepSpec,
    StepStatus, TransitionError,
};
pub use time_saved::{time_saved, PortfolioTimeSaved, TimeSaved};
