//! The domain's hot paths: the critical path on graphs of 20, 1,000 and 100,000 steps,
//! and working-day arithmetic. `cargo bench --bench domain`; figures in BENCHMARKS.md.

use std::collections::BTreeMap;
use std::hint::black_box;

use approval_tracker::domain::calendar::{WorkCalendar, YearSchedule};
use approval_tracker::domain::schedule::{schedule, Plan, PlanStep};
use approval_tracker::domain::step::{StepKey, StepStatus};
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};

fn calendar() -> WorkCalendar {
    let text = include_str!("../config/calendar/cn.toml");
    let years =
        approval_tracker::service::calendar_file::parse(text).expect("shipped calendar parses");
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

criterion_group!(benches, critical_path, working_days);
criterion_main!(benches);
