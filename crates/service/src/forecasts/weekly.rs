//! The weekly report's forecasts (docs/rules.md "Weekly report"): the year's starts as
//! forecast and the construction permits forecast to come in the next four weeks, from the
//! same computation as the API, the project pages and the cockpit for the report's day.

use chrono::{Datelike, Duration, NaiveDate};

use domain::forecast::{self, History, Input, Range, SAMPLES};
use domain::landing::CONSTRUCTION_PERMIT;
use report::model::{ForecastSection, PermitComing};
use store::DbConn;

use super::zone::{on_every_core, ZoneViews};
use super::{with_input, Assumed, Kept};
use crate::projects::project_view::ProjectView;
use crate::steps::step_view::StepView;
use crate::{Env, ServiceResult};

/// How far ahead the report lists permits, in calendar days.
pub const PERMITS_AHEAD_DAYS: i64 = 28;

/// The section as of `env.today` (the report's day), kept with the year's targets.
pub fn section(
    conn: &mut DbConn,
    env: &Env,
    (cache, generation): Kept,
) -> ServiceResult<ForecastSection> {
    let zone = cache.zone(conn, env, env.today.year(), generation)?;
    let t = &zone.targets;
    Ok(ForecastSection {
        year: t.year,
        has_history: t.has_history,
        started: t.started,
        expected: t.expected,
        p10: t.p10,
        p90: t.p90,
        target: t.target,
        probability_of_target: t.probability_of_target,
        permits_coming: zone.permits_coming.clone(),
    })
}

/// How many of its first samples a project's permit must come within the four weeks in, for
/// the full 2,000 to be drawn. The first N samples are those of the full run (one seeded
/// stream), so a project whose full P50 falls within (at least half of all samples) shows
/// fewer than 30 % of its first 200 within with probability below e^-16 (Hoeffding).
const SCREEN_SAMPLES: usize = 200;
const SCREEN_SHARE: f64 = 0.3;

/// The open construction permits whose P50 falls on today … today + 28 days, soonest first.
pub(crate) fn permits_coming(
    env: &Env,
    zone: &ZoneViews,
    history: &History,
) -> ServiceResult<Vec<PermitComing>> {
    let until = env.today + Duration::days(PERMITS_AHEAD_DAYS);
    let open: Vec<(&ProjectView, &StepView)> = zone
        .live()
        .filter_map(|v| {
            let permit = v
                .steps
                .iter()
                .find(|s| s.key == CONSTRUCTION_PERMIT && !s.status.is_finished())?;
            Some((v, permit))
        })
        .collect();
    let mut coming = on_every_core(&open, |(view, permit)| {
        let range = permit_by(env, view, history, until)?;
        Ok(range
            .filter(|r| env.today <= r.p50 && r.p50 <= until)
            .map(|r| PermitComing {
                project_id: view.project.id,
                project: view.project.name.clone(),
                project_code: zone.codes.get(&view.project.id).cloned(),
                agency: permit.agency.clone(),
                p50: r.p50,
                p80: r.p80,
            }))
    })?;
    coming.sort_by_key(|p| (p.p50, p.p80, p.project_id));
    Ok(coming)
}

/// The construction permit's P50 and P80 (2,000 samples, as its page says them), unless the
/// cheap screens rule out a P50 by `until`: most projects cannot have their permit by then
/// even at their fastest, and of the rest most show it in few of their first samples.
fn permit_by(
    env: &Env,
    view: &ProjectView,
    history: &History,
    until: NaiveDate,
) -> ServiceResult<Option<Range>> {
    let Some(p) = view.steps.iter().position(|s| s.key == CONSTRUCTION_PERMIT) else {
        return Ok(None);
    };
    let (range, _) = with_input(
        env,
        view,
        history,
        (SAMPLES, Assumed::default(), None),
        |input| {
            let cal = &env.calendar;
            if forecast::earliest(cal, input)?
                .get(p)
                .is_none_or(|d| *d > until)
            {
                return Ok(None);
            }
            let first = Input {
                samples: SCREEN_SAMPLES,
                ..input.clone()
            };
            if forecast::share_by(cal, &first, p, until)? < SCREEN_SHARE {
                return Ok(None);
            }
            let f = forecast::forecast(cal, input)?;
            Ok(f.steps.get(p).map(|s| s.finish))
        },
    )?;
    Ok(range)
}
