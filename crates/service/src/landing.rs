//! The year's landing figures (docs/rules.md "The project's life beyond approvals"): started and
//! producing by month against the targets, signing to the construction permit per project
//! and its median against the reference, and the projects planned to start this year that
//! have not (at risk when the permit is projected after their planned 开工).

pub mod milestone_view;
pub mod milestones;
pub mod targets;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use domain::landing::{
    at_risk, cumulative_by_month, median, months_saved, permit_lapsed, permit_start_deadline,
    signing_to_permit, CONSTRUCTION_PERMIT,
};
use domain::step::StepStatus;
use report::model::LandingSection;
use report::IsoWeek;
use store::landing::LandingRow;
use store::projects::ProjectFilter;
use store::{self, DbConn};

use crate::landing::targets::TargetView;
use crate::projects::dashboard::{digest, ProjectDigest};
use crate::projects::digest_cache::DigestCache;
use crate::projects::project_view::{build_views, ProjectView};
use crate::{Actor, Env, ServiceResult};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthFigure {
    /// 1 to 12.
    pub month: u32,
    /// Projects started (开工) from January to the end of this month.
    pub started: u32,
    /// Projects producing (投产) from January to the end of this month.
    pub producing: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SigningLine {
    pub project_id: i32,
    pub name: String,
    pub project_code: Option<String>,
    pub signed: NaiveDate,
    pub permit_approved_on: NaiveDate,
    pub calendar_days: i64,
    pub working_days: u32,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SigningFigures {
    pub reference_days: u32,
    /// Median calendar days over `projects` (null without any).
    pub median_days: Option<f64>,
    pub median_working_days: Option<f64>,
    /// Months saved by the median against the reference.
    pub months_saved: Option<f64>,
    /// Projects whose construction permit was approved in the year, after a recorded 签约.
    pub projects: Vec<SigningLine>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlannedStart {
    pub project_id: i32,
    pub name: String,
    pub project_code: Option<String>,
    pub planned_start: NaiveDate,
    /// The construction permit's day: actual once approved, else projected.
    pub permit_on: Option<NaiveDate>,
    pub at_risk: bool,
    /// The permit's start deadline passed without 开工 (已失效).
    pub permit_lapsed: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LandingView {
    pub year: i32,
    pub targets: Option<TargetView>,
    pub started: u32,
    pub producing: u32,
    pub months: Vec<MonthFigure>,
    pub signing_to_permit: SigningFigures,
    /// Planned to start in the year and not started, at-risk first, then by planned day.
    pub not_started: Vec<PlannedStart>,
    pub at_risk: usize,
    /// Every recorded 开工 day up to today (for the weekly report's week).
    #[serde(skip)]
    pub started_days: Vec<NaiveDate>,
}

/// The figures of `year` for staff.
pub fn figures(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    year: i32,
    kept: &DigestCache,
) -> ServiceResult<LandingView> {
    actor.require_staff()?;
    compute(conn, env, year, Projects::Kept(kept))
}

/// Where the projects' steps come from: the instance's kept digests (today's figures), or
/// views built as of the day (a week's report, which may be a past one).
enum Projects<'a> {
    Kept(&'a DigestCache),
    AsOfDay,
}

/// The weekly report's landing section as of `env.today` (none while nothing is recorded).
pub fn weekly_section(
    conn: &mut DbConn,
    env: &Env,
    week: &IsoWeek,
) -> ServiceResult<Option<LandingSection>> {
    let year = env.today.year();
    let l = compute(conn, env, year, Projects::AsOfDay)?;
    let recorded = !store::landing::all(conn)?.is_empty();
    if l.targets.is_none() && !recorded {
        return Ok(None);
    }
    let started_this_week = l
        .started_days
        .iter()
        .filter(|d| week.monday() <= **d && **d <= env.today)
        .count() as u32;
    Ok(Some(LandingSection {
        year,
        started: l.started,
        starts_target: l.targets.as_ref().map(|t| t.starts),
        producing: l.producing,
        productions_target: l.targets.as_ref().map(|t| t.productions),
        started_this_week,
        signing_to_permit_median_days: l.signing_to_permit.median_days,
        signing_to_permit_reference_days: l.signing_to_permit.reference_days,
        not_started: l.not_started.len() as u32,
        at_risk: l
            .not_started
            .iter()
            .filter(|p| p.at_risk)
            .map(|p| p.name.clone())
            .collect(),
    }))
}

fn compute(
    conn: &mut DbConn,
    env: &Env,
    year: i32,
    projects: Projects,
) -> ServiceResult<LandingView> {
    let reference_days = env.signing_reference_days;
    let targets = targets::find(conn, year)?;
    let landing: HashMap<i32, LandingRow> = store::landing::all(conn)?
        .into_iter()
        .map(|l| (l.project_id, l))
        .collect();
    // Only projects with something recorded need their steps (a digest when kept).
    let (kept, built) = match projects {
        Projects::Kept(k) => (k.select(conn, env, &ProjectFilter::default())?, vec![]),
        Projects::AsOfDay => {
            let wanted: Vec<_> = store::projects::all(conn, &ProjectFilter::default())?
                .into_iter()
                .filter(|p| landing.contains_key(&p.id))
                .collect();
            (vec![], build_views(conn, env, wanted)?)
        }
    };
    let views: Vec<(&ProjectView, Option<&Arc<ProjectDigest>>)> = kept
        .iter()
        .filter(|d| landing.contains_key(&d.view.project.id))
        .map(|d| (&d.view, Some(d)))
        .chain(built.iter().map(|v| (v, None)))
        .collect();
    let live: Vec<&LandingRow> = views
        .iter()
        .filter_map(|(v, _)| landing.get(&v.project.id))
        .collect();
    // Days after today are not known yet (a report of a past week).
    let known = |d: &NaiveDate| *d <= env.today;
    let started_days: Vec<NaiveDate> = live
        .iter()
        .filter_map(|l| l.started_actual)
        .filter(known)
        .collect();
    let producing_days: Vec<NaiveDate> = live
        .iter()
        .filter_map(|l| l.producing_actual)
        .filter(known)
        .collect();
    let started = cumulative_by_month(&started_days, year);
    let producing = cumulative_by_month(&producing_days, year);
    let months = (0..12)
        .map(|i| MonthFigure {
            month: i as u32 + 1,
            started: started[i],
            producing: producing[i],
        })
        .collect();
    let mut lines = Vec::new();
    let mut not_started = Vec::new();
    for (v, kept) in views {
        let Some(l) = landing.get(&v.project.id) else {
            continue;
        };
        let approved = v
            .steps
            .iter()
            .find(|s| s.key == CONSTRUCTION_PERMIT)
            .and_then(|s| s.finished_on.filter(|_| s.status == StepStatus::Approved));
        if let (Some(s), Some(a)) = (l.signed_actual, approved) {
            if let Some(f) = signing_to_permit(s, a, &env.calendar).filter(|_| a.year() == year) {
                lines.push(SigningLine {
                    project_id: v.project.id,
                    name: v.project.name.clone(),
                    project_code: l.project_code.clone(),
                    signed: s,
                    permit_approved_on: a,
                    calendar_days: f.calendar_days,
                    working_days: f.working_days,
                });
            }
        }
        let planned = l.started_planned.filter(|d| d.year() == year);
        if let (Some(planned), None) = (planned, l.started_actual.filter(known)) {
            let d = match kept {
                Some(d) => d.clone(),
                None => Arc::new(digest(env, v.clone())?),
            };
            not_started.push(PlannedStart {
                project_id: d.view.project.id,
                name: d.view.project.name.clone(),
                project_code: l.project_code.clone(),
                planned_start: planned,
                permit_on: d.permit_on,
                at_risk: at_risk(d.permit_on, planned),
                permit_lapsed: approved
                    .and_then(|a| permit_start_deadline(a, l.permit_extensions))
                    .is_some_and(|dl| permit_lapsed(dl, None, env.today)),
            });
        }
    }
    not_started.sort_by_key(|p| (!p.at_risk, p.planned_start, p.project_id));
    lines.sort_by_key(|l| (l.permit_approved_on, l.project_id));
    let days: Vec<i64> = lines.iter().map(|l| l.calendar_days).collect();
    let wdays: Vec<i64> = lines.iter().map(|l| i64::from(l.working_days)).collect();
    let median_days = median(&days);
    Ok(LandingView {
        year,
        targets,
        started: started[11],
        producing: producing[11],
        months,
        signing_to_permit: SigningFigures {
            reference_days,
            median_days,
            median_working_days: median(&wdays),
            months_saved: median_days.map(|m| months_saved(i64::from(reference_days), m)),
            projects: lines,
        },
        at_risk: not_started.iter().filter(|p| p.at_risk).count(),
        not_started,
        started_days,
    })
}
