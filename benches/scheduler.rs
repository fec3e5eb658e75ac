//! A scheduler pass over a zone-sized SQLite database: 10,000 projects × 15 steps with a
//! year of events (`benches/zone`), measured outside the sending window (alerts raised,
//! nothing sent) once a first pass has raised everything: the steady state of a scheduler
//! running every few minutes. `cargo bench --bench scheduler`; figures in BENCHMARKS.md.

// Shared with examples/zone_data.rs, which reads what this bench does not.
#[allow(dead_code)]
mod zone;

use approval_tracker::service::Clock;
use approval_tracker::startup::prepare;
use criterion::{criterion_group, criterion_main, Criterion};

fn scheduler_pass(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let settings = zone::settings(format!("sqlite://{}/bench.db", dir.path().display()));
    // The zone's "today" is fixed, so the figures do not drift with the calendar.
    let at = "2026-11-23T12:00:00Z".parse().unwrap(); // 20:00 in Shanghai: outside the window
    let state = prepare(&settings, Clock::Fixed(at)).expect("prepare");
    {
        let mut conn = state.pool.get().unwrap();
        let env = state.env_with(&mut conn).unwrap();
        let admin = zone::admin(&mut conn, &env, "压测");
        let made = zone::fill(&mut conn, &env.calendar, admin, 10_000, env.today);
        println!("{} steps, {} events", made.steps, made.events);
    }
    let first = approval_tracker::jobs::run_once(&state, at).unwrap();
    println!("first pass raised {} alerts", first.alerts_raised);
    let mut group = c.benchmark_group("scheduler");
    group.sample_size(10);
    group.bench_function("pass over 150,000 steps, nothing new", |b| {
        b.iter(|| approval_tracker::jobs::run_once(&state, at).unwrap())
    });
    group.finish();
}

criterion_group!(benches, scheduler_pass);
criterion_main!(benches);
