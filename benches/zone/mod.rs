//! A zone-sized data set for benchmarks: projects on the hazardous-chemical route plus two
//! zone steps (15 steps each), started over the past year, walked through their approvals
//! by the lifecycle rules up to `today`: accepted after their predecessors finished,
//! some sent back for materials (补正), some rejected and re-applied, finished within or
//! beyond their limits. Rows go in with plain SQL in large transactions (the service
//! would take minutes for 300,000 events); every status is derived with the domain's own
//! `next_status`, and the derived columns are set as `service::steps::lifecycle::record` sets them.
//! Shared by `examples/zone_data.rs` (scripts/bench.sh) and `benches/scheduler.rs`.

use std::fmt::Write;

use approval_tracker::domain::calendar::WorkCalendar;
use approval_tracker::domain::step::{next_status, Action, StepStatus};
use approval_tracker::store::Db;
use chrono::{Datelike, Duration, NaiveDate};
use diesel::connection::SimpleConnection;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Users the generator creates besides the admin: liaisons and managers.
pub const LIAISONS: usize = 30;
pub const MANAGERS: usize = 3;

struct StepDef {
    key: String,
    name: String,
    agency: String,
    stage: String,
    statutory_days: u32,
    promised_days: Option<u32>,
    depends_on: Vec<usize>,
}

/// What was made, for the bench script.
#[derive(Debug, Default)]
pub struct Summary {
    pub projects: usize,
    pub steps: usize,
    pub events: usize,
    pub by_status: std::collections::BTreeMap<&'static str, usize>,
    /// `(project id, step key)` of steps in review today: the POST bench sends them back
    /// for materials and resubmits them, real transitions every time.
    pub in_review: Vec<(i32, String)>,
    /// Projects whose 开工 is planned this year, their construction permit still to come:
    /// what the year's targets forecast.
    pub planned_starts: usize,
}

/// Settings for a bench database at `url`: the shipped routes and calendar.
pub fn settings(url: String) -> approval_tracker::config::Settings {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut settings =
        approval_tracker::config::Settings::load(&root, None).expect("the shipped settings");
    settings.database.url = url.into();
    settings.data.routes_dir = root.join("config/routes");
    settings.data.calendar_file = root.join("config/calendar/cn.toml");
    settings
}

/// The bench's admin `bench` (password `Zone-load-2026`), made through the service; its id.
pub fn admin(conn: &mut Db, env: &approval_tracker::service::Env, name: &str) -> i32 {
    use approval_tracker::service::accounts::users::{self, CreateUser};
    let req = CreateUser {
        username: "bench".into(),
        display_name: name.into(),
        email: "bench@bench.example.cn".into(),
        role: approval_tracker::service::Role::Admin,
        phone: None,
        enterprise_id: None,
        password: "Zone-load-2026".into(),
    };
    users::create(conn, env, None, &req)
        .expect("an empty database (the bench user exists already?)")
        .id
}

fn route(conn: &mut Db) -> Vec<StepDef> {
    let t = approval_tracker::service::routes::route_templates::current(conn, "hazardous-chemical")
        .expect("the route templates read")
        .expect("the hazardous-chemical route ships in config/routes");
    let mut defs: Vec<StepDef> = t
        .steps
        .iter()
        .map(|s| StepDef {
            key: s.key.clone(),
            name: s.name.clone(),
            agency: s.agency.clone(),
            stage: s.stage.clone(),
            statutory_days: s.statutory_days as u32,
            promised_days: s.promised_days.map(|d| d as u32),
            depends_on: s
                .depends_on
                .iter()
                .map(|d| {
                    t.steps
                        .iter()
                        .position(|x| &x.key == d)
                        .expect("known dependency")
                })
                .collect(),
        })
        .collect();
    let last = defs.len() - 1;
    for (key, name, agency, days) in [
        ("utilities", "水电气接入", "区公用事业服务中心", 5),
        ("joint-acceptance", "联合竣工验收", "区住建委", 12),
    ] {
        let depends_on = vec![if key == "utilities" { last } else { last + 1 }];
        defs.push(StepDef {
            key: key.into(),
            name: name.into(),
            agency: agency.into(),
            stage: "竣工验收".into(),
            statutory_days: days,
            promised_days: None,
            depends_on,
        });
    }
    defs
}

