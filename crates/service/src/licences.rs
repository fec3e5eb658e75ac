//! Licences an enterprise holds (安全生产许可证, 危险化学品经营许可证 …), so their expiry is
//! seen coming. Staff keep them; an enterprise user reads its own.

pub mod licence_register;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use domain::step::StepStatus;
use store::licences::{LicenceChanges, LicenceRow, NewLicence};
use store::{self, Db, DbConn};

use crate::fields::{double_option, Checks};
use crate::refusal::{fields, licences, steps, Refusal};
use crate::versions::{check_version, check_written};
use crate::{in_tx, Actor, Env, ListPage, ServiceError, ServiceResult};

#[derive(Debug, Serialize, ToSchema)]
pub struct LicenceView {
    pub id: i32,
    pub enterprise_id: i32,
    pub project_id: Option<i32>,
    pub kind: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    /// Calendar days from today to expiry (negative once expired).
    pub days_left: i64,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(super) fn view(env: &Env, l: LicenceRow) -> LicenceView {
    LicenceView {
        id: l.id,
        enterprise_id: l.enterprise_id,
        project_id: l.project_id,
        kind: l.kind,
        number: l.number,
        issued_on: l.issued_on,
        expires_on: l.expires_on,
        days_left: (l.expires_on - env.today).num_days(),
        version: l.version,
        created_at: l.created_at.and_utc(),
        updated_at: l.updated_at.and_utc(),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateLicence {
    pub enterprise_id: i32,
    pub project_id: Option<i32>,
    /// The approved step that issued it (its finish day is the default `issued_on`).
    pub step: Option<String>,
    pub kind: String,
    pub number: String,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: NaiveDate,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchLicence {
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i32>)]
    pub project_id: Option<Option<i32>>,
    pub kind: Option<String>,
    pub number: Option<String>,
    pub issued_on: Option<NaiveDate>,
    /// A renewal: reminders start again for the new expiry.
    pub expires_on: Option<NaiveDate>,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LicenceQuery {
    pub enterprise_id: Option<i32>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// The project must belong to the enterprise; returns the issuing step's finish day.
fn check_project(
    conn: &mut DbConn,
    checks: &mut Checks,
    enterprise_id: i32,
    project_id: Option<i32>,
    step: Option<&str>,
) -> ServiceResult<Option<NaiveDate>> {
    let Some(pid) = project_id else {
        if step.is_some() {
            checks.fail("step", licences::STEP_WITHOUT_PROJECT);
        }
        return Ok(None);
    };
    match store::projects::find(conn, pid)? {
        Some(p) if p.enterprise_id == enterprise_id => {}
        _ => {
            checks.fail(
                "project_id",
                Refusal::of(licences::PROJECT_NOT_OF_ENTERPRISE)
                    .arg("enterprise", enterprise_id)
                    .arg("project", pid),
            );
            return Ok(None);
        }
    }
    let Some(key) = step else { return Ok(None) };
    let steps = store::steps::of_project(conn, pid)?;
    match steps.iter().find(|s| s.key == key) {
        Some(s) if s.status == StepStatus::Approved => Ok(s.finished_on),
        Some(_) => {
            checks.fail(
                "step",
                Refusal::of(licences::STEP_NOT_APPROVED).arg("step", key),
            );
            Ok(None)
        }
        None => {
            checks.fail("step", Refusal::of(steps::NO_SUCH_STEP).arg("key", key));
            Ok(None)
        }
    }
}

pub fn create(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    req: &CreateLicence,
) -> ServiceResult<LicenceView> {
    actor.require_staff()?;
    in_tx(conn, |conn| {
        let mut checks = Checks::default();
        checks.text("kind", &req.kind, 100);
        checks.text("number", &req.number, 100);
        if store::enterprises::find(conn, req.enterprise_id)?.is_none() {
            checks.fail(
                "enterprise_id",
                Refusal::of(fields::NO_SUCH_ENTERPRISE).arg("id", req.enterprise_id),
            );
        }
        let step_day = check_project(
            conn,
            &mut checks,
            req.enterprise_id,
            req.project_id,
            req.step.as_deref(),
        )?;
        let issued_on = req.issued_on.or(step_day);
        if let Some(d) = issued_on {
            checks.day("issued_on", d);
        }
        checks.day("expires_on", req.expires_on);
        match issued_on {
            None => checks.fail("issued_on", licences::ISSUED_ON_MISSING),
            Some(i) if i >= req.expires_on => {
                checks.fail("expires_on", licences::EXPIRES_NOT_AFTER_ISSUED)
            }
            Some(_) => {}
        }
        checks.into_result()?;
        let issued_on =
            issued_on.ok_or_else(|| ServiceError::invalid("issued_on", fields::MISSING))?;
        let id = store::licences::insert(
            conn,
            &NewLicence {
                enterprise_id: req.enterprise_id,
                project_id: req.project_id,
                kind: req.kind.trim(),
                number: req.number.trim(),
                issued_on,
                expires_on: req.expires_on,
                version: 1,
                created_at: env.stamp(),
                updated_at: env.stamp(),
            },
        )?;
        get(conn, env, actor, id)
    })
}

pub fn get(conn: &mut DbConn, env: &Env, actor: &Actor, id: i32) -> ServiceResult<LicenceView> {
    let row = store::licences::find(conn, id)?
        .filter(|l| actor.can_read_enterprise(l.enterprise_id))
        .ok_or(ServiceError::NotFound("licence"))?;
    Ok(view(env, row))
}

pub fn list(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &LicenceQuery,
) -> ServiceResult<ListPage<LicenceView>> {
    let (offset, limit) = crate::PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .window()?;
    let only = if actor.role.is_staff() {
        q.enterprise_id
    } else {
        Some(actor.enterprise_id.unwrap_or(-1))
    };
    if !actor.role.is_staff()
        && q.enterprise_id
            .is_some_and(|e| Some(e) != actor.enterprise_id)
    {
        return Ok(ListPage {
            items: vec![],
            total: 0,
        });
    }
    let (rows, total) = store::licences::page(conn, only, offset, limit)?;
    Ok(ListPage {
        items: rows.into_iter().map(|r| view(env, r)).collect(),
        total,
    })
}

pub fn patch(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
    req: &PatchLicence,
) -> ServiceResult<LicenceView> {
    in_tx(conn, |conn| {
        let current = store::licences::find(conn, id)?
            .filter(|l| actor.can_read_enterprise(l.enterprise_id))
            .ok_or(ServiceError::NotFound("licence"))?;
        actor.require_staff()?;
        check_version("licence", current.version, if_match)?;
        let mut checks = Checks::default();
        if let Some(k) = &req.kind {
            checks.text("kind", k, 100);
        }
        if let Some(n) = &req.number {
            checks.text("number", n, 100);
        }
        if let Some(pid) = req.project_id {
            check_project(conn, &mut checks, current.enterprise_id, pid, None)?;
        }
        if let Some(d) = req.issued_on {
            checks.day("issued_on", d);
        }
        if let Some(d) = req.expires_on {
            checks.day("expires_on", d);
        }
        if req.issued_on.unwrap_or(current.issued_on)
            >= req.expires_on.unwrap_or(current.expires_on)
        {
            checks.fail("expires_on", licences::EXPIRES_NOT_AFTER_ISSUED);
        }
        checks.into_result()?;
        let changes = LicenceChanges {
            project_id: req.project_id,
            kind: req.kind.as_deref().map(str::trim),
            number: req.number.as_deref().map(str::trim),
            issued_on: req.issued_on,
            expires_on: req.expires_on,
            version: current.version + 1,
            updated_at: env.stamp(),
        };
        check_written(
            "licence",
            store::licences::update(conn, id, current.version, &changes)?,
            current.version,
        )?;
        get(conn, env, actor, id)
    })
}
