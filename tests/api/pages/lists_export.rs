//! `/projects` pages and downloads, `/admin/audit`, and who may open them.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use serde_json::json;

use super::client::PageClient;
use super::forms::field_error;
use super::html_check::check_page;
use super::lists::{href_of, list_zone, names, GREEN, QUIET, RED, YELLOW};
use super::matrix::Callers;
use crate::helpers::ADMIN_PASSWORD;

const HEADER: [&str; 11] = [
    "编号 ID",
    "项目 Project",
    "企业 Enterprise",
    "灯色 Light",
    "停滞 Stalled",
    "阶段 Stage",
    "联络员 Liaisons",
    "起算日期 Counted from",
    "开工 Construction started",
    "预计完成 Projected finish",
    "项目代码 Project code",
];

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "a byte-order mark first"
    );
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&bytes[3..]);
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[tokio::test]
async fn exports_hold_exactly_the_filtered_rows_in_the_lists_order() {
    let lz = list_zone().await;
    let mut c = PageClient::new(&lz.z.app);
    c.login(&lz.z.manager, crate::pages::fixture::USER_PASSWORD)
        .await;
    // CSV: enterprise B by start date, as the page lists it.
    let query = format!("enterprise_id={}&sort=start&dir=asc", lz.ent_b);
    let page = c.get(&format!("/projects?{query}")).await.body;
    assert_eq!(names(&page), [RED, QUIET]);
    let (status, ct, cd, bytes) = c.download(&href_of(&page, "export-csv")).await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv"), "{ct}");
    assert_eq!(cd, "attachment; filename=\"projects.csv\"");
    let rows = csv_rows(&bytes);
    assert_eq!(rows[0], HEADER);
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[1][1..8],
        [
            RED,
            "九亭生物医药有限公司",
            "红灯",
            "是",
            "立项用地规划许可",
            "xiaoer",
            "2026-01-05"
        ]
        .map(String::from)[..7]
    );
    assert_eq!(rows[1][0], lz.z.red.to_string());
    assert_eq!(
        rows[2][1..8],
        [
            QUIET,
            "九亭生物医药有限公司",
            "",
            "否",
            "立项用地规划许可",
            "laowang",
            "2026-02-02"
        ]
        .map(String::from)
    );
    // Row by row, the same projects as the API's list under the same filter and sort.
    let api =
        lz.z.app
            .get(&format!("/api/v1/projects?{query}"), &lz.z.app.admin)
            .await
            .ok(200)
            .clone();
    let ids: Vec<String> = api["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].to_string())
        .collect();
    assert_eq!(
        rows[1..].iter().map(|r| r[0].clone()).collect::<Vec<_>>(),
        ids
    );
    for row in &rows[1..] {
        let finish: chrono::NaiveDate = row[9].parse().unwrap();
        assert!(finish >= row[7].parse().unwrap());
    }
    // XLSX: laowang's projects by name, read back.
    let (status, ct, cd, bytes) = c
        .download(&format!(
            "/projects?liaison_id={}&sort=name&dir=asc&format=xlsx",
            lz.laowang
        ))
        .await;
    assert_eq!(status, 200);
    assert!(ct.contains("spreadsheetml"), "{ct}");
    assert_eq!(cd, "attachment; filename=\"projects.xlsx\"");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["项目 Projects"]);
    let sheet: Vec<Vec<Data>> = book
        .worksheet_range("项目 Projects")
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let text = |d: &Data| d.to_string();
    assert_eq!(sheet[0].iter().map(text).collect::<Vec<_>>(), HEADER);
    assert_eq!(sheet.len(), 3);
    let row = |i: usize| sheet[i].iter().map(text).collect::<Vec<_>>();
    assert_eq!(
        row(1)[1..7],
        [
            YELLOW,
            "松江晶圆制造有限公司",
            "黄灯",
            "否",
            "竣工验收",
            "laowang"
        ]
    );
    assert_eq!(
        row(2)[1..7],
        [
            QUIET,
            "九亭生物医药有限公司",
            "",
            "否",
            "立项用地规划许可",
            "laowang"
        ]
    );
    // The overview's links export too.
    let (status, _, _, bytes) = c.download("/projects?light=green&format=csv").await;
    assert_eq!(status, 200);
    let rows = csv_rows(&bytes);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][1], GREEN);
    // An unknown format is refused.
    let (status, _, _, _) = c.download("/projects?format=pdf").await;
    assert_eq!(status, 422);
}

