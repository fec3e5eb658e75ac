use crate::helpers::spawn_app;

#[tokio::test]
async fn healthz_answers_and_unknown_paths_are_problem_json() {
    let app = spawn_app().await;
    let r = app.get_anon("/healthz").await;
    assert_eq!(r.ok(200)["status"], "ok");
    app.get_anon("/api/v1/nothing-here").await.problem(404);
}

#[tokio::test]
async fn openapi_document_lists_every_route_of_the_api() {
    let app = spawn_app().await;
    let doc = app.get_anon("/api/openapi.json").await.ok(200).clone();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    for (path, method) in [
        ("/api/v1/sessions", "post"),
        ("/api/v1/sessions/current", "delete"),
        ("/api/v1/users", "get"),
        ("/api/v1/users", "post"),
        ("/api/v1/users/{id}", "patch"),
        ("/api/v1/enterprises", "post"),
        ("/api/v1/enterprises/{id}", "patch"),
        ("/api/v1/route-templates", "get"),
        ("/api/v1/route-templates/{key}", "get"),
        ("/api/v1/route-templates/{key}", "put"),
        ("/api/v1/projects", "get"),
        ("/api/v1/requests", "get"),
        ("/api/v1/requests", "post"),
        ("/api/v1/requests/{id}", "get"),
        ("/api/v1/requests/{id}/actions", "post"),
        ("/api/v1/requests/stats", "get"),
        ("/api/v1/projects", "post"),
        ("/api/v1/projects/{id}", "get"),
        ("/api/v1/projects/{id}", "patch"),
        ("/api/v1/projects/{id}", "delete"),
        ("/api/v1/projects/{id}/steps", "post"),
        ("/api/v1/projects/{id}/steps/{key}", "patch"),
        ("/api/v1/projects/{id}/steps/{key}", "delete"),
        ("/api/v1/projects/{id}/dependencies", "post"),
        ("/api/v1/projects/{id}/dependencies/{from}/{to}", "delete"),
        ("/api/v1/chat-robots", "get"),
        ("/api/v1/chat-robots", "post"),
        ("/api/v1/chat-robots/{id}", "patch"),
        ("/api/v1/chat-robots/{id}", "delete"),
        ("/api/v1/chat-robots/{id}/test", "post"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} missing from the OpenAPI document"
        );
    }
    // The interactive docs are served from the binary, not a CDN.
    let docs = app.client.get(app.url("/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.unwrap();
    assert!(html.contains("swagger"), "{html}");
    assert!(!html.contains("cdn"), "docs must not load from a CDN");
}
