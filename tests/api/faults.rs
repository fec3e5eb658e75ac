//! Faults: PostgreSQL stopped mid-run gives 503 on /readyz and clear errors, and the
//! service recovers without a restart when it returns. (PostgreSQL only: a server of the
//! test's own, so the shared one keeps serving the other tests.)

use std::path::Path;
use std::process::Command;

use crate::helpers::{spawn_on, ADMIN_PASSWORD};

fn pg_ctl(bin: &Path, data: &Path, args: &[&str]) {
    let status = Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .arg(bin.join("pg_ctl"))
        .arg("-D")
        .arg(data)
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "pg_ctl {args:?}");
}

#[tokio::test]
async fn postgres_stopped_mid_run_is_503_and_the_service_recovers() {
    if std::env::var("TEST_BACKEND").as_deref() != Ok("postgres") {
        eprintln!("runs with TEST_BACKEND=postgres (scripts/test.sh does)");
        return;
    }
    let bin = std::fs::read_dir("/usr/lib/postgresql")
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .max()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    Command::new("chmod")
        .arg("755")
        .arg(dir.path())
        .status()
        .unwrap();
    Command::new("chown")
        .arg("postgres:postgres")
        .arg(dir.path())
        .status()
        .unwrap();
    let data = dir.path().join("data");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let init = Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .arg(bin.join("initdb"))
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ])
        .output()
        .unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let opts = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1",
        dir.path().display()
    );
    let log = dir.path().join("log");
    pg_ctl(
        &bin,
        &data,
        &["-l", log.to_str().unwrap(), "-w", "-o", &opts, "start"],
    );
    let url = format!("postgres://postgres@127.0.0.1:{port}/postgres");
    // The admin is made through the command line, as an operator would.
    let mut add = Command::new(env!("CARGO_BIN_EXE_approval-tracker"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "user",
            "add",
            "--username",
            "admin",
            "--role",
            "admin",
            "--email",
            "a@zone.example.cn",
            "--database-url",
            &url,
        ])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(
        &mut add.stdin.take().unwrap(),
        format!("{ADMIN_PASSWORD}\n").as_bytes(),
    )
    .unwrap();
    assert!(add.wait().unwrap().success());
    let app = spawn_on(&url, crate::helpers::default_now(), |s| {
        s.database.connect_timeout_seconds = 2
    })
    .await;
    assert_eq!(app.get_anon("/readyz").await.ok(200)["status"], "ready");

    pg_ctl(&bin, &data, &["-m", "immediate", "stop"]);
    app.get_anon("/readyz").await.problem(503);
    let r = app.get("/api/v1/projects", &app.admin).await;
    let detail = r.problem(503)["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("database is unavailable"), "{detail}");

    pg_ctl(
        &bin,
        &data,
        &["-l", log.to_str().unwrap(), "-w", "-o", &opts, "start"],
    );
    assert_eq!(app.get_anon("/readyz").await.ok(200)["status"], "ready");
    app.get("/api/v1/projects", &app.admin).await.ok(200);
    pg_ctl(&bin, &data, &["-m", "fast", "stop"]);
}
