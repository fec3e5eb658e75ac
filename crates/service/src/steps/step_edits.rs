//! Changing a project's route: adding, editing and removing steps and dependencies.
//! Every change keeps the graph acyclic and its keys known, or is refused whole.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use domain::agency::split_lead;
use domain::limits::MAX_STEPS;
use domain::route::find_cycle;
use domain::step::StepKey;
use store::rows::{DependencyRow, StepRow};
use store::steps::StepChanges;
use store::{self, Db, DbConn};

use crate::refusal::{steps as code, Refusal};

use crate::fields::{double_option, Checks};
use crate::projects::{get, insert_steps, lock_for_edit};
use crate::routes::agency_book::AgencyBook;
use crate::steps::step_view::{promised_exceeds, route_error, StepSpecInput, StepView, MAX_DAYS};
use crate::versions::{check_version, check_written};
use crate::{in_tx, Actor, Env, FieldError, ServiceError, ServiceResult};

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchStep {
    pub name: Option<String>,
    /// An agency's name or short name; "…（牵头）" also sets `lead`.
    pub agency: Option<String>,
    /// The agency leads this step (牵头).
    pub lead: Option<bool>,
    pub stage: Option<String>,
    pub statutory_days: Option<i64>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i64>)]
    pub promised_days: Option<Option<i64>>,
    /// Replaces the step's predecessors.
    pub depends_on: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The step that must finish first.
    pub from: String,
    /// The step that waits for it.
    pub to: String,
}

/// The project's steps and edges, for graph checks.
struct Graph {
    steps: Vec<StepRow>,
    edges: Vec<DependencyRow>,
}

impl Graph {
    fn load(conn: &mut DbConn, project_id: i32) -> ServiceResult<Graph> {
        Ok(Graph {
            steps: store::steps::of_project(conn, project_id)?,
            edges: store::steps::dependencies_of(conn, project_id)?,
        })
    }

    fn step(&self, key: &str) -> Option<&StepRow> {
        self.steps.iter().find(|s| s.key == key)
    }

    /// Refuses (422) the graph with these edges if it would have a cycle.
    fn check_acyclic(&self, edges: &[(i32, i32)], field: &str) -> ServiceResult<()> {
        let index: HashMap<i32, usize> = self
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id, i))
            .collect();
        let keys: Vec<StepKey> = self
            .steps
            .iter()
            .map(|s| StepKey::parse(&s.key))
            .collect::<Result<_, _>>()
            .map_err(|e| ServiceError::caused("stored step key", e))?;
        let pairs: Vec<(usize, usize)> = edges
            .iter()
            .filter_map(|(f, t)| Some((*index.get(f)?, *index.get(t)?)))
            .collect();
        match find_cycle(&keys, &pairs) {
            Some(cycle) => Err(route_error(field, domain::route::RouteError::Cycle(cycle))),
            None => Ok(()),
        }
    }

    fn edge_pairs(&self) -> Vec<(i32, i32)> {
        self.edges
            .iter()
            .map(|e| (e.from_step_id, e.to_step_id))
            .collect()
    }
}

fn step_view(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
) -> ServiceResult<StepView> {
    get(conn, env, actor, project_id)?
        .steps
        .into_iter()
        .find(|s| s.key == key)
        .ok_or(ServiceError::NotFound("step"))
}

