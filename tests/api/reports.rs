//! The weekly report on a fixed zone, every figure worked by hand on the 2026 calendar
//! (March 2026 has no holidays; 04-04…04-06 are off). "Now" is Monday 2026-03-16 10:00,
//! so W11 (03-09 … 03-15) is a past week read as of Sunday 03-15: the events dated 03-16
//! (P1 permit accepted, P2 safety resubmitted, P3 design approved) must not count.
//!
//! As of 03-15:
//! - P1 硅片产线 (liaison1): filing done 03-02; land accepted 03-03, approved 03-10: used
//!   03-04,05,06,09,10 = 5 of 5; eia accepted 03-02, approved 03-13: used 9 of 10; permit
//!   pending → stage 施工许可, no light.
//! - P2 生物医药基地 (liaison2): energy accepted 03-03, limit 5 → due 03-10, red from 03-11
//!   (turned red this week), days over by 03-15 = 03-11,12,13 = 3; safety accepted 03-03,
//!   materials requested Thu 03-05: paused 03-06,09,10,11,12,13 = 6 > 5 → stalled.
//!   Stage 工程建设许可, red.
//! - P3 涂料仓库 (liaison1, liaison2): design accepted 03-02, limit 10: used 9 ≥ ⌈0.8×10⌉ = 8
//!   and due 03-16 not passed → yellow. Stage 工程建设许可.
//! - P4 标准厂房 (liaison2): all done, last 03-11. Baseline 0+20+7 = 27 = statutory critical
//!   path (a chain) → by parallel 0; actual 03-02→03-11 = 7 → saved 20; baseline finish
//!   03-02 + 27 = 04-09 (04-06 off) → 29 calendar days saved.
//! - P5 仓储中心 (liaison1): eia 03-02 → 03-05: actual 3, baseline 30 → saved 27; baseline
//!   finish 04-14 → 40 calendar days saved.
//!
//! Portfolio: 工程建设许可 2 (1 red, 1 yellow, 1 stalled), 施工许可 1, 已完成 2; total 5.
//! Finished this week: land 03-10 (5/5), P4 permit 03-11 (2/3: 03-10, 11), eia 03-13 (9/10).
//! Time saved: week = P4 (20 wd, 29 cd); year to date = P4 + P5 (47 wd, 69 cd).
//! Liaisons: liaison1 2 projects, 1 step in progress (yellow), 2 finished this week;
//! liaison2 2 projects, 3 in progress (1 red, 1 yellow, 1 stalled), 1 finished.
//! Agencies (approved this year): 区发改委 4 × 0/0; 区规划资源局 5/5, 3/5 → medians 4, 5;
//! 区生态环境局 9/10, 3/20 → 6, 15; 区建管委 2/3; 区应急管理局 none, 1 in progress.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, TestApp, CODE_A, CODE_B};

fn step(
    key: &str,
    name: &str,
    agency: &str,
    stage: &str,
    stat: i64,
    promised: Option<i64>,
    deps: &[&str],
) -> Value {
    json!({"key": key, "name": name, "agency": agency, "stage": stage, "statutory_days": stat, "promised_days": promised, "depends_on": deps})
}

fn filing() -> Value {
    step(
        "filing",
        "项目备案",
        "区发改委",
        "立项用地规划许可",
        0,
        None,
        &[],
    )
}

