//! What an operator's log shipper receives from the real binary with `log.format = "json"`:
//! one JSON object per line, every line written while answering a request carrying that
//! request's id (the same id the caller got in `X-Request-Id`), and no secret from a URL.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::helpers::fresh_database;

/// The server process, killed if the test ends before it stops it.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn json_logs_carry_the_request_id_the_caller_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path());
    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_approval-tracker"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["serve", "--database-url", &url])
            .env_remove("RUST_LOG")
            // Port 0: the server says which port it took in its "listening" line.
            .env("APP__SERVER__BIND", "127.0.0.1:0")
            .env("APP__LOG__FORMAT", "json")
            .env("APP__LOG__LEVEL", "info")
            .env("APP__SCHEDULER__ENABLED", "false")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut stderr = BufReader::new(server.0.stderr.take().unwrap());
    let mut log = String::new();
    let port = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the server stopped before listening:\n{log}"
        );
        log.push_str(&line);
        let v: Value = serde_json::from_str(&line).unwrap_or(Value::Null);
        if v["message"] == "listening" {
            break v["port"].as_u64().unwrap();
        }
    };
    let base = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
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
        .arg(server.0.id().to_string())
        .status()
        .unwrap();
    stderr.read_to_string(&mut log).unwrap();
    server.0.wait().unwrap();

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
