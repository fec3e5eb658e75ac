//! The long day of `scripts/bench.sh --soak MINUTES`: a mixed load at a steady rate against
//! a running server, its memory sampled every 10 s and each operation's latency per minute.
//!
//! `soak BASE_URL SERVER_PID MINUTES RATE PAIRS_FILE` with `SOAK_TOKEN` (an API bearer token)
//! and `SOAK_COOKIE` (a `Cookie:` value of a session signed in through the login form) in
//! the environment. The mix (the issue's): 30 % project reads, 20 % list reads, 20 % events
//! (补正 and resubmission in turn on the steps of PAIRS_FILE, `project_id step_key` lines of
//! steps in review), 30 % pages (`/my`, `/projects`, a project page) with the cookie.
//! Requests are sent open-loop, `RATE` a second: a slow server makes them pile up instead of
//! slowing the load down, as users would.
//!
//! Prints `SOAK_RSS seconds MB`, `SOAK_MINUTE minute op count p50_ms p99_ms errors` as it
//! goes, then `SOAK_OP op first_p50 first_p99 last_p50 last_p99 errors` per operation and
//! `SOAK_SUMMARY` with the RSS after the first two minutes and at the end. Exits 1 if any
//! request failed.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::json;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    Project,
    List,
    Event,
    PageMy,
    PageList,
    PageProject,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Project => "project",
            Op::List => "list",
            Op::Event => "event",
            Op::PageMy => "page_my",
            Op::PageList => "page_list",
            Op::PageProject => "page_project",
        }
    }

    /// The mix over ten requests: 3 project reads, 2 list reads, 2 events, 3 pages.
    fn of(n: u64) -> Op {
        match n % 10 {
            0 | 3 | 6 => Op::Project,
            1 | 7 => Op::List,
            2 | 8 => Op::Event,
            4 => Op::PageMy,
            5 => Op::PageList,
            _ => Op::PageProject,
        }
    }
}

/// One step walked through 补正 and resubmission in turn; `busy` while a request is out.
struct Pair {
    project: i64,
    key: String,
    awaiting: bool,
    busy: bool,
}

#[derive(Default)]
struct Minute {
    millis: BTreeMap<Op, Vec<f64>>,
    errors: BTreeMap<Op, u64>,
}

struct Shared {
    minutes: Mutex<Vec<Minute>>,
    pairs: Mutex<Vec<Pair>>,
    failures: Mutex<Vec<String>>,
}

fn rss_mb(pid: u32) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// (count, p50, p99, errors) of one operation in one minute.
fn figures(m: &Minute, op: Op) -> (usize, f64, f64, u64) {
    let mut v = m.millis.get(&op).cloned().unwrap_or_default();
    v.sort_by(|a, b| a.total_cmp(b));
    let errors = m.errors.get(&op).copied().unwrap_or(0);
    (v.len(), percentile(&v, 50.0), percentile(&v, 99.0), errors)
}

