//! The simulation itself, on working-day indices of the project (index 0 is its start
//! date, as the schedule counts): each sample walks the steps in dependency order.

use chrono::NaiveDate;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::{Input, StartInput};
use crate::calendar::WorkCalendar;
use crate::route::{find_cycle, RouteError};
use crate::schedule::PlanStep;
use crate::step::StepStatus;

/// Every sample's finish index of every step, the project's last finish of each sample,
/// and how many samples put each step on the longest path.
pub(super) struct Runs {
    pub finishes: Vec<Vec<i64>>,
    pub last: Vec<i64>,
    pub critical: Vec<u32>,
}

/// What has happened to a step, in indices.
enum Known {
    Done(i64),
    /// Accepted on this index, with its due index if the clock knows it.
    Running(i64, Option<i64>),
    NotStarted,
}

/// How each number is drawn: uniformly among the observations, or (for a bound) the least.
pub(super) enum Draw {
    Random(Box<ChaCha8Rng>),
    Least,
}

impl Draw {
    /// An index in `0..len` (`len` > 0); the observations are sorted, so 0 is the least.
    fn pick(&mut self, len: usize) -> usize {
        match self {
            // Lemire's multiply-shift: an index in 0..len from 64 random bits.
            Draw::Random(rng) => ((u128::from(rng.next_u64()) * len as u128) >> 64) as usize,
            Draw::Least => 0,
        }
    }
}

pub(super) fn run(cal: &WorkCalendar, input: &Input) -> Result<Runs, RouteError> {
    let draw = Draw::Random(Box::new(ChaCha8Rng::seed_from_u64(input.seed)));
    run_with(cal, input, draw, input.samples.max(1))
}

/// `samples` runs drawing by `draw`. Every finish grows with every number drawn, so one
/// run drawing the least of each is a bound no sample can beat.
pub(super) fn run_with(
    cal: &WorkCalendar,
    input: &Input,
    mut rng: Draw,
    samples: usize,
) -> Result<Runs, RouteError> {
    let plan = input.plan;
    let n = plan.steps.len();
    let base = cal.rank(plan.start_date);
    let index = |d: NaiveDate| cal.rank(d) - base;
    let t = index(input.today);
    let preds = predecessors(n, &plan.edges);
    let order = order(&preds).ok_or_else(|| {
        let keys: Vec<_> = plan.steps.iter().map(|s| s.key.clone()).collect();
        RouteError::Cycle(find_cycle(&keys, &plan.edges).unwrap_or_default())
    })?;
    let known: Vec<Known> = plan.steps.iter().map(|s| known(s, &index)).collect();
    // A step not started whose predecessors have all finished could start already: its
    // lead is at least what it has waited.
    let waited: Vec<u32> = (0..n)
        .map(|v| match known[v] {
            Known::NotStarted if preds[v].iter().all(|&u| matches!(known[u], Known::Done(_))) => {
                let ready = preds[v]
                    .iter()
                    .map(|&u| match known[u] {
                        Known::Done(f) => f,
                        _ => 0,
                    })
                    .max()
                    .unwrap_or(0)
                    .max(0);
                u32::try_from(t - ready).unwrap_or(0)
            }
            _ => 0,
        })
        .collect();

    let mut runs = Runs {
        finishes: vec![Vec::with_capacity(samples); n],
        last: Vec::with_capacity(samples),
        critical: vec![0; n],
    };
    let mut finish = vec![0i64; n];
    let mut driver: Vec<Option<usize>> = vec![None; n];
    for _ in 0..samples {
        for &v in &order {
            let step = &plan.steps[v];
            let extra = i64::from(input.extra_days.get(v).copied().unwrap_or(0));
            let factor = input.factor(v);
            let group = input.group(v);
            let elapsed = input.elapsed.get(v).copied().unwrap_or_default();
            // No step starts before the project's start date (index 0), as in the schedule.
            let (ready, by) = preds[v]
                .iter()
                .map(|&u| (finish[u], Some(u)))
                .max_by_key(|&(f, u)| (f, std::cmp::Reverse(u)))
                .filter(|&(f, _)| f >= 0)
                .unwrap_or((0, None));
            driver[v] = None;
            finish[v] = match (&known[v], group) {
                (Known::Done(f), _) => *f,
                (Known::Running(a, due), None) => {
                    let due = due.unwrap_or(a + i64::from(step.limit_days));
                    (a + scaled(due - a, factor) + extra).max(t)
                }
                (Known::Running(a, _), Some(g)) => {
                    let agency = g.agency_at_least(step.limit_days, elapsed.agency);
                    let agency = draw_or(&mut rng, agency.len(), |i| agency.get(i), elapsed.agency);
                    // A factor cannot undo what has already elapsed.
                    let agency = scaled(i64::from(agency), factor).max(i64::from(elapsed.agency));
                    let paused = at_least(g.paused(), elapsed.paused);
                    let paused = draw_or(&mut rng, paused.len(), |i| paused[i], elapsed.paused);
                    (a + agency + i64::from(paused) + extra).max(t)
                }
                (Known::NotStarted, None) => {
                    if ready >= t {
                        driver[v] = by;
                    }
                    ready.max(t) + (scaled(i64::from(step.limit_days), factor) + extra).max(0)
                }
                (Known::NotStarted, Some(g)) => {
                    let leads = at_least(g.leads(), waited[v]);
                    let lead = draw_or(&mut rng, leads.len(), |i| leads[i], waited[v]);
                    let agency = g.agency_at_least(step.limit_days, 0);
                    let agency = draw_or(&mut rng, agency.len(), |i| agency.get(i), 0);
                    let agency = scaled(i64::from(agency), factor);
                    let paused = draw_or(&mut rng, g.paused().len(), |i| g.paused()[i], 0);
                    let accepted = ready + i64::from(lead);
                    if accepted >= t {
                        driver[v] = by;
                    }
                    accepted.max(t) + (agency + i64::from(paused) + extra).max(0)
                }
            };
        }
        // The longest path: back from the step finishing last, through each step's
        // predecessor it waited on.
        let mut at = (0..n).max_by_key(|&v| (finish[v], std::cmp::Reverse(v)));
        if let Some(v) = at {
            runs.last.push(finish[v]);
        }
        while let Some(v) = at {
            runs.critical[v] += 1;
            at = driver[v];
        }
        for (samples, f) in runs.finishes.iter_mut().zip(&finish) {
            samples.push(*f);
        }
    }
    Ok(runs)
}

