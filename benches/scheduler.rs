//! A scheduler pass over a zone-sized SQLite database: 7,000 projects × 15 steps, 100,000
//! of them with an agency (accepted at different days, some paused). Measures the pass
//! outside the sending window (alerts raised, nothing sent) once everything has been
//! raised: the steady state of a scheduler running every few minutes.
//! `cargo bench --bench scheduler`; figures in BENCHMARKS.md.

use std::path::PathBuf;

use approval_tracker::config::Settings;
use approval_tracker::service::Clock;
use approval_tracker::startup::prepare;
use chrono::{Duration, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion};
use diesel::connection::SimpleConnection;

const PROJECTS: usize = 7_000;
const STEPS: usize = 15;

fn fill(conn: &mut approval_tracker::store::DbConn) {
    let mut sql = String::from("BEGIN;\n");
    sql.push_str("INSERT INTO enterprises (id, name, credit_code, contact_name, contact_email, version, created_at, updated_at) VALUES (1, 'e', '91310117MA1J3P0A05', 'c', 'c@e.cn', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');\n");
    sql.push_str("INSERT INTO users (id, username, display_name, email, role, password_hash, active, version, created_at, updated_at) VALUES (1, 'bench', 'b', 'b@e.cn', 'admin', 'x', 1, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');\n");
    let start = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut step_id = 0;
    for p in 1..=PROJECTS {
        sql.push_str(&format!("INSERT INTO projects (id, name, enterprise_id, start_date, archived, version, created_at, updated_at) VALUES ({p}, 'p{p}', 1, '{start}', 0, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');\n"));
        for s in 0..STEPS {
            step_id += 1;
            let active = step_id <= 100_000;
            let accepted = start + Duration::days((step_id % 60) as i64);
            let paused = active && step_id % 7 == 0;
            let status = if paused {
                "awaiting_applicant"
            } else if active {
                "in_review"
            } else {
                "pending"
            };
            sql.push_str(&format!("INSERT INTO steps (id, project_id, key, name, agency, stage, statutory_days, position, status, accepted_on, version, updated_at) VALUES ({step_id}, {p}, 's{s}', 'step', 'agency', 'stage', {}, {s}, '{status}', {}, 1, '2026-01-01 00:00:00');\n", 10 + s * 3, if active { format!("'{accepted}'") } else { "NULL".into() }));
            if active {
                sql.push_str(&format!("INSERT INTO step_events (step_id, project_id, user_id, action, on_date, recorded_at) VALUES ({step_id}, {p}, 1, 'accept', '{accepted}', '2026-01-01 00:00:00');\n"));
                if paused {
                    sql.push_str(&format!("INSERT INTO step_events (step_id, project_id, user_id, action, on_date, recorded_at) VALUES ({step_id}, {p}, 1, 'request_materials', '{}', '2026-01-01 00:00:00');\n", accepted + Duration::days(2)));
                }
            }
        }
    }
    sql.push_str("COMMIT;");
    conn.batch_execute(&sql).expect("bench data");
}

fn scheduler_pass(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut settings = Settings::load(&root, None).unwrap();
    settings.database.url = format!("sqlite://{}/bench.db", dir.path().display());
    settings.data.routes_dir = root.join("config/routes");
    settings.data.calendar_file = root.join("config/calendar/cn.toml");
    let state = prepare(&settings, Clock::System).expect("prepare");
    fill(&mut state.pool.get().unwrap());
    // 20:00 in Shanghai: outside the sending window, so the pass raises but sends nothing.
    let at = "2026-03-16T12:00:00Z".parse().unwrap();
    let first = approval_tracker::jobs::run_once(&state, at).unwrap();
    println!("first pass raised {} alerts", first.alerts_raised);
    let mut group = c.benchmark_group("scheduler");
    group.sample_size(10);
    group.bench_function("pass over 100,000 active steps, nothing new", |b| {
        b.iter(|| approval_tracker::jobs::run_once(&state, at).unwrap())
    });
    group.finish();
}

criterion_group!(benches, scheduler_pass);
criterion_main!(benches);
