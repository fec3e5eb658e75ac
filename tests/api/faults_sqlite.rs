//! Faults on the embedded default: the SQLite database made read-only mid-run (an
//! immutable file, as a disk remounted read-only or a wrong chown would) gives 503 on
//! /readyz and on writes with a clear problem, reads keep answering, nothing is half
//! written, and the service takes writes again, without a restart, once it can.
//!
//! The tests run as root, for whom `chmod` changes nothing, so the file is made
//! immutable with `chattr +i` (ext4 here and in CI); a guard lifts it whatever happens.

use std::path::PathBuf;
use std::process::Command;

use serde_json::json;

use crate::helpers::{spawn_app, CODE_A};

struct Immutable(Vec<PathBuf>);

impl Immutable {
    fn set(files: Vec<PathBuf>) -> Immutable {
        for f in &files {
            let out = Command::new("chattr").arg("+i").arg(f).output().unwrap();
            assert!(
                out.status.success(),
                "chattr +i {}: {}",
                f.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        Immutable(files)
    }
}

impl Drop for Immutable {
    fn drop(&mut self) {
        for f in &self.0 {
            let _ = Command::new("chattr").arg("-i").arg(f).status();
        }
    }
}

#[tokio::test]
async fn sqlite_made_read_only_mid_run_is_503_and_the_service_recovers() {
    let app = spawn_app().await;
    let Some(path) = app.db_url.strip_prefix("sqlite://").map(PathBuf::from) else {
        eprintln!("runs on the SQLite backend (the PostgreSQL fault test is in faults.rs)");
        return;
    };
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let body = json!({"name": "只读测试", "enterprise_id": ent, "template": "standard-industrial",
                      "liaison_ids": [], "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    let url = format!("/api/v1/projects/{id}/steps/filing/events");
    let accept = json!({"action": "accept", "on": "2026-03-02"});
    app.post(&url, &app.admin, &accept).await.ok(200);
    let before = app
        .get(&format!("/api/v1/projects/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();

    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let guard = Immutable::set(vec![path.clone(), wal]);
    let ready = app.get_anon("/readyz").await;
    let detail = ready.problem(503)["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("cannot be written"), "{detail}");
    assert_eq!(metric(&app, "database_writable").await, 0.0);
    let body = json!({"action": "approve", "on": "2026-03-04"});
    let refused = app.post(&url, &app.admin, &body).await;
    let detail = refused.problem(503)["detail"].as_str().unwrap().to_string();
    assert!(detail.contains("nothing was changed"), "{detail}");
    // Reading still works while writing cannot, and shows the state before the fault.
    let during = app
        .get(&format!("/api/v1/projects/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(during["version"], before["version"]);

    drop(guard);
    assert_eq!(app.get_anon("/readyz").await.ok(200)["status"], "ready");
    assert_eq!(metric(&app, "database_writable").await, 1.0);
    app.post(&url, &app.admin, &body).await.ok(200);
    let timeline = app
        .get(&format!("/api/v1/projects/{id}/timeline"), &app.admin)
        .await
        .ok(200)
        .clone();
    // The accept before the fault and the approval after it; the refused try left no trace.
    let actions: Vec<(&str, &str)> = timeline
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["step_key"].as_str().unwrap(),
                e["action"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [("filing", "accept"), ("filing", "approve")],
        "{timeline}"
    );
}

/// A small disk of the test's own (tmpfs), unmounted whatever happens. Lazily: the app's
/// connections may still hold its files open when the guard goes.
struct SmallDisk(PathBuf);

impl SmallDisk {
    fn mount(at: &std::path::Path, megabytes: u32) -> SmallDisk {
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(at)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "mount a tmpfs at {}: {}",
            at.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        SmallDisk(at.to_path_buf())
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

/// Fills the disk under `dir` to the last byte with one file.
fn fill(dir: &std::path::Path) -> PathBuf {
    use std::io::Write;
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    for chunk in [1 << 20, 4096, 512] {
        let block = vec![0u8; chunk];
        while f.write_all(&block).is_ok() {}
    }
    let _ = f.sync_all();
    path
}

async fn metric(app: &crate::helpers::TestApp, name: &str) -> f64 {
    let text = app.client.get(app.url("/metrics")).send().await.unwrap();
    let text = text.text().await.unwrap();
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .unwrap_or_else(|| panic!("{name} in /metrics:\n{text}"))
        .parse()
        .unwrap()
}

/// A full disk: files open for writing and reads answer while every write fails. Readiness
/// and the metrics say the database cannot be written (they said ready before), writes
/// answer 503 and leave nothing half done, and once room comes back readiness finds it by
/// a write of its own and writes go through again.
#[tokio::test]
async fn a_full_disk_is_told_apart_by_readiness_and_metrics_and_nothing_is_half_written() {
    if std::env::var("TEST_BACKEND").as_deref() == Ok("postgres") {
        eprintln!("runs on the SQLite backend: a PostgreSQL server's disk is its own");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let disk = SmallDisk::mount(dir.path(), 16);
    let app = crate::helpers::spawn_app_in(dir, crate::helpers::default_now(), |_| {}).await;
    // Unmounted before the app's directory is removed, even on a failed assertion.
    let disk = disk;
    let path = PathBuf::from(app.db_url.strip_prefix("sqlite://").unwrap());
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let project = |n: usize| {
        json!({"name": format!("满盘测试 {n}"), "enterprise_id": ent,
               "template": "standard-industrial", "liaison_ids": [], "start_date": "2026-03-02"})
    };
    let first = app.add_project(&app.admin, &project(0)).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    assert_eq!(app.get_anon("/readyz").await.ok(200)["status"], "ready");
    assert_eq!(metric(&app, "database_writable").await, 1.0);
    assert_eq!(metric(&app, "database_write_faults_total").await, 0.0);
    assert!(metric(&app, "database_disk_free_bytes").await > 0.0);

    let filler = fill(path.parent().unwrap());
    assert!(metric(&app, "database_disk_free_bytes").await < 4096.0);
    // Until the log has to grow, SQLite may still find room in its files: write on.
    let mut created = 1;
    let refused = loop {
        let r = app.add_project(&app.admin, &project(created)).await;
        if r.status.as_u16() != 201 {
            break r;
        }
        created += 1;
        assert!(created < 400, "the disk never filled");
    };
    eprintln!("the disk filled after {created} projects");
    assert_eq!(refused.problem(503)["code"], "read_only");
    let ready = app.get_anon("/readyz").await;
    assert_eq!(ready.problem(503)["code"], "read_only", "{:?}", ready.body);
    assert_eq!(metric(&app, "database_writable").await, 0.0);
    assert!(metric(&app, "database_write_faults_total").await >= 1.0);
    // Reads go on.
    app.get(&format!("/api/v1/projects/{first}"), &app.admin)
        .await
        .ok(200);

    std::fs::remove_file(&filler).unwrap();
    assert_eq!(app.get_anon("/readyz").await.ok(200)["status"], "ready");
    assert_eq!(metric(&app, "database_writable").await, 1.0);
    app.add_project(&app.admin, &project(created)).await.ok(201);
    // Every project acknowledged is there, the refused one is not, none is there twice.
    let list = app.get("/api/v1/projects?per_page=500", &app.admin).await;
    let names: Vec<String> = list.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    let mut expected: Vec<String> = (0..=created).map(|n| format!("满盘测试 {n}")).collect();
    let mut got = names.clone();
    expected.sort();
    got.sort();
    assert_eq!(
        got, expected,
        "refused: 满盘测试 {created} once, after room came back"
    );
    drop(disk);
}