/// Fills an empty, migrated database; `admin_id` is an existing user (made through the
/// service so that its password works). `today` is the zone's today.
pub fn fill(
    conn: &mut Db,
    cal: &WorkCalendar,
    admin_id: i32,
    projects: usize,
    today: NaiveDate,
) -> Summary {
    let defs = route(conn);
    let mut rng = StdRng::seed_from_u64(20261122);
    let mut summary = Summary::default();
    let stamp = "2026-01-01 00:00:00";
    let mut sql = String::from("BEGIN;\n");
    // Agencies the zone's route adds to the seeded ones (steps refer to agencies by id).
    let mut agencies: Vec<&str> = defs.iter().map(|d| d.agency.as_str()).collect();
    agencies.dedup();
    for a in agencies {
        let _ = writeln!(sql, "INSERT INTO agencies (name, short_name, version, updated_at) SELECT '{a}', '{a}', 1, '{today} 00:00:00' WHERE NOT EXISTS (SELECT 1 FROM agencies WHERE name = '{a}');");
    }
    let enterprises = (projects / 10).max(1);
    for e in 1..=enterprises {
        let _ = writeln!(sql, "INSERT INTO enterprises (id, name, credit_code, contact_name, contact_email, version, created_at, updated_at) VALUES ({e}, '园区企业{e:05}', 'BENCH{e:013}', '联系人', 'e{e}@bench.example.cn', 1, '{stamp}', '{stamp}');");
    }
    let hash: String = {
        use approval_tracker::store::schema::users::dsl as u;
        use diesel::prelude::*;
        u::users
            .filter(u::id.eq(admin_id))
            .select(u::password_hash)
            .first(&mut **conn)
            .expect("the admin exists")
    };
    let first_user = admin_id + 1;
    for i in 0..LIAISONS + MANAGERS {
        let (role, name) = if i < LIAISONS {
            ("liaison", format!("liaison{i:02}"))
        } else {
            ("manager", format!("manager{:02}", i - LIAISONS))
        };
        let id = first_user + i as i32;
        let _ = writeln!(sql, "INSERT INTO users (id, username, display_name, email, role, password_hash, active, version, created_at, updated_at) VALUES ({id}, '{name}', '{name}', '{name}@bench.example.cn', '{role}', '{hash}', TRUE, 1, '{stamp}', '{stamp}');");
    }
    let mut step_id = 0i32;
    let mut event_id = 0i32;
    for p in 1..=projects as i32 {
        let start = today - Duration::days(rng.gen_range(0..365));
        let enterprise = 1 + (p as usize - 1) % enterprises;
        let _ = writeln!(sql, "INSERT INTO projects (id, name, enterprise_id, template_key, start_date, archived, version, created_at, updated_at) VALUES ({p}, '项目{p:05}', {enterprise}, 'hazardous-chemical', '{start}', FALSE, 1, '{stamp}', '{stamp}');");
        let liaison = first_user + (p % LIAISONS as i32);
        let _ = writeln!(
            sql,
            "INSERT INTO project_liaisons (project_id, user_id) VALUES ({p}, {liaison});"
        );
        let first_step = step_id + 1;
        // Events after their steps (foreign keys), dependencies after both ends.
        let mut later = String::new();
        // When each step finished (approved or waived) on or before today.
        let mut finished: Vec<Option<NaiveDate>> = Vec::with_capacity(defs.len());
        for (pos, d) in defs.iter().enumerate() {
            step_id += 1;
            let preds: Vec<Option<NaiveDate>> = d.depends_on.iter().map(|&i| finished[i]).collect();
            let ready = if preds.iter().all(Option::is_some) {
                preds
                    .iter()
                    .flatten()
                    .max()
                    .copied()
                    .unwrap_or(start)
                    .max(start)
            } else {
                finished.push(None);
                insert_step(
                    &mut sql,
                    step_id,
                    p,
                    pos,
                    d,
                    StepStatus::Pending,
                    None,
                    None,
                    1,
                    stamp,
                );
                *summary.by_status.entry("pending").or_default() += 1;
                continue;
            };
            let events = walk(&mut rng, cal, d, ready, today);
            let mut status = StepStatus::Pending;
            let (mut accepted_on, mut finished_on) = (None, None);
            for (action, on) in &events {
                status = next_status(status, *action).expect("the walk follows the lifecycle");
                match action {
                    Action::Accept => (accepted_on, finished_on) = (Some(*on), None),
                    Action::Approve | Action::Reject | Action::Waive => finished_on = Some(*on),
                    _ => {}
                }
                event_id += 1;
                let _ = writeln!(later, "INSERT INTO step_events (id, step_id, project_id, user_id, action, on_date, recorded_at, accepted_with_missing, by_commitment) VALUES ({event_id}, {step_id}, {p}, {liaison}, '{}', '{on}', '{on} 02:00:00', FALSE, FALSE);", action.as_str());
            }
            finished.push(finished_on.filter(|_| status.is_finished()));
            insert_step(
                &mut sql,
                step_id,
                p,
                pos,
                d,
                status,
                accepted_on,
                finished_on,
                1 + events.len() as i32,
                stamp,
            );
            *summary.by_status.entry(status.as_str()).or_default() += 1;
            if status == StepStatus::InReview {
                summary.in_review.push((p, d.key.clone()));
            }
            summary.events += events.len();
        }
        // One project in five still waiting for its construction permit plans to start
        // this year, in December.
        let permit = defs.iter().position(|d| d.key == "construction-permit");
        if p % 5 == 0 && permit.is_some_and(|i| finished.get(i).is_some_and(Option::is_none)) {
            let planned = NaiveDate::from_ymd_opt(today.year(), 12, 1).expect("a day");
            let _ = writeln!(later, "INSERT INTO project_landing (project_id, started_planned, permit_extensions, updated_at) VALUES ({p}, '{planned}', 0, '{stamp}');");
            summary.planned_starts += 1;
        }
        for (pos, d) in defs.iter().enumerate() {
            for &from in &d.depends_on {
                let _ = writeln!(later, "INSERT INTO step_dependencies (project_id, from_step_id, to_step_id) VALUES ({p}, {}, {});", first_step + from as i32, first_step + pos as i32);
            }
        }
        sql.push_str(&later);
        if p % 500 == 0 {
            sql.push_str("COMMIT;\n");
            conn.batch_execute(&sql).expect("zone data");
            sql = String::from("BEGIN;\n");
        }
    }
    sql.push_str("COMMIT;\n");
    conn.batch_execute(&sql).expect("zone data");
    if !conn.is_sqlite() {
        // Explicit ids: move PostgreSQL's sequences past them.
        conn.batch_execute(
            "SELECT setval(pg_get_serial_sequence('enterprises', 'id'), (SELECT MAX(id) FROM enterprises));
             SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT MAX(id) FROM users));
             SELECT setval(pg_get_serial_sequence('projects', 'id'), (SELECT MAX(id) FROM projects));
             SELECT setval(pg_get_serial_sequence('steps', 'id'), (SELECT MAX(id) FROM steps));
             SELECT setval(pg_get_serial_sequence('step_events', 'id'), (SELECT MAX(id) FROM step_events));
             ANALYZE;",
        )
        .expect("sequences");
    }
    // No ANALYZE on SQLite: the product never runs it, and with the bundled build's STAT4
    // every cached statement would be re-prepared whenever its bound values change.
    // The light dates each write keeps (the service would have set them).
    approval_tracker::service::steps::light_dates::backfill(conn, cal).expect("light dates");
    summary.projects = projects;
    summary.steps = step_id as usize;
    summary
}