pub fn add_step(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    req: &StepSpecInput,
) -> ServiceResult<StepView> {
    in_tx(conn, |conn| {
        lock_for_edit(conn, actor, project_id)?;
        let mut errors = Vec::new();
        let spec = req.to_domain("", &mut errors);
        let errors: Vec<FieldError> = errors
            .into_iter()
            .map(|e| FieldError {
                field: e.field.trim_start_matches('.').to_string(),
                ..e
            })
            .collect();
        let spec = match spec {
            Some(s) if errors.is_empty() => s,
            _ => return Err(ServiceError::invalid_fields(errors)),
        };
        let graph = Graph::load(conn, project_id)?;
        if graph.steps.len() >= MAX_STEPS {
            return Err(ServiceError::invalid(
                "key",
                Refusal::of(code::TOO_MANY_STEPS).arg("max", MAX_STEPS),
            ));
        }
        if graph.step(spec.key.as_str()).is_some() {
            return Err(ServiceError::conflict(
                Refusal::of(code::STEP_EXISTS).arg("key", &spec.key),
            ));
        }
        let mut checks = Checks::default();
        for (i, d) in spec.depends_on.iter().enumerate() {
            if graph.step(d.as_str()).is_none() {
                checks.fail(
                    &format!("depends_on[{i}]"),
                    Refusal::of(code::NO_SUCH_STEP).arg("key", d),
                );
            }
        }
        checks.into_result()?;
        let agency_id = AgencyBook::load(conn)?.resolve(&spec.agency, "agency")?;
        let existing: HashMap<String, i32> =
            graph.steps.iter().map(|s| (s.key.clone(), s.id)).collect();
        let position = store::steps::next_position(conn, project_id)?;
        insert_steps(
            conn,
            env,
            project_id,
            position,
            (std::slice::from_ref(&spec), &[agency_id]),
            &existing,
        )?;
        step_view(conn, env, actor, project_id, spec.key.as_str())
    })
}

pub fn patch_step(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    project_id: i32,
    key: &str,
    if_match: Option<i32>,
    req: &PatchStep,
) -> ServiceResult<StepView> {
    in_tx(conn, |conn| {
        lock_for_edit(conn, actor, project_id)?;
        let graph = Graph::load(conn, project_id)?;
        let step = graph
            .step(key)
            .ok_or(ServiceError::NotFound("step"))?
            .clone();
        check_version("step", step.version, if_match)?;
        let mut checks = Checks::default();
        for (field, value, max) in [
            ("name", &req.name, 200),
            ("agency", &req.agency, 200),
            ("stage", &req.stage, 100),
        ] {
            if let Some(v) = value {
                checks.text(field, v, max);
            }
        }
        let day_fields = [
            ("statutory_days", req.statutory_days),
            ("promised_days", req.promised_days.flatten()),
        ];
        for (field, value) in day_fields {
            if value.is_some_and(|d| !(0..=MAX_DAYS).contains(&d)) {
                checks.fail(
                    field,
                    Refusal::of(code::WHOLE_WORKING_DAYS).arg("max", MAX_DAYS),
                );
            }
        }
        let statutory = req.statutory_days.unwrap_or(i64::from(step.statutory_days));
        let promised = match req.promised_days {
            Some(p) => p,
            None => step.promised_days.map(i64::from),
        };
        if promised_exceeds(statutory, promised) {
            checks.fail("promised_days", code::PROMISE_ABOVE_STATUTE);
        }
        let mut new_preds = None;
        if let Some(deps) = &req.depends_on {
            let mut ids = Vec::new();
            for (i, d) in deps.iter().enumerate() {
                match graph.step(d) {
                    None => checks.fail(
                        &format!("depends_on[{i}]"),
                        Refusal::of(code::NO_SUCH_STEP).arg("key", d),
                    ),
                    Some(s) if s.id == step.id => {
                        checks.fail(&format!("depends_on[{i}]"), code::SELF_DEPENDENCY)
                    }
                    Some(s) if ids.contains(&s.id) => checks.fail(
                        &format!("depends_on[{i}]"),
                        Refusal::of(code::NAMED_TWICE).arg("key", d),
                    ),
                    Some(s) => ids.push(s.id),
                }
            }
            new_preds = Some(ids);
        }
        checks.into_result()?;
        let agency = match req.agency.as_deref() {
            Some(a) => Some((
                AgencyBook::load(conn)?.resolve(a, "agency")?,
                split_lead(a).1,
            )),
            None => None,
        };
        if let Some(ids) = &new_preds {
            let mut edges: Vec<(i32, i32)> = graph
                .edge_pairs()
                .into_iter()
                .filter(|(_, t)| *t != step.id)
                .collect();
            edges.extend(ids.iter().map(|f| (*f, step.id)));
            graph.check_acyclic(&edges, "depends_on")?;
            store::steps::set_predecessors(conn, project_id, step.id, ids)?;
        }
        let changes = StepChanges {
            name: req.name.as_deref().map(str::trim),
            agency_id: agency.map(|(id, _)| id),
            // "…（牵头）" marks the lead; a plain name leaves the mark as `lead` says.
            lead: req
                .lead
                .or(agency.and_then(|(_, lead)| lead.then_some(true))),
            stage: req.stage.as_deref().map(str::trim),
            statutory_days: req.statutory_days.map(|d| d as i32),
            promised_days: req.promised_days.map(|p| p.map(|d| d as i32)),
            status: None,
            accepted_on: None,
            finished_on: None,
            version: step.version + 1,
            updated_at: env.stamp(),
        };
        check_written(
            "step",
            store::steps::update(conn, step.id, step.version, &changes)?,
            step.version,
        )?;
        // A new limit moves the day the step turns yellow or red.
        crate::steps::light_dates::refresh_project(conn, &env.calendar, project_id)?;
        step_view(conn, env, actor, project_id, key)
    })
}

