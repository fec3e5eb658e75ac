//! One truth for time saved (docs/rules.md): the one place that decides which projects a summed
//! figure counts as *finished* in a period and which as *in progress* (projected, 预计).
//! The API, the overview, the weekly report and the project page all read it from here.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use domain::time_saved::{PortfolioTimeSaved, SavedSplit, TimeSaved};

/// January 1st of `day`'s year.
pub fn year_start(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day)
}

/// Finished from `from` to `to` (inclusive), and every project still running.
pub fn split<'a>(
    items: impl IntoIterator<Item = &'a TimeSaved>,
    from: NaiveDate,
    to: NaiveDate,
) -> SavedSplit {
    SavedSplit::of(items, from, to)
}

/// "This year" as of `today`: finished since January 1st, plus in progress.
pub fn this_year<'a>(
    items: impl IntoIterator<Item = &'a TimeSaved>,
    today: NaiveDate,
) -> SavedSplit {
    split(items, year_start(today), today)
}

/// One part of the split: finished (actual days) or in progress (projected days, 预计).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SavedPartView {
    pub projects: u32,
    pub baseline_days: u64,
    pub critical_path_statutory_days: u64,
    /// Finished: the actual days summed; in progress: null.
    pub actual_days: Option<u64>,
    pub projected_days: u64,
    pub saved_days: i64,
    pub saved_by_parallel_days: i64,
    pub saved_by_faster_agencies_days: i64,
    pub saved_calendar_days: i64,
    /// True for the in-progress part: its figures are projections (预计).
    pub projected: bool,
    pub provisional: bool,
}

impl SavedPartView {
    pub fn of(p: &PortfolioTimeSaved, projected: bool) -> SavedPartView {
        SavedPartView {
            projects: p.projects,
            baseline_days: p.baseline_days,
            critical_path_statutory_days: p.critical_path_statutory_days,
            actual_days: if projected { None } else { p.actual_days },
            projected_days: p.projected_days,
            saved_days: p.saved_days,
            saved_by_parallel_days: p.saved_by_parallel_days,
            saved_by_faster_agencies_days: p.saved_by_faster_agencies_days,
            saved_calendar_days: p.saved_calendar_days,
            projected,
            provisional: p.provisional,
        }
    }
}

/// The split as the API and the pages give it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SavedSplitView {
    /// The period whose finished projects count (this year to date).
    pub period_from: NaiveDate,
    pub period_to: NaiveDate,
    pub finished: SavedPartView,
    pub in_progress: SavedPartView,
}

impl SavedSplitView {
    pub fn of(s: &SavedSplit, from: NaiveDate, to: NaiveDate) -> SavedSplitView {
        SavedSplitView {
            period_from: from,
            period_to: to,
            finished: SavedPartView::of(&s.finished, false),
            in_progress: SavedPartView::of(&s.in_progress, true),
        }
    }

    /// This year as of `today`.
    pub fn this_year<'a>(
        items: impl IntoIterator<Item = &'a TimeSaved>,
        today: NaiveDate,
    ) -> SavedSplitView {
        SavedSplitView::of(&this_year(items, today), year_start(today), today)
    }
}
