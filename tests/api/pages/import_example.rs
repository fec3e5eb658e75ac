//! Issue 28 item 8: the import page's own example file imports cleanly into the zone of
//! whoever downloads it (here an enterprise and a liaison other than the names the old
//! fixed example carried, on which its first row failed), and the page states its size
//! limit as people say it (8 MB, not 8388608).

use super::client::{csrf_in, PageClient};
use super::records_import::upload;
use crate::helpers::{spawn_app, CODE_C, PASSWORD};

#[tokio::test]
async fn the_example_file_imports_cleanly_and_the_limit_reads_8_mb() {
    let app = spawn_app().await;
    app.add_enterprise("申松涂料有限公司", CODE_C).await;
    app.add_user("wang.fang", "liaison", None).await;
    let mut c = PageClient::new(&app);
    c.login("wang.fang", PASSWORD).await;
    let form = c.get("/imports/new").await;
    assert!(form.body.contains("文件大小上限：8 MB"), "{}", form.body);
    assert!(!form.body.contains("8388608"));
    let csrf = csrf_in(&form.body);
    let example = c.get("/imports/example.csv").await;
    assert_eq!(example.status, 200);
    assert!(example.body.contains(CODE_C) && example.body.contains(",wang.fang,"));
    let (status, body) = upload(
        &app,
        &c,
        &csrf,
        "import-example.csv",
        example.body.as_bytes(),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert!(!body.contains("import-errors"), "{body}");
    let projects = app
        .get("/api/v1/projects?q=示例项目", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(projects["total"], 1, "{projects}");
    let id = projects["items"][0]["id"].as_i64().unwrap();
    let p = app
        .get(&format!("/api/v1/projects/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    let status_of = |key: &str| {
        p["steps"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status_of("filing"), "approved");
    assert_eq!(status_of("land-prereview"), "in_review");
}
