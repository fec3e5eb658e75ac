//! The weekly report's figures (docs/rules.md "Weekly report"), as the JSON format returns them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WeeklyReport {
    /// `2026-W08`.
    pub week: String,
    pub week_start: NaiveDate,
    pub week_end: NaiveDate,
    /// The day "now" figures are read on: the week's Sunday, or today in the current week.
    pub as_of: NaiveDate,
    pub generated_at: DateTime<Utc>,
    /// Projects (started by `as_of`, not archived) by the stage they are in and their light.
    pub portfolio: Vec<StageRow>,
    pub portfolio_total: StageRow,
    /// Steps approved or waived during the week.
    pub finished_steps: Vec<FinishedStep>,
    /// Steps whose light turned red during the week.
    pub turned_red: Vec<RedStep>,
    /// Steps past their due date as of `as_of`.
    pub overdue: Vec<OverdueStep>,
    /// Steps waiting on the applicant too long as of `as_of`.
    pub stalled: Vec<StalledStep>,
    pub time_saved: TimeSavedSection,
    pub liaisons: Vec<LiaisonLoad>,
    pub agencies: Vec<AgencyStat>,
    /// Enterprise requests (诉求) received during the week, read as of `as_of`: the
    /// figures of `GET /requests/stats` (total, by category, by agency).
    #[schema(value_type = Object)]
    pub requests: domain::request::RequestFigures,
    /// The year's landing to `as_of` (absent while nothing of it is recorded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub landing: Option<LandingSection>,
    /// Forecasts from the zone's history as of `as_of` (always labelled as forecasts).
    pub forecast: ForecastSection,
}

/// docs/rules.md "Forecasts" as of the report's `as_of`: the year's starts as forecast, and
/// the construction permits forecast to come in the next four weeks. The same figures as
/// `GET /forecast/targets` and each project's forecast for that day.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ForecastSection {
    pub year: i32,
    /// False when no finished step is in the zone's history: the figures are the law's.
    pub has_history: bool,
    pub started: u32,
    /// Started plus each unstarted project's probability of 开工 by 31 December.
    pub expected: f64,
    pub p10: u32,
    pub p90: u32,
    pub target: Option<u32>,
    pub probability_of_target: Option<f64>,
    /// Permits whose P50 falls on `as_of` … `as_of` + 28 days, soonest first.
    pub permits_coming: Vec<PermitComing>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PermitComing {
    pub project_id: i32,
    pub project: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
    pub agency: String,
    pub p50: NaiveDate,
    pub p80: NaiveDate,
}

/// The year's landing (docs/rules.md "The project's life beyond approvals") as of `as_of`.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct LandingSection {
    pub year: i32,
    /// Projects started (开工) in the year to `as_of`, and the year's target.
    pub started: u32,
    pub starts_target: Option<i32>,
    /// Projects producing (投产) in the year to `as_of`, and the year's target.
    pub producing: u32,
    pub productions_target: Option<i32>,
    /// Started during the report's week.
    pub started_this_week: u32,
    /// Median calendar days from 签约 to the construction permit, permits of the year.
    pub signing_to_permit_median_days: Option<f64>,
    pub signing_to_permit_reference_days: u32,
    /// Planned to start in the year, not started, and at risk.
    pub not_started: u32,
    pub at_risk: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct StageRow {
    /// The stage of the project's first unfinished step (route order), or `已完成`.
    pub stage: String,
    pub projects: u32,
    pub red: u32,
    pub yellow: u32,
    pub green: u32,
    /// No step with an agency.
    pub no_light: u32,
    pub stalled: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StepRef {
    pub project_id: i32,
    pub project: String,
    pub step_key: String,
    pub step: String,
    pub agency: String,
    /// Display names of the project's liaisons, joined by `、`.
    pub liaisons: String,
    /// The project's 统一项目代码, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_code: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FinishedStep {
    #[serde(flatten)]
    pub step: StepRef,
    /// `approved` or `waived`.
    pub status: String,
    pub accepted_on: Option<NaiveDate>,
    pub finished_on: NaiveDate,
    /// The promised limit, else the statutory one.
    pub limit_days: u32,
    /// Statutory clock (null for a waived step).
    pub days_used: Option<u32>,
    pub paused_days: u32,
    pub elapsed_days: u32,
    /// Days used beyond the limit (0 when within it).
    pub days_over_limit: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RedStep {
    #[serde(flatten)]
    pub step: StepRef,
    pub due_on: Option<NaiveDate>,
    /// The first day of the week it was red.
    pub red_on: NaiveDate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverdueStep {
    #[serde(flatten)]
    pub step: StepRef,
    pub due_on: NaiveDate,
    /// Working days after the due date up to `as_of`.
    pub days_over: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StalledStep {
    #[serde(flatten)]
    pub step: StepRef,
    /// The day materials were requested (补正).
    pub waiting_since: Option<NaiveDate>,
    /// Working days of the current pause up to `as_of`.
    pub days_waiting: u32,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct SavedFigures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Projects whose last step finished in the period.
    pub projects_finished: u32,
    pub baseline_days: u64,
    pub actual_days: u64,
    pub saved_days: i64,
    pub saved_by_parallel_days: i64,
    pub saved_by_faster_agencies_days: i64,
    pub saved_calendar_days: i64,
}

#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct TimeSavedSection {
    /// Projects finished in the week (actual days).
    pub week: SavedFigures,
    /// Projects finished in the year to date (actual days).
    pub year_to_date: SavedFigures,
    /// Projects still running as of `as_of`, with projected days (预计).
    pub in_progress: ProjectedFigures,
}

/// docs/rules.md "One truth for time saved": the running projects' figures, always projected.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ProjectedFigures {
    pub projects_in_progress: u32,
    pub baseline_days: u64,
    pub projected_days: u64,
    pub saved_days: i64,
    pub saved_by_parallel_days: i64,
    pub saved_by_faster_agencies_days: i64,
    pub saved_calendar_days: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LiaisonLoad {
    pub user_id: i32,
    pub name: String,
    /// Unfinished projects assigned to them.
    pub projects: u32,
    /// Steps with an agency or the applicant.
    pub steps_in_progress: u32,
    pub red: u32,
    pub yellow: u32,
    pub stalled: u32,
    pub finished_this_week: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyStat {
    pub agency: String,
    /// Steps approved in the year to date.
    pub approved: u32,
    pub median_days_used: Option<f64>,
    pub median_limit_days: Option<f64>,
    /// Of those approved, how many used more days than their limit.
    pub over_limit: u32,
    /// Steps with the agency or the applicant as of `as_of`.
    pub in_progress: u32,
}

/// The median, halfway between the middle two of an even count.
pub fn median(mut values: Vec<u32>) -> Option<f64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(values[n / 2])),
        _ => Some((f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0),
    }
}
