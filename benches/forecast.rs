//! The year's targets over the zone-sized SQLite database (`benches/zone`: 10,000 projects
//! × 15 steps, one in five still waiting for its permit planning to start this year): cold
//! (the zone's history read, every planned project simulated, 2,000 samples each) and kept
//! (the instance's cache, until the next commit). The weekly report's forecast section (the
//! permits of the next four weeks) cold as well. `cargo bench --bench forecast`; figures in
//! BENCHMARKS.md.

#[allow(dead_code)]
mod zone;

use std::path::PathBuf;

use approval_tracker::config::Settings;
use approval_tracker::service::accounts::users::{self, CreateUser};
use approval_tracker::service::forecasts::{self, ForecastCache, TargetsQuery};
use approval_tracker::service::projects::project_view::ZoneRead;
use approval_tracker::service::{Actor, Clock, Role};
use approval_tracker::startup::prepare;
use criterion::{criterion_group, criterion_main, Criterion};

fn targets(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut settings = Settings::load(&root, None).unwrap();
    settings.database.url = format!("sqlite://{}/bench.db", dir.path().display()).into();
    settings.data.routes_dir = root.join("config/routes");
    settings.data.calendar_file = root.join("config/calendar/cn.toml");
    let at = "2026-11-23T02:00:00Z".parse().unwrap();
    let state = prepare(&settings, Clock::Fixed(at)).expect("prepare");
    let mut conn = state.pool.get().unwrap();
    let env = state.env_with(&mut conn).unwrap();
    let admin = users::create(
        &mut conn,
        &env,
        None,
        &CreateUser {
            username: "bench".into(),
            display_name: "压测".into(),
            email: "bench@bench.example.cn".into(),
            role: Role::Admin,
            phone: None,
            enterprise_id: None,
            password: "Zone-load-2026".into(),
        },
    )
    .unwrap();
    let made = zone::fill(&mut conn, &env.calendar, admin.id, 10_000, env.today);
    println!(
        "{} projects, {} steps, {} planned to start this year",
        made.projects, made.steps, made.planned_starts
    );
    let actor = Actor {
        user_id: admin.id,
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