const OPS: [Op; 6] = [
    Op::Project,
    Op::List,
    Op::Event,
    Op::PageMy,
    Op::PageList,
    Op::PageProject,
];

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, base, pid, minutes, rate, pairs_file] = &args[..] else {
        eprintln!(
            "usage: soak BASE_URL SERVER_PID MINUTES RATE PAIRS_FILE (SOAK_TOKEN, SOAK_COOKIE)"
        );
        std::process::exit(2);
    };
    let pid: u32 = pid.parse().expect("SERVER_PID is a number");
    let minutes: u64 = minutes.parse().expect("MINUTES is a number");
    let rate: f64 = rate.parse().expect("RATE is a number");
    let token = std::env::var("SOAK_TOKEN").expect("SOAK_TOKEN");
    let cookie = std::env::var("SOAK_COOKIE").expect("SOAK_COOKIE");
    let pairs: Vec<Pair> = std::fs::read_to_string(pairs_file)
        .expect("pairs file")
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some(Pair {
                project: it.next()?.parse().ok()?,
                key: it.next()?.to_string(),
                awaiting: false,
                busy: false,
            })
        })
        .collect();
    assert!(!pairs.is_empty(), "no steps in review in {pairs_file}");
    let projects: Vec<i64> = {
        let mut p: Vec<i64> = pairs.iter().map(|p| p.project).collect();
        p.sort_unstable();
        p.dedup();
        p
    };
    let shared = Arc::new(Shared {
        minutes: Mutex::new((0..minutes.max(1)).map(|_| Minute::default()).collect()),
        pairs: Mutex::new(pairs),
        failures: Mutex::new(Vec::new()),
    });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(256)
        .build()
        .expect("http client");

    let started = Instant::now();
    let end = started + Duration::from_secs(minutes * 60);
    // Memory every 10 s.
    let sampler = tokio::spawn(async move {
        let mut samples = Vec::new();
        let mut tick = tokio::time::interval(Duration::from_secs(10));
        while Instant::now() < end {
            tick.tick().await;
            if let Some(mb) = rss_mb(pid) {
                let at = started.elapsed().as_secs();
                println!("SOAK_RSS {at} {mb:.1}");
                samples.push((at, mb));
            }
        }
        samples
    });

    let mut tick = tokio::time::interval(Duration::from_secs_f64(1.0 / rate));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let mut n: u64 = 0;
    let mut printed = 0;
    let mut in_flight = tokio::task::JoinSet::new();
    while Instant::now() < end {
        tick.tick().await;
        let minute = (started.elapsed().as_secs() / 60) as usize;
        while printed < minute {
            print_minute(&shared, printed);
            printed += 1;
        }
        let op = Op::of(n);
        let project = projects[(n as usize / 10) % projects.len()];
        n += 1;
        let (client, shared, base, token, cookie) = (
            client.clone(),
            shared.clone(),
            base.clone(),
            token.clone(),
            cookie.clone(),
        );
        in_flight.spawn(async move {
            let sent = Instant::now();
            let outcome = send(&client, &shared, &base, &token, &cookie, op, project).await;
            let millis = sent.elapsed().as_secs_f64() * 1000.0;
            let Some(ok) = outcome else { return }; // no step free for an event
            let mut minutes = shared.minutes.lock().unwrap_or_else(|e| e.into_inner());
            let last = minutes.len() - 1;
            let m = &mut minutes[minute.min(last)];
            m.millis.entry(op).or_default().push(millis);
            if let Err(why) = ok {
                *m.errors.entry(op).or_default() += 1;
                drop(minutes);
                let mut f = shared.failures.lock().unwrap_or_else(|e| e.into_inner());
                if f.len() < 10 {
                    f.push(format!("{}: {why}", op.name()));
                }
            }
        });
        while in_flight.try_join_next().is_some() {}
    }
    while in_flight.join_next().await.is_some() {}
    while printed < minutes as usize {
        print_minute(&shared, printed);
        printed += 1;
    }
    let samples = sampler.await.unwrap_or_default();
    summary(&shared, minutes as usize, &samples, n, started.elapsed());
}

/// One request of `op`; `None` when no step was free for an event.
async fn send(
    client: &reqwest::Client,
    shared: &Shared,
    base: &str,
    token: &str,
    cookie: &str,
    op: Op,
    project: i64,
) -> Option<Result<(), String>> {
    let bearer = format!("Bearer {token}");
    let request = match op {
        Op::Project => client
            .get(format!("{base}/api/v1/projects/{project}"))
            .header("Authorization", &bearer),
        Op::List => client
            .get(format!("{base}/api/v1/projects?per_page=50"))
            .header("Authorization", &bearer),
        Op::PageMy => client.get(format!("{base}/my")).header("Cookie", cookie),
        Op::PageList => client
            .get(format!("{base}/projects"))
            .header("Cookie", cookie),
        Op::PageProject => client
            .get(format!("{base}/projects/{project}"))
            .header("Cookie", cookie),
        Op::Event => return event(client, shared, base, &bearer).await,
    };
    Some(answered(request.send().await).await)
}

