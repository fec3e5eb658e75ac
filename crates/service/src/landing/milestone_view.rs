//! A project's milestones as the API and the pages show them: the days, the permit's
//! start deadline, signing to permit against the reference, and who recorded what.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use domain::landing::{
    months_saved, permit_lapsed, permit_start_deadline, signing_to_permit, Milestone,
    MilestoneDays, CONSTRUCTION_PERMIT,
};
use domain::step::StepStatus;
use store::landing::LandingRow;
use store::rows::StepRow;
use store::{self, DbConn};

use crate::{Env, ServiceResult};

/// A milestone's days.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneDates {
    pub planned: Option<NaiveDate>,
    pub actual: Option<NaiveDate>,
}

/// Signing to the construction permit's approval, against the zone's reference.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SigningToPermitView {
    pub calendar_days: i64,
    pub working_days: u32,
    pub reference_days: u32,
    /// Months saved against the reference (30 days a month), one decimal.
    pub months_saved: f64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MilestonesView {
    pub project_id: i32,
    pub project_code: Option<String>,
    pub signed: MilestoneDates,
    pub land: MilestoneDates,
    pub started: MilestoneDates,
    pub completed: MilestoneDates,
    pub producing: MilestoneDates,
    /// The construction permit's approval day (issue), once approved.
    pub permit_approved_on: Option<NaiveDate>,
    /// Work must start by this day: issue + 3 months, + 3 per extension (read-only).
    pub permit_start_deadline: Option<NaiveDate>,
    pub permit_extensions: i32,
    /// 已失效 (建筑法 art. 9): the deadline passed without 开工 (a 开工 recorded later,
    /// after the deadline, leaves it lapsed: the lapse stays in the history).
    pub permit_lapsed: bool,
    pub signing_to_permit: Option<SigningToPermitView>,
    /// Who recorded which day, oldest first.
    pub history: Vec<MilestoneEventView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MilestoneEventView {
    /// `signed` … `producing`, or `permit` for an extension.
    pub milestone: String,
    /// `planned`, `actual` or `extended`.
    pub action: String,
    /// The day set (`null`: cleared); for an extension, the new deadline.
    pub on: Option<NaiveDate>,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: String,
}

/// A row's days of one milestone.
pub fn days_of(row: &LandingRow, m: Milestone) -> MilestoneDays {
    let (planned, actual) = match m {
        Milestone::Signed => (row.signed_planned, row.signed_actual),
        Milestone::Land => (row.land_planned, row.land_actual),
        Milestone::Started => (row.started_planned, row.started_actual),
        Milestone::Completed => (row.completed_planned, row.completed_actual),
        Milestone::Producing => (row.producing_planned, row.producing_actual),
    };
    MilestoneDays { planned, actual }
}

/// The construction permit step's approval day: `None` while not approved; the outer
/// `None` when the project has no such step.
pub fn permit_approval(steps: &[StepRow]) -> Option<Option<NaiveDate>> {
    steps
        .iter()
        .find(|s| s.key == CONSTRUCTION_PERMIT)
        .map(|s| s.finished_on.filter(|_| s.status == StepStatus::Approved))
}

fn dates(d: MilestoneDays) -> MilestoneDates {
    MilestoneDates {
        planned: d.planned,
        actual: d.actual,
    }
}

/// The view of a project's landing row (a default one if none was written yet).
pub fn view(conn: &mut DbConn, env: &Env, project_id: i32) -> ServiceResult<MilestonesView> {
    let reference_days = env.signing_reference_days;
    let row = store::landing::find(conn, project_id)?.unwrap_or(LandingRow {
        project_id,
        ..LandingRow::default()
    });
    let approved = permit_approval(&store::steps::of_project(conn, project_id)?).flatten();
    let signing = match (row.signed_actual, approved) {
        (Some(s), Some(a)) => signing_to_permit(s, a, &env.calendar).map(|f| SigningToPermitView {
            calendar_days: f.calendar_days,
            working_days: f.working_days,
            reference_days,
            months_saved: months_saved(i64::from(reference_days), f.calendar_days as f64),
        }),
        _ => None,
    };
    let deadline = approved.and_then(|a| permit_start_deadline(a, row.permit_extensions));
    let events = store::landing::events_of(conn, project_id)?;
    let mut ids: Vec<i32> = events.iter().map(|e| e.user_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let users = store::users::find_many(conn, &ids)?;
    let name = |id: i32| {
        users
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.display_name.clone())
            .unwrap_or_default()
    };
    let history = events
        .into_iter()
        .map(|e| MilestoneEventView {
            recorded_by: name(e.user_id),
            milestone: e.milestone,
            action: e.action,
            on: e.on_date,
            recorded_at: e.recorded_at.and_utc(),
        })
        .collect();
    Ok(MilestonesView {
        project_id,
        project_code: row.project_code.clone(),
        signed: dates(days_of(&row, Milestone::Signed)),
        land: dates(days_of(&row, Milestone::Land)),
        started: dates(days_of(&row, Milestone::Started)),
        completed: dates(days_of(&row, Milestone::Completed)),
        producing: dates(days_of(&row, Milestone::Producing)),
        permit_approved_on: approved,
        permit_start_deadline: deadline,
        permit_lapsed: deadline.is_some_and(|d| permit_lapsed(d, row.started_actual, env.today)),
        permit_extensions: row.permit_extensions,
        signing_to_permit: signing,
        history,
    })
}