/// The zone above; returns the manager's token.
pub async fn zone(app: &TestApp) -> String {
    let a = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let b = app.add_enterprise("松江生物医药有限公司", CODE_B).await;
    let (l1, _) = app.add_user("liaison1", "liaison", None).await;
    let (l2, _) = app.add_user("liaison2", "liaison", None).await;
    let (_, manager) = app.add_user("manager1", "manager", None).await;
    let projects = [
        (
            "硅片产线",
            a,
            vec![l1],
            vec![
                filing(),
                step(
                    "land",
                    "用地预审",
                    "区规划资源局",
                    "立项用地规划许可",
                    20,
                    Some(5),
                    &["filing"],
                ),
                step(
                    "eia",
                    "环评审批",
                    "区生态环境局",
                    "工程建设许可",
                    30,
                    Some(10),
                    &["filing"],
                ),
                step(
                    "permit",
                    "施工许可证",
                    "区建管委",
                    "施工许可",
                    7,
                    None,
                    &["land", "eia"],
                ),
            ],
            vec![
                ("filing", "accept", "03-02"),
                ("filing", "approve", "03-02"),
                ("land", "accept", "03-03"),
                ("land", "approve", "03-10"),
                ("eia", "accept", "03-02"),
                ("eia", "approve", "03-13"),
                ("permit", "accept", "03-16"),
            ],
        ),
        (
            "生物医药基地",
            b,
            vec![l2],
            vec![
                filing(),
                step(
                    "energy",
                    "节能审查",
                    "区发改委",
                    "工程建设许可",
                    20,
                    Some(5),
                    &["filing"],
                ),
                step(
                    "safety",
                    "危化品安全条件审查",
                    "区应急管理局",
                    "工程建设许可",
                    45,
                    Some(10),
                    &["filing"],
                ),
                step(
                    "permit",
                    "施工许可证",
                    "区建管委",
                    "施工许可",
                    7,
                    None,
                    &["energy", "safety"],
                ),
            ],
            vec![
                ("filing", "accept", "03-02"),
                ("filing", "approve", "03-02"),
                ("energy", "accept", "03-03"),
                ("safety", "accept", "03-03"),
                ("safety", "request_materials", "03-05"),
                ("safety", "resubmit", "03-16"),
            ],
        ),
        (
            "涂料仓库",
            a,
            vec![l1, l2],
            vec![
                filing(),
                step(
                    "design",
                    "设计方案审查",
                    "区规划资源局",
                    "工程建设许可",
                    20,
                    Some(10),
                    &["filing"],
                ),
            ],
            vec![
                ("filing", "accept", "03-02"),
                ("filing", "approve", "03-02"),
                ("design", "accept", "03-02"),
                ("design", "approve", "03-16"),
            ],
        ),
        (
            "标准厂房",
            b,
            vec![l2],
            vec![
                filing(),
                step(
                    "works",
                    "建设工程规划许可证",
                    "区规划资源局",
                    "工程建设许可",
                    20,
                    Some(5),
                    &["filing"],
                ),
                step(
                    "permit",
                    "施工许可证",
                    "区建管委",
                    "施工许可",
                    7,
                    Some(3),
                    &["works"],
                ),
            ],
            vec![
                ("filing", "accept", "03-02"),
                ("filing", "approve", "03-02"),
                ("works", "accept", "03-03"),
                ("works", "approve", "03-06"),
                ("permit", "accept", "03-09"),
                ("permit", "approve", "03-11"),
            ],
        ),
        (
            "仓储中心",
            b,
            vec![l1],
            vec![step(
                "eia",
                "环评审批",
                "区生态环境局",
                "立项用地规划许可",
                30,
                Some(20),
                &[],
            )],
            vec![("eia", "accept", "03-02"), ("eia", "approve", "03-05")],
        ),
    ];
    for (name, ent, liaisons, steps, events) in projects {
        let body = json!({"name": name, "enterprise_id": ent, "steps": steps, "liaison_ids": liaisons, "start_date": "2026-03-02"});
        let id = app.add_project(&app.admin, &body).await.ok(201)["id"]
            .as_i64()
            .unwrap();
        for (key, action, on) in events {
            let path = format!("/api/v1/projects/{id}/steps/{key}/events");
            app.post(
                &path,
                &app.admin,
                &crate::helpers::event_body(action, format!("2026-{on}")),
            )
            .await
            .ok(200);
        }
    }
    manager
}

