//! `spawn_app()` and `TestApp`: one helper per endpoint, so tests read as a user acts.

use std::path::PathBuf;

use approval_tracker::config::Settings;
use approval_tracker::service::accounts::users::{self, CreateUser};
use approval_tracker::service::{Clock, Role};
use approval_tracker::startup::Application;
use chrono::{DateTime, Utc};
use diesel::{Connection, PgConnection, RunQueryDsl};
use rand::Rng;
use reqwest::{Response, StatusCode};
use serde_json::{json, Value};

pub const ADMIN_PASSWORD: &str = "Zone-root-2026!";
pub const PASSWORD: &str = "Zone-staff-2026";

pub struct TestApp {
    pub address: String,
    /// The database it runs on, to start a second instance against it.
    pub db_url: String,
    pub client: reqwest::Client,
    pub admin: String,
    _dir: tempfile::TempDir,
}

/// A database of its own for this test: a new SQLite file, or a new PostgreSQL database.
pub fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("TEST_BACKEND").as_deref() {
        Ok("postgres") => {
            let server =
                std::env::var("TEST_PG_URL").expect("TEST_BACKEND=postgres needs TEST_PG_URL");
            let name = format!("t_{:016x}", rand::thread_rng().gen::<u64>());
            let mut admin = PgConnection::establish(&format!("{server}/postgres"))
                .expect("PostgreSQL reachable");
            diesel::sql_query(format!("CREATE DATABASE {name}"))
                .execute(&mut admin)
                .expect("create database");
            format!("{server}/{name}")
        }
        _ => format!("sqlite://{}", dir.join("app.db").display()),
    }
}

pub fn test_settings(db_url: &str) -> Settings {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut s = Settings::load(&root, None).expect("default settings load");
    s.server.bind = "127.0.0.1:0".parse().unwrap();
    s.database.url = db_url.into();
    s.database.pool_size = 4;
    s.data.routes_dir = root.join("config/routes");
    s.data.calendar_file = root.join("config/calendar/cn.toml");
    s.data.agencies_file = root.join("config/agencies.toml");
    s.log.level = "warn".into();
    s
}

/// "Now" in most tests: Monday 2026-03-16, 10:00 in Shanghai.
pub fn default_now() -> DateTime<Utc> {
    "2026-03-16T02:00:00Z".parse().unwrap()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_at(default_now()).await
}

pub async fn spawn_app_at(now: DateTime<Utc>) -> TestApp {
    spawn_app_with(now, |_| {}).await
}

/// A fresh database and an app on it, with settings adjusted (SMTP port, …).
pub async fn spawn_app_with(now: DateTime<Utc>, configure: impl FnOnce(&mut Settings)) -> TestApp {
    spawn_app_in(tempfile::tempdir().unwrap(), now, configure).await
}

/// The same in a directory prepared by the test (a small disk of its own); it goes with
/// the app.
pub async fn spawn_app_in(
    dir: tempfile::TempDir,
    now: DateTime<Utc>,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let db_url = fresh_database(dir.path());
    let app = start(&db_url, now, configure, dir).await;
    tokio::task::spawn_blocking({
        let state = app.1;
        move || {
            let mut conn = state.pool.get().unwrap();
            let env = state.env_with(&mut conn).unwrap();
            // The first admin comes from the command line in real life; here, the same use case.
            let req = CreateUser {
                username: "admin".into(),
                display_name: "系统管理员".into(),
                email: "admin@zone.example.cn".into(),
                role: Role::Admin,
                phone: None,
                enterprise_id: None,
                password: ADMIN_PASSWORD.into(),
            };
            users::create(&mut conn, &env, None, &req).unwrap();
        }
    })
    .await
    .unwrap();
    let mut app = app.0;
    app.admin = app.login("admin", ADMIN_PASSWORD).await;
    app
}

/// A second instance on the database of `other` (several instances on PostgreSQL).
pub async fn spawn_second_instance(
    other: &TestApp,
    now: DateTime<Utc>,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    spawn_on(&other.db_url, now, configure).await
}

/// An app on an existing database (a restored backup, another instance's).
pub async fn spawn_on(
    db_url: &str,
    now: DateTime<Utc>,
    configure: impl FnOnce(&mut Settings),
) -> TestApp {
    let (mut app, _) = start(db_url, now, configure, tempfile::tempdir().unwrap()).await;
    app.admin = app.login("admin", ADMIN_PASSWORD).await;
    app
}

