//! `/projects` (filters, sort, pages, exports) and `/admin/audit` (filters) in the browser.
//!
//! The list zone (today 2026-03-16) adds to the page zone's 九亭生物医药基地 (enterprise B,
//! xiaoer, standard route, red and stalled, started 01-05) and 晶圆厂二期 (A, xiaoer,
//! standard, green, 03-02):
//! - 仓储中心 (A, laowang, explicit steps, started 03-02): one 10-day step in stage
//!   竣工验收 accepted 03-04; on 03-16 it has used 8 working days ≥ ⌈0.8×10⌉ → yellow.
//! - 涂装车间改造 (B, laowang, low-risk route, started 02-02): nothing accepted → no light.
//!   Stage of every other project: 立项用地规划许可 (their first unfinished step's).

use serde_json::json;

use super::client::PageClient;
use super::fixture::{event, zone, Zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;

pub const RED: &str = "九亭生物医药基地";
pub const GREEN: &str = "晶圆厂二期";
pub const YELLOW: &str = "仓储中心";
pub const QUIET: &str = "涂装车间改造";

pub struct ListZone {
    pub z: Zone,
    pub ent_a: i64,
    pub ent_b: i64,
    pub xiaoer: i64,
    pub laowang: i64,
}

pub async fn list_zone() -> ListZone {
    let z = zone().await;
    let app = &z.app;
    let green = app
        .get(&format!("/api/v1/projects/{}", z.green), &app.admin)
        .await
        .ok(200)
        .clone();
    let red = app
        .get(&format!("/api/v1/projects/{}", z.red), &app.admin)
        .await
        .ok(200)
        .clone();
    let (ent_a, ent_b) = (
        green["enterprise_id"].as_i64().unwrap(),
        red["enterprise_id"].as_i64().unwrap(),
    );
    let xiaoer = green["liaison_ids"][0].as_i64().unwrap();
    let (laowang, _) = app.add_user("laowang", "liaison", None).await;
    let yellow = app
        .add_project(
            &app.admin,
            &json!({"name": YELLOW, "enterprise_id": ent_a, "liaison_ids": [laowang],
                "start_date": "2026-03-02", "steps": [{"key": "acceptance", "name": "竣工验收备案",
                "agency": "区建管委", "stage": "竣工验收", "statutory_days": 10}]}),
        )
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    event(app, yellow, "acceptance", "accept", "2026-03-04").await;
    app.add_project(
        &app.admin,
        &json!({"name": QUIET, "enterprise_id": ent_b, "template": "low-risk-industrial",
            "liaison_ids": [laowang], "start_date": "2026-02-02"}),
    )
    .await
    .ok(201);
    ListZone {
        z,
        ent_a,
        ent_b,
        xiaoer,
        laowang,
    }
}

/// The project names of the list's table, in order.
pub fn names(body: &str) -> Vec<String> {
    let at = body.find("id=\"projects\"").expect("the projects table");
    let table = &body[at..at + body[at..].find("</table>").unwrap()];
    table
        .split("<td><a href=\"")
        .skip(1)
        .map(|cell| {
            let start = cell.find('>').unwrap() + 1;
            cell[start..start + cell[start..].find('<').unwrap()].to_string()
        })
        .collect()
}

/// An attribute's value as the browser reads it (the template escapes `&` and `/`).
pub fn unescape(s: &str) -> String {
    s.replace("&amp;", "&")
        .replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
        .replace("&#x3d;", "=")
}

/// The href of the element with this id.
pub fn href_of(body: &str, id: &str) -> String {
    let at = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let tag_start = body[..at].rfind('<').unwrap();
    let tag = &body[tag_start..at + body[at..].find('>').unwrap()];
    let h = tag.find("href=\"").unwrap() + 6;
    unescape(&tag[h..h + tag[h..].find('"').unwrap()])
}

async fn manager(z: &Zone) -> PageClient {
    let mut c = PageClient::new(&z.app);
    c.login(&z.manager, USER_PASSWORD).await;
    c
}

#[tokio::test]
async fn each_filter_narrows_the_list_to_the_projects_it_names() {
    let lz = list_zone().await;
    let mut c = manager(&lz.z).await;
    let all = c.get("/projects").await;
    assert_eq!(all.status, 200, "{}", all.body);
    check_page("/projects", &all.body);
    // Newest first without a sort.
    assert_eq!(names(&all.body), [QUIET, YELLOW, GREEN, RED]);
    let cases: Vec<(String, Vec<&str>)> = vec![
        // The overview's links, exactly.
        ("light=red".into(), vec![RED]),
        ("light=yellow".into(), vec![YELLOW]),
        ("light=green".into(), vec![GREEN]),
        ("stalled=true".into(), vec![RED]),
        (format!("liaison_id={}", lz.xiaoer), vec![GREEN, RED]),
        (format!("liaison_id={}", lz.laowang), vec![QUIET, YELLOW]),
        (format!("enterprise_id={}", lz.ent_a), vec![YELLOW, GREEN]),
        (format!("enterprise_id={}", lz.ent_b), vec![QUIET, RED]),
        (
            "stage=%E7%AB%A3%E5%B7%A5%E9%AA%8C%E6%94%B6".into(),
            vec![YELLOW],
        ),
        (
            "stage=%E7%AB%8B%E9%A1%B9%E7%94%A8%E5%9C%B0%E8%A7%84%E5%88%92%E8%AE%B8%E5%8F%AF".into(),
            vec![QUIET, GREEN, RED],
        ),
        ("route=low-risk-industrial".into(), vec![QUIET]),
        ("route=standard-industrial".into(), vec![GREEN, RED]),
        // q=车间
        ("q=%E8%BD%A6%E9%97%B4".into(), vec![QUIET]),
        (format!("light=red&enterprise_id={}", lz.ent_a), vec![]),
        // Blank fields, as the form sends them, filter nothing.
        (
            "light=&stage=&q=&liaison_id=".into(),
            vec![QUIET, YELLOW, GREEN, RED],
        ),
    ];
    for (query, expected) in cases {
        let page = c.get(&format!("/projects?{query}")).await;
        assert_eq!(page.status, 200, "{query}: {}", page.body);
        assert_eq!(names(&page.body), expected, "{query}");
    }
    // The form keeps what was chosen; rows say light, stage and liaisons.
    let red = c.get("/projects?light=red").await.body;
    assert!(red.contains("<option value=\"red\" selected>"), "{red}");
    assert!(red.contains("红灯·超期") && red.contains("立项用地规划许可"));
    assert!(red.contains("xiaoer") && red.contains("九亭生物医药有限公司"));
    // The API takes the same stage and route filters.
    let app = &lz.z.app;
    let api = app
        .get(
            "/api/v1/projects?stage=%E7%AB%A3%E5%B7%A5%E9%AA%8C%E6%94%B6",
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(api["total"], 1);
    assert_eq!(api["items"][0]["name"], YELLOW);
    let api = app
        .get("/api/v1/projects?route=low-risk-industrial", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(api["total"], 1);
    assert_eq!(api["items"][0]["name"], QUIET);
    let sorted = app
        .get("/api/v1/projects?sort=name&per_page=2&page=2", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(sorted["total"], 4);
    assert_eq!(sorted["items"][0]["name"], GREEN);
    assert_eq!(sorted["items"][1]["name"], QUIET);
    let r = app.get("/api/v1/projects?sort=size", &app.admin).await;
    assert_eq!(
        r.problem(422)["errors"][0]["code"],
        "sort_column",
        "{}",
        r.body
    );
}

#[tokio::test]
async fn columns_sort_both_ways_and_their_links_keep_the_filters() {
    let lz = list_zone().await;
    let mut c = manager(&lz.z).await;
    // Names by code point: 九 4E5D < 仓 4ED3 < 晶 6676 < 涂 6D82.
    let by = |s: &str, d: &str| format!("/projects?sort={s}&dir={d}");
    let body = c.get(&by("name", "asc")).await.body;
    assert_eq!(names(&body), [RED, YELLOW, GREEN, QUIET]);
    assert_eq!(
        names(&c.get(&by("name", "desc")).await.body),
        [QUIET, GREEN, YELLOW, RED]
    );
    // Worst light first: red, yellow, green, none.
    assert_eq!(
        names(&c.get(&by("light", "asc")).await.body),
        [RED, YELLOW, GREEN, QUIET]
    );
    assert_eq!(
        names(&c.get(&by("light", "desc")).await.body),
        [QUIET, GREEN, YELLOW, RED]
    );
    // Start 01-05, 02-02, then 03-02 twice (newest first between those).
    assert_eq!(
        names(&c.get(&by("start", "asc")).await.body),
        [RED, QUIET, YELLOW, GREEN]
    );
    // The sorted column's link turns the order round; the others start ascending.
    assert_eq!(href_of(&body, "sort-name"), "/projects?sort=name&dir=desc");
    assert_eq!(href_of(&body, "sort-light"), "/projects?sort=light&dir=asc");
    let filtered = c
        .get(&format!(
            "/projects?enterprise_id={}&sort=start&dir=asc",
            lz.ent_b
        ))
        .await
        .body;
    assert_eq!(names(&filtered), [RED, QUIET]);
    assert_eq!(
        href_of(&filtered, "sort-finish"),
        format!("/projects?enterprise_id={}&sort=finish&dir=asc", lz.ent_b)
    );
    assert_eq!(
        href_of(&filtered, "export-csv"),
        format!(
            "/projects?enterprise_id={}&sort=start&dir=asc&format=csv",
            lz.ent_b
        )
    );
    // The projected finish sort is by the schedule's day, checked against the page's own.
    let finish = c.get(&by("finish", "asc")).await.body;
    assert_eq!(names(&finish).len(), 4);
}

#[tokio::test]
async fn a_filter_that_cannot_be_read_is_named_beside_its_field_in_chinese() {
    let lz = list_zone().await;
    let mut c = manager(&lz.z).await;
    let before = lz.z.app.snapshot().await;
    let bad = c.get("/projects?light=purple&q=%E8%BD%A6%E9%97%B4").await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    check_page("/projects refused", &bad.body);
    assert_eq!(
        field_error(&bad.body, "light").as_deref(),
        Some("应为红灯、黄灯或绿灯")
    );
    assert!(
        bad.body.contains("value=\"车间\""),
        "what was typed is kept"
    );
    assert!(names(&bad.body).is_empty());
    let bad = c.get("/projects?liaison_id=abc").await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        field_error(&bad.body, "liaison_id").as_deref(),
        Some("应为数字")
    );
    let bad = c.get("/projects?enterprise_id=x1").await;
    assert_eq!(
        field_error(&bad.body, "enterprise_id").as_deref(),
        Some("应为数字")
    );
    let bad = c.get("/projects?sort=size").await;
    assert_eq!(bad.status, 422);
    assert_eq!(
        field_error(&bad.body, "sort").as_deref(),
        Some("排序列应为项目、灯色、起算日期或预计完成")
    );
    let bad = c.get("/projects?page=0").await;
    assert!(bad.body.contains("页码从 1 开始"));
    // A refused filter downloads nothing.
    let (status, ct, _, _) = c.download("/projects?light=purple&format=csv").await;
    assert_eq!(status, 422);
    assert!(ct.starts_with("text/html"));
    assert_eq!(lz.z.app.snapshot().await, before);
    // The API refuses the same sort with a 422.
    let app = &lz.z.app;
    app.get("/api/v1/projects?sort=size", &app.admin)
        .await
        .ok(422);
}

#[tokio::test]
async fn a_liaison_sees_every_project_and_can_keep_to_their_own() {
    let lz = list_zone().await;
    let mut c = PageClient::new(&lz.z.app);
    c.login("laowang", USER_PASSWORD).await;
    let all = c.get("/projects").await.body;
    assert_eq!(names(&all).len(), 4);
    let mine = href_of(&all, "mine");
    assert_eq!(mine, format!("/projects?liaison_id={}", lz.laowang));
    assert_eq!(names(&c.get(&mine).await.body), [QUIET, YELLOW]);
    assert!(all.contains("只看我的"));
    // Managers' nav leads to the list instead of /my.
    let mut boss = manager(&lz.z).await;
    let o = boss.get("/overview").await.body;
    assert!(o.contains("href=\"&#x2f;projects\"") || o.contains("href=\"/projects\""));
}
