//! Login throttling, the audit log, operator endpoints and security headers.

use serde_json::json;

use crate::helpers::{spawn_app, PASSWORD};

#[tokio::test]
async fn repeated_failures_lock_a_user_name_with_a_clear_429() {
    let app = spawn_app().await;
    app.add_user("liaison1", "liaison", None).await;
    app.add_user("liaison2", "liaison", None).await;
    for _ in 0..5 {
        app.post_login("liaison1", "Wrong-pass-2026")
            .await
            .problem(401);
    }
    // Locked now, even with the right password; the answer says when to come back.
    let r = app.post_login("liaison1", PASSWORD).await;
    assert!(
        r.problem(429)["detail"]
            .as_str()
            .unwrap()
            .contains("try again in 15 minute"),
        "{}",
        r.body
    );
    let retry: i64 = r
        .headers
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=900).contains(&retry), "{retry}");
    // Another name from the same address is not locked by these five.
    app.login("liaison2", PASSWORD).await;
    // The audit log tells the story, newest first; no password in it.
    let (_, liaison) = app.add_user("liaison3", "liaison", None).await;
    app.get("/api/v1/audit", &liaison).await.problem(403);
    let log = app
        .get("/api/v1/audit?per_page=500", &app.admin)
        .await
        .ok(200)
        .clone();
    let actions: Vec<(&str, &str)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["target"].as_str().unwrap()))
        .collect();
    assert_eq!(
        actions
            .iter()
            .filter(|a| **a == ("login_failed", "liaison1"))
            .count(),
        5
    );
    assert!(actions.contains(&("login_locked", "liaison1")));
    assert!(actions.contains(&("login", "liaison2")));
    assert!(actions.contains(&("user_created", "liaison3")));
    assert!(!log.to_string().contains(PASSWORD));
    assert_eq!(
        log["items"][0]["address"].as_str().map(|a| a.is_empty()),
        Some(false),
        "{}",
        log["items"][0]
    );
}

async fn audit_actions(app: &crate::helpers::TestApp, action: &str) -> Vec<String> {
    let log = app
        .get("/api/v1/audit?per_page=500", &app.admin)
        .await
        .ok(200)
        .clone();
    log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .map(|e| e["target"].as_str().unwrap().to_string())
        .collect()
}

/// A locked name's refused attempts write one audit entry per lock, not one per attempt:
/// otherwise each 429 adds a row, a way to fill the disk.
#[tokio::test]
async fn a_lock_writes_one_audit_entry_however_often_it_refuses() {
    let app = spawn_app().await;
    app.add_user("liaison1", "liaison", None).await;
    app.add_user("liaison2", "liaison", None).await;
    for _ in 0..5 {
        app.post_login("liaison1", "Wrong-pass-2026")
            .await
            .problem(401);
    }
    app.post_login("liaison1", PASSWORD).await.problem(429);
    let snapshot = app.snapshot().await;
    let audit_before = audit_actions(&app, "login_locked").await;
    assert_eq!(audit_before, vec!["liaison1".to_string()]);
    for i in 0..20 {
        let password = if i % 2 == 0 {
            PASSWORD
        } else {
            "Wrong-pass-2026"
        };
        app.post_login("liaison1", password).await.problem(429);
    }
    assert_eq!(audit_actions(&app, "login_locked").await, audit_before);
    assert_eq!(
        app.snapshot().await,
        snapshot,
        "refused logins change nothing"
    );
    // The service still answers, and other names still log in.
    app.login("liaison2", PASSWORD).await;
}

/// The same for a locked address: one entry, whatever names are tried from it.
#[tokio::test]
async fn an_address_lock_writes_one_audit_entry() {
    let app = spawn_app().await;
    for i in 0..20 {
        app.post_login(&format!("guess{i}"), "Wrong-pass-2026")
            .await
            .problem(401);
    }
    for i in 0..10 {
        app.post_login(&format!("other{i}"), "Wrong-pass-2026")
            .await
            .problem(429);
    }
    assert_eq!(audit_actions(&app, "login_locked").await.len(), 1);
    assert_eq!(
        app.get("/api/v1/users?per_page=500", &app.admin)
            .await
            .ok(200)["total"]
            .as_i64()
            .map(|n| n >= 1),
        Some(true)
    );
}

#[tokio::test]
async fn many_failures_from_one_address_lock_the_address() {
    let app = spawn_app().await;
    for i in 0..20 {
        app.post_login(&format!("guess{i}"), "Wrong-pass-2026")
            .await
            .problem(401);
    }
    app.post_login("admin", crate::helpers::ADMIN_PASSWORD)
        .await
        .problem(429);
}

#[tokio::test]
async fn role_changes_and_calendar_edits_are_audited() {
    let app = spawn_app().await;
    let (id, _) = app.add_user("liaison1", "liaison", None).await;
    app.patch(
        &format!("/api/v1/users/{id}"),
        &app.admin,
        &json!({"role": "manager", "password": "Brand-new-pass-9"}),
        None,
    )
    .await
    .ok(200);
    app.put(
        "/api/v1/calendar/2027",
        &app.admin,
        &json!({"holidays": ["2027-01-01"], "workdays": []}),
        None,
    )
    .await
    .ok(200);
    let log = app.get("/api/v1/audit", &app.admin).await.ok(200).clone();
    let items = log["items"].as_array().unwrap();
    assert_eq!(items[0]["action"], "calendar_published");
    assert_eq!(items[0]["target"], "2027");
    assert_eq!(items[1]["action"], "user_changed");
    let detail = items[1]["detail"].as_str().unwrap();
    assert!(
        detail.contains("role liaison → manager") && detail.contains("password changed"),
        "{detail}"
    );
    assert!(!log.to_string().contains("Brand-new-pass-9"));
    // Who did it and from where: the admin, from this machine.
    for e in &items[..2] {
        assert_eq!(e["username"], "admin", "{e}");
        assert_eq!(e["address"], "127.0.0.1", "{e}");
    }
}

#[tokio::test]
async fn readiness_metrics_and_security_headers() {
    let app = spawn_app().await;
    let r = app.get_anon("/readyz").await;
    assert_eq!(r.ok(200)["status"], "ready");
    app.get("/api/v1/projects", &app.admin).await.ok(200);
    let m = app.client.get(app.url("/metrics")).send().await.unwrap();
    assert_eq!(m.status(), 200);
    let text = m.text().await.unwrap();
    assert!(
        text.contains(
            "http_requests_total{method=\"GET\",route=\"/api/v1/projects\",status=\"200\"} 1"
        ),
        "{text}"
    );
    assert!(text.contains("outbox_depth 0"), "{text}");
    assert!(
        text.contains("http_request_duration_seconds_bucket"),
        "{text}"
    );
    let h = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        h.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    let csp = h
        .headers()
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("frame-ancestors 'none'")
            && csp.contains("script-src 'self'")
            && !csp.contains("script-src 'self' 'unsafe-inline'"),
        "{csp}"
    );
}
