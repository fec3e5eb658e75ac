//! Projects: created from a route template or explicit steps, listed with filters,
//! edited under `If-Match`, archived rather than deleted.
//!
//! Commands: this file, `project_setup`, `project_codes`, `planning`, `saved`. Read models
//! (what pages and the API show, computed, never written): `project_view`, `project_list`,
//! `project_page`, `dashboard`, `cockpit`, `homes`, `summaries`, `history`, `standing`.

pub mod cockpit;
pub mod dashboard;
pub mod digest;
pub mod digest_cache;
pub mod history;
pub mod homes;
pub mod kept_lists;
pub mod planning;
pub mod project_codes;
pub mod project_list;
pub mod project_page;
pub mod project_setup;
pub mod project_view;
pub mod saved;
pub mod standing;
pub mod summaries;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use domain::clock::Light;
use domain::step::StepSpec;
use store::projects::{ProjectChanges, ProjectFilter};
use store::rows::{NewProject, NewStep, ProjectRow};
use store::{self, Db, DbConn, WriteTx};

use crate::fields::{double_option, Checks};
use crate::projects::project_view::{build_views, ProjectView};
use crate::routes::agency_book::AgencyBook;
use crate::steps::step_view::StepSpecInput;
use crate::versions::{check_version, check_written};
use crate::{in_tx, Actor, Env, Role, ServiceError, ServiceResult};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateProject {
    pub name: String,
    pub enterprise_id: i32,
    /// A route template's key; or give `steps`.
    pub template: Option<String>,
    pub steps: Option<Vec<StepSpecInput>>,
    #[serde(default)]
    pub liaison_ids: Vec<i32>,
    pub start_date: NaiveDate,
    pub city: Option<String>,
    pub investment_cny: Option<i64>,
    /// Its 统一项目代码 (`2019-310117-04-01-000123`); unique.
    pub project_code: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchProject {
    pub name: Option<String>,
    pub start_date: Option<NaiveDate>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub city: Option<Option<String>>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub investment_cny: Option<Option<i64>>,
    /// Its 统一项目代码; `null` clears it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub project_code: Option<Option<String>>,
    pub liaison_ids: Option<Vec<i32>>,
    /// `false` brings an archived project back.
    pub archived: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProjectQuery {
    pub enterprise_id: Option<i32>,
    pub liaison_id: Option<i32>,
    /// Only projects whose worst light is this.
    #[param(value_type = Option<String>)]
    pub light: Option<Light>,
    /// `true`: only projects with a stalled step.
    pub stalled: Option<bool>,
    /// Text in the project's name.
    pub q: Option<String>,
    /// The stage it is in: that of its first unfinished step in route order (as the
    /// overview and the weekly report name stages; `已完成` once every step is finished).
    pub stage: Option<String>,
    /// The key of the route template it was created from.
    pub route: Option<String>,
    /// `name`, `light` (worst first), `start` or `finish` (projected); newest first without.
    pub sort: Option<String>,
    /// `asc` (the default) or `desc`.
    pub dir: Option<String>,
    /// `true`: archived projects too.
    pub archived: Option<bool>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// Liaisons named for a project must be active liaison accounts.
fn check_liaisons(conn: &mut DbConn, checks: &mut Checks, ids: &[i32]) -> ServiceResult<()> {
    let found = store::users::find_many(conn, ids)?;
    for (i, id) in ids.iter().enumerate() {
        match found.iter().find(|u| u.id == *id) {
            None => checks.fail(
                &format!("liaison_ids[{i}]"),
                crate::refusal::Refusal::of(crate::refusal::projects::NO_SUCH_USER).arg("id", id),
            ),
            Some(u) if u.role != Role::Liaison || !u.active => checks.fail(
                &format!("liaison_ids[{i}]"),
                crate::refusal::Refusal::of(crate::refusal::projects::NOT_AN_ACTIVE_LIAISON)
                    .arg("name", &u.username),
            ),
            Some(_) => {}
        }
    }
    if ids.iter().enumerate().any(|(i, id)| ids[..i].contains(id)) {
        checks.fail("liaison_ids", crate::refusal::projects::LIAISON_NAMED_TWICE);
    }
    Ok(())
}

pub fn create(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    req: &CreateProject,
) -> ServiceResult<ProjectView> {
    actor.require_staff()?;
    if actor.role == Role::Liaison && !req.liaison_ids.contains(&actor.user_id) {
        return Err(ServiceError::forbidden(
            crate::refusal::projects::LIAISON_MUST_BE_ASSIGNED,
        ));
    }
    in_tx(conn, |conn| {
        let mut checks = Checks::default();
        checks.text("name", &req.name, 200);
        if store::enterprises::find(conn, req.enterprise_id)?.is_none() {
            checks.fail(
                "enterprise_id",
                crate::refusal::Refusal::of(crate::refusal::fields::NO_SUCH_ENTERPRISE)
                    .arg("id", req.enterprise_id),
            );
        }
        check_liaisons(conn, &mut checks, &req.liaison_ids)?;
        checks.day("start_date", req.start_date);
        if let Some(c) = &req.city {
            checks.text("city", c, 100);
        }
        if req.investment_cny.is_some_and(|v| v < 0) {
            checks.fail("investment_cny", crate::refusal::projects::NEGATIVE);
        }
        let code = project_codes::check(&mut checks, req.project_code.as_deref());
        let inputs = match (&req.template, &req.steps) {
            // The template's current version from the database: the project keeps a copy.
            (Some(key), None) => match crate::routes::route_templates::current(conn, key)? {
                Some(t) => Some(t.steps.clone()),
                None => {
                    checks.fail(
                        "template",
                        crate::refusal::Refusal::of(crate::refusal::projects::NO_SUCH_TEMPLATE)
                            .arg("key", format!("{key:?}")),
                    );
                    None
                }
            },
            (None, Some(steps)) => Some(steps.clone()),
            _ => {
                checks.fail("template", crate::refusal::projects::TEMPLATE_OR_STEPS);
                None
            }
        };
        checks.into_result()?;
        let specs = StepSpecInput::to_domain_all(&inputs.unwrap_or_default(), "steps")?;
        let agency_ids = AgencyBook::load(conn)?.resolve_all(&specs, "steps")?;
        let id = store::projects::insert(
            conn,
            &NewProject {
                name: req.name.trim(),
                enterprise_id: req.enterprise_id,
                template_key: req.template.as_deref(),
                start_date: req.start_date,
                city: req.city.as_deref().map(str::trim),
                investment_cny: req.investment_cny,
                archived: false,
                version: 1,
                created_at: env.stamp(),
                updated_at: env.stamp(),
            },
        )?;
        store::projects::set_liaisons(conn, id, &req.liaison_ids)?;
        if code.is_some() {
            project_codes::claim(conn, env, id, code.as_ref())?;
        }
        insert_steps(conn, env, id, 0, (&specs, &agency_ids), &HashMap::new())?;
        get(conn, env, actor, id)
    })
}

/// Inserts steps (positions from `first_position`, each with its agency's id) and the
/// dependencies they name; `existing` maps keys already in the project to their ids.
pub fn insert_steps(
    conn: &mut WriteTx,
    env: &Env,
    project_id: i32,
    first_position: i32,
    (specs, agency_ids): (&[StepSpec], &[i32]),
    existing: &HashMap<String, i32>,
) -> ServiceResult<()> {
    let mut ids = existing.clone();
    for (i, (s, agency_id)) in specs.iter().zip(agency_ids).enumerate() {
        let id = store::steps::insert(
            conn,
            &NewStep {
                project_id,
                key: s.key.as_str(),
                name: &s.name,
                agency_id: *agency_id,
                lead: s.lead,
                stage: &s.stage,
                statutory_days: s.statutory_days as i32,
                promised_days: s.promised_days.map(|d| d as i32),
                position: first_position + i as i32,
                status: "pending",
                version: 1,
                updated_at: env.stamp(),
            },
        )?;
        ids.insert(s.key.as_str().to_string(), id);
    }
    for s in specs {
        let to = ids[s.key.as_str()];
        let from: Vec<i32> = s
            .depends_on
            .iter()
            .filter_map(|k| ids.get(k.as_str()).copied())
            .collect();
        store::steps::set_predecessors(conn, project_id, to, &from)?;
    }
    Ok(())
}

/// The project row if this actor may see it; otherwise 404, as if it did not exist.
pub fn visible(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<ProjectRow> {
    store::projects::find(conn, id)?
        .filter(|p| actor.can_read_enterprise(p.enterprise_id))
        .ok_or(ServiceError::NotFound("project"))
}

/// Locks a project for a change by this actor: 404 if not visible, 403 if not theirs.
pub fn lock_for_edit(conn: &mut WriteTx, actor: &Actor, id: i32) -> ServiceResult<ProjectRow> {
    let row = store::projects::lock_and_find(conn, id)?;
    editable(conn, actor, id, row)
}

/// A project this actor may edit, read without its lock: for a check that writes nothing
/// (the write that follows takes the lock and checks again).
pub fn find_for_edit(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<ProjectRow> {
    let row = store::projects::find(conn, id)?;
    editable(conn, actor, id, row)
}

fn editable(
    conn: &mut DbConn,
    actor: &Actor,
    id: i32,
    row: Option<ProjectRow>,
) -> ServiceResult<ProjectRow> {
    let row = row
        .filter(|p| actor.can_read_enterprise(p.enterprise_id))
        .ok_or(ServiceError::NotFound("project"))?;
    // Only a liaison's right depends on who is assigned; the others' need no query.
    let liaisons: Vec<i32> = match actor.edits_only_assigned() {
        true => store::projects::liaisons_of(conn, &[id])?
            .into_iter()
            .map(|(_, u)| u)
            .collect(),
        false => Vec::new(),
    };
    actor.require_project_editor(&liaisons)?;
    Ok(row)
}

pub fn get(conn: &mut DbConn, env: &Env, actor: &Actor, id: i32) -> ServiceResult<ProjectView> {
    let row = visible(conn, actor, id)?;
    view_of(conn, env, row)
}

/// The view of a project already found visible.
pub fn view_of(conn: &mut DbConn, env: &Env, row: ProjectRow) -> ServiceResult<ProjectView> {
    build_views(conn, env, vec![row])?
        .pop()
        .ok_or(ServiceError::NotFound("project"))
}

/// The store filter for a query, narrowed to the actor's own enterprise for enterprise
/// users; `None` when the query asks for another enterprise (nothing to show).
pub(super) fn filter_for(actor: &Actor, q: &ProjectQuery) -> Option<ProjectFilter> {
    let mut filter = ProjectFilter {
        enterprise_id: q.enterprise_id,
        liaison_id: q.liaison_id,
        q: q.q.clone().filter(|s| !s.trim().is_empty()),
        template_key: q.route.clone().filter(|s| !s.trim().is_empty()),
        include_archived: q.archived.unwrap_or(false),
        ..ProjectFilter::default()
    };
    if !actor.role.is_staff() {
        let own = actor.enterprise_id.unwrap_or(-1);
        if filter.enterprise_id.is_some_and(|e| e != own) {
            return None;
        }
        filter.enterprise_id = Some(own);
    }
    Some(filter)
}

/// Every project the query selects, lights and stalled steps included (they depend on
/// today, so they are computed, then filtered), newest first.
pub fn select_views(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    q: &ProjectQuery,
) -> ServiceResult<Vec<ProjectView>> {
    let Some(filter) = filter_for(actor, q) else {
        return Ok(vec![]);
    };
    let rows = store::projects::all(conn, &filter)?;
    Ok(build_views(conn, env, rows)?
        .into_iter()
        .filter(|v| q.light.is_none_or(|l| v.project.light == Some(l)))
        .filter(|v| q.stalled.is_none_or(|s| v.project.stalled == s))
        .collect())
}

pub fn patch(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
    req: &PatchProject,
) -> ServiceResult<ProjectView> {
    in_tx(conn, |conn| {
        let current = lock_for_edit(conn, actor, id)?;
        check_version("project", current.version, if_match)?;
        let mut checks = Checks::default();
        if let Some(n) = &req.name {
            checks.text("name", n, 200);
        }
        if let Some(d) = req.start_date {
            checks.day("start_date", d);
        }
        if let Some(Some(c)) = &req.city {
            checks.text("city", c, 100);
        }
        if matches!(req.investment_cny, Some(Some(v)) if v < 0) {
            checks.fail("investment_cny", crate::refusal::projects::NEGATIVE);
        }
        let code = req
            .project_code
            .as_ref()
            .map(|c| project_codes::check(&mut checks, c.as_deref()));
        if let Some(ids) = &req.liaison_ids {
            check_liaisons(conn, &mut checks, ids)?;
            if actor.role == Role::Liaison && !ids.contains(&actor.user_id) {
                checks.fail(
                    "liaison_ids",
                    crate::refusal::projects::LIAISON_CANNOT_LEAVE,
                );
            }
        }
        checks.into_result()?;
        let changes = ProjectChanges {
            name: req.name.as_deref().map(str::trim),
            start_date: req.start_date,
            city: req.city.as_ref().map(|c| c.as_deref().map(str::trim)),
            investment_cny: req.investment_cny,
            archived: req.archived,
            version: current.version + 1,
            updated_at: env.stamp(),
        };
        check_written(
            "project",
            store::projects::update(conn, id, current.version, &changes)?,
            current.version,
        )?;
        if let Some(ids) = &req.liaison_ids {
            store::projects::set_liaisons(conn, id, ids)?;
        }
        if let Some(code) = &code {
            project_codes::claim(conn, env, id, code.as_ref())?;
        }
        get(conn, env, actor, id)
    })
}

/// DELETE archives: the history of approvals is kept.
pub fn archive(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
) -> ServiceResult<()> {
    let req = PatchProject {
        archived: Some(true),
        ..PatchProject::default()
    };
    patch(conn, env, actor, id, if_match, &req).map(|_| ())
}