pub(crate) async fn bytes(app: &TestApp, path: &str, token: &str) -> (u16, String, Vec<u8>) {
    let r = app
        .client
        .get(app.url(path))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    let ct = r
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, ct, r.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn the_json_report_has_the_hand_computed_figures() {
    let app = spawn_app().await;
    let manager = zone(&app).await;
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W13", &manager)
        .await;
    assert_eq!(r.problem(422)["code"], "week_not_begun", "{}", r.body);
    assert_eq!(r.body["args"]["today"], "2026-03-16", "{}", r.body);
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W11", &manager)
        .await
        .ok(200)
        .clone();
    assert_eq!(r["as_of"], "2026-03-15");
    let t = &r["portfolio_total"];
    assert_eq!(
        (
            t["projects"].as_i64(),
            t["red"].as_i64(),
            t["yellow"].as_i64(),
            t["no_light"].as_i64(),
            t["stalled"].as_i64()
        ),
        (Some(5), Some(1), Some(1), Some(3), Some(1))
    );
    let finished: Vec<(&str, i64)> = r["finished_steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["step_key"].as_str().unwrap(),
                s["days_used"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(finished, [("land", 5), ("permit", 2), ("eia", 9)]);
    assert_eq!(r["turned_red"][0]["red_on"], "2026-03-11");
    assert_eq!(r["overdue"][0]["days_over"], 3);
    assert_eq!(r["overdue"][0]["liaisons"], "liaison2");
    assert_eq!(r["stalled"][0]["days_waiting"], 6);
    assert_eq!(r["time_saved"]["week"]["saved_days"], 20);
    assert_eq!(r["time_saved"]["week"]["saved_calendar_days"], 29);
    assert_eq!(r["time_saved"]["year_to_date"]["saved_days"], 47);
    assert_eq!(r["time_saved"]["year_to_date"]["saved_calendar_days"], 69);
    insta::assert_json_snapshot!("weekly_json", r, {".generated_at" => "[generated_at]", ".**.project_id" => "[id]", ".liaisons[].user_id" => "[id]"});
}

#[tokio::test]
async fn csv_html_and_xlsx_agree_with_the_figures() {
    let app = spawn_app().await;
    let manager = zone(&app).await;
    let (status, ct, csv) = bytes(
        &app,
        "/api/v1/reports/weekly?week=2026-W11&format=csv",
        &manager,
    )
    .await;
    assert_eq!((status, ct.as_str()), (200, "text/csv; charset=utf-8"));
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with BOM");
    insta::assert_snapshot!("weekly_csv", String::from_utf8(csv[3..].to_vec()).unwrap());

    let r = app
        .client
        .get(app.url("/api/v1/reports/weekly?week=2026-W11"))
        .bearer_auth(&manager)
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
    let html = r.text().await.unwrap();
    assert!(html.contains("<svg"), "an SVG chart");
    insta::assert_snapshot!("weekly_html", html);

    let (status, ct, xlsx) = bytes(
        &app,
        "/api/v1/reports/weekly?week=2026-W11&format=xlsx",
        &manager,
    )
    .await;
    assert_eq!(
        (status, ct.as_str()),
        (
            200,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    );
    check_xlsx(xlsx);
}

fn s(v: &str) -> Data {
    Data::String(v.into())
}
fn n(v: f64) -> Data {
    Data::Float(v)
}

/// The spreadsheet read back, cell by cell.
pub fn check_xlsx(bytes: Vec<u8>) {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Portfolio",
            "Finished",
            "Turned red",
            "Overdue",
            "Stalled",
            "Time saved",
            "Liaisons",
            "Agencies",
            "Requests",
            "Forecast starts",
            "Forecast permits"
        ]
    );
    let rows = |book: &mut Xlsx<_>, name: &str| -> Vec<Vec<Data>> {
        book.worksheet_range(name)
            .unwrap()
            .rows()
            .map(|r| r.to_vec())
            .collect()
    };
    let portfolio = rows(&mut book, "Portfolio");
    assert_eq!(portfolio[0][0], s("阶段 Stage"));
    assert_eq!(
        portfolio[2],
        [
            s("工程建设许可"),
            n(2.0),
            n(1.0),
            n(1.0),
            n(0.0),
            n(0.0),
            n(1.0)
        ]
    );
    assert_eq!(
        portfolio[3],
        [
            s("施工许可"),
            n(1.0),
            n(0.0),
            n(0.0),
            n(0.0),
            n(1.0),
            n(0.0)
        ]
    );
    assert_eq!(
        portfolio[5],
        [s("已完成"), n(2.0), n(0.0), n(0.0), n(0.0), n(2.0), n(0.0)]
    );
    assert_eq!(
        portfolio[6],
        [s("合计"), n(5.0), n(1.0), n(1.0), n(0.0), n(3.0), n(1.0)]
    );
    let finished = rows(&mut book, "Finished");
    assert_eq!(finished.len(), 4);
    assert_eq!(
        finished[1],
        [
            s("硅片产线"),
            s("用地预审"),
            s("区规划资源局"),
            s("liaison1"),
            s("已批准 approved"),
            s("2026-03-03"),
            s("2026-03-10"),
            n(5.0),
            n(5.0),
            n(0.0),
            n(5.0),
            n(0.0)
        ]
    );
    assert_eq!(
        finished[2],
        [
            s("标准厂房"),
            s("施工许可证"),
            s("区建管委"),
            s("liaison2"),
            s("已批准 approved"),
            s("2026-03-09"),
            s("2026-03-11"),
            n(3.0),
            n(2.0),
            n(0.0),
            n(2.0),
            n(0.0)
        ]
    );
    assert_eq!(finished[3][6..9], [s("2026-03-13"), n(10.0), n(9.0)]);
    assert_eq!(
        rows(&mut book, "Turned red")[1],
        [
            s("生物医药基地"),
            s("节能审查"),
            s("区发改委"),
            s("liaison2"),
            s("2026-03-10"),
            s("2026-03-11")
        ]
    );
    assert_eq!(
        rows(&mut book, "Overdue")[1],
        [
            s("生物医药基地"),
            s("节能审查"),
            s("区发改委"),
            s("liaison2"),
            s("2026-03-10"),
            n(3.0)
        ]
    );
    assert_eq!(
        rows(&mut book, "Stalled")[1],
        [
            s("生物医药基地"),
            s("危化品安全条件审查"),
            s("区应急管理局"),
            s("liaison2"),
            s("2026-03-05"),
            n(6.0)
        ]
    );
    let saved = rows(&mut book, "Time saved");
    assert_eq!(
        saved[1],
        [
            s("本周 Week"),
            s("实际 actual"),
            s("2026-03-09"),
            s("2026-03-15"),
            n(1.0),
            n(27.0),
            n(7.0),
            n(20.0),
            n(0.0),
            n(20.0),
            n(29.0)
        ]
    );
    assert_eq!(
        saved[2],
        [
            s("年初至今 Year to date"),
            s("实际 actual"),
            s("2026-01-01"),
            s("2026-03-15"),
            n(2.0),
            n(57.0),
            n(10.0),
            n(47.0),
            n(0.0),
            n(47.0),
            n(69.0)
        ]
    );
    let liaisons = rows(&mut book, "Liaisons");
    assert_eq!(
        liaisons[1],
        [
            s("liaison1"),
            n(2.0),
            n(1.0),
            n(0.0),
            n(1.0),
            n(0.0),
            n(2.0)
        ]
    );
    assert_eq!(
        liaisons[2],
        [
            s("liaison2"),
            n(2.0),
            n(3.0),
            n(1.0),
            n(1.0),
            n(1.0),
            n(1.0)
        ]
    );
    let agencies = rows(&mut book, "Agencies");
    assert_eq!(
        agencies[1],
        [s("区发改委"), n(4.0), n(0.0), n(0.0), n(0.0), n(1.0)]
    );
    assert_eq!(
        agencies[2],
        [
            s("区应急管理局"),
            n(0.0),
            Data::Empty,
            Data::Empty,
            n(0.0),
            n(1.0)
        ]
    );
    assert_eq!(
        agencies[3],
        [s("区建管委"), n(1.0), n(2.0), n(3.0), n(0.0), n(0.0)]
    );
    assert_eq!(
        agencies[4],
        [s("区生态环境局"), n(2.0), n(6.0), n(15.0), n(0.0), n(0.0)]
    );
    assert_eq!(
        agencies[5],
        [s("区规划资源局"), n(2.0), n(4.0), n(5.0), n(0.0), n(1.0)]
    );
}

#[tokio::test]
async fn the_current_week_is_read_as_of_today() {
    let app = spawn_app().await;
    let manager = zone(&app).await;
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W12", &manager)
        .await
        .ok(200)
        .clone();
    assert_eq!(r["as_of"], "2026-03-16");
    // 03-16: P3 design approved (used 10 of 10), P2 safety back in review, P1 permit accepted.
    assert_eq!(r["finished_steps"][0]["step_key"], "design");
    assert_eq!(r["finished_steps"][0]["days_used"], 10);
    assert_eq!(r["stalled"], json!([]));
    assert_eq!(r["time_saved"]["week"]["projects_finished"], 1);
    // No week given: last week.
    let last = app
        .get("/api/v1/reports/weekly", &manager)
        .await
        .ok(200)
        .clone();
    assert_eq!(last["week"], "2026-W11");
}

#[tokio::test]
async fn only_managers_and_admins_read_reports_and_bad_queries_are_refused() {
    let app = spawn_app().await;
    let manager = zone(&app).await;
    let liaison = app.login("liaison1", crate::helpers::PASSWORD).await;
    app.get("/api/v1/reports/weekly?week=2026-W11", &liaison)
        .await
        .problem(403);
    app.get_anon("/api/v1/reports/weekly?week=2026-W11")
        .await
        .problem(401);
    app.get("/api/v1/reports/weekly?week=2026-W11", &app.admin)
        .await
        .ok(200);
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W11&format=pdf", &manager)
        .await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "format");
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W60", &manager)
        .await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "week");
    // A week that has not begun.
    app.get("/api/v1/reports/weekly?week=2026-W13", &manager)
        .await
        .problem(422);
}