async fn start(
    db_url: &str,
    now: DateTime<Utc>,
    configure: impl FnOnce(&mut Settings),
    dir: tempfile::TempDir,
) -> (TestApp, approval_tracker::state::AppState) {
    let mut settings = test_settings(db_url);
    configure(&mut settings);
    approval_tracker::telemetry::init(&settings.log);
    let app = Application::build(&settings, Clock::Fixed(now)).expect("app builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    let state = app.state().clone();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();
    (
        TestApp {
            address,
            db_url: db_url.to_string(),
            client,
            admin: String::new(),
            _dir: dir,
        },
        state,
    )
}

/// A response read whole: status, headers and JSON body (Null when empty).
pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    async fn from(r: Response) -> Reply {
        let status = r.status();
        let headers = r.headers().clone();
        let text = r.text().await.unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Asserts a problem+json answer with this status; returns its body.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        let ct = self.headers.get("content-type").unwrap().to_str().unwrap();
        assert_eq!(ct, "application/problem+json", "body: {}", self.body);
        assert_eq!(self.body["status"], status);
        &self.body
    }

    pub fn ok(&self, status: u16) -> &Value {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        &self.body
    }

    /// The field names of a problem's `errors`.
    pub fn fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["field"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The refusal codes of a problem's `errors`, in order.
    pub fn codes(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| e["code"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default()
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        Reply::from(
            self.client
                .get(self.url(path))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    pub async fn get_anon(&self, path: &str) -> Reply {
        Reply::from(self.client.get(self.url(path)).send().await.unwrap()).await
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Reply {
        Reply::from(
            self.client
                .post(self.url(path))
                .bearer_auth(token)
                .json(body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// A POST with a raw body, for malformed input.
    pub async fn post_raw(&self, path: &str, token: &str, body: &str, content_type: &str) -> Reply {
        let req = self
            .client
            .post(self.url(path))
            .bearer_auth(token)
            .header("content-type", content_type)
            .body(body.to_string());
        Reply::from(req.send().await.unwrap()).await
    }

    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        body: &Value,
        if_match: Option<i64>,
    ) -> Reply {
        let mut req = self
            .client
            .patch(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(v) = if_match {
            req = req.header("If-Match", v.to_string());
        }
        Reply::from(req.send().await.unwrap()).await
    }

    pub async fn put(&self, path: &str, token: &str, body: &Value, if_match: Option<i64>) -> Reply {
        let mut req = self
            .client
            .put(self.url(path))
            .bearer_auth(token)
            .json(body);
        if let Some(v) = if_match {
            req = req.header("If-Match", v.to_string());
        }
        Reply::from(req.send().await.unwrap()).await
    }

    pub async fn delete(&self, path: &str, token: &str) -> Reply {
        Reply::from(
            self.client
                .delete(self.url(path))
                .bearer_auth(token)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// A user's id by name, through the API.
    pub async fn user_id(&self, username: &str) -> i64 {
        let users = self.get("/api/v1/users?per_page=500", &self.admin).await;
        users.ok(200)["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["username"] == username)
            .unwrap_or_else(|| panic!("no user {username}"))["id"]
            .as_i64()
            .unwrap()
    }

    /// Runs the scheduled jobs as of `at` (an admin's `POST /jobs/run`); how many emails left.
    pub async fn emails_sent_at(&self, at: &str) -> i64 {
        let r = self
            .post("/api/v1/jobs/run", &self.admin, &json!({"at": at}))
            .await;
        r.ok(200)["emails_sent"].as_i64().unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> String {
        let r = self.post_login(username, password).await;
        r.ok(201)["token"].as_str().unwrap().to_string()
    }

    pub async fn post_login(&self, username: &str, password: &str) -> Reply {
        let body = json!({"username": username, "password": password});
        Reply::from(
            self.client
                .post(self.url("/api/v1/sessions"))
                .json(&body)
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Creates a user through the API as admin; returns (id, token).
    pub async fn add_user(
        &self,
        username: &str,
        role: &str,
        enterprise_id: Option<i64>,
    ) -> (i64, String) {
        let body = json!({
            "username": username, "display_name": username, "email": format!("{username}@zone.example.cn"),
            "role": role, "enterprise_id": enterprise_id, "password": PASSWORD,
        });
        let id = self.post("/api/v1/users", &self.admin, &body).await.ok(201)["id"]
            .as_i64()
            .unwrap();
        (id, self.login(username, PASSWORD).await)
    }

    pub async fn add_enterprise(&self, name: &str, credit_code: &str) -> i64 {
        let body = json!({"name": name, "credit_code": credit_code, "contact_name": "李经理", "contact_email": "li@firm.example.cn"});
        self.post("/api/v1/enterprises", &self.admin, &body)
            .await
            .ok(201)["id"]
            .as_i64()
            .unwrap()
    }

    pub async fn add_project(&self, token: &str, body: &Value) -> Reply {
        self.post("/api/v1/projects", token, body).await
    }

    /// Everything a test may want to compare before and after a refused request.
    pub async fn snapshot(&self) -> Value {
        let mut out = serde_json::Map::new();
        for path in [
            "/api/v1/users?per_page=500",
            "/api/v1/enterprises?per_page=500",
            "/api/v1/projects?per_page=500&archived=true",
            "/api/v1/route-templates",
            "/api/v1/agencies",
        ] {
            out.insert(
                path.into(),
                self.get(path, &self.admin).await.ok(200).clone(),
            );
        }
        let ids: Vec<i64> = out["/api/v1/projects?per_page=500&archived=true"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_i64().unwrap())
            .collect();
        for id in ids {
            let path = format!("/api/v1/projects/{id}");
            out.insert(
                path.clone(),
                self.get(&path, &self.admin).await.ok(200).clone(),
            );
        }
        Value::Object(out)
    }
}

/// Well-formed 统一社会信用代码 (check characters computed by hand from GB 32100-2015).
pub const CODE_A: &str = "91310117MA1J3P0A05";
pub const CODE_B: &str = "91310117MA1J3P0B06";
pub const CODE_C: &str = "91310117MA1J3P0C07";

/// The body of a step event `action` on day `on`; a 补正 carries its notice, as docs/rules.md
/// requires (a request without one is refused: tests of that refusal build their own body).
pub fn event_body(action: &str, on: impl Into<Value>) -> Value {
    let mut body = json!({"action": action, "on": on.into()});
    if action == "request_materials" {
        body["notice"] = json!("请补充：1. 盖章版设计文件；2. 法定代表人授权委托书。");
    }
    body
}
