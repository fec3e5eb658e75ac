//! JSON bodies up to the documented 2 MiB are read, larger ones are a 413 problem+json;
//! `next` sends the user only to a path on this site.

use serde_json::json;

use crate::helpers::{spawn_app, CODE_A};

#[tokio::test]
async fn json_over_two_mib_is_413_and_under_it_is_read() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("申松涂料有限公司", CODE_A).await;
    let before = app.snapshot().await;
    let big = |n: usize| json!({"name": "x".repeat(n), "enterprise_id": ent, "template": "standard-industrial", "start_date": "2026-03-02"});
    // 300 KiB: over actix's default 256 KiB, under ours; the name is what is wrong.
    let r = app
        .post("/api/v1/projects", &app.admin, &big(300 * 1024))
        .await;
    assert_eq!(r.fields(), ["name"], "{}", r.body);
    r.problem(422);
    let r = app
        .post("/api/v1/projects", &app.admin, &big(3 * 1024 * 1024))
        .await;
    r.problem(413);
    assert_eq!(app.snapshot().await, before);
}

#[tokio::test]
async fn next_accepts_only_a_path_on_this_site() {
    let app = spawn_app().await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (next, to) in [
        ("/my", "/my"),
        ("/%09/evil.example", "/"),
        ("//evil.example", "/"),
        ("/%5Cevil.example", "/"),
        ("/%0D%0ASet-Cookie:%20x=1", "/"),
        ("https://evil.example", "/"),
    ] {
        let r = client
            .get(app.url(&format!("/lang/en?next={next}")))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_redirection(), "{next}: {}", r.status());
        assert_eq!(r.headers()["location"], to, "{next}");
    }
}

#[tokio::test]
async fn clients_cannot_grow_the_metrics() {
    let app = spawn_app().await;
    for i in 0..5 {
        let method = reqwest::Method::from_bytes(format!("MADEUP{i}").as_bytes()).unwrap();
        app.client
            .request(method, app.url(&format!("/no/such/path/{i}")))
            .send()
            .await
            .unwrap();
    }
    let text = app.client.get(app.url("/metrics")).send().await.unwrap();
    let text = text.text().await.unwrap();
    assert!(!text.contains("MADEUP"), "{text}");
    assert!(!text.contains("/no/such/path"), "{text}");
    assert!(text.contains("method=\"other\""), "{text}");
}