#[tokio::test]
async fn fifty_a_page_with_links_that_keep_the_filters_and_exports_of_every_page() {
    let lz = list_zone().await;
    let app = &lz.z.app;
    for i in 0..52 {
        // One name begins with `=`: the CSV must keep it text.
        let name = if i == 0 {
            "=1+1批量".to_string()
        } else {
            format!("批量项目{i:02}")
        };
        app.add_project(
            &app.admin,
            &json!({"name": name, "enterprise_id": lz.ent_a, "liaison_ids": [],
                "start_date": "2026-03-02", "steps": [{"key": "a", "name": "备案",
                "agency": "区发改委", "stage": "立项", "statutory_days": 5}]}),
        )
        .await
        .ok(201);
    }
    let mut c = PageClient::new(app);
    c.login(&lz.z.manager, crate::pages::fixture::USER_PASSWORD)
        .await;
    // q=批量, sorted by name.
    let q = "q=%E6%89%B9%E9%87%8F&sort=name&dir=asc";
    let first = c.get(&format!("/projects?{q}")).await.body;
    check_page("/projects page 1", &first);
    let shown = names(&first);
    assert_eq!(shown.len(), 50);
    assert_eq!(shown[0], "=1+1批量");
    assert_eq!(shown[1], "批量项目01");
    assert!(first.contains("共计项目：52"));
    let two = format!("/projects?{q}&page=2");
    assert!(
        first.contains(&format!(
            "href=\"{}\"",
            two.replace('&', "&amp;").replace('/', "&#x2f;")
        )) || first.contains(&format!("href=\"{}\"", two.replace('&', "&amp;"))),
        "the page link keeps the filters"
    );
    let second = c.get(&two).await.body;
    assert_eq!(names(&second), ["批量项目50", "批量项目51"]);
    assert!(second.contains("<span aria-current=\"page\">2</span>"));
    // The export holds all 52, not the 2 shown.
    let (status, _, _, bytes) = c.download(&format!("{two}&format=csv")).await;
    assert_eq!(status, 200);
    let rows = csv_rows(&bytes);
    assert_eq!(rows.len(), 53);
    assert_eq!(rows[1][1], "'=1+1批量", "a formula stays text");
    assert_eq!(rows[52][1], "批量项目51");
    let _ = (RED, QUIET);
}

#[tokio::test]
async fn the_audit_log_filters_by_action_user_and_days_and_refuses_beside_the_field() {
    let lz = list_zone().await;
    let app = &lz.z.app;
    let mut c = PageClient::new(app);
    c.login("admin", ADMIN_PASSWORD).await;
    let all = c.get("/admin/audit").await;
    assert_eq!(all.status, 200, "{}", all.body);
    check_page("/admin/audit", &all.body);
    // The zone's users were created by the admin: xiaoer, boss, ent_a, laowang.
    let created = c.get("/admin/audit?action=user_created").await.body;
    // …and the admin account itself, by the command line.
    assert!(created.contains("共计记录：5"), "{created}");
    assert!(
        created.contains(">命令行</td>"),
        "the command line named in Chinese"
    );
    assert!(created.contains(">新建用户</td>"), "actions in Chinese");
    let api = app
        .get(
            "/api/v1/audit?action=user_created&username=admin",
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(api["total"], 4);
    let day = api["items"][0]["at"].as_str().unwrap()[..10].to_string();
    let same = app
        .get(
            &format!("/api/v1/audit?action=user_created&from={day}&to={day}"),
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(same["total"], 5);
    let next: chrono::NaiveDate = day
        .parse::<chrono::NaiveDate>()
        .unwrap()
        .succ_opt()
        .unwrap();
    let later = app
        .get(&format!("/api/v1/audit?from={next}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(later["total"], 0);
    let boss = c.get("/admin/audit?username=boss&action=login").await.body;
    assert!(boss.contains(">boss</td>"), "{boss}");
    assert!(!boss.contains(">admin</td>"));
    // Refusals, in Chinese beside their fields, typed text kept.
    let bad = c.get("/admin/audit?from=2026-13-01&action=hack").await;
    assert_eq!(bad.status, 422);
    check_page("/admin/audit refused", &bad.body);
    assert_eq!(
        field_error(&bad.body, "from").as_deref(),
        Some("应为日期，例如 2026-03-16")
    );
    assert_eq!(
        field_error(&bad.body, "action").as_deref(),
        Some("不是日志记录的操作")
    );
    assert!(bad.body.contains("value=\"2026-13-01\""));
    let bad = c.get("/admin/audit?from=2026-03-16&to=2026-03-01").await;
    assert_eq!(
        field_error(&bad.body, "to").as_deref(),
        Some("不能早于起始日期")
    );
    app.get("/api/v1/audit?from=yesterday", &app.admin)
        .await
        .ok(422);
}

#[tokio::test]
async fn who_may_open_the_lists() {
    let lz = list_zone().await;
    let mut callers = Callers::of(&lz.z).await;
    // admin, manager, liaison ×2, enterprise own/other, anonymous.
    let staff = [200, 200, 200, 200, 403, 403, 303];
    let admin = [200, 403, 403, 403, 403, 403, 303];
    callers
        .check_gets(&[
            ("/projects".into(), staff),
            ("/projects?light=red".into(), staff),
            ("/projects?stalled=true&format=csv".into(), staff),
            ("/projects?format=xlsx".into(), staff),
            ("/admin/audit".into(), admin),
            ("/admin/audit?action=login".into(), admin),
        ])
        .await;
}
