//! The command line as an operator meets it: exit codes and one-line errors.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::helpers::fresh_database;

fn run(args: &[&str], envs: &[(&str, &str)], stdin: &str) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_approval-tracker"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.code().is_some(),
        "{args:?} was killed by a signal ({:?}):\n{}",
        out.status,
        text(&out.stderr)
    );
    out
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn migrate_applies_once_and_loads_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path());
    let first = run(&["migrate", "--database-url", &url], &[], "");
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let shipped = std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/store/migrations/sqlite"
    ))
    .unwrap()
    .count();
    let applied = format!("{shipped} migration(s) applied");
    assert!(
        text(&first.stdout).contains(&applied),
        "{}",
        text(&first.stdout)
    );
    assert!(
        text(&first.stdout).contains("2 calendar year(s) loaded"),
        "{}",
        text(&first.stdout)
    );
    let again = run(&["migrate"], &[("DATABASE_URL", &url)], "");
    assert!(
        text(&again.stdout).contains("0 migration(s) applied"),
        "{}",
        text(&again.stdout)
    );
    assert!(text(&again.stdout).contains("0 calendar year(s) loaded"));
}

#[test]
fn a_bad_or_unreachable_database_is_one_line_and_exit_code_2() {
    for url in [
        "mysql://root@localhost/app",
        "postgres://postgres@127.0.0.1:1/nowhere",
    ] {
        let out = run(&["migrate", "--database-url", url], &[], "");
        assert_eq!(out.status.code(), Some(2), "{url}: {}", text(&out.stderr));
        let err = text(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(err.starts_with("approval-tracker: "), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

/// A database URL's password is never in an error: not for an unreachable server, not
/// for a mistyped scheme, not as a query parameter, not when libpq quotes the URL back (a
/// bad percent escape). Each is refused with exit code 2 and one line naming the host.
#[test]
fn a_database_password_never_appears_in_an_error() {
    for url in [
        "postgres://u:s3cret-pw@127.0.0.1:1/db",
        "postgresql://u:s3cret-pw@127.0.0.1:1/db?sslmode=disable",
        "postgress://u:s3cret-pw@127.0.0.1:1/db",
        "postgres://u@127.0.0.1:1/db?password=s3cret-pw&sslmode=disable",
        "postgres://u:s3cret-pw%zz@127.0.0.1:1/db",
        "postgres://u:s3cret%2Dpw@127.0.0.1:1/db",
    ] {
        for args in [
            vec!["migrate", "--database-url", url],
            vec!["backup", "--database-url", url, "/nonexistent/backup.db"],
        ] {
            let out = run(&args, &[("RUST_LOG", "debug")], "");
            let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
            assert_eq!(out.status.code(), Some(2), "{url}: {stderr}");
            assert!(stderr.starts_with("approval-tracker: "), "{stderr}");
            assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
            for leak in ["s3cret", "%2Dpw"] {
                assert!(!stderr.contains(leak), "{url}: {stderr}");
                assert!(!stdout.contains(leak), "{url}: {stdout}");
            }
            assert!(stderr.contains("127.0.0.1"), "{url}: {stderr}");
        }
    }
    // The command line still works on a good database.
    let dir = tempfile::tempdir().unwrap();
    let good = fresh_database(dir.path());
    let ok = run(&["migrate", "--database-url", &good], &[], "");
    assert_eq!(ok.status.code(), Some(0), "{}", text(&ok.stderr));
}

#[test]
fn bad_configuration_names_the_key_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/x.db", dir.path().display());
    let cases = [
        ("APP__SMTP__PORTT", "2525", "portt"),
        ("APP__SMTP__PORT", "many", "smtp.port"),
        ("APP__ALERTS__WINDOW", "18:00-08:30", "window"),
    ];
    for (key, value, named) in cases {
        let out = run(&["migrate", "--database-url", &url], &[(key, value)], "");
        assert_eq!(out.status.code(), Some(2), "{key}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(named),
            "{key}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn user_add_reads_the_password_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path());
    let args = [
        "user",
        "add",
        "--username",
        "root.admin",
        "--role",
        "admin",
        "--email",
        "it@zone.example.cn",
        "--database-url",
        &url,
    ];
    let out = run(&args, &[], "Strong-pass-2026\n");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("user root.admin created"),
        "{}",
        text(&out.stdout)
    );
    let again = run(&args, &[], "Strong-pass-2026\n");
    assert_eq!(again.status.code(), Some(1));
    assert!(
        text(&again.stderr).contains("taken"),
        "{}",
        text(&again.stderr)
    );
    let weak = run(
        &[
            "user",
            "add",
            "--username",
            "x.y",
            "--role",
            "liaison",
            "--email",
            "x@y.cn",
            "--database-url",
            &url,
        ],
        &[],
        "short\n",
    );
    assert_eq!(weak.status.code(), Some(1));
    assert!(
        text(&weak.stderr).contains("password"),
        "{}",
        text(&weak.stderr)
    );
    let role = run(
        &[
            "user",
            "add",
            "--username",
            "x.y",
            "--role",
            "boss",
            "--email",
            "x@y.cn",
            "--database-url",
            &url,
        ],
        &[],
        "Strong-pass-2026\n",
    );
    assert_eq!(role.status.code(), Some(2));
}

#[tokio::test]
async fn a_backup_restores_into_a_fresh_instance_serving_the_same_data() {
    let app = crate::helpers::spawn_app().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.db");
    let file = file.to_str().unwrap();
    if !app.db_url.starts_with("sqlite://") {
        // PostgreSQL is backed up with its own tools; the command says so.
        let out = run(&["backup", file, "--database-url", &app.db_url], &[], "");
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out.stderr).contains("pg_dump"),
            "{}",
            text(&out.stderr)
        );
        return;
    }
    let ent = app
        .add_enterprise("松江晶圆制造有限公司", crate::helpers::CODE_A)
        .await;
    let body = serde_json::json!({"name": "备份测试", "enterprise_id": ent, "template": "standard-industrial", "liaison_ids": [], "start_date": "2026-03-02"});
    let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    app.post(
        &format!("/api/v1/projects/{id}/steps/filing/events"),
        &app.admin,
        &serde_json::json!({"action": "accept", "on": "2026-03-02"}),
    )
    .await
    .ok(200);
    // Taken while the service runs.
    let out = run(&["backup", file, "--database-url", &app.db_url], &[], "");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let again = run(&["backup", file, "--database-url", &app.db_url], &[], "");
    assert_eq!(
        again.status.code(),
        Some(2),
        "an existing file is never overwritten"
    );
    let restored = crate::helpers::spawn_on(
        &format!("sqlite://{file}"),
        crate::helpers::default_now(),
        |_| {},
    )
    .await;
    let path = format!("/api/v1/projects/{id}");
    assert_eq!(
        restored.get(&path, &restored.admin).await.ok(200).clone(),
        app.get(&path, &app.admin).await.ok(200).clone()
    );
    assert_eq!(
        restored
            .get(&format!("{path}/timeline"), &restored.admin)
            .await
            .ok(200)[0]["action"],
        "accept"
    );
}

/// A pass with the mail server down says so in one warning (how many failed, the first
/// error), not one line per email; the emails wait in the outbox for the next pass.
#[tokio::test]
async fn a_pass_with_the_mail_server_down_warns_once_not_per_email() {
    let mut smtp = crate::smtp::SmtpServer::start();
    let app = crate::alerts::app_with_mail(&smtp).await;
    let (project, liaison_id, _) = crate::alerts::zone(&app).await;
    // A second liaison on the project: two digests, two emails.
    let (second, _) = app.add_user("liaison2", "liaison", None).await;
    let body = serde_json::json!({"liaison_ids": [liaison_id, second]});
    let path = format!("/api/v1/projects/{project}");
    app.patch(&path, &app.admin, &body, None).await.ok(200);
    let port = smtp.port.to_string();
    smtp.stop();
    let pass = |at: &'static str| {
        let args = ["jobs", "--database-url", &app.db_url, "run", "--at", at];
        let envs = [("RUST_LOG", "info"), ("APP__SMTP__PORT", port.as_str())];
        run(&args, &envs, "")
    };
    pass("2026-03-12T12:00:00Z"); // Thu 20:00: raised, outside the window
    let out = pass("2026-03-13T00:30:00Z"); // Fri 08:30: both digests fail
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // The two digests, and last week's report to the manager (never sent in this zone).
    let said = text(&out.stdout);
    let failed: u32 = said
        .rsplit("failed: ")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(failed >= 2, "{said}");
    let log = text(&out.stderr);
    let warned: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("emails not delivered this pass"))
        .collect();
    assert_eq!(warned.len(), 1, "{log}");
    let count = format!("failed={failed}");
    assert!(
        warned[0].contains("WARN") && warned[0].contains(&count),
        "{log}"
    );
    assert!(
        !log.contains("email not delivered"),
        "a line per email: {log}"
    );
}

/// `forecast backtest` refuses, exit code 2 and one line each: a day not yet past (it looks
/// back from a day already gone), a day outside the product's range, an unknown format.
#[test]
fn a_backtest_is_refused_for_a_day_not_past_or_an_unknown_format() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database(dir.path());
    for (args, says) in [
        (vec!["--as-of", "2099-12-31"], "must be before today"),
        (vec!["--as-of", "1999-12-31"], "2000-01-01"),
        (
            vec!["--as-of", "2026-03-02", "--format", "xml"],
            "text or json",
        ),
    ] {
        let mut all = vec!["forecast", "backtest", "--database-url", &url];
        all.extend(args);
        let out = run(&all, &[], "");
        let err = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{all:?}: {err}");
        assert!(
            err.starts_with("approval-tracker: ") && err.contains(says),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    // On a past day, an empty zone checks nothing and says so.
    let out = run(
        &[
            "forecast",
            "backtest",
            "--database-url",
            &url,
            "--as-of",
            "2026-03-02",
        ],
        &[],
        "",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("0 step(s) and 0 project(s) finished since"),
        "{}",
        text(&out.stdout)
    );
}
