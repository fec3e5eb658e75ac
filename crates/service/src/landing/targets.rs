//! The year's targets: how many projects should start construction and production. Staff
//! read them; admins set them.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use store::landing::TargetRow;
use store::{self, Db, DbConn};

use crate::fields::Checks;
use crate::refusal::landing;
use crate::versions::{check_version, check_written};
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetView {
    pub year: i32,
    /// Projects to start construction (开工) in the year.
    pub starts: i32,
    /// Projects to start production (投产) in the year.
    pub productions: i32,
    pub version: i32,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PutTarget {
    pub starts: i32,
    pub productions: i32,
}

fn view(r: TargetRow) -> TargetView {
    TargetView {
        year: r.year,
        starts: r.starts,
        productions: r.productions,
        version: r.version,
    }
}

/// One year's targets, if set.
pub fn find(conn: &mut DbConn, year: i32) -> ServiceResult<Option<TargetView>> {
    Ok(store::landing::target(conn, year)?.map(view))
}

pub fn get(conn: &mut DbConn, actor: &Actor, year: i32) -> ServiceResult<TargetView> {
    actor.require_staff()?;
    find(conn, year)?.ok_or(ServiceError::NotFound("targets"))
}

/// Every year's targets, latest year first.
pub fn list(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Vec<TargetView>> {
    actor.require_staff()?;
    Ok(store::landing::targets(conn)?
        .into_iter()
        .map(view)
        .collect())
}

/// Sets a year's targets (under `If-Match` once they exist).
pub fn put(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    year: i32,
    if_match: Option<i32>,
    req: &PutTarget,
) -> ServiceResult<TargetView> {
    actor.require_admin()?;
    let mut checks = Checks::default();
    if domain::dates::check_year(year).is_err() {
        checks.fail("year", landing::TARGET_YEAR_OUT_OF_RANGE);
    }
    for (field, n) in [("starts", req.starts), ("productions", req.productions)] {
        if !(0..=100_000).contains(&n) {
            checks.fail(field, landing::TARGET_NOT_WHOLE);
        }
    }
    checks.into_result()?;
    in_tx(conn, |tx| {
        let current = store::landing::target(tx, year)?;
        let expected = current.as_ref().map(|c| c.version);
        if let Some(v) = expected {
            check_version("targets", v, if_match)?;
        }
        let written = store::landing::save_target(
            tx,
            (year, req.starts, req.productions),
            expected,
            env.stamp(),
        )?;
        check_written("targets", written, expected.unwrap_or(0))?;
        let by = crate::accounts::audit::name_of(tx, actor)?;
        crate::accounts::audit::record(
            tx,
            env,
            (Some(actor.user_id), &by),
            &actor.origin(),
            "targets_set",
            &format!("targets/{year}"),
            &format!("starts {}, productions {}", req.starts, req.productions),
        )?;
        find(tx, year)?.ok_or_else(|| ServiceError::internal("targets just written"))
    })
}
