//! Filing a request: the project it names (by id, or by its 统一项目代码, among the
//! enterprise's own), the projects a form offers, and the bounds an enterprise files
//! within (docs/rules.md: at most 20 open and 10 new ones an hour, configurable).

use crate::refusal::{self, Refusal};
use std::collections::HashMap;

use chrono::Duration;

use domain::request::{RequestLimits, RequestStatus};
use store::projects::ProjectFilter;
use store::{self, DbConn, WriteTx};

use crate::fields::Checks;
use crate::{Actor, Env, ServiceError, ServiceResult};

/// The project a request names, checked to be the enterprise's: by `project_id` or by
/// `project_code`, not both. `None` when none is named or the name is refused (in `checks`).
pub(super) fn project_of(
    conn: &mut DbConn,
    checks: &mut Checks,
    enterprise_id: Option<i32>,
    project_id: Option<i32>,
    project_code: Option<&str>,
) -> ServiceResult<Option<i32>> {
    let code = project_code.map(str::trim).filter(|c| !c.is_empty());
    let (pid, field, named) = match (project_id, code) {
        (None, None) => return Ok(None),
        (Some(_), Some(_)) => {
            checks.fail("project_code", crate::refusal::requests::PROJECT_ID_OR_CODE);
            return Ok(None);
        }
        (Some(pid), None) => (Some(pid), "project_id", pid.to_string()),
        (None, Some(c)) => (
            store::landing::holder_of(conn, c)?,
            "project_code",
            c.to_string(),
        ),
    };
    let Some(e) = enterprise_id else {
        // The enterprise is refused on its own field; nothing to check the project against.
        return Ok(None);
    };
    let theirs = match pid {
        Some(p) => store::projects::find(conn, p)?.filter(|p| p.enterprise_id == e),
        None => None,
    };
    match (theirs, field) {
        (Some(p), _) => Ok(Some(p.id)),
        (None, "project_id") => {
            checks.fail(
                "project_id",
                crate::refusal::Refusal::of(crate::refusal::requests::NO_SUCH_ENTERPRISE_PROJECT)
                    .arg("project", named),
            );
            Ok(None)
        }
        (None, _) => {
            checks.fail(
                "project_code",
                crate::refusal::Refusal::of(
                    crate::refusal::requests::NO_ENTERPRISE_PROJECT_WITH_CODE,
                )
                .arg("code", named),
            );
            Ok(None)
        }
    }
}

/// Refuses a new request past the enterprise's bounds (429 with when to try again), under
/// the enterprise's lock so that concurrent filings cannot both pass the count.
pub(super) fn within_bounds(
    tx: &mut WriteTx,
    env: &Env,
    limits: &RequestLimits,
    enterprise_id: i32,
) -> ServiceResult<()> {
    store::enterprises::lock(tx, enterprise_id)?;
    let conn: &mut DbConn = tx;
    let open: Vec<&str> = RequestStatus::ALL
        .iter()
        .filter(|s| s.is_open())
        .map(|s| s.as_str())
        .collect();
    let max_open = limits.max_open_per_enterprise;
    if store::requests::count_in(conn, enterprise_id, &open)? >= i64::from(max_open) {
        // No instant can be promised: a place frees when staff resolve one. Retry-After
        // says when it is worth looking again.
        return Err(ServiceError::TooMany {
            refusal: Refusal::of(refusal::requests::TOO_MANY_OPEN_REQUESTS).arg("max", max_open),
            retry_after: 3600,
        });
    }
    let hour = Duration::hours(1);
    let now = env.stamp();
    let filed = store::requests::filed_after(conn, enterprise_id, now - hour)?;
    let max_hour = limits.max_filed_per_hour as usize;
    if filed.len() >= max_hour {
        // A place frees when the filing that keeps the count at the bound is an hour old.
        let freeing = filed[filed.len() - max_hour];
        let retry_after = (freeing + hour - now).num_seconds().max(1);
        return Err(ServiceError::TooMany {
            refusal: Refusal::of(refusal::requests::TOO_MANY_REQUESTS_AN_HOUR)
                .arg("max", max_hour)
                .arg("minutes", (retry_after + 59) / 60),
            retry_after,
        });
    }
    Ok(())
}

/// The projects a request may name, for a form's select: an enterprise user's own; for
/// staff every project, with its enterprise. Labelled by name and 项目代码, never an id.
pub fn project_choices(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Vec<(i32, String)>> {
    let staff = actor.role.is_staff();
    let filter = ProjectFilter {
        enterprise_id: if staff {
            None
        } else {
            Some(actor.enterprise_id.unwrap_or(-1))
        },
        ..ProjectFilter::default()
    };
    let rows = store::projects::all(conn, &filter)?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let codes: HashMap<i32, String> = store::landing::codes_of(conn, &ids)?.into_iter().collect();
    let names: HashMap<i32, String> = if staff {
        let mut e: Vec<i32> = rows.iter().map(|p| p.enterprise_id).collect();
        e.sort_unstable();
        e.dedup();
        store::enterprises::find_many(conn, &e)?
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect()
    } else {
        HashMap::new()
    };
    let mut out: Vec<(i32, String)> = rows
        .into_iter()
        .map(|p| {
            let mut label = match names.get(&p.enterprise_id) {
                Some(e) => format!("{e} · {}", p.name),
                None => p.name,
            };
            if let Some(c) = codes.get(&p.id) {
                label.push_str(&format!("（{c}）"));
            }
            (p.id, label)
        })
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(out)
}
