//! Bulk import of projects (one row per step, CSV or XLSX), validated whole: every bad row
//! is reported with its line and reason, and nothing is written unless every row is good.

pub mod import_plan;
#[cfg(test)]
mod import_props;
pub mod import_refusals;
pub mod import_rows;

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use utoipa::ToSchema;

use crate::imports::import_plan::{PlannedProject, Problem, RowError};
use crate::imports::import_rows::plan;
use report::import::{looks_like_xlsx, read_csv, read_xlsx};
use report::import_limits::ImportLimits;
use store::imports::{ImportedEvent, ImportedStep};
use store::projects::ProjectFilter;
use store::rows::{DependencyRow, NewProject};
use store::{self, Db, DbConn, WriteTx};

use crate::imports::import_refusals::{refuse, unreadable};
use crate::refusal::{imports, routes, Refusal};
use crate::routes::agency_book::AgencyBook;
use crate::{in_tx, Actor, Env, Role, ServiceError, ServiceResult};

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportOutcome {
    pub projects: usize,
    pub steps: usize,
    pub events: usize,
    pub project_ids: Vec<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    Xlsx,
}

/// Enterprise ids by credit code, liaison ids by user name, and the rows that failed.
type Resolved = (HashMap<String, i32>, HashMap<String, i32>, Vec<RowError>);

/// Enterprise ids by credit code, liaison ids by user name, and projects that exist
/// already; every problem as a row error.
fn resolve(
    conn: &mut DbConn,
    actor: &Actor,
    projects: &[PlannedProject],
    agencies: &AgencyBook,
) -> ServiceResult<Resolved> {
    let mut errors = Vec::new();
    let mut enterprises: HashMap<String, Option<i32>> = HashMap::new();
    let mut liaisons: HashMap<String, Option<i32>> = HashMap::new();
    let mut existing: HashMap<i32, HashSet<String>> = HashMap::new();
    let mut codes: HashSet<String> = HashSet::new();
    for p in projects {
        if !enterprises.contains_key(&p.enterprise) {
            let found = store::enterprises::find_by_credit_code(conn, &p.enterprise)?.map(|e| e.id);
            enterprises.insert(p.enterprise.clone(), found);
        }
        let fail = |problem: Problem| problem.at(p.line);
        match enterprises[&p.enterprise] {
            None => {
                let unknown = Refusal::of(imports::UNKNOWN_CREDIT_CODE)
                    .arg("code", format!("{:?}", p.enterprise));
                errors.push(fail(Problem::new("enterprise", unknown)))
            }
            Some(id) => {
                if let std::collections::hash_map::Entry::Vacant(v) = existing.entry(id) {
                    let names = store::projects::all(
                        conn,
                        &ProjectFilter {
                            enterprise_id: Some(id),
                            include_archived: true,
                            ..ProjectFilter::default()
                        },
                    )?;
                    v.insert(names.into_iter().map(|r| r.name).collect());
                }
                if existing[&id].contains(&p.name) {
                    let exists = Refusal::of(imports::PROJECT_EXISTS).arg("project", &p.name);
                    errors.push(fail(Problem::new("project", exists)));
                }
            }
        }
        if let Some(code) = &p.project_code {
            if store::landing::holder_of(conn, code)?.is_some() {
                let held = Refusal::of(imports::CODE_HELD).arg("code", code);
                errors.push(fail(Problem::new("project_code", held)));
            } else if !codes.insert(code.clone()) {
                let twice = Refusal::of(imports::CODE_TWICE_IN_FILE).arg("code", code);
                errors.push(fail(Problem::new("project_code", twice)));
            }
        }
        for name in &p.liaisons {
            if !liaisons.contains_key(name) {
                let found = store::users::find_by_username(conn, name)?
                    .filter(|u| u.active && u.role == Role::Liaison)
                    .map(|u| u.id);
                liaisons.insert(name.clone(), found);
            }
            if liaisons[name].is_none() {
                let who =
                    Refusal::of(crate::refusal::projects::NOT_AN_ACTIVE_LIAISON).arg("name", name);
                errors.push(fail(Problem::new("liaisons", who)));
            }
        }
        for st in &p.steps {
            if agencies.id_of(&st.spec.agency).is_none() {
                let unknown = Refusal::of(routes::UNKNOWN_AGENCY)
                    .arg("name", format!("{:?}", st.spec.agency));
                errors.push(Problem::new("agency", unknown).at(st.line));
            }
        }
        let own = p
            .liaisons
            .iter()
            .any(|n| liaisons.get(n) == Some(&Some(actor.user_id)));
        if actor.role == Role::Liaison && !own {
            errors.push(fail(Problem::new("liaisons", imports::OWN_PROJECTS_ONLY)));
        }
    }
    let flat = |m: HashMap<String, Option<i32>>| {
        m.into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .collect()
    };
    Ok((flat(enterprises), flat(liaisons), errors))
}

