//! Time saved (docs/rules.md "Time saved"): how far the parallel route and faster agencies beat
//! the old sequential route at statutory speed, the figure governments report.

use chrono::NaiveDate;
use serde::Serialize;

use super::calendar::WorkCalendar;
use super::schedule::{critical_path_length, Plan, Schedule};

/// One project's figures, in working days unless the name says calendar (the API answers
/// this type as it is: its schema is derived here, not copied).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct TimeSaved {
    /// Sum of all statutory limits: one agency after another.
    pub baseline_days: u32,
    /// The critical path with statutory limits: the parallel route at statutory speed.
    pub critical_path_statutory_days: u32,
    /// The planned critical path (promised limits where there are some).
    pub planned_days: u32,
    /// From `start_date` to the last finish; `None` while a step is unfinished.
    pub actual_days: Option<u32>,
    /// From `start_date` to the projected finish.
    pub projected_days: u32,
    /// Baseline minus actual (or projected while unfinished).
    pub saved_days: i64,
    /// Baseline minus the statutory critical path.
    pub saved_by_parallel_days: i64,
    /// The rest of `saved_days`.
    pub saved_by_faster_agencies_days: i64,
    /// `start_date` + baseline working days.
    pub baseline_finish: NaiveDate,
    /// The actual finish, or the projected one while unfinished.
    pub finish: NaiveDate,
    /// `baseline_finish` − `finish`, in calendar days.
    pub saved_calendar_days: i64,
    pub provisional: bool,
}

/// Figures of `plan` given its `schedule` (from [`super::schedule::schedule`] on the same
/// plan). A plan is finished when every step is approved or waived; an empty plan never is.
pub fn time_saved(cal: &WorkCalendar, plan: &Plan, schedule: &Schedule) -> TimeSaved {
    let start = plan.start_date;
    let statutory: Vec<u32> = plan.steps.iter().map(|s| s.statutory_days).collect();
    let baseline_days = statutory.iter().fold(0u32, |a, b| a.saturating_add(*b));
    // The schedule succeeded, so the edges are acyclic; the baseline is a safe fallback.
    let critical_path_statutory_days =
        critical_path_length(&statutory, &plan.edges).unwrap_or(baseline_days);
    let limits: Vec<u32> = plan.steps.iter().map(|s| s.limit_days).collect();
    let planned_days = critical_path_length(&limits, &plan.edges).unwrap_or(baseline_days);
    let projected_days = cal.working_days_after(start, schedule.projected_finish);
    let finished = !plan.steps.is_empty() && plan.steps.iter().all(|s| s.status.is_finished());
    let actual_days = finished.then_some(projected_days);
    let saved_days = i64::from(baseline_days) - i64::from(projected_days);
    let saved_by_parallel_days = i64::from(baseline_days) - i64::from(critical_path_statutory_days);
    let baseline_finish = cal.add_working_days(start, baseline_days);
    let finish = schedule.projected_finish;
    TimeSaved {
        baseline_days,
        critical_path_statutory_days,
        planned_days,
        actual_days,
        projected_days,
        saved_days,
        saved_by_parallel_days,
        saved_by_faster_agencies_days: saved_days - saved_by_parallel_days,
        baseline_finish,
        finish,
        saved_calendar_days: (baseline_finish - finish).num_days(),
        provisional: schedule.provisional || cal.is_provisional_span(start, baseline_finish),
    }
}

/// The portfolio: day figures summed over projects (dates are not summed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PortfolioTimeSaved {
    pub projects: u32,
    pub baseline_days: u64,
    pub critical_path_statutory_days: u64,
    pub planned_days: u64,
    /// Summed only when every project has finished, like a single project's.
    pub actual_days: Option<u64>,
    pub projected_days: u64,
    pub saved_days: i64,
    pub saved_by_parallel_days: i64,
    pub saved_by_faster_agencies_days: i64,
    pub saved_calendar_days: i64,
    pub provisional: bool,
}

impl TimeSaved {
    /// Sums projects; no project gives zeros and `actual_days: None`.
    pub fn sum<'a>(items: impl IntoIterator<Item = &'a TimeSaved>) -> PortfolioTimeSaved {
        let mut total = PortfolioTimeSaved {
            actual_days: Some(0),
            ..Default::default()
        };
        for t in items {
            total.projects += 1;
            total.baseline_days += u64::from(t.baseline_days);
            total.critical_path_statutory_days += u64::from(t.critical_path_statutory_days);
            total.planned_days += u64::from(t.planned_days);
            total.actual_days = total
                .actual_days
                .zip(t.actual_days)
                .map(|(a, b)| a + u64::from(b));
            total.projected_days += u64::from(t.projected_days);
            total.saved_days += t.saved_days;
            total.saved_by_parallel_days += t.saved_by_parallel_days;
            total.saved_by_faster_agencies_days += t.saved_by_faster_agencies_days;
            total.saved_calendar_days += t.saved_calendar_days;
            total.provisional |= t.provisional;
        }
        if total.projects == 0 {
            total.actual_days = None;
        }
        total
    }
}

#[cfg(test)]
mod tests;

/// docs/rules.md "One truth for time saved": every summed figure apart as *finished* (last step
/// finished in the period, actual days) and *in progress* (still running, projected days).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SavedSplit {
    pub finished: PortfolioTimeSaved,
    pub in_progress: PortfolioTimeSaved,
}

impl SavedSplit {
    /// Projects finished from `from` to `to` (inclusive), and every project still running.
    pub fn of<'a>(
        items: impl IntoIterator<Item = &'a TimeSaved>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> SavedSplit {
        let (finished, running): (Vec<&TimeSaved>, Vec<&TimeSaved>) =
            items.into_iter().partition(|t| t.actual_days.is_some());
        SavedSplit {
            finished: TimeSaved::sum(
                finished
                    .into_iter()
                    .filter(|t| from <= t.finish && t.finish <= to),
            ),
            in_progress: TimeSaved::sum(running),
        }
    }
}
