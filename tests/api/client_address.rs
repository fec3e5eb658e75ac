//! The address logins are throttled and audited under, and who may read /metrics:
//! the peer, or what a configured reverse proxy says, never a header anyone can send.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_with, TestApp, ADMIN_PASSWORD};

async fn login_via(app: &TestApp, forwarded_for: &str, user: &str, password: &str) -> StatusCode {
    app.client
        .post(app.url("/api/v1/sessions"))
        .header("X-Forwarded-For", forwarded_for)
        .json(&json!({"username": user, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

async fn last_audit(app: &TestApp) -> Value {
    app.get("/api/v1/audit", &app.admin).await.ok(200)["items"][0].clone()
}

#[tokio::test]
async fn a_forged_forwarded_header_neither_escapes_the_lock_nor_reaches_the_log() {
    let app = spawn_app().await;
    // Twenty failures, each claiming another address: without a trusted proxy the header
    // is ignored, so they all count against this peer and the address locks.
    for i in 0..20 {
        let status = login_via(
            &app,
            &format!("198.51.100.{i}"),
            &format!("guess{i}"),
            "Wrong-pass-2026",
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let status = login_via(&app, "198.51.100.99", "admin", ADMIN_PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let e = last_audit(&app).await;
    assert_eq!(e["address"], "127.0.0.1", "{e}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_forwarded_client_is_throttled_and_audited() {
    let app = spawn_app_with(crate::helpers::default_now(), |s| {
        s.server.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    // The proxy appends the client it saw; anything left of it was sent by the client.
    let chain = "6.6.6.6, 203.0.113.7";
    for i in 0..20 {
        assert_eq!(
            login_via(&app, chain, &format!("nobody{i}"), "Wrong-pass-2026").await,
            StatusCode::UNAUTHORIZED
        );
    }
    let e = last_audit(&app).await;
    assert_eq!(e["action"], "login_failed", "{e}");
    assert_eq!(e["address"], "203.0.113.7", "{e}");
    // That client is locked out; another one behind the same proxy is not.
    assert_eq!(
        login_via(&app, "203.0.113.7", "admin", ADMIN_PASSWORD).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        login_via(&app, "203.0.113.8", "admin", ADMIN_PASSWORD).await,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn metrics_answer_only_the_addresses_allowed_to_read_them() {
    let app = spawn_app_with(crate::helpers::default_now(), |s| {
        s.server.metrics_from = vec!["10.1.2.3".parse().unwrap()];
    })
    .await;
    app.get_anon("/metrics").await.problem(404);
    // A forged header does not help either.
    let r = app
        .client
        .get(app.url("/metrics"))
        .header("X-Forwarded-For", "10.1.2.3")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The default allows this machine (the security test reads them from loopback).
    let local = spawn_app().await;
    assert_eq!(local.get_anon("/metrics").await.status.as_u16(), 200);
}
