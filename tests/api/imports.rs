//! Bulk import: one row per step, validated whole; every bad row named by its line; all
//! or nothing; 1,000 projects of 15 steps in seconds.

use chrono::Datelike;
use serde_json::Value;

use crate::helpers::{spawn_app, TestApp, CODE_A, CODE_B};

const HEADER: &str = "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,promised_days,depends_on,accepted_on,requested_on,resubmitted_on,approved_on,rejected_on,waived_on,notice";

async fn setup(app: &TestApp) {
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    app.add_enterprise("松江生物医药有限公司", CODE_B).await;
    app.add_user("liaison1", "liaison", None).await;
}

fn csv(rows: &[&str]) -> String {
    let mut s = String::from("\u{feff}");
    s.push_str(HEADER);
    for r in rows {
        s.push('\n');
        s.push_str(r);
    }
    s.push('\n');
    s
}

async fn import(app: &TestApp, body: &str) -> crate::helpers::Reply {
    app.post_raw("/api/v1/imports", &app.admin, body, "text/csv")
        .await
}

#[tokio::test]
async fn a_good_file_creates_projects_steps_and_their_history() {
    let app = spawn_app().await;
    setup(&app).await;
    let body = csv(&[
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,filing,项目备案,区发改委,立项用地规划许可,0,,,2026-03-02,,,2026-03-02,,"),
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,eia,环评审批,区生态环境局,工程建设许可,30,10,filing,2026-03-03,2026-03-05,2026-03-09,,,,请补充：环评报告表（盖章版）"),
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,permit,施工许可证,区建管委,施工许可,7,,eia,,,,,,"),
        &format!("标准厂房,{CODE_B},2026-03-09,,filing,项目备案,区发改委,立项用地规划许可,0,,,,,,,,2026-03-09"),
    ]);
    let r = import(&app, &body).await;
    let out = r.ok(201);
    assert_eq!(
        (
            out["projects"].as_i64(),
            out["steps"].as_i64(),
            out["events"].as_i64()
        ),
        (Some(2), Some(4), Some(6))
    );
    let id = out["project_ids"][0].as_i64().unwrap();
    let p = app
        .get(&format!("/api/v1/projects/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    let steps = p["steps"].as_array().unwrap();
    assert_eq!(steps[0]["status"], "approved");
    // eia: accepted Tue 03-03, paused 03-05 → 03-09 (Fri 06, Mon 09 = 2 days), back in review:
    // due 03-03 + (10 + 2) = 03-19; by today (03-16) elapsed 9 (03-04 … 03-16), used 7.
    assert_eq!(steps[1]["status"], "in_review");
    assert_eq!(steps[1]["due_on"], "2026-03-19");
    assert_eq!(steps[1]["clock"]["paused_days"], 2);
    assert_eq!(steps[1]["clock"]["statutory_used"], 7);
    assert_eq!(steps[2]["depends_on"], serde_json::json!(["eia"]));
    assert_eq!(steps[2]["status"], "pending");
    // The same file again: the projects exist already, nothing is written.
    let again = import(&app, &body).await;
    assert!(again.problem(422)["detail"]
        .as_str()
        .unwrap()
        .contains("nothing was imported"));
}

#[tokio::test]
async fn one_bad_row_writes_nothing_and_is_named_by_its_line() {
    let app = spawn_app().await;
    setup(&app).await;
    let before = app.snapshot().await;
    let body = csv(&[
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,filing,项目备案,区发改委,立项用地规划许可,0,,,2026-03-02,,,2026-03-02,,"),
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,eia,环评审批,区生态环境局,工程建设许可,thirty,,filing,,,,,,"),
        &format!("标准厂房,{CODE_B},2026-03-09,,filing,项目备案,区发改委,立项用地规划许可,0,,,,,,,,"),
    ]);
    let r = import(&app, &body).await;
    let p = r.problem(422);
    assert_eq!(r.fields(), ["line 3"], "{p}");
    assert!(
        p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("statutory_days"),
        "{p}"
    );
    assert_eq!(app.snapshot().await, before, "nothing written");
}

#[tokio::test]
async fn every_bad_row_is_reported() {
    let app = spawn_app().await;
    setup(&app).await;
    let body = csv(&[
        &format!(
            "甲,{CODE_A},2026-03-02,liaison1,filing,项目备案,区发改委,立项,0,,,,,,2026-03-02,,"
        ),
        &format!("乙,{CODE_A},2026-03-02,nobody,a,备案,区发改委,立项,0,,,,,,,,"),
        "丙,91310117MA1J3P0Z99,2026-03-02,,a,备案,区发改委,立项,0,,,,,,,,",
        &format!("丁,{CODE_A},2026-03-02,,a,备案,区发改委,立项,0,,b,2026-03-03,,,,,"),
        &format!("丁,{CODE_A},2026-03-02,,b,备案,区发改委,立项,0,,a,,,,,,"),
        &format!("戊,{CODE_A},2026-13-02,,a,备案,区发改委,立项,0,,,2026-04-01,,,,,"),
    ]);
    let r = import(&app, &body).await;
    let p = r.problem(422).clone();
    let lines = r.fields();
    // 2: approved without acceptance; 3: unknown liaison; 4: unknown enterprise;
    // 5: a cycle a → b → a; 7: a bad start date and an acceptance after today.
    assert_eq!(
        lines,
        ["line 2", "line 3", "line 4", "line 5", "line 7", "line 7"],
        "{p}"
    );
    let messages: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert!(messages[0].contains("history"), "{messages:?}");
    assert!(messages[1].contains("nobody"), "{messages:?}");
    assert!(messages[2].contains("credit code"), "{messages:?}");
    assert!(
        messages[3].contains("cycle") || messages[3].contains("depends"),
        "{messages:?}"
    );
}

#[tokio::test]
async fn only_staff_import() {
    let app = spawn_app().await;
    setup(&app).await;
    let ent = app.get("/api/v1/enterprises", &app.admin).await.ok(200)["items"][0]["id"].as_i64();
    let (_, user) = app.add_user("firm", "enterprise", ent).await;
    let r = app
        .post_raw("/api/v1/imports", &user, &csv(&[]), "text/csv")
        .await;
    r.problem(403);
    let empty = import(&app, &csv(&[])).await;
    assert_eq!(empty.fields(), ["line 2"]);
    let missing = import(&app, "project,step\nx,y\n").await;
    assert!(missing.problem(422)["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("missing columns"));
}

/// 1,000 projects × 15 steps (a chain; the first three finished, the fourth in review).
fn big_file() -> String {
    let mut s = String::from(HEADER);
    for p in 0..1000 {
        for i in 0..15 {
            let dep = if i == 0 {
                String::new()
            } else {
                format!("s{}", i - 1)
            };
            let dates = match i {
                0..=2 => "2026-03-02,,,2026-03-02,,",
                3 => "2026-03-02,,,,,",
                _ => ",,,,,",
            };
            s.push_str(&format!("\n项目{p:04},{CODE_A},2026-03-02,liaison1,s{i},环节{i},区发改委,工程建设许可,20,10,{dep},{dates}"));
        }
    }
    s.push('\n');
    s
}

#[tokio::test]
async fn a_thousand_projects_import_in_one_request() {
    let app = spawn_app().await;
    setup(&app).await;
    let body = big_file();
    let r = import(&app, &body).await;
    let out: &Value = r.ok(201);
    assert_eq!(
        (
            out["projects"].as_i64(),
            out["steps"].as_i64(),
            out["events"].as_i64()
        ),
        (Some(1000), Some(15000), Some(7000))
    );
    let list = app
        .get("/api/v1/projects?per_page=1", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(list["total"], 1000);
}

/// The same rows as a spreadsheet: numbers typed as numbers, a date typed as a date.
fn xlsx(rows: &[String]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.split(',').enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            if let Ok(n) = cell.parse::<f64>() {
                sheet.write_number(r, c, n).unwrap();
            } else if let (2, Ok(d)) = (c, chrono::NaiveDate::parse_from_str(cell, "%Y-%m-%d")) {
                let d = rust_xlsxwriter::ExcelDateTime::from_ymd(
                    d.year() as u16,
                    d.month() as u8,
                    d.day() as u8,
                )
                .unwrap();
                sheet.write_datetime_with_format(r, c, &d, &date).unwrap();
            } else if !cell.is_empty() {
                sheet.write_string(r, c, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
async fn a_spreadsheet_imports_like_its_csv_and_names_bad_lines() {
    let app = spawn_app().await;
    setup(&app).await;
    let post = |bytes: Vec<u8>| {
        let app = &app;
        async move {
            let r = app
                .client
                .post(app.url("/api/v1/imports"))
                .bearer_auth(&app.admin)
                .header(
                    "content-type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                )
                .body(bytes)
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            (status, r.json::<Value>().await.unwrap())
        }
    };
    let bad = vec![
        format!("硅片产线,{CODE_A},2026-03-02,liaison1,filing,项目备案,区发改委,立项用地规划许可,0,,,,,,,,"),
        format!("硅片产线,{CODE_A},2026-03-02,liaison1,eia,环评审批,区生态环境局,工程建设许可,-5,,filing,,,,,,"),
    ];
    let (status, body) = post(xlsx(&bad)).await;
    assert_eq!(status, 422, "{body}");
    // The header is line 1 of the sheet, the bad step line 3.
    assert!(body.to_string().contains("line 3"), "{body}");
    let good = vec![
        format!("硅片产线,{CODE_A},2026-03-02,liaison1,filing,项目备案,区发改委,立项用地规划许可,0,,,2026-03-02,,,2026-03-02,,"),
        format!("硅片产线,{CODE_A},2026-03-02,liaison1,eia,环评审批,区生态环境局,工程建设许可,30,10,filing,2026-03-03,,,,,"),
    ];
    let (status, body) = post(xlsx(&good)).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        (
            body["projects"].as_i64(),
            body["steps"].as_i64(),
            body["events"].as_i64()
        ),
        (Some(1), Some(2), Some(3))
    );
    let id = body["project_ids"][0].as_i64().unwrap();
    let p = app
        .get(&format!("/api/v1/projects/{id}"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(p["start_date"], "2026-03-02");
    // eia accepted 03-03 with a promised 10 days: due 03-17.
    assert_eq!(p["steps"][1]["due_on"], "2026-03-17");
}

#[tokio::test]
async fn a_requested_on_without_its_notice_is_refused_on_import_too() {
    let app = spawn_app().await;
    setup(&app).await;
    let before = app.snapshot().await;
    let body = csv(&[
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,filing,项目备案,区发改委,立项用地规划许可,0,,,2026-03-02,,,2026-03-02,,"),
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,eia,环评审批,区生态环境局,工程建设许可,30,,filing,2026-03-03,2026-03-05,,,,,"),
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,energy,节能审查,区发改委,工程建设许可,20,,filing,2026-03-03,,,,,,请补充：能耗计算"),
    ]);
    let r = import(&app, &body).await;
    let problem = r.problem(422);
    let text = problem.to_string();
    assert!(
        text.contains("line 3") || text.contains("\"line\":3"),
        "{text}"
    );
    assert!(
        text.contains("notice: must list everything the enterprise is to supply"),
        "{text}"
    );
    assert!(
        text.contains("notice: goes only with requested_on"),
        "{text}"
    );
    assert_eq!(app.snapshot().await, before, "nothing imported");
    // With its notice, the 补正 is imported with it, for the enterprise to read.
    let body = csv(&[
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,filing,项目备案,区发改委,立项用地规划许可,0,,,2026-03-02,,,2026-03-02,,"),
        &format!("硅片产线,{CODE_A},2026-03-02,liaison1,eia,环评审批,区生态环境局,工程建设许可,30,,filing,2026-03-03,2026-03-05,,,,,请补充：环评报告表（盖章版）"),
    ]);
    let id = import(&app, &body).await.ok(201)["project_ids"][0]
        .as_i64()
        .unwrap();
    let events = app
        .get(
            &format!("/api/v1/projects/{id}/steps/eia/events"),
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(events[1]["action"], "request_materials");
    assert_eq!(events[1]["notice"], "请补充：环评报告表（盖章版）");
    assert_eq!(events[0]["notice"], Value::Null);
}
