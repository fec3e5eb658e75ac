//! The weekly report's forecasts (docs/rules.md "Weekly report"): the year's starts as
//! forecast and the construction permits forecast to come in the next four weeks, from the
//! same computation as the API, the project pages and the cockpit for the report's day.

use chrono::{Datelike, Duration, NaiveDate};

use domain::forecast::SAMPLES;
use domain::landing::CONSTRUCTION_PERMIT;
use report::model::{ForecastSection, PermitComing};
use store::DbConn;

use super::{earliest_permit, simulate, Assumed, Kept};
use crate::projects::project_view::{build_views_from, ZoneRead};
use crate::{Env, ServiceResult};

/// How far ahead the report lists permits, in calendar days.
pub const PERMITS_AHEAD_DAYS: i64 = 28;

/// The section as of `env.today` (the report's day), from the zone already read.
pub fn section(
    conn: &mut DbConn,
    env: &Env,
    zone: &ZoneRead,
    (cache, generation): Kept,
) -> ServiceResult<ForecastSection> {
    let history = cache.history(conn, env, generation.clone())?;
    let targets = cache.targets(conn, env, env.today.year(), generation)?;
    let until = env.today + Duration::days(PERMITS_AHEAD_DAYS);
    let views = build_views_from(env, zone.rows.clone(), &zone.data);
    let mut permits_coming = Vec::new();
    for view in &views {
        let Some(permit) = view
            .steps
            .iter()
            .find(|s| s.key == CONSTRUCTION_PERMIT && !s.status.is_finished())
        else {
            continue;
        };
        // Most projects cannot have their permit within four weeks even at their fastest:
        // the bound rules them out without drawing 2,000 samples each.
        if earliest_permit(env, view, &history)?.is_none_or(|d| d > until) {
            continue;
        }
        let (f, at) = simulate(env, view, &history, (SAMPLES, Assumed::default()), None)?;
        let Some(range) = at.and_then(|i| f.steps.get(i)).map(|s| s.finish) else {
            continue;
        };
        if in_window(range.p50, env.today, until) {
            permits_coming.push(PermitComing {
                project_id: view.project.id,
                project: view.project.name.clone(),
                project_code: zone.data.codes.get(&view.project.id).cloned(),
                agency: permit.agency.clone(),
                p50: range.p50,
                p80: range.p80,
            });
        }
    }
    permits_coming.sort_by_key(|p| (p.p50, p.p80, p.project_id));
    Ok(ForecastSection {
        year: targets.year,
        has_history: targets.has_history,
        started: targets.started,
        expected: targets.expected,
        p10: targets.p10,
        p90: targets.p90,
        target: targets.target,
        probability_of_target: targets.probability_of_target,
        permits_coming,
    })
}

fn in_window(day: NaiveDate, from: NaiveDate, until: NaiveDate) -> bool {
    from <= day && day <= until
}
