//! Projects as the API returns them: the row, its liaisons and its steps with their
//! clocks, assembled for one project or a page of them in a fixed number of queries.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use domain::clock::Light;
use domain::step::{replay_status, StepStatus};
use store::rows::{ClockEventRow, DependencyRow, ProjectRow, StepRow};
use store::{self, DbConn};

use crate::steps::step_view::{StepView, ViewRules};
use crate::{Env, ServiceResult};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectSummary {
    pub id: i32,
    pub name: String,
    pub enterprise_id: i32,
    /// The route template it was created from, if any.
    pub template: Option<String>,
    pub liaison_ids: Vec<i32>,
    pub start_date: NaiveDate,
    pub city: Option<String>,
    pub investment_cny: Option<i64>,
    /// Its 统一项目代码, the key every agency files under.
    #[schema(example = "2019-310117-04-01-000123")]
    pub project_code: Option<String>,
    pub archived: bool,
    /// The worst light of its steps (null when no step is with an agency).
    #[schema(value_type = Option<String>, example = "yellow")]
    pub light: Option<Light>,
    /// Some step has waited on the applicant too long.
    pub stalled: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ProjectSummary {
    /// A project row with what is computed for it: its liaisons, light and stall.
    pub fn of(p: ProjectRow, liaison_ids: Vec<i32>, light: Option<Light>, stalled: bool) -> Self {
        ProjectSummary {
            id: p.id,
            name: p.name,
            enterprise_id: p.enterprise_id,
            template: p.template_key,
            liaison_ids,
            start_date: p.start_date,
            city: p.city,
            investment_cny: p.investment_cny,
            project_code: None,
            archived: p.archived,
            light,
            stalled,
            version: p.version,
            created_at: p.created_at.and_utc(),
            updated_at: p.updated_at.and_utc(),
        }
    }

    /// The same with its code (kept beside the project row).
    pub fn with_code(mut self, codes: &HashMap<i32, String>) -> Self {
        self.project_code = codes.get(&self.id).cloned();
        self
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProjectView {
    #[serde(flatten)]
    pub project: ProjectSummary,
    pub steps: Vec<StepView>,
}

/// A step as it stood on `day`: events dated later are not yet known, and its status is
/// replayed from the rest when they differ from what is stored (a report on a past week,
/// a job run `--at` a past instant). On today's data the stored row stands (`None`).
pub fn as_of<'a>(
    row: &StepRow,
    events: &[&'a ClockEventRow],
    day: NaiveDate,
) -> (Option<StepRow>, Vec<&'a ClockEventRow>) {
    let known: Vec<&ClockEventRow> = events
        .iter()
        .copied()
        .filter(|e| e.on_date <= day)
        .collect();
    if known.len() == events.len() {
        return (None, known);
    }
    let status = replay_status(known.iter().map(|e| e.action)).unwrap_or(StepStatus::Pending);
    (
        Some(StepRow {
            status,
            ..row.clone()
        }),
        known,
    )
}

/// What the views of some projects are built from, read once.
pub struct ViewData {
    pub liaisons: Vec<(i32, i32)>,
    pub steps: Vec<StepRow>,
    pub deps: Vec<DependencyRow>,
    pub events: Vec<ClockEventRow>,
    pub codes: HashMap<i32, String>,
}

impl ViewData {
    pub fn load(conn: &mut DbConn, ids: &[i32]) -> ServiceResult<ViewData> {
        Ok(ViewData {
            liaisons: store::projects::liaisons_of(conn, ids)?,
            steps: store::steps::of_projects(conn, ids)?,
            deps: store::steps::dependencies_of_projects(conn, ids)?,
            events: store::events::clock_events_of_projects(conn, ids)?,
            codes: store::landing::codes_of(conn, ids)?.into_iter().collect(),
        })
    }
}

/// Every project of the zone (archived ones aside) with what their views are built from,
/// read once: the cockpit's overview, this week's report and its chart share one read.
pub struct ZoneRead {
    pub rows: Vec<ProjectRow>,
    pub data: ViewData,
}

impl ZoneRead {
    pub fn load(conn: &mut DbConn) -> ServiceResult<ZoneRead> {
        ZoneRead::load_with(conn, false)
    }

    /// Archived projects too (the forecasts' history reads every finished project).
    pub fn load_with(conn: &mut DbConn, include_archived: bool) -> ServiceResult<ZoneRead> {
        let filter = store::projects::ProjectFilter {
            include_archived,
            ..store::projects::ProjectFilter::default()
        };
        let rows = store::projects::all(conn, &filter)?;
        let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
        let data = ViewData::load(conn, &ids)?;
        Ok(ZoneRead { rows, data })
    }
}

/// Builds the views of the given projects (steps in route order) as of `env.today`.
pub fn build_views(
    conn: &mut DbConn,
    env: &Env,
    rows: Vec<ProjectRow>,
) -> ServiceResult<Vec<ProjectView>> {
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let data = ViewData::load(conn, &ids)?;
    Ok(build_views_from(env, rows, &data))
}

/// The same from data already read.
pub fn build_views_from(env: &Env, rows: Vec<ProjectRow>, data: &ViewData) -> Vec<ProjectView> {
    let mut liaisons: HashMap<i32, Vec<i32>> = HashMap::new();
    for &(p, u) in &data.liaisons {
        liaisons.entry(p).or_default().push(u);
    }
    let (steps, deps, events) = (&data.steps, &data.deps, &data.events);
    let key_of: HashMap<i32, &str> = steps.iter().map(|s| (s.id, s.key.as_str())).collect();
    let mut preds: HashMap<i32, Vec<String>> = HashMap::new();
    for d in deps {
        if let Some(k) = key_of.get(&d.from_step_id) {
            preds
                .entry(d.to_step_id)
                .or_default()
                .push((*k).to_string());
        }
    }
    let mut events_of: HashMap<i32, Vec<&ClockEventRow>> = HashMap::new();
    for e in events {
        events_of.entry(e.step_id).or_default().push(e);
    }
    let rules = ViewRules {
        calendar: &env.calendar,
        today: env.today,
        stalled_after_days: env.stalled_after_days,
    };
    let mut steps_of: HashMap<i32, Vec<StepView>> = HashMap::new();
    for s in steps {
        let mut depends_on = preds.remove(&s.id).unwrap_or_default();
        depends_on.sort();
        let evs = events_of.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
        let (replayed, known) = as_of(s, evs, env.today);
        let row = replayed.as_ref().unwrap_or(s);
        steps_of
            .entry(s.project_id)
            .or_default()
            .push(StepView::build(row, depends_on, &known, &rules));
    }
    rows.into_iter()
        .map(|p| {
            let steps = steps_of.remove(&p.id).unwrap_or_default();
            let light = steps.iter().filter_map(|s| s.light).max();
            let stalled = steps.iter().any(|s| s.stalled);
            let liaison_ids = liaisons.remove(&p.id).unwrap_or_default();
            ProjectView {
                project: ProjectSummary::of(p, liaison_ids, light, stalled).with_code(&data.codes),
                steps,
            }
        })
        .collect()
}
