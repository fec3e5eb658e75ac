//! The weekly reports as one instance keeps them while nobody commits (`crate::kept`). Each
//! is the whole zone as of a day: a read of every step and event and the zone's forecast,
//! 3–5 s on 10,000 projects, the same for every manager until something changes; the page
//! that reloads all day (and the cockpit, this week's) must not pay it each time.

use report::{IsoWeek, WeeklyReport};

use crate::kept::{Basis, Shelf};

#[derive(Debug, Default)]
pub struct ReportCache {
    /// By week: the default page is last week's, the cockpit this week's.
    pub(crate) weekly: Shelf<Basis, IsoWeek, WeeklyReport>,
}
