//! The domain's hot paths: the critical path on graphs of 20, 1,000 and 100,000 steps,
//! working-day arithmetic, and the clocks and lights of 100,000 steps.
//! `cargo bench --bench domain`; figures in BENCHMARKS.md.

use std::collections::BTreeMap;
use std::hint::black_box;

use approval_tracker::domain::calendar::{WorkCalendar, YearSchedule};
use approval_tracker::domain::clock::{read_clock, EpisodeEvent, Light};
use approval_tracker::domain::forecast::{
    forecast, Elapsed, Group, Input, Observation, Source, SAMPLES,
};
use approval_tracker::domain::schedule::{schedule, Plan, PlanStep};
use approval_tracker::domain::step::{Action, StepKey, StepStatus};
use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};

fn calendar() -> WorkCalendar {
    let text = include_str!("../config/calendar/cn.toml");
    let years = approval_tracker::service::calendar::calendar_file::parse(text)
        .expect("shipped calendar parses");
    WorkCalendar::new(years.into_iter().collect::<BTreeMap<i32, YearSchedule>>())
}

/// A random DAG of `n` steps, two predecessors each among the 50 before it.
fn plan(n: usize) -> Plan {
    let steps = (0..n)
        .map(|i| PlanStep {
            key: StepKey::parse(&format!("s{i}")).unwrap(),
            statutory_days: (i % 30) as u32,
            limit_days: (i % 20) as u32,
            status: StepStatus::Pending,
            accepted_on: None,
            due_on: None,
            finished_on: None,
            waived_on: None,
        })
        .collect();
    let mut edges = Vec::new();
    let mut x = 12345u64;
    for i in 1..n {
        for _ in 0..2 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            edges.push((i - 1 - (x >> 33) as usize % 50.min(i), i));
        }
    }
    Plan {
        start_date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
        steps,
        edges,
    }
}

fn critical_path(c: &mut Criterion) {
    let cal = calendar();
    let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    for n in [20, 1_000, 100_000] {
        let p = plan(n);
        c.bench_function(&format!("schedule {n} steps"), |b| {
            b.iter(|| schedule(&cal, black_box(&p), today))
        });
    }
}

/// A 15-step project forecast with 2,000 samples (issue 30's target: 2 ms), every step
/// drawing from a group of 200 observations.
fn forecasts(c: &mut Criterion) {
    let cal = calendar();
    let today = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let p = plan(15);
    let observations: Vec<Observation> = (0..200u32)
        .map(|i| Observation {
            lead: 20 + i % 41,
            agency: 10 + (i * 7) % 21,
            paused: i % 5,
            limit: 20,
        })
        .collect();
    let group = Group::of_step(Source::Step, &observations);
    let input = Input {
        plan: &p,
        groups: vec![Some(&group); 15],
        elapsed: vec![Elapsed::default(); 15],
        extra_days: vec![0; 15],
        agency_factor: Vec::new(),
        today,
        samples: SAMPLES,
        seed: 1,
        start: None,
    };
    c.bench_function("forecast 15 steps, 2000 samples", |b| {
        b.iter(|| forecast(&cal, black_box(&input)))
    });
}

fn working_days(c: &mut Criterion) {
    let cal = calendar();
    let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    c.bench_function("add_working_days 120", |b| {
        b.iter(|| cal.add_working_days(black_box(from), black_box(120)))
    });
    c.bench_function("working_days_after over a year", |b| {
        b.iter(|| cal.working_days_after(black_box(from), black_box(to)))
    });
}

/// What `read_clock` needs of one step: its status, limit and history.
struct ClockInput {
    status: StepStatus,
    limit_days: u32,
    events: Vec<EpisodeEvent>,
}

/// `n` steps as a zone's agencies hold them on `today`: 40 % in review on time, 10 % back in
/// review after a pause, 15 % paused for 补正 (some long enough to be stalled), 15 % overdue,
/// 15 % approved or rejected (some after a pause), 5 % waived or pending.
fn clock_inputs(n: usize, today: NaiveDate) -> Vec<ClockInput> {
    let mut x = 54321u64;
    let mut rand = |below: u64| {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (x >> 33) % below
    };
    let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap();
    let ev = |action, on| EpisodeEvent { action, on };
    (0..n)
        .map(|i| {
            let limit_days = 5 + rand(16) as u32;
            let (status, events) = match i % 20 {
                0..=7 => (
                    StepStatus::InReview,
                    vec![ev(Action::Accept, ago(rand(2 * u64::from(limit_days))))],
                ),
                8 | 9 => {
                    let accepted = 10 + rand(20);
                    let requested = accepted - 1 - rand(8);
                    let resubmitted = requested - 1 - rand(requested - 1);
                    let events = vec![
                        ev(Action::Accept, ago(accepted)),
                        ev(Action::RequestMaterials, ago(requested)),
                        ev(Action::Resubmit, ago(resubmitted)),
                    ];
                    (StepStatus::InReview, events)
                }
                10..=12 => {
                    let accepted = 3 + rand(30);
                    let requested = rand(accepted);
                    let events = vec![
                        ev(Action::Accept, ago(accepted)),
                        ev(Action::RequestMaterials, ago(requested)),
                    ];
                    (StepStatus::AwaitingApplicant, events)
                }
                13..=15 => (
                    StepStatus::InReview,
                    vec![ev(
                        Action::Accept,
                        ago(2 * u64::from(limit_days) + rand(60)),
                    )],
                ),
                16..=18 => {
                    let accepted = 20 + rand(200);
                    let finished = rand(accepted);
                    let mut events = vec![ev(Action::Accept, ago(accepted))];
                    if i % 3 == 0 {
                        let requested = finished + 1 + rand(accepted - finished);
                        events.push(ev(Action::RequestMaterials, ago(requested)));
                        events.push(ev(
                            Action::Resubmit,
                            ago(finished + rand(requested - finished)),
                        ));
                    }
                    let (action, status) = match i % 5 {
                        0 => (Action::Reject, StepStatus::Rejected),
                        _ => (Action::Approve, StepStatus::Approved),
                    };
                    events.push(ev(action, ago(finished)));
                    (status, events)
                }
                _ if i % 40 == 19 => (StepStatus::Waived, vec![ev(Action::Waive, ago(rand(100)))]),
                _ => (StepStatus::Pending, Vec::new()),
            };
            ClockInput {
                status,
                limit_days,
                events,
            }
        })
        .collect()
}

fn lights_and_clocks(c: &mut Criterion) {
    let cal = calendar();
    let today = NaiveDate::from_ymd_opt(2026, 5, 11).unwrap();
    let steps = clock_inputs(100_000, today);
    c.bench_function("lights and clocks over 100,000 steps", |b| {
        b.iter(|| {
            // Steps per light (green, yellow, red, none), stalled steps, paused days.
            let (mut lights, mut stalled, mut paused) = ([0u32; 4], 0u32, 0u32);
            for s in &steps {
                let clock = read_clock(&cal, s.status, s.limit_days, &s.events, today, 5);
                let slot = match clock.light {
                    Some(Light::Green) => 0,
                    Some(Light::Yellow) => 1,
                    Some(Light::Red) => 2,
                    None => 3,
                };
                lights[slot] += 1;
                stalled += u32::from(clock.stalled);
                paused += clock.paused_days;
            }
            (lights, stalled, paused)
        })
    });
}

criterion_group!(
    benches,
    critical_path,
    forecasts,
    working_days,
    lights_and_clocks
);
criterion_main!(benches);
