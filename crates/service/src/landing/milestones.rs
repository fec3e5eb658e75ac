//! A project's milestones (签约, 拿地, 开工, 竣工, 投产), each planned and actual, the
//! construction permit's start deadline and its recorded extensions (docs/rules.md "The
//! project's life beyond approvals"). Staff of the project write; its enterprise reads.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use domain::landing::{check_order, permit_start_deadline, Milestone, MAX_EXTENSIONS};
use store::landing::{LandingRow, NewMilestoneEvent};
use store::{self, Db, DbConn};

use crate::fields::Checks;
use crate::projects::{lock_for_edit, visible};
use crate::refusal::{landing, Refusal};
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

pub use crate::landing::milestone_view::{
    days_of, permit_approval, view, MilestoneDates, MilestoneEventView, MilestonesView,
    SigningToPermitView,
};

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
                    Refusal::of(landing::MILESTONE_AFTER_TODAY).arg("today", env.today),
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
                Refusal::of(landing::MILESTONES_OUT_OF_ORDER)
                    .arg("later", e.later.name_zh())
                    .arg("later_on", day(e.later))
                    .arg("earlier", e.earlier.name_zh())
                    .arg("earlier_on", day(e.earlier)),
            );
        }
        let approval = permit_approval(&store::steps::of_project(tx, project_id)?);
        if let Some(n) = req.permit_extensions {
            if !(0..=MAX_EXTENSIONS).contains(&n) {
                checks.fail("permit_extensions", landing::PERMIT_EXTENSIONS_AT_MOST_TWO);
            } else if n > 0 && approval.flatten().is_none() {
                checks.fail("permit_extensions", landing::PERMIT_EXTENSION_UNAPPROVED);
            }
            new.permit_extensions = n;
        }
        checks.into_result()?;
        // 开工 needs the construction permit, when the route has one (409: not yet).
        let started = new.started_actual;
        if started.is_some() && started != old.started_actual {
            match approval {
                Some(None) => return Err(ServiceError::conflict(landing::STARTED_BEFORE_PERMIT)),
                Some(Some(a)) if started.is_some_and(|s| s < a) => {
                    return Err(ServiceError::invalid(
                        "started.actual",
                        Refusal::of(landing::STARTED_BEFORE_PERMIT_DAY).arg("day", a),
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
