//! Issue 28 item 2 on the admin's user page: disabling (or demoting) a liaison who holds
//! a project and a request is refused beside the successor's choice, listing them, with
//! what was chosen kept; choosing a successor hands them over and says so.

use serde_json::json;

use super::admin_user::admin_page;
use super::forms::field_error;
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_user_page_refuses_a_liaison_leaving_without_a_successor_then_hands_over() {
    let app = spawn_app().await;
    let (project, _, leaving, successor) = crate::handover::zone(&app).await;

    let (mut c, csrf, version) = admin_page(&app, leaving).await;
    let path = format!("/admin/users/{leaving}");
    // The profile form: the role changed, no successor chosen.
    let before = app.snapshot().await;
    let refused = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("form", "profile"),
                ("version", &version),
                ("display_name", "王芳改"),
                ("email", "wang@zone.example.cn"),
                ("role", "manager"),
                ("successor_id", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    let message = field_error(&refused.body, "successor_id").unwrap();
    assert!(
        message.starts_with("该店小二仍负责 1 个在办项目和 1 件未办结诉求")
            && message.ends_with("请选择接手的店小二"),
        "{message}"
    );
    // The list beside it links each; what was typed is kept.
    assert!(refused.body.contains(&format!(
        "href=\"/projects/{project}\">300毫米硅片生产线</a>"
    )));
    assert!(refused.body.contains(">人才公寓申请</a>"));
    assert!(refused.body.contains("value=\"王芳改\""));
    assert!(refused.body.contains("<option value=\"manager\" selected>"));
    assert_eq!(app.snapshot().await, before);

    // The access form: disable, choosing the successor.
    let done = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("form", "active"),
                ("version", &version),
                ("active", "false"),
                ("successor_id", &successor.to_string()),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    let shown = c.get(done.location.as_deref().unwrap()).await.body;
    assert!(shown.contains("账号已停用"), "{shown}");
    let p = app
        .get(&format!("/api/v1/projects/{project}"), &app.admin)
        .await;
    assert_eq!(p.ok(200)["liaison_ids"], json!([successor]));
}
