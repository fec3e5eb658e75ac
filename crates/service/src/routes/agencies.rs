//! Agencies as data: each once, with a name and a short name. Steps refer to one by id, so
//! a rename reaches every project; templates name agencies in their JSON, so a rename
//! saves a new version of each template that names it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use domain::agency::{split_lead, MAX_NAME, MAX_SHORT_NAME};
use store::agencies::{self as rows, AgencyRow, NewAgency};
use store::WriteTx;
use store::{Db, DbConn};

use crate::fields::Checks;
use crate::versions::check_version;
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

/// An agency as lists show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyView {
    pub id: i32,
    pub name: String,
    /// For narrow tables.
    pub short_name: String,
    /// How many steps (of every project) it has.
    pub steps: i64,
    pub version: i32,
}

/// An agency as an admin adds or renames it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyInput {
    pub name: String,
    /// The name itself when left out.
    #[serde(default)]
    pub short_name: Option<String>,
}

/// Every agency with its number of steps (staff).
pub fn list(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Vec<AgencyView>> {
    actor.require_staff()?;
    let counts: HashMap<i32, i64> = rows::step_counts(conn)?.into_iter().collect();
    let mut all = rows::all(conn)?;
    // By code point, the same on both backends whatever PostgreSQL's collation.
    all.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(all
        .into_iter()
        .map(|a| {
            let steps = counts.get(&a.id).copied().unwrap_or(0);
            view(a, steps)
        })
        .collect())
}

fn view(a: AgencyRow, steps: i64) -> AgencyView {
    AgencyView {
        steps,
        id: a.id,
        name: a.name,
        short_name: a.short_name,
        version: a.version,
    }
}

/// One agency with its number of steps (staff).
pub fn get(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<AgencyView> {
    actor.require_staff()?;
    let a = rows::find(conn, id)?.ok_or(ServiceError::NotFound("agency"))?;
    let steps = rows::step_count(conn, id)?;
    Ok(view(a, steps))
}

/// The name and short name, trimmed and checked: present, short enough, and no other
/// agency answering to either (so a step's name always finds one agency).
fn check(
    all: &[AgencyRow],
    except: Option<i32>,
    req: &AgencyInput,
) -> ServiceResult<(String, String)> {
    let mut checks = Checks::default();
    let name = split_lead(&req.name).0.to_string();
    let short = match req.short_name.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => s.to_string(),
        _ => name.clone(),
    };
    checks.text("name", &name, MAX_NAME);
    if short != name {
        checks.text("short_name", &short, MAX_SHORT_NAME);
    }
    let taken = |v: &str| {
        all.iter()
            .any(|a| Some(a.id) != except && (a.name == v || a.short_name == v))
    };
    if taken(&name) {
        checks.fail("name", crate::refusal::routes::AGENCY_NAME_TAKEN);
    }
    if short != name && taken(&short) {
        checks.fail("short_name", crate::refusal::routes::AGENCY_NAME_TAKEN);
    }
    checks.into_result()?;
    Ok((name, short))
}

/// Adds an agency (admins).
pub fn create(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    req: &AgencyInput,
) -> ServiceResult<AgencyView> {
    actor.require_admin()?;
    let id = in_tx(conn, |conn| {
        let (name, short) = check(&rows::all(conn)?, None, req)?;
        let id = rows::insert(
            conn,
            &NewAgency {
                name: &name,
                short_name: &short,
                version: 1,
                updated_at: env.stamp(),
            },
        )?;
        audit(
            conn,
            env,
            actor,
            "agency_created",
            &name,
            &format!("short name {short}"),
        )?;
        Ok(id)
    })?;
    get(conn, actor, id)
}

/// Renames an agency (admins) under `If-Match`: every step follows through its id; each
/// template naming the old name gets a new version naming the new one.
pub fn update(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
    req: &AgencyInput,
) -> ServiceResult<AgencyView> {
    actor.require_admin()?;
    in_tx(conn, |conn| {
        let all = rows::all(conn)?;
        let now = all
            .iter()
            .find(|a| a.id == id)
            .ok_or(ServiceError::NotFound("agency"))?;
        check_version("agency", now.version, if_match)?;
        let (name, short) = check(&all, Some(id), req)?;
        if !rows::update(conn, id, now.version, (&name, &short), env.stamp())? {
            return Err(ServiceError::StaleVersion {
                what: "agency",
                current: now.version,
            });
        }
        if name != now.name {
            rows::touch_projects(conn, id)?;
            crate::routes::route_templates::rename_agency(conn, env, actor, &now.name, &name)?;
        }
        let detail = format!("{} ({}) → {name} ({short})", now.name, now.short_name);
        audit(conn, env, actor, "agency_changed", &name, &detail)?;
        Ok(())
    })?;
    get(conn, actor, id)
}

fn audit(
    conn: &mut WriteTx,
    env: &Env,
    actor: &Actor,
    action: &str,
    target: &str,
    detail: &str,
) -> ServiceResult<()> {
    let by = crate::accounts::audit::name_of(conn, actor)?;
    crate::accounts::audit::record(
        conn,
        env,
        (Some(actor.user_id), &by),
        &actor.origin(),
        action,
        target,
        detail,
    )
}
