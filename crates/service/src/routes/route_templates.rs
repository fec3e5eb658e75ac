//! Route templates as admins change them: read, save as a new version, the history.
//! A project copies its template's steps when it is created, so a save never reaches
//! existing projects.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use store::route_templates::{self as rows, NewTemplateVersion};
use store::{Db, DbConn, WriteTx};

use domain::agency::split_lead;

use crate::fields::Checks;
use crate::routes::agency_book::AgencyBook;
use crate::routes::RouteTemplate;
use crate::steps::step_view::StepSpecInput;
use crate::versions::check_version;
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

/// A template's new content: its name and every step.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SaveTemplate {
    pub name: String,
    pub steps: Vec<StepSpecInput>,
}

/// One saved version: who saved it, when, and what it said.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TemplateVersion {
    pub version: i32,
    pub name: String,
    pub steps: Vec<StepSpecInput>,
    pub saved_by: Option<i32>,
    pub saved_by_name: String,
    pub saved_at: NaiveDateTime,
}

/// Every template's current version (staff).
pub fn list(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Vec<RouteTemplate>> {
    actor.require_staff()?;
    rows::current_all(conn)?
        .iter()
        .map(|r| RouteTemplate::of_row(r).map_err(ServiceError::internal))
        .collect()
}

/// One template's current version (staff).
pub fn get(conn: &mut DbConn, actor: &Actor, key: &str) -> ServiceResult<RouteTemplate> {
    actor.require_staff()?;
    current(conn, key)?.ok_or(ServiceError::NotFound("route template"))
}

/// (key, name) of every template's current version, in key order: the choices of forms
/// and filters, and how people know a project's route. Names are not confidential.
pub fn names(conn: &mut DbConn) -> ServiceResult<Vec<(String, String)>> {
    let mut names: Vec<(String, String)> = rows::current_all(conn)?
        .into_iter()
        .map(|r| (r.template_key, r.name))
        .collect();
    names.sort();
    Ok(names)
}

/// The current version of a template, for a project being created from it.
pub fn current(conn: &mut DbConn, key: &str) -> ServiceResult<Option<RouteTemplate>> {
    rows::current(conn, key)?
        .map(|r| RouteTemplate::of_row(&r).map_err(ServiceError::internal))
        .transpose()
}

/// Every version of a template, newest first (admins).
pub fn history(conn: &mut DbConn, actor: &Actor, key: &str) -> ServiceResult<Vec<TemplateVersion>> {
    actor.require_admin()?;
    let found = rows::history(conn, key)?;
    if found.is_empty() {
        return Err(ServiceError::NotFound("route template"));
    }
    found
        .iter()
        .map(|r| {
            let t = RouteTemplate::of_row(r).map_err(ServiceError::internal)?;
            Ok(TemplateVersion {
                version: r.version,
                name: t.name,
                steps: t.steps,
                saved_by: r.saved_by,
                saved_by_name: r.saved_by_name.clone(),
                saved_at: r.saved_at,
            })
        })
        .collect()
}

/// Checks a template as a project's steps are checked (keys unique, dependencies known,
/// no cycle, limits in range) and its name.
fn check(conn: &mut DbConn, req: &SaveTemplate) -> ServiceResult<()> {
    let mut checks = Checks::default();
    checks.text("name", &req.name, 200);
    if req.steps.is_empty() {
        checks.fail("steps", crate::refusal::routes::ROUTE_NEEDS_A_STEP);
    }
    let specs = StepSpecInput::to_domain_all(&req.steps, "steps")
        .and_then(|specs| AgencyBook::load(conn)?.resolve_all(&specs, "steps"));
    match specs {
        Ok(_) => {}
        Err(ServiceError::Invalid { errors, .. }) => checks.0.extend(errors),
        Err(e) => return Err(e),
    }
    checks.into_result()
}

/// Saves a new version of every current template naming agency `old`, naming `new`
/// instead (inside the rename's transaction); returns them for the catalog.
pub fn rename_agency(
    conn: &mut WriteTx,
    env: &Env,
    actor: &Actor,
    old: &str,
    new: &str,
) -> ServiceResult<usize> {
    let mut saved = 0;
    for row in rows::current_all(conn)? {
        let mut t = RouteTemplate::of_row(&row).map_err(ServiceError::internal)?;
        let mut changed = false;
        for s in &mut t.steps {
            let (name, lead) = split_lead(&s.agency);
            if name == old {
                s.agency = new.to_string();
                s.lead |= lead;
                changed = true;
            }
        }
        if changed {
            let req = SaveTemplate {
                name: t.name.clone(),
                steps: t.steps,
            };
            write_version(conn, env, actor, &row.template_key, row.version, &req)?;
            saved += 1;
        }
    }
    Ok(saved)
}

/// Saves a new version of an existing template (admins); `if_match` is the version the
/// admin read. Existing projects keep the steps they copied.
pub fn save(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    key: &str,
    if_match: Option<i32>,
    req: &SaveTemplate,
) -> ServiceResult<RouteTemplate> {
    actor.require_admin()?;
    let saved = in_tx(conn, |conn| {
        let now = rows::current(conn, key)?.ok_or(ServiceError::NotFound("route template"))?;
        check_version("route template", now.version, if_match)?;
        check(conn, req)?;
        write_version(conn, env, actor, key, now.version, req)
    })?;
    Ok(saved)
}

/// Writes version `current + 1` of a template, with its audit line.
fn write_version(
    conn: &mut WriteTx,
    env: &Env,
    actor: &Actor,
    key: &str,
    current_version: i32,
    req: &SaveTemplate,
) -> ServiceResult<RouteTemplate> {
    let steps = serde_json::to_string(&req.steps)?;
    let by = crate::accounts::audit::name_of(conn, actor)?;
    let version = current_version + 1;
    rows::insert(
        conn,
        &NewTemplateVersion {
            template_key: key,
            version,
            name: req.name.trim(),
            steps: &steps,
            saved_by: Some(actor.user_id),
            saved_by_name: &by,
            saved_at: env.stamp(),
        },
    )?;
    crate::accounts::audit::record(
        conn,
        env,
        (Some(actor.user_id), &by),
        &actor.origin(),
        "route_template_saved",
        key,
        &format!("version {version}, {} steps", req.steps.len()),
    )?;
    current(conn, key)?.ok_or(ServiceError::NotFound("route template"))
}
