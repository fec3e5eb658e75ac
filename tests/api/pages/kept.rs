//! Pages read what the instance keeps (issue 31): each project's digest until the project
//! changes, the cockpit and the weekly reports until the next commit on any instance. A change
//! made on another instance shows on every page of this one at once, and the figures are those
//! the list zone works out by hand (`lists.rs`).

use serde_json::{json, Value};

use super::client::PageClient;
use super::fixture::USER_PASSWORD;
use super::lists::{list_zone, names, GREEN, QUIET, RED, YELLOW};
use crate::helpers::{default_now, spawn_second_instance};

/// `已完成`, as a query value.
const FINISHED: &str = "%E5%B7%B2%E5%AE%8C%E6%88%90";

/// The count shown on one of the cockpit's light cards.
fn count(body: &str, id: &str) -> String {
    let at = body.find(&format!("id=\"{id}\"")).expect(id);
    let rest = &body[at..];
    let n = rest.find("class=\"count-n\">").expect("a count") + "class=\"count-n\">".len();
    rest[n..n + rest[n..].find('<').unwrap()].to_string()
}

/// The project names of the weekly report's finished steps, as the page downloads them.
async fn finished(c: &mut PageClient) -> Vec<String> {
    let r = c.get("/reports/weekly?week=2026-W12&format=json").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r: Value = serde_json::from_str(&r.body).unwrap();
    r["finished_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["project"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_kept_pages_follow_a_change_made_on_another_instance() {
    let lz = list_zone().await; // today Monday 2026-03-16
    let app = &lz.z.app;
    let mut boss = PageClient::new(app);
    boss.login(&lz.z.manager, USER_PASSWORD).await;
    let mut laowang = PageClient::new(app);
    laowang.login("laowang", USER_PASSWORD).await;
    let finished_list = format!("/projects?stage={FINISHED}");
    let page = format!("/projects/{}", yellow_id(&lz).await);
    let approved = "id=\"step-acceptance\" data-status=\"approved\"";
    // Each page twice: the second is what this instance kept from the first.
    for _ in 0..2 {
        assert!(!boss.get(&page).await.body.contains(approved));
        let yellow = boss.get("/projects?light=yellow").await;
        assert_eq!(names(&yellow.body), [YELLOW]);
        assert_eq!(names(&boss.get(&finished_list).await.body), [""; 0]);
        let sorted = boss.get("/projects?sort=name").await;
        // By name as written (code points): 九 < 仓 < 晶 < 涂.
        assert_eq!(names(&sorted.body), [RED, YELLOW, GREEN, QUIET]);
        assert_eq!(
            count(&boss.get("/overview").await.body, "count-yellow"),
            "1"
        );
        assert_eq!(finished(&mut boss).await, [""; 0]);
        let my = laowang.get("/my").await.body;
        assert!(my.contains("data-light=\"yellow\""), "{my}");
    }

    // 竣工验收备案 approved today on another instance: 仓储中心 is finished, no light.
    let other = spawn_second_instance(app, default_now(), |_| {}).await;
    let path = format!(
        "/api/v1/projects/{}/steps/acceptance/events",
        yellow_id(&lz).await
    );
    let approve = json!({"action": "approve", "on": "2026-03-16"});
    other.post(&path, &app.admin, &approve).await.ok(200);

    assert_eq!(
        names(&boss.get("/projects?light=yellow").await.body),
        [""; 0]
    );
    assert_eq!(names(&boss.get(&finished_list).await.body), [YELLOW]);
    assert_eq!(
        count(&boss.get("/overview").await.body, "count-yellow"),
        "0"
    );
    assert_eq!(finished(&mut boss).await, [YELLOW]);
    let my = laowang.get("/my").await.body;
    assert!(!my.contains("data-light=\"yellow\""), "{my}");
    assert!(boss.get(&page).await.body.contains(approved));
}

async fn yellow_id(lz: &super::lists::ListZone) -> i64 {
    let app = &lz.z.app;
    let list = app
        .get("/api/v1/projects?light=yellow", &app.admin)
        .await
        .ok(200)
        .clone();
    list["items"][0]["id"].as_i64().unwrap()
}