/// Imports a file; `kind` when the request said what it is, else sniffed. Refused whole
/// past `limits` before it is read further.
pub fn import(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    upload: (&[u8], Option<FileKind>),
    limits: &ImportLimits,
) -> ServiceResult<ImportOutcome> {
    let (bytes, kind) = upload;
    actor.require_staff()?;
    let xlsx = kind.map_or_else(|| looks_like_xlsx(bytes), |k| k == FileKind::Xlsx);
    let sheet = if xlsx {
        read_xlsx(bytes, limits)
    } else {
        read_csv(bytes, limits)
    }
    .map_err(unreadable)?;
    let (projects, mut errors) = plan(&sheet, env.today);
    in_tx(conn, |conn| {
        let agencies = AgencyBook::load(conn)?;
        let (enterprises, liaisons, unresolved) = resolve(conn, actor, &projects, &agencies)?;
        errors.extend(unresolved);
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(refuse(errors));
        }
        let mut out = ImportOutcome {
            projects: 0,
            steps: 0,
            events: 0,
            project_ids: vec![],
        };
        for p in &projects {
            let id = write_project(
                conn,
                env,
                actor,
                p,
                enterprises[&p.enterprise],
                (&liaisons, &agencies),
                &mut out,
            )?;
            out.project_ids.push(id);
        }
        out.projects = out.project_ids.len();
        Ok(out)
    })
}

fn write_project(
    conn: &mut WriteTx,
    env: &Env,
    actor: &Actor,
    p: &PlannedProject,
    enterprise_id: i32,
    (liaisons, agencies): (&HashMap<String, i32>, &AgencyBook),
    out: &mut ImportOutcome,
) -> ServiceResult<i32> {
    let id = store::projects::insert(
        conn,
        &NewProject {
            name: &p.name,
            enterprise_id,
            template_key: None,
            start_date: p.start_date,
            city: None,
            investment_cny: None,
            archived: false,
            version: 1,
            created_at: env.stamp(),
            updated_at: env.stamp(),
        },
    )?;
    let ids: Vec<i32> = p
        .liaisons
        .iter()
        .filter_map(|n| liaisons.get(n).copied())
        .collect();
    store::projects::set_liaisons(conn, id, &ids)?;
    if let Some(code) = &p.project_code {
        store::landing::set_code(conn, id, Some(code), env.stamp())?;
    }
    let rows: Vec<ImportedStep> = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| ImportedStep {
            project_id: id,
            key: s.spec.key.as_str(),
            name: &s.spec.name,
            // Checked by `resolve` before anything was written.
            agency_id: agencies.id_of(&s.spec.agency).unwrap_or_default(),
            lead: s.spec.lead,
            stage: &s.spec.stage,
            statutory_days: s.spec.statutory_days as i32,
            promised_days: s.spec.promised_days.map(|d| d as i32),
            position: i as i32,
            status: s.status.as_str(),
            accepted_on: s.accepted_on,
            finished_on: s.finished_on,
            version: 1,
            updated_at: env.stamp(),
        })
        .collect();
    let step_ids: HashMap<String, i32> = store::imports::insert_steps(conn, id, &rows)?
        .into_iter()
        .collect();
    let mut deps = Vec::new();
    let mut events = Vec::new();
    for s in &p.steps {
        let to = step_ids
            .get(s.spec.key.as_str())
            .copied()
            .ok_or_else(|| ServiceError::internal("imported step not found"))?;
        deps.extend(
            s.spec
                .depends_on
                .iter()
                .filter_map(|k| step_ids.get(k.as_str()))
                .map(|&from| DependencyRow {
                    project_id: id,
                    from_step_id: from,
                    to_step_id: to,
                }),
        );
        events.extend(s.events.iter().map(|(action, on)| {
            ImportedEvent {
                step_id: to,
                project_id: id,
                user_id: actor.user_id,
                action: action.as_str(),
                on_date: *on,
                recorded_at: env.stamp(),
                note: Some("批量导入"),
                accepted_with_missing: false,
                by_commitment: false,
                notice: s
                    .notice
                    .as_deref()
                    .filter(|_| *action == domain::step::Action::RequestMaterials),
            }
        }));
    }
    store::imports::insert_dependencies(conn, &deps)?;
    store::imports::insert_events(conn, &events)?;
    crate::steps::light_dates::refresh_project(conn, &env.calendar, id)?;
    out.steps += rows.len();
    out.events += events.len();
    Ok(id)
}
