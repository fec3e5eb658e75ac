//! Projects as they stood on a past day: events dated after it are ignored and each step's
//! status is replayed from the rest, then the usual step views are built on that day.
//! (`build_views` reads the stored status, which may be newer than the day.)

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::clock::{read_clock, EpisodeEvent, Light};
use crate::domain::step::{replay_status, Action, StepStatus};
use crate::report::build::StepExtra;
use crate::store::rows::{EventRow, ProjectRow, StepRow};
use crate::store::{self, DbConn};

use super::project_view::{ProjectSummary, ProjectView};
use super::step_view::{parse_status, StepView, ViewRules};
use super::{Env, ServiceResult};

/// A step's status and light on `day`, from its events (all of them, in recorded order).
fn light_on(env: &Env, row: &StepRow, events: &[&EventRow], day: NaiveDate) -> Option<Light> {
    let known: Vec<EpisodeEvent> = events
        .iter()
        .filter(|e| e.on_date <= day)
        .filter_map(|e| {
            Action::parse(&e.action).map(|action| EpisodeEvent {
                action,
                on: e.on_date,
            })
        })
        .collect();
    let status = replay_status(known.iter().map(|e| e.action)).ok()?;
    let limit = row.promised_days.unwrap_or(row.statutory_days).max(0) as u32;
    read_clock(
        &env.calendar,
        status,
        limit,
        &known,
        day,
        env.stalled_after_days,
    )
    .light
}

/// The views of `rows` as of `env.today`, with what the weekly report needs besides: the
/// day in `[week_start, env.today]` a step turned red, and when its current pause began.
pub fn views_as_of(
    conn: &mut DbConn,
    env: &Env,
    rows: Vec<ProjectRow>,
    week_start: NaiveDate,
) -> ServiceResult<Vec<(ProjectView, Vec<StepExtra>)>> {
    let day = env.today;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let mut liaisons: HashMap<i32, Vec<i32>> = HashMap::new();
    for (p, u) in store::projects::liaisons_of(conn, &ids)? {
        liaisons.entry(p).or_default().push(u);
    }
    let steps = store::steps::of_projects(conn, &ids)?;
    let deps = store::steps::dependencies_of_projects(conn, &ids)?;
    let events = store::events::of_projects(conn, &ids)?;
    let key_of: HashMap<i32, &str> = steps.iter().map(|s| (s.id, s.key.as_str())).collect();
    let mut preds: HashMap<i32, Vec<String>> = HashMap::new();
    for d in &deps {
        if let Some(k) = key_of.get(&d.from_step_id) {
            preds
                .entry(d.to_step_id)
                .or_default()
                .push((*k).to_string());
        }
    }
    let mut events_of: HashMap<i32, Vec<&EventRow>> = HashMap::new();
    for e in &events {
        events_of.entry(e.step_id).or_default().push(e);
    }
    let rules = ViewRules {
        calendar: &env.calendar,
        today: day,
        stalled_after_days: env.stalled_after_days,
    };
    let mut steps_of: HashMap<i32, Vec<(StepView, StepExtra)>> = HashMap::new();
    for s in &steps {
        let all = events_of.get(&s.id).map(Vec::as_slice).unwrap_or(&[]);
        let known: Vec<&EventRow> = all.iter().copied().filter(|e| e.on_date <= day).collect();
        let status = if known.len() == all.len() {
            parse_status(&s.status)
        } else {
            replay_status(known.iter().filter_map(|e| Action::parse(&e.action)))
                .unwrap_or(StepStatus::Pending)
        };
        let row = StepRow {
            status: status.as_str().to_string(),
            ..s.clone()
        };
        let mut depends_on = preds.remove(&s.id).unwrap_or_default();
        depends_on.sort();
        let view = StepView::build(&row, depends_on, &known, &rules);
        let mut extra = StepExtra::default();
        if status == StepStatus::AwaitingApplicant {
            extra.waiting_since = known
                .iter()
                .rev()
                .find(|e| e.action == Action::RequestMaterials.as_str())
                .map(|e| e.on_date);
        }
        if !known.is_empty() && week_start <= day {
            let mut before = light_on(
                env,
                &row,
                &known,
                week_start.pred_opt().unwrap_or(week_start),
            );
            for d in week_start.iter_days().take_while(|d| *d <= day) {
                let now = light_on(env, &row, &known, d);
                if now == Some(Light::Red) && before != Some(Light::Red) {
                    extra.red_on = Some(d);
                    break;
                }
                before = now;
            }
        }
        steps_of
            .entry(s.project_id)
            .or_default()
            .push((view, extra));
    }
    Ok(rows
        .into_iter()
        .map(|p| {
            let (steps, extras): (Vec<StepView>, Vec<StepExtra>) = steps_of
                .remove(&p.id)
                .unwrap_or_default()
                .into_iter()
                .unzip();
            let light = steps.iter().filter_map(|s| s.light).max();
            let stalled = steps.iter().any(|s| s.stalled);
            let project = ProjectSummary {
                id: p.id,
                name: p.name,
                enterprise_id: p.enterprise_id,
                template: p.template_key,
                liaison_ids: liaisons.remove(&p.id).unwrap_or_default(),
                start_date: p.start_date,
                city: p.city,
                investment_cny: p.investment_cny,
                archived: p.archived,
                light,
                stalled,
                version: p.version,
                created_at: p.created_at.and_utc(),
                updated_at: p.updated_at.and_utc(),
            };
            (ProjectView { project, steps }, extras)
        })
        .collect())
}