pub fn delete_step(
    conn: &mut Db,
    actor: &Actor,
    project_id: i32,
    key: &str,
    if_match: Option<i32>,
) -> ServiceResult<()> {
    in_tx(conn, |conn| {
        lock_for_edit(conn, actor, project_id)?;
        let graph = Graph::load(conn, project_id)?;
        let step = graph.step(key).ok_or(ServiceError::NotFound("step"))?;
        check_version("step", step.version, if_match)?;
        if store::events::count_of_step(conn, step.id)? > 0 {
            return Err(ServiceError::conflict(
                Refusal::of(code::STEP_HAS_EVENTS).arg("key", key),
            ));
        }
        let mut dependents: Vec<&str> = graph
            .edges
            .iter()
            .filter(|e| e.from_step_id == step.id)
            .filter_map(|e| graph.steps.iter().find(|s| s.id == e.to_step_id))
            .map(|s| s.key.as_str())
            .collect();
        if !dependents.is_empty() {
            dependents.sort_unstable();
            return Err(ServiceError::conflict(
                Refusal::of(code::STEP_HAS_DEPENDENTS)
                    .arg("dependents", dependents.join(", "))
                    .arg("key", key),
            ));
        }
        store::steps::delete(conn, step.id)?;
        Ok(())
    })
}

pub fn add_dependency(
    conn: &mut Db,
    actor: &Actor,
    project_id: i32,
    req: &Dependency,
) -> ServiceResult<Dependency> {
    in_tx(conn, |conn| {
        lock_for_edit(conn, actor, project_id)?;
        let graph = Graph::load(conn, project_id)?;
        let (from, to) = match (graph.step(&req.from), graph.step(&req.to)) {
            (Some(f), Some(t)) if f.id == t.id => {
                return Err(ServiceError::invalid("to", code::SELF_DEPENDENCY))
            }
            (Some(f), Some(t)) => (f.id, t.id),
            (f, t) => {
                let mut checks = Checks::default();
                if f.is_none() {
                    checks.fail(
                        "from",
                        Refusal::of(code::NO_SUCH_STEP).arg("key", format!("{:?}", req.from)),
                    );
                }
                if t.is_none() {
                    checks.fail(
                        "to",
                        Refusal::of(code::NO_SUCH_STEP).arg("key", format!("{:?}", req.to)),
                    );
                }
                return Err(ServiceError::invalid_fields(checks.0));
            }
        };
        let mut edges = graph.edge_pairs();
        if edges.contains(&(from, to)) {
            return Err(ServiceError::conflict(
                Refusal::of(code::ALREADY_DEPENDS)
                    .arg("to", &req.to)
                    .arg("from", &req.from),
            ));
        }
        edges.push((from, to));
        graph.check_acyclic(&edges, "to")?;
        store::steps::add_dependency(
            conn,
            &DependencyRow {
                project_id,
                from_step_id: from,
                to_step_id: to,
            },
        )?;
        Ok(req.clone())
    })
}

pub fn remove_dependency(
    conn: &mut Db,
    actor: &Actor,
    project_id: i32,
    from: &str,
    to: &str,
) -> ServiceResult<()> {
    in_tx(conn, |conn| {
        lock_for_edit(conn, actor, project_id)?;
        let graph = Graph::load(conn, project_id)?;
        let (Some(f), Some(t)) = (graph.step(from), graph.step(to)) else {
            return Err(ServiceError::NotFound("dependency"));
        };
        if store::steps::remove_dependency(conn, f.id, t.id)? == 0 {
            return Err(ServiceError::NotFound("dependency"));
        }
        Ok(())
    })
}
