//! Forecasts from the zone's own history (docs/rules.md "Forecasts"): when each step, the
//! construction permit and the project will really finish, as the median (P50) and the
//! 80th percentile (P80) of a simulation that draws each unfinished step's lead, agency
//! time and paused days from finished steps like it. The law's schedule is not changed:
//! with no history a step takes its limit, and the forecast is the schedule.
//!
//! Pure and deterministic for a seed (ChaCha8, portable), so the same data and `as_of`
//! give the same figures on every instance and in every format.

mod calibration;
mod history;
mod simulate;
mod targets;
mod zone;

use chrono::NaiveDate;
use serde::Serialize;

use crate::calendar::WorkCalendar;
use crate::route::RouteError;
use crate::schedule::Plan;
use crate::step::StepStatus;

pub use calibration::Calibration;
pub use history::{Group, Observation, Source, MIN_GROUP, MIN_ZONE};
pub use targets::{year_starts, YearStarts};
pub use zone::{fnv, Finished, History, WINDOW_DAYS};

/// The samples drawn unless told otherwise.
pub const SAMPLES: usize = 2_000;

/// What has already elapsed of a step with the agency, in working days: its statutory clock
/// and its paused days (both 0 for a step not accepted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Elapsed {
    pub agency: u32,
    pub paused: u32,
}

/// One project's forecast input: the plan the schedule reads, and per step (in the plan's
/// order) its group (none: it takes its limit) and what has elapsed.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    pub plan: &'a Plan,
    pub groups: Vec<Option<&'a Group>>,
    pub elapsed: Vec<Elapsed>,
    /// What if: working days added to (or, negative, taken from) each step's agency time.
    pub extra_days: Vec<i32>,
    /// What if: each step's agency time multiplied by this factor (an agency slower or
    /// faster across the zone); empty, or 1.0, for as measured.
    pub agency_factor: Vec<f64>,
    pub today: NaiveDate,
    pub samples: usize,
    pub seed: u64,
    /// 开工: forecast from the construction permit's finish, when there is one.
    pub start: Option<StartInput<'a>>,
}

/// What 开工 is forecast from: the construction permit's step, the zone's observed working
/// days from permit to 开工, and the day to count starts by (31 December).
#[derive(Debug, Clone)]
pub struct StartInput<'a> {
    pub permit: usize,
    pub to_start: &'a [u32],
    pub by: NaiveDate,
}

/// 开工's forecast: its dates, and the probability it comes on or before `by`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StartForecast {
    pub range: Range,
    pub by_probability: f64,
    /// False when the zone has no permit-to-开工 history: 开工 is then the permit's day.
    pub has_history: bool,
}

impl<'a> Input<'a> {
    /// The group of step `v`; none for a step the input gives no group.
    pub fn group(&self, v: usize) -> Option<&'a Group> {
        self.groups.get(v).copied().flatten()
    }

    /// Whether a what-if changes step `v`.
    fn assumed(&self, v: usize) -> bool {
        self.extra_days.get(v).is_some_and(|d| *d != 0) || self.factor(v) != 1.0
    }

    /// Step `v`'s agency factor (1.0 unless assumed).
    fn factor(&self, v: usize) -> f64 {
        self.agency_factor.get(v).copied().unwrap_or(1.0)
    }
}

