//! Filing a request from the page (item 6 of issue 28): the project is chosen among the
//! enterprise's own by name and 项目代码 (never an id typed), and past the hourly bound the
//! form comes back in Chinese with what was typed kept.

use serde_json::json;

use super::client::PageClient;
use super::fixture::{zone, USER_PASSWORD};
use super::html_check::check_page;
use super::requests::post_with_csrf;

const CODE: &str = "2026-310117-04-01-000123";

#[tokio::test]
async fn an_enterprise_chooses_its_project_and_is_told_in_chinese_when_to_try_again() {
    let z = zone().await;
    let path = format!("/api/v1/projects/{}", z.green);
    z.app
        .patch(&path, &z.app.admin, &json!({"project_code": CODE}), None)
        .await
        .ok(200);
    let mut firm = PageClient::new(&z.app);
    firm.login(&z.ent_a, USER_PASSWORD).await;
    let form = firm.get("/requests/new").await.body;
    check_page("/requests/new with projects", &form);
    // A select of its own projects, labelled by name and code; another's is not offered.
    let select = &form[form.find("<select id=\"f-project_id\"").expect(&form)..];
    let select = &select[..select.find("</select>").unwrap()];
    assert!(
        select.contains(&format!(
            "<option value=\"{}\">晶圆厂二期（{CODE}）</option>",
            z.green
        )),
        "{select}"
    );
    assert!(!select.contains("九亭生物医药基地"), "{select}");
    assert!(!form.contains("<input id=\"f-project_id\""));

    let green = z.green.to_string();
    let fields = |title: &'static str| {
        vec![
            ("title", title),
            ("text", "施工临时用电"),
            ("category", "utilities"),
            ("project_id", green.as_str()),
        ]
    };
    let filed = post_with_csrf(
        &mut firm,
        "/requests/new",
        "/requests/new",
        &fields("临时用电"),
    )
    .await;
    assert_eq!(filed.status, 303, "{}", filed.body);
    let shown = firm.get(filed.location.as_deref().unwrap()).await.body;
    assert!(shown.contains("诉求已登记"));
    for _ in 1..10 {
        let r = post_with_csrf(&mut firm, "/requests/new", "/requests/new", &fields("再报")).await;
        assert_eq!(r.status, 303);
    }
    // The 11th within the hour: 429, said above the form in Chinese, the input kept.
    let refused = post_with_csrf(
        &mut firm,
        "/requests/new",
        "/requests/new",
        &fields("第十一件"),
    )
    .await;
    assert_eq!(refused.status, 429, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("每小时最多提交 10 件诉求，请 60 分钟后再试"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("value=\"第十一件\""));
    assert!(refused
        .body
        .contains(&format!("<option value=\"{}\" selected>", z.green)));
    check_page("/requests/new refused (429)", &refused.body);
}
