//! Computes a weekly report from projects as they stood on its `as_of` day (no I/O).
//! Lights, clocks and time saved come computed by the service's own rules; this only
//! selects, counts, sums and takes medians.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use domain::clock::Light;
use domain::step::StepStatus;
use domain::time_saved::SavedSplit;
use report::model::*;

use crate::projects::project_view::ProjectView;
use crate::projects::saved;
use crate::reports::report_input::{limit, ReportInput, ReportProject, COMPLETED, STAGES};
use crate::reports::report_loads::{agencies, liaisons};
use crate::steps::step_view::StepView;

fn stage_of(v: &ProjectView) -> &str {
    v.steps
        .iter()
        .find(|s| !s.status.is_finished())
        .map_or(COMPLETED, |s| s.stage.as_str())
}

fn step_ref(p: &ReportProject, s: &StepView) -> StepRef {
    StepRef {
        project_id: p.view.project.id,
        project: p.view.project.name.clone(),
        step_key: s.key.clone(),
        step: s.name.clone(),
        agency: s.agency.clone(),
        liaisons: p.liaison_names.join("、"),
        project_code: p.view.project.project_code.clone(),
    }
}

pub fn build(input: &ReportInput) -> WeeklyReport {
    let (monday, sunday) = (input.week.monday(), input.week.sunday());
    let in_week = |d: NaiveDate| monday <= d && d <= sunday;
    let mut report = WeeklyReport {
        week: input.week.to_string(),
        week_start: monday,
        week_end: sunday,
        as_of: input.as_of,
        generated_at: input.generated_at,
        portfolio: portfolio(input.projects),
        portfolio_total: StageRow::default(),
        finished_steps: vec![],
        turned_red: vec![],
        overdue: vec![],
        stalled: vec![],
        time_saved: time_saved(input),
        liaisons: vec![],
        agencies: agencies(input),
        requests: Default::default(),
        landing: None,
        forecast: Default::default(),
    };
    report.portfolio_total = total(&report.portfolio);
    for p in input.projects {
        for (s, extra) in p.view.steps.iter().zip(&p.extras) {
            if let Some(finished_on) = s.finished_on.filter(|d| in_week(*d)) {
                if s.status.is_finished() {
                    let used = (s.status == StepStatus::Approved).then_some(s.clock.statutory_used);
                    report.finished_steps.push(FinishedStep {
                        step: step_ref(p, s),
                        status: s.status.as_str().to_string(),
                        accepted_on: s.accepted_on,
                        finished_on,
                        limit_days: limit(s),
                        days_used: used,
                        paused_days: s.clock.paused_days,
                        elapsed_days: s.clock.elapsed_days,
                        days_over_limit: used.unwrap_or(0).saturating_sub(limit(s)),
                    });
                }
            }
            if let Some(red_on) = extra.red_on {
                report.turned_red.push(RedStep {
                    step: step_ref(p, s),
                    due_on: s.due_on,
                    red_on,
                });
            }
            if let (Some(Light::Red), Some(due)) = (s.light, s.due_on) {
                report.overdue.push(OverdueStep {
                    step: step_ref(p, s),
                    due_on: due,
                    days_over: input.calendar.working_days_after(due, input.as_of),
                });
            }
            if s.stalled {
                report.stalled.push(StalledStep {
                    step: step_ref(p, s),
                    waiting_since: extra.waiting_since,
                    days_waiting: extra
                        .waiting_since
                        .map_or(0, |d| input.calendar.working_days_after(d, input.as_of)),
                });
            }
        }
    }
    report.finished_steps.sort_by(|a, b| {
        (a.finished_on, &a.step.project, &a.step.step_key).cmp(&(
            b.finished_on,
            &b.step.project,
            &b.step.step_key,
        ))
    });
    report.turned_red.sort_by(|a, b| {
        (a.red_on, &a.step.project, &a.step.step_key).cmp(&(
            b.red_on,
            &b.step.project,
            &b.step.step_key,
        ))
    });
    report.overdue.sort_by(|a, b| {
        b.days_over
            .cmp(&a.days_over)
            .then(a.step.project.cmp(&b.step.project))
    });
    report.stalled.sort_by(|a, b| {
        b.days_waiting
            .cmp(&a.days_waiting)
            .then(a.step.project.cmp(&b.step.project))
    });
    report.liaisons = liaisons(input, &in_week);
    report
}

fn portfolio(projects: &[ReportProject]) -> Vec<StageRow> {
    let mut rows: Vec<StageRow> = STAGES
        .iter()
        .map(|s| StageRow {
            stage: s.to_string(),
            ..StageRow::default()
        })
        .collect();
    let mut others: BTreeMap<String, StageRow> = BTreeMap::new();
    let mut done = StageRow {
        stage: COMPLETED.to_string(),
        ..StageRow::default()
    };
    for p in projects {
        let stage = stage_of(&p.view);
        let row = if stage == COMPLETED {
            &mut done
        } else if let Some(r) = rows.iter_mut().find(|r| r.stage == stage) {
            r
        } else {
            others.entry(stage.to_string()).or_insert_with(|| StageRow {
                stage: stage.to_string(),
                ..StageRow::default()
            })
        };
        row.projects += 1;
        match p.view.project.light {
            Some(Light::Red) => row.red += 1,
            Some(Light::Yellow) => row.yellow += 1,
            Some(Light::Green) => row.green += 1,
            None => row.no_light += 1,
        }
        row.stalled += u32::from(p.view.project.stalled);
    }
    rows.extend(others.into_values());
    rows.push(done);
    rows
}

fn total(rows: &[StageRow]) -> StageRow {
    rows.iter().fold(
        StageRow {
            stage: "合计".into(),
            ..StageRow::default()
        },
        |mut t, r| {
            t.projects += r.projects;
            t.red += r.red;
            t.yellow += r.yellow;
            t.green += r.green;
            t.no_light += r.no_light;
            t.stalled += r.stalled;
            t
        },
    )
}

fn figures(split: &SavedSplit, from: NaiveDate, to: NaiveDate) -> SavedFigures {
    let f = &split.finished;
    SavedFigures {
        from,
        to,
        projects_finished: f.projects,
        baseline_days: f.baseline_days,
        actual_days: f.actual_days.unwrap_or(0),
        saved_days: f.saved_days,
        saved_by_parallel_days: f.saved_by_parallel_days,
        saved_by_faster_agencies_days: f.saved_by_faster_agencies_days,
        saved_calendar_days: f.saved_calendar_days,
    }
}

/// The rule of `service::saved`: finished in the period, and in progress as of `as_of`.
fn time_saved(input: &ReportInput) -> TimeSavedSection {
    let all = || input.projects.iter().filter_map(|p| p.time_saved.as_ref());
    let (monday, as_of) = (input.week.monday(), input.as_of);
    let week = saved::split(all(), monday, as_of);
    let year = saved::split(all(), saved::year_start(as_of), as_of);
    let p = &year.in_progress;
    TimeSavedSection {
        week: figures(&week, monday, as_of),
        year_to_date: figures(&year, saved::year_start(as_of), as_of),
        in_progress: ProjectedFigures {
            projects_in_progress: p.projects,
            baseline_days: p.baseline_days,
            projected_days: p.projected_days,
            saved_days: p.saved_days,
            saved_by_parallel_days: p.saved_by_parallel_days,
            saved_by_faster_agencies_days: p.saved_by_faster_agencies_days,
            saved_calendar_days: p.saved_calendar_days,
        },
    }
}
