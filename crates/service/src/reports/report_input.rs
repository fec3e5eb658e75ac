//! What the weekly report is computed from: the projects as they stood on its `as_of`
//! day, with what their clocks cannot tell, and the small rules both the figures
//! (`report_figures`) and the loads (`report_loads`) apply to them.

use chrono::{DateTime, NaiveDate, Utc};

use domain::calendar::WorkCalendar;
use domain::step::StepStatus;
use domain::time_saved::TimeSaved;
use report::IsoWeek;

use crate::projects::project_view::ProjectView;
use crate::projects::saved;
use crate::steps::step_view::StepView;

/// The stages of the 2019 reform, in route order; other stages follow, then 已完成.
pub const STAGES: [&str; 4] = ["立项用地规划许可", "工程建设许可", "施工许可", "竣工验收"];
pub const COMPLETED: &str = "已完成";

/// What the clocks alone cannot tell about a step on the report's week.
#[derive(Debug, Clone, Default)]
pub struct StepExtra {
    /// The first day of the week on which it was red, if it was not red the day before.
    pub red_on: Option<NaiveDate>,
    /// The day of the last request for materials of the current pause.
    pub waiting_since: Option<NaiveDate>,
}

pub struct ReportProject {
    /// As of the report's `as_of` day.
    pub view: ProjectView,
    /// One per step of `view.steps`, in the same order.
    pub extras: Vec<StepExtra>,
    pub liaison_names: Vec<String>,
    /// Its time saved as of the report's day (projected while unfinished).
    pub time_saved: Option<TimeSaved>,
}

pub struct Liaison {
    pub id: i32,
    pub name: String,
}

pub struct ReportInput<'a> {
    pub week: IsoWeek,
    pub as_of: NaiveDate,
    pub generated_at: DateTime<Utc>,
    pub calendar: &'a WorkCalendar,
    pub projects: &'a [ReportProject],
    pub liaisons: &'a [Liaison],
}

pub fn completed(v: &ProjectView) -> bool {
    !v.steps.is_empty() && v.steps.iter().all(|s| s.status.is_finished())
}

pub fn in_progress(s: &StepView) -> bool {
    matches!(
        s.status,
        StepStatus::InReview | StepStatus::AwaitingApplicant
    )
}

pub fn limit(s: &StepView) -> u32 {
    crate::steps::step_view::limit_of(s.statutory_days, s.promised_days)
}

pub fn year_start(d: NaiveDate) -> NaiveDate {
    saved::year_start(d)
}
