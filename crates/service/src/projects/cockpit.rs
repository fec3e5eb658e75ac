//! The managers' cockpit (驾驶舱): the overview's digests, plus what the weekly report
//! already computes as of today (overdue and stalled steps, agencies' medians), the yellow
//! steps, projects by route template and red and yellow over the last twelve weeks (the
//! lights of the projects each week's report counts). Nothing here computes a light, a clock
//! or a median anew.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use domain::clock::Light;
use report::{IsoWeek, WeeklyReport};
use store::{self, DbConn};

use crate::kept::{Basis, Slot};
use crate::projects::dashboard::{overview, Overview};
use crate::projects::digest_cache::DigestCache;
use crate::projects::project_view::ZoneRead;
use crate::reports::report_cache::ReportCache;
use crate::reports::{build_weekly_in, lights_by_week, require_manager};
use crate::{Actor, Env, ServiceResult};

/// Projects by their light, as the `/projects` list filters count them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LightCounts {
    pub red: u32,
    pub yellow: u32,
    pub stalled: u32,
    /// Green: every step with an agency within its time.
    pub on_time: u32,
}

/// A step turning yellow: still within its limit, but near it.
#[derive(Debug, Clone)]
pub struct YellowStep {
    pub project_id: i32,
    pub project: String,
    pub step: String,
    pub agency: String,
    pub due_on: Option<NaiveDate>,
    /// Working days from today to the due date.
    pub days_left: u32,
    pub liaisons: String,
}

/// An agency as the bottleneck table shows it.
#[derive(Debug, Clone)]
pub struct Bottleneck {
    pub agency: String,
    /// The weekly report's median statutory days of steps approved this year.
    pub median_days_used: Option<f64>,
    /// Its steps past their due date today, and their working days over.
    pub overdue_steps: u32,
    pub days_over: u32,
}

/// Red and yellow projects as of one week's end (today for this week).
#[derive(Debug, Clone)]
pub struct WeekLights {
    pub week: String,
    pub as_of: NaiveDate,
    pub red: u32,
    pub yellow: u32,
}

#[derive(Debug, Clone)]
pub struct Cockpit {
    pub overview: Overview,
    /// This week's report, as of today.
    pub report: Arc<WeeklyReport>,
    pub counts: LightCounts,
    pub yellow: Vec<YellowStep>,
    /// Projects by their route template's name; none: without a template (the page says so).
    pub by_route: Vec<(Option<String>, u32)>,
    pub bottlenecks: Vec<Bottleneck>,
    /// Oldest first, this week last.
    pub weeks: Vec<WeekLights>,
}

pub const CHART_WEEKS: usize = 12;

/// The cockpit as one instance keeps it until the next commit (`crate::kept`): the page
/// managers reload all day, the same for all of them.
#[derive(Debug, Default)]
pub struct CockpitCache(Slot<Basis, Cockpit>);

/// What the cockpit is made from, kept by the instance: the forecasts' cache (`kept`), the
/// projects' digests, the weekly reports and the cockpit itself.
pub struct CockpitCaches<'a> {
    pub kept: crate::forecasts::Kept<'a>,
    pub digests: &'a DigestCache,
    pub reports: &'a ReportCache,
    pub cockpit: &'a CockpitCache,
}

/// The cockpit as of today, kept until the next commit.
pub fn cockpit(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    caches: CockpitCaches,
) -> ServiceResult<Arc<Cockpit>> {
    // Managers and admins, checked before the zone is read.
    require_manager(actor)?;
    let CockpitCaches {
        kept: (cache, generation),
        digests,
        reports,
        cockpit,
    } = caches;
    let basis = crate::kept::basis(env, generation.clone());
    cockpit.0.get_or(basis.clone(), || {
        let overview = overview(conn, env, actor, digests)?;
        // One read of the zone for this week's report and the chart.
        let zone = ZoneRead::load(conn)?;
        let this_week = IsoWeek::of(env.today);
        let report = reports.weekly.get_or(basis, this_week, || {
            build_weekly_in(conn, env, this_week, &zone, (cache, generation))
        })?;
        made(conn, env, overview, report, &zone)
    })
}

