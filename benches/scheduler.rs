//! A scheduler pass over a zone-sized SQLite database: 10,000 projects × 15 steps with a
//! year of events (`benches/zone`), measured outside the sending window (alerts raised,
//! nothing sent) once a first pass has raised everything: the steady state of a scheduler
//! running every few minutes. `cargo bench --bench scheduler`; figures in BENCHMARKS.md.

// Shared with examples/zone_data.rs, which reads what this bench does not.
#[allow(dead_code)]
mod zone;

use std::path::PathBuf;

use approval_tracker::config::Settings;
use approval_tracker::service::accounts::users::{self, CreateUser};
use approval_tracker::service::{Clock, Role};
use approval_tracker::startup::prepare;
use criterion::{criterion_group, criterion_main, Criterion};

fn scheduler_pass(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut settings = Settings::load(&root, None).unwrap();
    settings.database.url = format!("sqlite://{}/bench.db", dir.path().display()).into();
    settings.data.routes_dir = root.join("config/routes");
    settings.data.calendar_file = root.join("config/calendar/cn.toml");
    // The zone's "today" is fixed, so the figures do not drift with the calendar.
    let at = "2026-11-23T12:00:00Z".parse().unwrap(); // 20:00 in Shanghai: outside the window
    let state = prepare(&settings, Clock::Fixed(at)).expect("prepare");
    {
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
