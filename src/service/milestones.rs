//! A project's milestones (签约, 拿地, 开工, 竣工, 投产), each planned and actual, the
//! construction permit's start deadline and its recorded extensions (DOMAIN.md "The
//! project's life beyond approvals"). Staff of the project write; its enterprise reads.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::landing::{
    check_order, months_saved, permit_start_deadline, signing_to_permit, Milestone, MilestoneDays,
    CONSTRUCTION_PERMIT, MAX_EXTENSIONS,
};
use crate::domain::step::StepStatus;
use crate::store::landing::{LandingRow, NewMilestoneEvent};
use crate::store::rows::StepRow;
use crate::store::{self, Db, DbConn};

use super::fields::Checks;
use super::projects::{lock_for_edit, visible};
use super::{in_tx, Actor, Env, ServiceError, ServiceResult};

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

/// The body of a PUT: milestones left out stay as they are; inside one, `null` clears.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutMilestones {
    pub signed: Option<MilestoneDates>,
    pub land: Option<MilestoneDates>,
    pub started: Option<MilestoneDates>,
    pub completed: Option<MilestoneDates>,
    pub producing: Option<MilestoneDates>,
    /// Recorded extensions of the start deadline, 0 to 2.
    pub permit_extensions: Option<i32>,
}

impl PutMilestones {
    pub fn get(&self, m: Milestone) -> Option<MilestoneDates> {
        match m {
            Milestone::Signed => self.signed,
            Milestone::Land => self.land,
            Milestone::Started => self.started,
            Milestone::Completed => self.completed,
            Milestone::Producing => self.producing,
        }
    }
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

fn set_days(row: &mut LandingRow, m: Milestone, d: MilestoneDates) {
    let (planned, actual) = match m {
        Milestone::Signed => (&mut row.signed_planned, &mut row.signed_actual),
        Milestone::Land => (&mut row.land_planned, &mut row.land_actual),
        Milestone::Started => (&mut row.started_planned, &mut row.started_actual),
        Milestone::Completed => (&mut row.completed_planned, &mut row.completed_actual),
        Milestone::Producing => (&mut row.producing_planned, &mut row.producing_actual),
    };
    *planned = d.planned;
    *actual = d.actual;
}

/// The construction permit step's approval day: `None` while not approved; the outer
/// `None` when the project has no such step.
pub fn permit_approval(steps: &[StepRow]) -> Option<Option<NaiveDate>> {
    steps
        .iter()
        .find(|s| s.key == CONSTRUCTION_PERMIT)
        .map(|s| {
            s.finished_on
                .filter(|_| s.status == StepStatus::Approved.as_str())
        })
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
        permit_start_deadline: approved
            .and_then(|a| permit_start_deadline(a, row.permit_extensions)),
        permit_extensions: row.permit_extensions,
        signing_to_permit: signing,
        history,
    })
}

/// A project's milestones, for its staff and its own enterprise.
pub fn get(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
) -> ServiceResult<MilestonesView> {
    visible(conn, actor, project_id)?;
    view(conn, env, project_id)
}

/// Records milestone days and extensions; every change goes into the project's history.
pub fn put(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    req: &PutMilestones,
) -> ServiceResult<MilestonesView> {
    actor.require_staff()?;
    in_tx(conn, |tx| {
        lock_for_edit(tx, actor, project_id)?;
        let old = store::landing::find(tx, project_id)?.unwrap_or(LandingRow {
            project_id,
            ..LandingRow::default()
        });
        let mut new = old.clone();
        let mut checks = Checks::default();
        for m in Milestone::ALL {
            let Some(d) = req.get(m) else { continue };
            for (what, day) in [("planned", d.planned), ("actual", d.actual)] {
                if let Some(day) = day {
                    checks.day(&format!("{}.{what}", m.key()), day);
                }
            }
            if d.actual.is_some_and(|a| a > env.today) {
                checks.fail(
                    &format!("{}.actual", m.key()),
                    format!("is after today ({})", env.today),
                );
            }
            set_days(&mut new, m, d);
        }
        let actual: Vec<(Milestone, Option<NaiveDate>)> = Milestone::ALL
            .iter()
            .map(|m| (*m, days_of(&new, *m).actual))
            .collect();
        if let Err(e) = check_order(&actual) {
            let day = |m: Milestone| days_of(&new, m).actual.unwrap_or_default();
            checks.fail(
                &format!("{}.actual", e.later.key()),
                format!(
                    "{} on {} comes before {} on {}",
                    e.later.name_zh(),
                    day(e.later),
                    e.earlier.name_zh(),
                    day(e.earlier)
                ),
            );
        }
        let approval = permit_approval(&store::steps::of_project(tx, project_id)?);
        if let Some(n) = req.permit_extensions {
            if !(0..=MAX_EXTENSIONS).contains(&n) {
                checks.fail(
                    "permit_extensions",
                    "a construction permit is extended at most twice",
                );
            } else if n > 0 && approval.flatten().is_none() {
                checks.fail(
                    "permit_extensions",
                    "only an approved construction permit can be extended",
                );
            }
            new.permit_extensions = n;
        }
        checks.into_result()?;
        // 开工 needs the construction permit, when the route has one (409: not yet).
        let started = new.started_actual;
        if started.is_some() && started != old.started_actual {
            match approval {
                Some(None) => {
                    return Err(ServiceError::Conflict(
                        "开工 (construction started) cannot be recorded before the construction permit is approved"
                            .into(),
                    ))
                }
                Some(Some(a)) if started.is_some_and(|s| s < a) => {
                    return Err(ServiceError::invalid(
                        "started.actual",
                        format!("comes before the construction permit's approval on {a}"),
                    ))
                }
                _ => {}
            }
        }
        if new == old {
            return view(tx, env, project_id);
        }
        new.updated_at = env.stamp();
        store::landing::save(tx, &new)?;
        for m in Milestone::ALL {
            let (was, now) = (days_of(&old, m), days_of(&new, m));
            for (action, a, b) in [
                ("planned", was.planned, now.planned),
                ("actual", was.actual, now.actual),
            ] {
                if a != b {
                    record(tx, (env, actor), project_id, (m.key(), action), b)?;
                }
            }
        }
        if new.permit_extensions != old.permit_extensions {
            let deadline = approval
                .flatten()
                .and_then(|a| permit_start_deadline(a, new.permit_extensions));
            record(
                tx,
                (env, actor),
                project_id,
                ("permit", "extended"),
                deadline,
            )?;
        }
        view(tx, env, project_id)
    })
}

fn record(
    tx: &mut store::WriteTx,
    (env, actor): (&Env, &Actor),
    project_id: i32,
    (milestone, action): (&str, &str),
    on_date: Option<NaiveDate>,
) -> ServiceResult<()> {
    store::landing::record_event(
        tx,
        &NewMilestoneEvent {
            project_id,
            user_id: actor.user_id,
            milestone,
            action,
            on_date,
            recorded_at: env.stamp(),
        },
    )?;
    Ok(())
}