/// 补正 or resubmission of the next free step, then the step marked as it now stands.
async fn event(
    client: &reqwest::Client,
    shared: &Shared,
    base: &str,
    bearer: &str,
) -> Option<Result<(), String>> {
    let (project, key, awaiting) = {
        let mut pairs = shared.pairs.lock().unwrap_or_else(|e| e.into_inner());
        let p = pairs.iter_mut().find(|p| !p.busy)?;
        p.busy = true;
        (p.project, p.key.clone(), p.awaiting)
    };
    let body = match awaiting {
        false => json!({"action": "request_materials", "notice": "请补充环评报告修改稿"}),
        true => json!({"action": "resubmit"}),
    };
    let sent = client
        .post(format!(
            "{base}/api/v1/projects/{project}/steps/{key}/events"
        ))
        .header("Authorization", bearer)
        .json(&body)
        .send()
        .await;
    let outcome = answered(sent).await;
    let mut pairs = shared.pairs.lock().unwrap_or_else(|e| e.into_inner());
    // Found again by name: others moved the list meanwhile.
    if let Some(at) = pairs
        .iter()
        .position(|p| p.project == project && p.key == key)
    {
        let mut p = pairs.remove(at);
        p.busy = false;
        if outcome.is_ok() {
            p.awaiting = !p.awaiting;
        }
        // The next time, another step first: rotate through them.
        pairs.push(p);
    }
    Some(outcome)
}

async fn answered(sent: reqwest::Result<reqwest::Response>) -> Result<(), String> {
    let response = sent.map_err(|e| e.to_string())?;
    let status = response.status();
    // The body is read whole, as a browser would.
    let body = response.bytes().await.map_err(|e| e.to_string())?;
    if status.is_success() {
        Ok(())
    } else {
        Err(format!(
            "{status}: {}",
            String::from_utf8_lossy(&body[..body.len().min(200)])
        ))
    }
}

fn print_minute(shared: &Shared, minute: usize) {
    let minutes = shared.minutes.lock().unwrap_or_else(|e| e.into_inner());
    let Some(m) = minutes.get(minute) else { return };
    for op in OPS {
        let (count, p50, p99, errors) = figures(m, op);
        println!(
            "SOAK_MINUTE {} {} {count} {p50:.1} {p99:.1} {errors}",
            minute + 1,
            op.name()
        );
    }
}

fn summary(shared: &Shared, minutes: usize, rss: &[(u64, f64)], sent: u64, took: Duration) {
    let all = shared.minutes.lock().unwrap_or_else(|e| e.into_inner());
    let (first, last) = (&all[0], &all[minutes.max(1) - 1]);
    let mut errors_total = 0;
    for op in OPS {
        let (_, f50, f99, _) = figures(first, op);
        let (_, l50, l99, _) = figures(last, op);
        let errors: u64 = all
            .iter()
            .map(|m| m.errors.get(&op).copied().unwrap_or(0))
            .sum();
        errors_total += errors;
        let ratio = if f99 > 0.0 { l99 / f99 } else { 0.0 };
        println!(
            "SOAK_OP {} {f50:.1} {f99:.1} {l50:.1} {l99:.1} {ratio:.2} {errors}",
            op.name()
        );
    }
    let warm = rss
        .iter()
        .find(|(at, _)| *at >= 120)
        .or(rss.last())
        .map_or(0.0, |(_, mb)| *mb);
    let end = rss.last().map_or(0.0, |(_, mb)| *mb);
    let growth = if warm > 0.0 { end / warm } else { 0.0 };
    println!(
        "SOAK_SUMMARY minutes {minutes} sent {sent} rate {:.1} rss_after_2min_mb {warm:.1} rss_end_mb {end:.1} growth {growth:.3} errors {errors_total}",
        sent as f64 / took.as_secs_f64()
    );
    let failures = shared.failures.lock().unwrap_or_else(|e| e.into_inner());
    for f in failures.iter() {
        eprintln!("soak: failed: {f}");
    }
    if errors_total > 0 {
        std::process::exit(1);
    }
}
