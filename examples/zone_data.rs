//! Makes a zone-sized database for `scripts/bench.sh`:
//! `zone_data DATABASE_URL PROJECTS PAIRS_FILE` migrates DATABASE_URL (which must be
//! empty), creates the admin `bench` (password `Zone-load-2026`) through the service,
//! fills PROJECTS projects × 15 steps with a year of events (see `benches/zone`), and
//! writes the steps in review as `project_id step_key` lines to PAIRS_FILE.

#[path = "../benches/zone/mod.rs"]
mod zone;

use std::io::Write;

use approval_tracker::service::Clock;
use approval_tracker::startup::prepare;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, url, projects, pairs] = &args[..] else {
        eprintln!("usage: zone_data DATABASE_URL PROJECTS PAIRS_FILE");
        std::process::exit(2);
    };
    let projects: usize = projects.parse().expect("PROJECTS is a number");
    let settings = zone::settings(url.clone());
    let state = prepare(&settings, Clock::System).expect("database and data files");
    let mut conn = state.pool.get().expect("a connection");
    let env = state.env_with(&mut conn).expect("env");
    let admin = zone::admin(&mut conn, &env, "压测管理员");
    let started = std::time::Instant::now();
    let summary = zone::fill(&mut conn, &env.calendar, admin, projects, env.today);
    let mut out = std::fs::File::create(pairs).expect("pairs file");
    for (p, key) in &summary.in_review {
        writeln!(out, "{p} {key}").expect("write pairs");
    }
    println!(
        "{} projects, {} steps, {} events in {:.1} s; steps by status: {:?}",
        summary.projects,
        summary.steps,
        summary.events,
        started.elapsed().as_secs_f64(),
        summary.by_status
    );
}
