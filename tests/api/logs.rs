//! What an operator's log shipper receives from the real binary with `log.format = "json"`:
//! one JSON object per line, every line written while answering a request carrying that
//! request's id (the same id the caller got in `X-Request-Id`), and no secret from a URL.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use crate::helpers::fresh_database;

#[tokio::test]
async fn json_logs_carry_the_request_id_the_caller_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_approval-tracker"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["serve", "--database-url", &url])
        .env_remove("RUST_LOG")
        .env("APP__SERVER__BIND", format!("127.0.0.1:{port}"))
        .env("APP__LOG__FORMAT", "json")
        .env("APP__LOG__LEVEL", "info")
        .env("APP__SCHEDULER__ENABLED", "false")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    let mut up = false;
    for _ in 0..100 {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "the server did not start");
    let mut ids = Vec::new();
    for path in [
        "/healthz",
        "/api/v1/projects",
        "/ics/secret-feed-token-123.ics",
        "/api/v1/users?page=0",
    ] {
        let r = client
            .get(format!("{base}{path}"))
            .header("Authorization", "Bearer not-a-token")
            .send()
            .await
            .unwrap();
        let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
        assert_eq!(id.len(), 36, "a UUID: {id}");
        ids.push(id);
    }
    // SIGTERM: a graceful stop flushes the log.
    Command::new("kill")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    child.wait().unwrap();

    assert!(!log.contains("secret-feed-token"), "{log}");
    assert!(!log.contains("not-a-token"), "{log}");
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let answered: Vec<&Value> = lines
        .iter()
        .filter(|l| l["message"] == "answered")
        .collect();
    let status_of = |id: &str| {
        let found: Vec<i64> = answered
            .iter()
            .filter(|l| l["span"]["request_id"] == id)
            .map(|l| l["status"].as_i64().unwrap())
            .collect();
        found
    };
    let statuses: Vec<Vec<i64>> = ids.iter().map(|id| status_of(id)).collect();
    assert_eq!(statuses, [[200], [401], [404], [401]], "{log}");
    // Every line written inside a request (explanations of the 401s and 404 included)
    // belongs to a request that was answered and logged.
    for line in lines.iter().filter(|l| l.get("span").is_some()) {
        let id = line["span"]["request_id"].as_str().unwrap_or("");
        assert_eq!(status_of(id).len(), 1, "{line}");
    }
}