/// 开工 of each sample: the permit's finish plus a drawn permit-to-开工 (its own generator,
/// so the steps' draws stay as they were), and the index of the day to count by.
pub(super) fn starts(
    cal: &WorkCalendar,
    input: &Input,
    start: &StartInput,
    permits: &[i64],
) -> (Vec<i64>, i64) {
    let base = cal.rank(input.plan.start_date);
    let mut rng = Draw::Random(Box::new(ChaCha8Rng::seed_from_u64(
        input.seed ^ 0x5354_4152_5453,
    )));
    let to_start = start.to_start;
    let starts = permits
        .iter()
        .map(|f| {
            let days = if to_start.is_empty() {
                0
            } else {
                draw_or(&mut rng, to_start.len(), |i| to_start[i], 0)
            };
            f + i64::from(days)
        })
        .collect();
    (starts, cal.rank(start.by) - base)
}

/// A finish index as a date: index 0 is the start date, today's index today (not the
/// working day before it), as the schedule shows them.
pub(super) fn date_of(cal: &WorkCalendar, start: NaiveDate, today: NaiveDate, i: i64) -> NaiveDate {
    let base = cal.rank(start);
    if i == 0 {
        return start;
    }
    let d = cal.date_of_rank(base + i);
    if i == cal.rank(today) - base {
        d.max(today)
    } else {
        d
    }
}

fn known(step: &PlanStep, index: &impl Fn(NaiveDate) -> i64) -> Known {
    match step.status {
        StepStatus::Approved => step
            .finished_on
            .map_or(Known::NotStarted, |f| Known::Done(index(f))),
        StepStatus::Waived => step
            .waived_on
            .or(step.finished_on)
            .map_or(Known::NotStarted, |w| Known::Done(index(w))),
        StepStatus::InReview | StepStatus::AwaitingApplicant => {
            step.accepted_on.map_or(Known::NotStarted, |a| {
                Known::Running(index(a), step.due_on.map(index))
            })
        }
        StepStatus::Pending | StepStatus::Rejected => Known::NotStarted,
    }
}

/// Working days times a what-if factor, to the nearest day (1.0: unchanged).
fn scaled(days: i64, factor: f64) -> i64 {
    if factor == 1.0 {
        days
    } else {
        (days as f64 * factor).round() as i64
    }
}

/// The values of a sorted slice from the first that reaches `min`.
fn at_least(sorted: &[u32], min: u32) -> &[u32] {
    &sorted[sorted.partition_point(|x| *x < min)..]
}

/// One of `len` values drawn uniformly; none to draw from: what has elapsed + 1.
fn draw_or(draw: &mut Draw, len: usize, get: impl Fn(usize) -> u32, elapsed: u32) -> u32 {
    if len == 0 {
        return elapsed.saturating_add(1);
    }
    get(draw.pick(len))
}

fn predecessors(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut preds = vec![Vec::new(); n];
    for &(from, to) in edges {
        if from < n && to < n {
            preds[to].push(from);
        }
    }
    preds
}

/// A dependency order (Kahn), or none when the steps form a cycle.
fn order(preds: &[Vec<usize>]) -> Option<Vec<usize>> {
    let n = preds.len();
    let mut succs = vec![Vec::new(); n];
    let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
    for (to, ps) in preds.iter().enumerate() {
        for &from in ps {
            succs[from].push(to);
        }
    }
    let mut out: Vec<usize> = (0..n).filter(|&v| waiting[v] == 0).collect();
    let mut k = 0;
    while k < out.len() {
        let v = out[k];
        k += 1;
        for &w in &succs[v] {
            waiting[w] -= 1;
            if waiting[w] == 0 {
                out.push(w);
            }
        }
    }
    (out.len() == n).then_some(out)
}