mod monday_email {
    use approval_tracker::config::Settings;

    use super::{check_xlsx, zone};
    use crate::helpers::{default_now, spawn_app_with, TestApp};
    use crate::smtp::SmtpServer;
    use serde_json::json;

    async fn app(smtp: &SmtpServer, on: bool) -> TestApp {
        let settings = smtp.settings();
        spawn_app_with(default_now(), move |s: &mut Settings| {
            s.smtp = settings;
            s.reports.weekly_email = on;
        })
        .await
    }

    async fn run(app: &TestApp, at: &str) {
        app.post("/api/v1/jobs/run", &app.admin, &json!({"at": at}))
            .await
            .ok(200);
    }

    fn weekly(smtp: &SmtpServer) -> Vec<crate::smtp::ReceivedMail> {
        smtp.messages()
            .into_iter()
            .filter(|m| m.to.contains("manager1@") && m.subject.contains("Weekly report"))
            .collect()
    }

    #[tokio::test]
    async fn monday_at_nine_the_managers_get_last_weeks_report_with_the_xlsx() {
        let smtp = SmtpServer::start();
        let app = app(&smtp, true).await;
        zone(&app).await;
        // Monday 03-16 08:59: the W10 report is the one due (it was never sent: catch-up).
        run(&app, "2026-03-16T00:59:00Z").await;
        let mails = weekly(&smtp);
        assert_eq!(mails.len(), 1);
        assert!(
            mails[0].subject.contains("2026-W10"),
            "{}",
            mails[0].subject
        );
        // 09:00: W11, once, however many runs follow.
        run(&app, "2026-03-16T01:00:00Z").await;
        run(&app, "2026-03-16T03:00:00Z").await;
        let mails = weekly(&smtp);
        assert_eq!(mails.len(), 2);
        let mail = &mails[1];
        assert!(mail.subject.contains("2026-W11"), "{}", mail.subject);
        assert!(
            mail.text_body.contains("本周节省 20 个工作日"),
            "{}",
            mail.text_body
        );
        assert_eq!(mail.attachments.len(), 1);
        let a = &mail.attachments[0];
        assert_eq!(a.filename, "weekly-report-2026-W11.xlsx");
        assert!(
            a.content_type
                .starts_with("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "{}",
            a.content_type
        );
        check_xlsx(a.bytes.clone());
    }

    #[tokio::test]
    async fn a_catch_up_run_sends_only_the_latest_missed_week() {
        let smtp = SmtpServer::start();
        let app = app(&smtp, true).await;
        zone(&app).await;
        run(&app, "2026-03-02T02:00:00Z").await; // Monday 03-02 10:00: W09
        run(&app, "2026-03-18T02:00:00Z").await; // down since: W10 and W11 missed
        let subjects: Vec<String> = weekly(&smtp).into_iter().map(|m| m.subject).collect();
        assert_eq!(subjects.len(), 2, "{subjects:?}");
        assert!(
            subjects[0].contains("2026-W09") && subjects[1].contains("2026-W11"),
            "{subjects:?}"
        );
    }

    #[tokio::test]
    async fn reports_weekly_email_false_turns_it_off() {
        let smtp = SmtpServer::start();
        let app = app(&smtp, false).await;
        zone(&app).await;
        run(&app, "2026-03-16T01:00:00Z").await;
        assert!(weekly(&smtp).is_empty());
    }
}
