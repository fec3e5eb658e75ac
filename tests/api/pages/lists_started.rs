//! Issue 28: the project list's 起算日期 is the day the schedule counts from (the
//! project's start date); the 开工 milestone has a column of its own, the actual day or
//! else the planned one marked 计划, in the page and in its CSV and XLSX.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Reader, Xlsx};
use serde_json::json;

use super::client::PageClient;
use crate::helpers::{spawn_app, PASSWORD};
use crate::landing_fixture::landing_zone;

/// The cells of the row naming `name` (from its link to the end of the row).
fn row_of(body: &str, name: &str) -> String {
    let at = body.find(&format!(">{name}</a>")).expect(name);
    body[at..at + body[at..].find("</tr>").unwrap()].to_string()
}

#[tokio::test]
async fn the_list_shows_the_start_of_construction_apart_from_the_counting_start() {
    let app = spawn_app().await;
    let z = landing_zone(&app).await;
    // Every project starts counting on 2026-01-05 (the fixture's start date).
    let started = z.project(&app, "晶圆一期", None).await;
    z.approve_permit(&app, started, "2026-03-02", "2026-03-13")
        .await;
    z.put_milestones(
        &app,
        started,
        &json!({"started": {"planned": "2026-03-20", "actual": "2026-03-16"}}),
    )
    .await
    .ok(200);
    let planned = z.project(&app, "晶圆二期", None).await;
    z.put_milestones(
        &app,
        planned,
        &json!({"started": {"planned": "2026-06-01"}}),
    )
    .await
    .ok(200);
    z.project(&app, "晶圆三期", None).await;

    let mut c = PageClient::new(&app);
    c.login("manager1", PASSWORD).await;
    let page = c.get("/projects?sort=name&dir=asc").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("起算日期") && !page.body.contains("开工日期"));
    let cell = |row: &str| {
        let at = row.find("class=\"started\">").expect("a 开工 cell") + 16;
        row[at..at + row[at..].find("</td>").unwrap()].to_string()
    };
    assert_eq!(cell(&row_of(&page.body, "晶圆一期")), "2026年3月16日");
    assert_eq!(
        cell(&row_of(&page.body, "晶圆二期")),
        "2026年6月1日（计划）"
    );
    assert_eq!(cell(&row_of(&page.body, "晶圆三期")), "");
    assert!(row_of(&page.body, "晶圆三期").contains("2026年1月5日"));

    let (status, _, _, csv) = c.download("/projects?sort=name&dir=asc&format=csv").await;
    assert_eq!(status, 200);
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0][7..9],
        ["起算日期 Counted from", "开工 Construction started"]
    );
    let by_name = |name: &str| rows.iter().find(|r| r[1] == name).unwrap().clone();
    assert_eq!(by_name("晶圆一期")[7..9], ["2026-01-05", "2026-03-16"]);
    assert_eq!(
        by_name("晶圆二期")[7..9],
        ["2026-01-05", "2026-06-01（计划）"]
    );
    assert_eq!(by_name("晶圆三期")[7..9], ["2026-01-05", ""]);

    let (status, _, _, xlsx) = c.download("/projects?sort=name&dir=asc&format=xlsx").await;
    assert_eq!(status, 200);
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range("项目 Projects").unwrap();
    let cells: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| r.iter().map(|d| d.to_string()).collect())
        .collect();
    assert_eq!(cells[0][8], "开工 Construction started");
    let found: Vec<(String, String)> = cells[1..]
        .iter()
        .map(|r| (r[1].clone(), r[8].clone()))
        .collect();
    assert_eq!(
        found,
        [
            ("晶圆一期".to_string(), "2026-03-16".to_string()),
            ("晶圆三期".into(), "".into()),
            ("晶圆二期".into(), "2026-06-01（计划）".into()),
        ]
    );
}