fn made(
    conn: &mut DbConn,
    env: &Env,
    overview: Overview,
    report: Arc<WeeklyReport>,
    zone: &ZoneRead,
) -> ServiceResult<Cockpit> {
    let this_week = IsoWeek::of(env.today);
    let mut counts = LightCounts::default();
    let mut routes: BTreeMap<Option<String>, u32> = BTreeMap::new();
    let names: BTreeMap<String, String> = crate::routes::route_templates::names(conn)?
        .into_iter()
        .collect();
    for d in &overview.projects {
        let p = &d.view.project;
        match p.light {
            Some(Light::Red) => counts.red += 1,
            Some(Light::Yellow) => counts.yellow += 1,
            Some(Light::Green) => counts.on_time += 1,
            None => {}
        }
        counts.stalled += u32::from(p.stalled);
        // By the template's name as people know it; a project without one has none.
        let route = p
            .template
            .as_deref()
            .map(|key| names.get(key).map_or(key.to_string(), String::clone));
        *routes.entry(route).or_insert(0) += 1;
    }
    let yellow = yellow_steps(conn, env, &overview)?;
    let bottlenecks = bottlenecks(&report);
    // The weeks before this one, oldest first; this week is the report's own.
    let mut past = vec![this_week.previous()];
    while past.len() < CHART_WEEKS - 1 {
        past.push(past[past.len() - 1].previous());
    }
    past.reverse();
    let mut weeks: Vec<WeekLights> = lights_by_week(env, &past, zone)
        .into_iter()
        .zip(&past)
        .map(|((as_of, red, yellow), week)| WeekLights {
            week: week.to_string(),
            as_of,
            red,
            yellow,
        })
        .collect();
    weeks.push(WeekLights {
        week: report.week.clone(),
        as_of: report.as_of,
        red: report.portfolio_total.red,
        yellow: report.portfolio_total.yellow,
    });
    Ok(Cockpit {
        overview,
        report,
        counts,
        yellow,
        by_route: routes.into_iter().collect(),
        bottlenecks,
        weeks,
    })
}

fn yellow_steps(conn: &mut DbConn, env: &Env, o: &Overview) -> ServiceResult<Vec<YellowStep>> {
    let mut ids: Vec<i32> = o
        .projects
        .iter()
        .flat_map(|d| d.view.project.liaison_ids.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let users = store::users::find_many(conn, &ids)?;
    let name = |id: &i32| {
        users
            .iter()
            .find(|u| u.id == *id)
            .map_or_else(|| format!("#{id}"), |u| u.display_name.clone())
    };
    let mut out = Vec::new();
    for d in &o.projects {
        let p = &d.view.project;
        for s in d
            .view
            .steps
            .iter()
            .filter(|s| s.light == Some(Light::Yellow))
        {
            out.push(YellowStep {
                project_id: p.id,
                project: p.name.clone(),
                step: s.name.clone(),
                agency: s.agency.clone(),
                due_on: s.due_on,
                days_left: s
                    .due_on
                    .map_or(0, |due| env.calendar.working_days_after(env.today, due)),
                liaisons: p
                    .liaison_ids
                    .iter()
                    .map(name)
                    .collect::<Vec<_>>()
                    .join("、"),
            });
        }
    }
    out.sort_by_key(|y| (y.days_left, y.project_id));
    Ok(out)
}

/// The report's agencies with its overdue steps counted per agency; most days over first.
fn bottlenecks(r: &WeeklyReport) -> Vec<Bottleneck> {
    let mut by: BTreeMap<&str, Bottleneck> = BTreeMap::new();
    for a in &r.agencies {
        by.insert(
            &a.agency,
            Bottleneck {
                agency: a.agency.clone(),
                median_days_used: a.median_days_used,
                overdue_steps: 0,
                days_over: 0,
            },
        );
    }
    for o in &r.overdue {
        let b = by.entry(&o.step.agency).or_insert_with(|| Bottleneck {
            agency: o.step.agency.clone(),
            median_days_used: None,
            overdue_steps: 0,
            days_over: 0,
        });
        b.overdue_steps += 1;
        b.days_over += o.days_over;
    }
    let mut out: Vec<Bottleneck> = by.into_values().collect();
    out.sort_by(|a, b| {
        (b.days_over, b.overdue_steps)
            .cmp(&(a.days_over, a.overdue_steps))
            .then_with(|| a.agency.cmp(&b.agency))
    });
    out
}
