//! Managers' pages hold the whole zone. `/my` shows the 100 most urgent cards and says how
//! many there are, with a link to the same selection in the paged project list (a
//! liaison's to their own projects; one with fewer sees them all and no such line); the
//! overview's time-saved chart draws the 20 projects that saved the most and says of how
//! many.

use serde_json::json;

use super::client::PageClient;
use crate::helpers::{spawn_app, CODE_A, PASSWORD};

fn cards(body: &str) -> usize {
    body.matches("class=\"card project-card").count()
}

#[tokio::test]
async fn a_managers_pages_show_the_most_urgent_and_say_how_many_more() {
    let app = spawn_app().await;
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    // liaison1 looks after 101 projects, liaison2 after the last one.
    let (liaison_id, _) = app.add_user("liaison1", "liaison", None).await;
    let (other_id, _) = app.add_user("liaison2", "liaison", None).await;
    app.add_user("boss", "manager", None).await;
    for i in 0..102 {
        let liaison = if i < 101 { liaison_id } else { other_id };
        let liaisons = json!([liaison]);
        let body = json!({"name": format!("{i}号厂房"), "enterprise_id": ent,
            "template": "low-risk-industrial", "liaison_ids": liaisons, "start_date": "2026-03-02"});
        app.add_project(&app.admin, &body).await.ok(201);
    }
    let mut boss = PageClient::new(&app);
    boss.login("boss", PASSWORD).await;
    let my = boss.get("/my").await;
    assert_eq!(my.status, 200);
    assert_eq!(cards(&my.body), 100);
    assert!(
        my.body.contains("这里列出最紧急的 100 个，共 102 个项目。"),
        "{}",
        my.body
    );
    assert!(my
        .body
        .replace("&#x2f;", "/")
        .contains("href=\"/projects\" id=\"my-more-link\""));
    // A search keeps its words in the link; one that finds a few shows them all.
    let searched = boss.get("/my?q=%E5%8E%82%E6%88%BF").await.body; // 厂房
    assert_eq!(cards(&searched), 100);
    let link = "href=\"/projects?q=%E5%8E%82%E6%88%BF\" id=\"my-more-link\"";
    assert!(searched.replace("&#x2f;", "/").contains(link), "{searched}");
    let one = boss.get("/my?q=101%E5%8F%B7").await.body; // 101号
    assert_eq!(cards(&one), 1);
    assert!(!one.contains("id=\"my-more\""));

    let overview = boss.get("/overview").await.body;
    assert_eq!(overview.matches("<rect class=\"actual\"").count(), 20);
    assert!(
        overview.contains("图中为节省最多的 20 个项目（今年共 102 个）。"),
        "{overview}"
    );

    // A liaison's link leads to their own projects in the list.
    let mut liaison = PageClient::new(&app);
    liaison.login("liaison1", PASSWORD).await;
    let mine = liaison.get("/my").await.body;
    assert_eq!(cards(&mine), 100);
    assert!(mine.contains("这里列出最紧急的 100 个，共 101 个项目。"));
    let link = format!("href=\"/projects?liaison_id={liaison_id}\" id=\"my-more-link\"");
    assert!(mine.replace("&#x2f;", "/").contains(&link), "{mine}");
    let mut few = PageClient::new(&app);
    few.login("liaison2", PASSWORD).await;
    let theirs = few.get("/my").await.body;
    assert_eq!(cards(&theirs), 1);
    assert!(!theirs.contains("id=\"my-more\""));
}
