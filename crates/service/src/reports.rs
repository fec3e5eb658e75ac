//! The weekly report (docs/rules.md "Weekly report"): the projects as they stood at the end of
//! the week (or today, in the current week), lights and clocks by the usual rules, time
//! saved by the planning rules, then the figures computed by `report_figures`.

pub mod ics;
pub mod report_cache;
pub mod report_figures;
pub mod report_input;
pub mod report_loads;
pub mod weekly_email;

use std::sync::Arc;

use chrono::{NaiveDate, TimeZone};

use crate::reports::report_cache::ReportCache;
use crate::reports::report_figures::build;
use crate::reports::report_input::{Liaison, ReportInput, ReportProject};
use domain::schedule::schedule;
use domain::time_saved::time_saved;
use report::{Format, IsoWeek, WeeklyReport};
use store::{self, DbConn};

use crate::forecasts::{ForecastCache, Kept};
use crate::projects::planning::plan_of;
use crate::projects::project_view::ZoneRead;
use crate::refusal::{reports, Refusal};
use crate::steps::as_of::{lights_on_days, views_as_of};
use crate::{Actor, Env, Role, ServiceError, ServiceResult};

/// Managers and admins only.
pub fn require_manager(actor: &Actor) -> ServiceResult<()> {
    match actor.role {
        Role::Admin | Role::Manager => Ok(()),
        _ => Err(ServiceError::forbidden(reports::REPORTS_MANAGERS_ONLY)),
    }
}

/// `week` as asked (default: the last complete week); a week not yet begun is refused.
pub fn parse_week(week: Option<&str>, today: NaiveDate) -> ServiceResult<IsoWeek> {
    let week = match week.map(str::trim).filter(|w| !w.is_empty()) {
        None => IsoWeek::of(today).previous(),
        Some(w) => IsoWeek::parse(w).ok_or_else(|| {
            ServiceError::invalid("week", Refusal::of(reports::NOT_AN_ISO_WEEK).arg("week", w))
        })?,
    };
    if week.monday() > today {
        return Err(ServiceError::invalid(
            "week",
            Refusal::of(reports::WEEK_NOT_BEGUN)
                .arg("week", week)
                .arg("today", today),
        ));
    }
    Ok(week)
}

pub fn parse_format(format: &str) -> ServiceResult<Format> {
    Format::parse(format).ok_or_else(|| ServiceError::invalid("format", reports::REPORT_FORMAT))
}

/// The environment of a past day: "today" is that day, "now" the end of it (or now).
pub fn env_on(env: &Env, day: NaiveDate) -> Env {
    let end = day
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| env.tz.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&chrono::Utc) - chrono::Duration::seconds(1));
    Env {
        now: end.map_or(env.now, |e| e.min(env.now)),
        today: day,
        ..env.clone()
    }
}

/// Red and yellow projects as each week stood on its `as_of` day: the projects its report
/// would count, with their lights as of that day, from the zone read once.
/// (The cockpit's chart built twelve whole reports: 15 s on 10,000 projects.)
pub fn lights_by_week(env: &Env, weeks: &[IsoWeek], zone: &ZoneRead) -> Vec<(NaiveDate, u32, u32)> {
    let days: Vec<NaiveDate> = weeks.iter().map(|w| w.as_of(env.today)).collect();
    let (steps, events) = (&zone.data.steps, &zone.data.events);
    let counts = lights_on_days(env, &zone.rows, steps, events, &days);
    days.into_iter()
        .zip(counts)
        .map(|(day, (red, yellow))| (day, red, yellow))
        .collect()
}

/// The report of `week` for a manager, kept by the instance (`reports`) until the next
/// commit; forecasts from the instance's cache (`kept`).
pub fn weekly(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    week: Option<&str>,
    (cache, generation): Kept,
    reports: &ReportCache,
) -> ServiceResult<Arc<WeeklyReport>> {
    require_manager(actor)?;
    let week = parse_week(week, env.today)?;
    let basis = crate::kept::basis(env, generation.clone());
    reports.weekly.get_or(basis, week, || {
        let zone = ZoneRead::load(conn)?;
        build_weekly_in(conn, env, week, &zone, (cache, generation))
    })
}

/// The report of `week` (no permission check: the scheduler and the command line), its
/// forecasts read afresh.
pub fn build_weekly(conn: &mut DbConn, env: &Env, week: IsoWeek) -> ServiceResult<WeeklyReport> {
    let zone = ZoneRead::load(conn)?;
    build_weekly_in(conn, env, week, &zone, (&ForecastCache::default(), None))
}

/// The same from the zone already read.
pub fn build_weekly_in(
    conn: &mut DbConn,
    env: &Env,
    week: IsoWeek,
    zone: &ZoneRead,
    (cache, generation): Kept,
) -> ServiceResult<WeeklyReport> {
    let as_of = week.as_of(env.today);
    let day_env = env_on(env, as_of);
    let rows: Vec<_> = zone
        .rows
        .iter()
        .filter(|p| p.start_date <= as_of)
        .cloned()
        .collect();
    let mut projects = Vec::with_capacity(rows.len());
    let mut liaison_ids: Vec<i32> = Vec::new();
    let views = views_as_of(&day_env, rows, &zone.data, week.monday());
    for (view, _) in &views {
        liaison_ids.extend(&view.project.liaison_ids);
    }
    let mut users = store::users::active_with_role(conn, Role::Liaison)?;
    liaison_ids.retain(|id| !users.iter().any(|u| u.id == *id));
    liaison_ids.sort_unstable();
    liaison_ids.dedup();
    users.extend(store::users::find_many(conn, &liaison_ids)?);
    let name_of = |id: i32| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(|| format!("#{id}"), |u| u.display_name.clone())
    };
    for (view, extras) in views {
        // Every project's figures as of the report's day: finished ones count in their
        // period, running ones as projected (service::saved decides which is which).
        let plan = plan_of(&view)?;
        let sched = schedule(&day_env.calendar, &plan, as_of)
            .map_err(|e| ServiceError::caused(format!("project {}", view.project.id), e))?;
        let time_saved = Some(time_saved(&day_env.calendar, &plan, &sched));
        projects.push(ReportProject {
            liaison_names: view
                .project
                .liaison_ids
                .iter()
                .map(|id| name_of(*id))
                .collect(),
            view,
            extras,
            time_saved,
        });
    }
    projects.sort_by_key(|p| p.view.project.id);
    let liaisons: Vec<Liaison> = users
        .iter()
        .map(|u| Liaison {
            id: u.id,
            name: u.display_name.clone(),
        })
        .collect();
    let mut report = build(&ReportInput {
        week,
        as_of,
        generated_at: env.now,
        calendar: &day_env.calendar,
        projects: &projects,
        liaisons: &liaisons,
    });
    let limits = &env.request_limits;
    let (monday, sunday) = (week.monday(), week.sunday());
    report.requests = crate::requests::figures_between(conn, env, limits, monday, sunday)?.1;
    report.landing = crate::landing::weekly_section(conn, &day_env, &week)?;
    // A past week's forecast is made as of its Sunday, from what was known then; only
    // today's is the one the instance keeps.
    let generation = generation.filter(|_| as_of == env.today);
    report.forecast = crate::forecasts::weekly::section(conn, &day_env, (cache, generation))?;
    Ok(report)
}