#[allow(clippy::too_many_arguments)]
fn insert_step(
    sql: &mut String,
    id: i32,
    project: i32,
    position: usize,
    d: &StepDef,
    status: StepStatus,
    accepted_on: Option<NaiveDate>,
    finished_on: Option<NaiveDate>,
    version: i32,
    stamp: &str,
) {
    let date = |d: Option<NaiveDate>| d.map_or("NULL".to_string(), |d| format!("'{d}'"));
    let promised = d
        .promised_days
        .map_or("NULL".to_string(), |p| p.to_string());
    let _ = writeln!(sql, "INSERT INTO steps (id, project_id, key, name, agency_id, stage, statutory_days, promised_days, position, status, accepted_on, finished_on, version, updated_at) VALUES ({id}, {project}, '{}', '{}', (SELECT id FROM agencies WHERE name = '{}'), '{}', {}, {promised}, {position}, '{}', {}, {}, {version}, '{stamp}');",
        d.key, d.name, d.agency, d.stage, d.statutory_days, status.as_str(), date(accepted_on), date(finished_on));
}

/// One step's history from the day it could start, cut at today.
fn walk(
    rng: &mut StdRng,
    cal: &WorkCalendar,
    d: &StepDef,
    ready: NaiveDate,
    today: NaiveDate,
) -> Vec<(Action, NaiveDate)> {
    let limit = d.promised_days.unwrap_or(d.statutory_days);
    let mut out = Vec::new();
    if rng.gen_bool(0.03) {
        out.push((Action::Waive, ready + Duration::days(rng.gen_range(0..3))));
        return cut(out, today);
    }
    let mut on = ready + Duration::days(rng.gen_range(0..6));
    for round in 0..2 {
        out.push((Action::Accept, on));
        let mut work = (f64::from(limit) * rng.gen_range(0.3..1.4)).round() as u32;
        if limit > 0 && rng.gen_bool(0.25) {
            let before = rng.gen_range(0..=work);
            let asked = cal.add_working_days(on, before.max(1));
            let back = asked + Duration::days(rng.gen_range(2..15));
            out.push((Action::RequestMaterials, asked));
            out.push((Action::Resubmit, back));
            on = back;
            work -= before;
        }
        let end = if work == 0 {
            on
        } else {
            cal.add_working_days(on, work)
        };
        if round == 0 && rng.gen_bool(0.04) {
            out.push((Action::Reject, end));
            on = end + Duration::days(rng.gen_range(7..30));
            continue;
        }
        out.push((Action::Approve, end));
        break;
    }
    cut(out, today)
}

fn cut(mut events: Vec<(Action, NaiveDate)>, today: NaiveDate) -> Vec<(Action, NaiveDate)> {
    if let Some(i) = events.iter().position(|(_, on)| *on > today) {
        events.truncate(i);
    }
    events
}
