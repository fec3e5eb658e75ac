//! The year's targets over the zone-sized SQLite database (`benches/zone`: 10,000 projects
//! × 15 steps, one in five still waiting for its permit planning to start this year): cold
//! (the zone's history read, every planned project simulated, 2,000 samples each) and kept
//! (the instance's cache, until the next commit). The weekly report's forecast section (the
//! permits of the next four weeks) cold as well. `cargo bench --bench forecast`; figures in
//! BENCHMARKS.md.

#[allow(dead_code)]
mod zone;

use approval_tracker::service::forecasts::{self, ForecastCache, TargetsQuery};
use approval_tracker::service::projects::project_view::ZoneRead;
use approval_tracker::service::{Actor, Clock, Role};
use approval_tracker::startup::prepare;
use criterion::{criterion_group, criterion_main, Criterion};

fn targets(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let settings = zone::settings(format!("sqlite://{}/bench.db", dir.path().display()));
    let at = "2026-11-23T02:00:00Z".parse().unwrap();
    let state = prepare(&settings, Clock::Fixed(at)).expect("prepare");
    let mut conn = state.pool.get().unwrap();
    let env = state.env_with(&mut conn).unwrap();
    let admin = zone::admin(&mut conn, &env, "压测");
    let made = zone::fill(&mut conn, &env.calendar, admin, 10_000, env.today);
    println!(
        "{} projects, {} steps, {} planned to start this year",
        made.projects, made.steps, made.planned_starts
    );
    let actor = Actor {
        user_id: admin,
        role: Role::Admin,
        enterprise_id: None,
        session_id: 0,
        address: String::new(),
    };
    let q = TargetsQuery::default();
    let t = forecasts::targets(
        &mut conn,
        &env,
        &actor,
        &q,
        (&ForecastCache::default(), None),
    )
    .unwrap();
    println!(
        "expected {:.1} (P10 {}, P90 {}), {} projects simulated",
        t.expected,
        t.p10,
        t.p90,
        t.projects.len()
    );
    let mut group = c.benchmark_group("forecast");
    group.sample_size(10);
    group.bench_function(
        "the zone's history read (every project, archived too)",
        |b| b.iter(|| forecasts::zone_history::load(&mut conn, &env).unwrap()),
    );
    group.bench_function("the zone read and viewed (as the lists)", |b| {
        b.iter(|| {
            let zone = ZoneRead::load(&mut conn).unwrap();
            approval_tracker::service::projects::project_view::build_views_from(
                &env, zone.rows, &zone.data,
            )
        })
    });
    group.bench_function(
        "the year's targets, cold (history read, every planned project)",
        |b| {
            b.iter(|| {
                let cache = ForecastCache::default();
                forecasts::targets(&mut conn, &env, &actor, &q, (&cache, None)).unwrap()
            })
        },
    );
    let kept = ForecastCache::default();
    let generation = Some("bench".to_string());
    forecasts::targets(&mut conn, &env, &actor, &q, (&kept, generation.clone())).unwrap();
    group.bench_function("the year's targets, kept", |b| {
        b.iter(|| {
            forecasts::targets(&mut conn, &env, &actor, &q, (&kept, generation.clone())).unwrap()
        })
    });
    group.bench_function("the weekly report's forecast section, cold", |b| {
        b.iter(|| {
            let cache = ForecastCache::default();
            forecasts::weekly::section(&mut conn, &env, (&cache, None)).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, targets);
criterion_main!(benches);
