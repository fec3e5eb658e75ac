//! Faults: PostgreSQL stopped mid-run gives 503 on /readyz and clear errors, and the
//! service recovers without a restart when it returns. (PostgreSQL only: a server of the
//! test's own, so the shared one keeps serving the other tests.)

use std::path::Path;
use std::process::Command;

use crate::helpers::{spawn_on, ADMIN_PASSWORD};

fn pg_ctl(bin: &Path, data: &Path, args: &[&str]) {
    assert!(try_pg_ctl(bin, data, args), "pg_ctl {args:?}");
}

fn try_pg_ctl(bin: &Path, data: &Path, args: &[&str]) -> bool {
    Command::new("runuser")
        .args(["-u", "postgres", "--"])
        .arg(bin.join("pg_ctl"))
        .arg("-D")
        .arg(data)
        .args(args)
        .status()
        .unwrap()
        .success()
}

/// The test's own PostgreSQL, stopped however the test ends.
struct Stopper<'a>(&'a Path, &'a Path);

impl Drop for Stopper<'_> {
    fn drop(&mut self) {
        try_pg_ctl(self.0, self.1, &["-m", "immediate", "stop"]);
    }
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
    let log = dir.path().join("log");
    let _stopper = Stopper(&bin, &data);
    // PostgreSQL cannot take port 0: a port found free may be taken before it binds, so
    // a start that fails is tried again on another.
    let (port, opts) = (0..3)
        .find_map(|_| {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port();
            let opts = format!(
                "-p {port} -k {} -c listen_addresses=127.0.0.1",
                dir.path().display()
            );
            let args = ["-l", log.to_str().unwrap(), "-w", "-o", &opts, "start"];
            try_pg_ctl(&bin, &data, &args).then_some((port, opts))
        })
        .expect("PostgreSQL started on one of three free ports");
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
