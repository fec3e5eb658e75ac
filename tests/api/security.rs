//! The audit log, operator endpoints and security headers (login throttling: `login.rs`).

use serde_json::json;

use crate::helpers::spawn_app;

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