/// A finish date's median and 80th percentile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Range {
    pub p50: NaiveDate,
    pub p80: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepForecast {
    pub finish: Range,
    /// The share of samples in which the step lies on the longest path, 0…1.
    pub criticality: f64,
    pub source: Source,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Forecast {
    /// One per step of the plan, in its order.
    pub steps: Vec<StepForecast>,
    /// The project's last step.
    pub finish: Range,
    pub start: Option<StartForecast>,
}

/// Simulates the project; refuses a plan whose dependencies form a cycle.
pub fn forecast(cal: &WorkCalendar, input: &Input) -> Result<Forecast, RouteError> {
    let runs = simulate::run(cal, input)?;
    let start = input.start.as_ref().and_then(|s| {
        let permits = runs.finishes.get(s.permit)?;
        let (mut starts, by) = simulate::starts(cal, input, s, permits);
        let within = starts.iter().filter(|&&i| i <= by).count();
        Some((
            starts.len(),
            within,
            percentile(&mut starts, 50),
            percentile(&mut starts, 80),
        ))
    });
    let n = input.plan.steps.len();
    let show = |i: i64| simulate::date_of(cal, input.plan.start_date, input.today, i);
    let range = |ranks: &mut Vec<i64>| Range {
        p50: show(percentile(ranks, 50)),
        p80: show(percentile(ranks, 80)),
    };
    let fixed = |v: usize| fixed(input, v);
    let mut steps = Vec::with_capacity(n);
    let mut by_step = runs.finishes;
    for (v, ranks) in by_step.iter_mut().enumerate() {
        let finish = match fixed(v) {
            Some(day) => Range { p50: day, p80: day },
            None => range(ranks),
        };
        steps.push(StepForecast {
            finish,
            criticality: runs.critical[v] as f64 / input.samples.max(1) as f64,
            source: input.group(v).map_or(Source::NoHistory, |g| g.source),
        });
    }
    let mut last = runs.last;
    let latest_done = (0..n).filter_map(fixed).max();
    // Every step's day known: the project's is the latest (the start date for no steps).
    let finish = if last.is_empty() || (0..n).all(|v| fixed(v).is_some()) {
        let day = latest_done.unwrap_or(input.plan.start_date);
        Range { p50: day, p80: day }
    } else {
        let simulated = range(&mut last);
        let day = latest_done.unwrap_or(simulated.p50);
        Range {
            p50: simulated.p50.max(day),
            p80: simulated.p80.max(day),
        }
    };
    let start = start
        .zip(input.start.as_ref())
        .map(|((n, within, p50, p80), s)| StartForecast {
            range: Range {
                p50: show(p50),
                p80: show(p80),
            },
            by_probability: within as f64 / n.max(1) as f64,
            has_history: !s.to_start.is_empty(),
        });
    Ok(Forecast {
        steps,
        finish,
        start,
    })
}

/// The share of samples in which step `v` finishes on or before `day` (its index's day).
/// The first N samples of a run are those of any longer run from the same seed, so a run of
/// few samples screens cheaply what a full one would say (the weekly report's permits do).
pub fn share_by(
    cal: &WorkCalendar,
    input: &Input,
    v: usize,
    day: NaiveDate,
) -> Result<f64, RouteError> {
    let runs = simulate::run(cal, input)?;
    let by = cal.rank(day) - cal.rank(input.plan.start_date);
    let Some(finishes) = runs.finishes.get(v) else {
        return Ok(0.0);
    };
    let within = finishes.iter().filter(|&&i| i <= by).count();
    Ok(within as f64 / finishes.len().max(1) as f64)
}

/// A step's day when it is known rather than drawn. A finished step's day is its own, even a
/// Saturday (an index would say Friday), and so is a running step's due date when it has no
/// history to draw from (as the schedule).
fn fixed(input: &Input, v: usize) -> Option<NaiveDate> {
    let s = &input.plan.steps[v];
    match s.status {
        StepStatus::Approved => s.finished_on,
        StepStatus::Waived => s.waived_on.or(s.finished_on),
        StepStatus::InReview | StepStatus::AwaitingApplicant
            if input.group(v).is_none() && s.accepted_on.is_some() && !input.assumed(v) =>
        {
            s.due_on.map(|due| due.max(input.today))
        }
        _ => None,
    }
}

/// Each step's earliest possible finish: every number drawn at its least. No sample finishes
/// a step before it, so neither do P50 and P80; a list asking "which permits may come within
/// four weeks" simulates only the projects this bound does not rule out.
pub fn earliest(cal: &WorkCalendar, input: &Input) -> Result<Vec<NaiveDate>, RouteError> {
    let runs = simulate::run_with(cal, input, simulate::Draw::Least, 1)?;
    Ok(runs
        .finishes
        .iter()
        .enumerate()
        .map(|(v, f)| {
            let i = f.first().copied().unwrap_or(0);
            fixed(input, v)
                .unwrap_or_else(|| simulate::date_of(cal, input.plan.start_date, input.today, i))
        })
        .collect())
}

/// The q-th percentile by nearest rank: the ⌈q × N / 100⌉-th smallest value (sorts `values`).
pub fn percentile(values: &mut [i64], q: u32) -> i64 {
    if values.is_empty() {
        return 0;
    }
    values.sort_unstable();
    let n = values.len();
    let k = (n * q as usize).div_ceil(100).clamp(1, n);
    values[k - 1]
}

#[cfg(test)]
mod props;
#[cfg(test)]
mod tests;
