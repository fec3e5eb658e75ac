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
