//! Issue 28 items 9 and 5: the real binary, started in an empty folder, finds its
//! defaults, route templates, agencies and calendar inside itself; the demo's links use
//! the address it binds; `serve` warns when `server.public_url` was left at its default
//! and differs from the address it serves.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::Duration;

use serde_json::{json, Value};

/// A port free a moment ago (the binary binds it itself).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The binary, its current dir `dir`; its stdout and stderr lines arrive on the receiver.
fn start(
    dir: &std::path::Path,
    args: &[&str],
    envs: &[(&str, &str)],
) -> (Running, Receiver<String>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_approval-tracker"));
    cmd.current_dir(dir)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "info")
        .env("APP__SCHEDULER__ENABLED", "false")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let (tx, rx) = channel();
    let out = child.stdout.take().unwrap();
    let err = child.stderr.take().unwrap();
    let tx2 = tx.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines().map_while(Result::ok) {
            let _ = tx2.send(line);
        }
    });
    (Running(child), rx)
}

/// Every line up to the first holding `needle` (a bound on the wait keeps a broken binary
/// from hanging the suite; it is not what the test checks).
fn lines_until(rx: &Receiver<String>, needle: &str) -> Vec<String> {
    let mut seen = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_secs(300)) {
            Ok(line) => {
                let done = line.contains(needle);
                seen.push(line);
                if done {
                    return seen;
                }
            }
            Err(_) => panic!("no line with {needle:?}; saw:\n{}", seen.join("\n")),
        }
    }
}

/// The binary as started: stopped when dropped, so a failing assertion leaves no process.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn stop(child: Running) {
    drop(child);
}

#[tokio::test]
async fn the_demo_runs_from_an_empty_folder_and_its_links_use_its_address() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let bind = format!("127.0.0.1:{port}");
    let (child, rx) = start(dir.path(), &["demo", "--bind", &bind], &[]);
    // The logins (stdout) and the server listening (the log, stderr), in either order.
    let mut said = lines_until(&rx, "/docs/");
    if !said.iter().any(|l| l.contains("listening")) {
        said.extend(lines_until(&rx, "listening"));
    }
    let base = format!("http://{bind}");
    assert!(
        said.iter().any(|l| l.contains(&format!("{base}/login"))),
        "{}",
        said.join("\n")
    );
    let http = reqwest::Client::new();
    let token = sign_in(&http, &base, "admin").await;
    let get = |path: &str| http.get(format!("{base}{path}")).bearer_auth(&token).send();
    // The three shipped route templates, the shipped calendar (2026 published, with its
    // 248 working days: 2026-01-01 + 120 working days = 2026-06-30 per docs/rules.md).
    let routes: Value = get("/api/v1/route-templates")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut keys: Vec<&str> = routes
        .as_array()
        .or_else(|| routes["items"].as_array())
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "hazardous-chemical",
            "low-risk-industrial",
            "standard-industrial"
        ]
    );
    let year: Value = get("/api/v1/calendar/2026")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(year["provisional"], false, "{year}");
    let day: Value = get("/api/v1/calendar/add-working-days?from=2026-01-01&days=120")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(day["date"], "2026-06-30");
    let agencies: Value = get("/api/v1/agencies").await.unwrap().json().await.unwrap();
    assert!(agencies.to_string().contains("区建管委"), "{agencies}");
    // A liaison's calendar-feed link points at this server, and answers.
    let liaison = sign_in(&http, &base, "wang.fang").await;
    let feed: Value = http
        .post(format!("{base}/api/v1/ics-feed"))
        .bearer_auth(&liaison)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let url = feed["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{base}/ics/")), "{url}");
    let ics = http.get(url).send().await.unwrap();
    assert_eq!(ics.status(), 200);
    // Unfolded (RFC 5545 folds lines longer than 75 octets).
    let ics = ics.text().await.unwrap().replace("\r\n ", "");
    assert!(ics.contains(&format!("{base}/projects/")), "{ics}");
    // Its forecasts draw from two years of finished (archived) projects: an open project's
    // steps have history of their own, not 无历史数据.
    let open: Value = get("/api/v1/projects?per_page=1&sort=start")
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let id = open["items"][0]["id"].as_i64().unwrap();
    let forecast: Value = get(&format!("/api/v1/projects/{id}/forecast"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let sources: Vec<&str> = forecast["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["history"].as_str().unwrap())
        .collect();
    assert!(!sources.contains(&"none"), "{forecast}");
    assert!(sources.contains(&"step_agency"), "{forecast}");
    stop(child);
    // The backtest on the demo's database, as of 120 days ago: every figure there, and the
    // P80 coverage printed (its value is the demo's, recorded in BENCHMARKS.md).
    let as_of = (chrono::Utc::now().date_naive() - chrono::Duration::days(120)).to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_approval-tracker"))
        .current_dir(dir.path())
        .args([
            "forecast", "backtest", "--as-of", &as_of, "--format", "json",
        ])
        .args(["--database-url", "sqlite://data/demo.db"])
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(b["as_of"], as_of.as_str());
    assert!(b["steps"].as_u64().unwrap() > 20, "{b}");
    let p80 = b["p80_coverage"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&p80), "{b}");
}

#[test]
fn serve_warns_when_the_default_public_url_is_not_where_it_listens() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/app.db", dir.path().display());
    let warning = "server.public_url is left at its default";
    let bind = format!("127.0.0.1:{}", free_port());
    let (child, rx) = start(
        dir.path(),
        &["serve", "--database-url", &url, "--bind", &bind],
        &[],
    );
    let said = lines_until(&rx, "listening");
    stop(child);
    assert!(
        said.iter()
            .any(|l| l.contains("WARN") && l.contains(warning)),
        "{}",
        said.join("\n")
    );
    // Set to where it listens: no warning.
    let bind = format!("127.0.0.1:{}", free_port());
    let public = format!("http://{bind}");
    let (child, rx) = start(
        dir.path(),
        &["serve", "--database-url", &url, "--bind", &bind],
        &[("APP__SERVER__PUBLIC_URL", &public)],
    );
    let said = lines_until(&rx, "listening");
    stop(child);
    assert!(
        !said.iter().any(|l| l.contains(warning)),
        "{}",
        said.join("\n")
    );
}

/// A demo user's token, signed in through the API of the binary at `base`.
async fn sign_in(http: &reqwest::Client, base: &str, username: &str) -> String {
    let login = json!({"username": username, "password": approval_tracker::demo::PASSWORD});
    let r = http
        .post(format!("{base}/api/v1/sessions"))
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{username}");
    r.json::<Value>().await.unwrap()["token"]
        .as_str()
        .unwrap()
        .to_string()
}
