//! What every use case may consult besides the database: the clock, the calendar and the
//! rules' settings. Passed as a value, never a global.

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use domain::calendar::WorkCalendar;

/// Where "now" comes from: the system clock, or a fixed instant (tests, `jobs run --at`).
#[derive(Debug, Clone, Copy)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(t) => *t,
        }
    }
}

/// A snapshot of everything a use case needs besides its connection and its actor.
#[derive(Debug, Clone)]
pub struct Env {
    pub now: DateTime<Utc>,
    /// Today's date in the zone's time zone: the "today" of every rule.
    pub today: NaiveDate,
    /// The zone's time zone, in which "today" and every recorded day are read.
    pub tz: chrono_tz::Tz,
    pub calendar: Arc<WorkCalendar>,
    pub stalled_after_days: u32,
    /// Enterprise requests' time limits (`[requests]`).
    pub request_limits: domain::request::RequestLimits,
    pub token_ttl_hours: u32,
    /// `landing.signing_to_permit_reference_days`: what signing to permit used to take.
    pub signing_reference_days: u32,
}

impl Env {
    /// The instant stored in rows: UTC without zone, alike on both backends.
    pub fn stamp(&self) -> NaiveDateTime {
        self.now.naive_utc()
    }

    /// The zone's calendar day of a stored UTC instant.
    pub fn local_day(&self, stamp: NaiveDateTime) -> NaiveDate {
        stamp.and_utc().with_timezone(&self.tz).date_naive()
    }
}
