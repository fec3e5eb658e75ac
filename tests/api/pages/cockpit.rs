//! The managers' cockpit (`/overview`) and "One truth for time saved" (docs/rules.md): figures
//! worked by hand, the counts' links, who may open it, and the four surfaces agreeing.

use serde_json::{json, Value};

use super::client::PageClient;
use super::fixture::{zone, USER_PASSWORD};
use super::html_check::check_page;
use super::matrix::Callers;
use crate::helpers::{TestApp, CODE_A};

/// The text of the element whose opening tag carries `id="…"`, up to `end`.
fn part<'a>(body: &'a str, id: &str, end: &str) -> &'a str {
    let at = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &body[at..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The rows of a table, each cell's text without tags.
fn rows(body: &str, id: &str) -> Vec<Vec<String>> {
    let table = part(body, id, "</table>");
    let tbody = &table[table.find("<tbody>").unwrap()..];
    tbody
        .split("<tr>")
        .skip(1)
        .map(|r| {
            r.split("<td")
                .skip(1)
                .map(|c| {
                    let c = &c[c.find('>').unwrap() + 1..];
                    let c = &c[..c.find("</td>").unwrap()];
                    let mut text = String::new();
                    let mut tag = false;
                    for ch in c.chars() {
                        match ch {
                            '<' => tag = true,
                            '>' => tag = false,
                            _ if !tag => text.push(ch),
                            _ => {}
                        }
                    }
                    text.trim().to_string()
                })
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn the_cockpit_counts_link_to_their_lists_and_name_step_agency_and_liaison() {
    let z = zone().await; // today Monday 2026-03-16
    let mut boss = PageClient::new(&z.app);
    boss.login(&z.manager, USER_PASSWORD).await;
    let page = boss.get("/overview").await;
    assert_eq!(page.status, 200);
    let o = page.body;
    check_page("/overview", &o);
    // 九亭: land pre-review red (and EIA stalled); 晶圆厂二期: green, its pause 4 days old
    // (03-11..03-16 ≤ 5, not stalled). Each count links to the list behind it.
    for (id, href, n) in [
        ("count-red", "/projects?light=red", 1),
        ("count-yellow", "/projects?light=yellow", 0),
        ("count-stalled", "/projects?stalled=true", 1),
        ("count-green", "/projects?light=green", 1),
    ] {
        let a = part(&o, id, "</a>");
        assert!(a.contains(&format!("href=\"{href}\"")), "{id}: {a}");
        assert!(
            a.contains(&format!("<span class=\"count-n\">{n}</span>")),
            "{id}: {a}"
        );
    }
    // Land pre-review accepted 01-06, limit 20: due 02-03 (01-07..02-03, 01-01..03 off).
    // Over since: 02-04..02-13 (8), 02-14 make-up day (9), 02-24..27 (13), 02-28 make-up
    // (14), March 2..13 (24), 03-16 (25).
    let red = rows(&o, "red-list");
    assert_eq!(
        red,
        vec![vec![
            "九亭生物医药基地".to_string(),
            "用地预审与选址意见书".into(),
            "区规划资源局".into(),
            "25".into(),
            "xiaoer".into()
        ]]
    );
    assert!(part(&o, "red-list", "</table>").contains(&format!("href=\"/projects/{}\"", z.red)));
    // EIA waiting since 02-02: 02-03..02-13 (9), 02-14 (10), 02-24..28 (15), March (26).
    let stalled = rows(&o, "stalled-list");
    assert_eq!(stalled[0][1], "环评审批（报告表）");
    assert_eq!(stalled[0][2], "区生态环境局");
    assert_eq!(stalled[0][3], "26");
    assert_eq!(stalled[0][4], "xiaoer");
    assert_eq!(rows(&o, "yellow-list"), vec![vec!["无".to_string()]]);
    // Both projects on the standard route; by stage: both still in the first stage.
    assert_eq!(
        rows(&o, "by-route"),
        vec![vec!["一般工业项目（企业投资）".to_string(), "2".into()]]
    );
    let stage = rows(&o, "by-stage");
    assert_eq!(stage.len(), 2);
    assert!(stage.iter().all(|r| r[0] == "立项用地规划许可"));
    // Bottlenecks: 区规划资源局 first with its one overdue step (no step approved this
    // year: no median); 区发改委 approved two filings (0 days) and the energy review
    // (01-07..01-30: 17 days): median 0, nothing overdue.
    let agencies = rows(&o, "agencies");
    assert_eq!(agencies[0], ["区规划资源局", "–", "1", "25"]);
    let fgw = agencies.iter().find(|r| r[0] == "区发改委").unwrap();
    assert_eq!(fgw[1..], ["0.0", "0", "0"]);
    // The chart: two bars for each of the last 12 weeks, this one (W12) last.
    let chart = part(&o, "lights-chart", "</svg>");
    assert_eq!(chart.matches("<rect class=\"red\"").count(), 12);
    assert_eq!(chart.matches("<rect class=\"yellow\"").count(), 12);
    assert!(chart.find("2025-W53").is_some() || chart.find("2026-W01").is_some());
    assert!(chart.rfind("data-week=\"2026-W12\"").unwrap() > chart.find("2026-W11").unwrap());
    // Each week's bars are its report's red and yellow projects. 九亭's land pre-review (20
    // working days) was accepted Tue 01-06: day 16 = Wed 01-28 (7–9, 12–16, 19–23, 26–28),
    // so yellow at the end of W05 (Sun 02-01); due day 20 = Tue 02-03, red by W06's end.
    // W01: no project had started.
    let bar = |week: &str, light: &str| -> u64 {
        let title = format!("<title>{week} {light}: ");
        let at = chart.find(&title).unwrap_or_else(|| panic!("no {title}")) + title.len();
        chart[at..chart[at..].find('<').unwrap() + at]
            .parse()
            .unwrap()
    };
    let bars = |week: &str| (bar(week, "红灯·超期"), bar(week, "黄灯·临期"));
    assert_eq!(bars("2026-W01"), (0, 0));
    assert_eq!(bars("2026-W05"), (0, 1));
    assert_eq!(bars("2026-W06"), (1, 0));
    assert_eq!(bars("2026-W12"), (1, 0));
    for n in 1..=12 {
        let week = format!("2026-W{n:02}");
        let path = format!("/api/v1/reports/weekly?week={week}");
        let report = z.app.get(&path, &z.app.admin).await.ok(200).clone();
        let total = &report["portfolio_total"];
        let red_yellow = (
            total["red"].as_u64().unwrap(),
            total["yellow"].as_u64().unwrap(),
        );
        assert_eq!(bars(&week), red_yellow, "{week}");
    }
}

#[tokio::test]
async fn only_managers_and_admins_open_the_cockpit() {
    let z = zone().await;
    let mut who = Callers::of(&z).await;
    who.check_gets(&[("/overview".into(), [200, 200, 403, 403, 403, 403, 303])])
        .await;
}

/// A one-step route: "x", statutory 20, promised `promised`.
async fn one_step(app: &TestApp, ent: i64, name: &str, start: &str, promised: i64) -> i64 {
    let steps = json!([{"key": "x", "name": "审批", "agency": "区规划资源局",
        "stage": "工程建设许可", "statutory_days": 20, "promised_days": promised,
        "depends_on": []}]);
    let body = json!({"name": name, "enterprise_id": ent, "steps": steps,
        "liaison_ids": [], "start_date": start});
    app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap()
}

async fn ev(app: &TestApp, id: i64, action: &str, on: &str) {
    let path = format!("/api/v1/projects/{id}/steps/x/events");
    app.post(&path, &app.admin, &json!({"action": action, "on": on}))
        .await
        .ok(200);
}

#[tokio::test]
async fn time_saved_is_one_truth_in_the_api_the_overview_the_report_and_the_project_page() {
    let app = crate::helpers::spawn_app().await; // today Monday 2026-03-16
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    app.add_user("boss", "manager", None).await;
    // Last year: 2025-12-01..12-05, actual 4, baseline 20: saved 16, not this year's.
    let old = one_step(&app, ent, "去年项目", "2025-12-01", 20).await;
    ev(&app, old, "accept", "2025-12-01").await;
    ev(&app, old, "approve", "2025-12-05").await;
    // Finished this year: 03-02..03-06, actual 4; baseline 20 ends 03-30 (index 20);
    // saved 16 working days (0 by parallel routing, 16 by a faster agency), 03-30 − 03-06
    // = 24 calendar days.
    let done = one_step(&app, ent, "今年办结", "2026-03-02", 20).await;
    ev(&app, done, "accept", "2026-03-02").await;
    ev(&app, done, "approve", "2026-03-06").await;
    // In progress: accepted 03-02, promised 10, due 03-16 (today): projected 10; saved 10,
    // 03-30 − 03-16 = 14 calendar days.
    let running = one_step(&app, ent, "在办项目", "2026-03-02", 10).await;
    ev(&app, running, "accept", "2026-03-02").await;

    // The API keeps its fields (all three projects) and adds the split.
    let t = app
        .get("/api/v1/time-saved", &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(t["projects"], 3);
    assert_eq!(t["saved_days"], 16 + 16 + 10);
    assert_eq!(t["period_from"], "2026-01-01");
    assert_eq!(t["period_to"], "2026-03-16");
    let f = &t["finished"];
    assert_eq!(
        (
            &f["projects"],
            &f["saved_days"],
            &f["actual_days"],
            &f["saved_calendar_days"]
        ),
        (&json!(1), &json!(16), &json!(4), &json!(24))
    );
    assert_eq!(f["saved_by_faster_agencies_days"], 16);
    assert_eq!(f["projected"], false);
    let p = &t["in_progress"];
    assert_eq!(
        (
            &p["projects"],
            &p["saved_days"],
            &p["projected_days"],
            &p["actual_days"]
        ),
        (&json!(1), &json!(10), &json!(10), &Value::Null)
    );
    assert_eq!(p["saved_calendar_days"], 14);
    assert_eq!(p["projected"], true);

    // The overview: the same two figures, apart, the running one marked 预计.
    let mut boss = PageClient::new(&app);
    boss.login("boss", USER_PASSWORD).await;
    let o = boss.get("/overview").await.body;
    assert!(part(&o, "saved-finished", "</dd>").contains("节省 16 个工作日，约 24 个自然日"));
    let running_dd = part(&o, "saved-in-progress", "</dd>");
    assert!(running_dd.contains("预计") && running_dd.contains("节省 10 个工作日，约 14 个自然日"));
    assert!(part(&o, "saved-finished-projects", "</span>").ends_with(">1"));
    // The running step is yellow (10 of 10 days used ≥ 8, due today, not past): 0 days left.
    assert_eq!(
        rows(&o, "yellow-list"),
        vec![vec![
            "在办项目".to_string(),
            "审批".into(),
            "区规划资源局".into(),
            "0".into(),
            "".into()
        ]]
    );

    // The weekly report of this week (as of today): the year to date's finished and the
    // running projects, in JSON and in the HTML tables.
    let r = app
        .get(
            "/api/v1/reports/weekly?week=2026-W12&format=json",
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    let ytd = &r["time_saved"]["year_to_date"];
    assert_eq!(
        (&ytd["projects_finished"], &ytd["saved_days"]),
        (&json!(1), &json!(16))
    );
    assert_eq!(ytd["saved_calendar_days"], 24);
    let run = &r["time_saved"]["in_progress"];
    assert_eq!(
        (&run["projects_in_progress"], &run["saved_days"]),
        (&json!(1), &json!(10))
    );
    assert_eq!(run["saved_calendar_days"], 14);
    let html = app
        .client
        .get(app.url("/api/v1/reports/weekly?week=2026-W12&format=html"))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains(
        "<td>在办（预计） In progress (projected)</td><td>预计 projected</td><td></td><td>2026-03-16</td>"
    ));
    // In the XLSX the running figures are numbers, their basis column saying 预计
    // (issue 28): baseline 20, projected 10, saved 10 = 0 by parallel routing + 10 by a
    // faster agency, 14 calendar days (as above).
    let xlsx = app
        .client
        .get(app.url("/api/v1/reports/weekly?week=2026-W12&format=xlsx"))
        .bearer_auth(&app.admin)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.to_vec())).unwrap();
    use calamine::{Data, Reader};
    let saved: Vec<Vec<Data>> = book
        .worksheet_range("Time saved")
        .unwrap()
        .rows()
        .map(|r| r.to_vec())
        .collect();
    assert_eq!(
        saved[0][1],
        Data::String("实际/预计 Actual or projected".into())
    );
    let n = |v: f64| Data::Float(v);
    assert_eq!(
        saved[3],
        [
            Data::String("在办（预计） In progress (projected)".into()),
            Data::String("预计 projected".into()),
            Data::Empty,
            Data::String("2026-03-16".into()),
            n(1.0),
            n(20.0),
            n(10.0),
            n(10.0),
            n(0.0),
            n(10.0),
            n(14.0)
        ]
    );
    // The page shows the report in Chinese only.
    let page = boss.get("/reports/weekly?week=2026-W12").await.body;
    assert!(
        page.contains("<td>在办（预计）</td><td>预计</td>"),
        "{page}"
    );
    assert!(!page.contains("projected"), "{page}");

    // The project pages: each its own figure, labelled finished or projected.
    let page = boss.get(&format!("/projects/{done}")).await.body;
    let words = part(&page, "saved-words", "</p>");
    assert!(words.contains("已办结（实际）") && words.contains("节省 16 个工作日，约 24 个自然日"));
    let page = boss.get(&format!("/projects/{running}")).await.body;
    let words = part(&page, "saved-words", "</p>");
    assert!(words.contains("在办（预计）") && words.contains("节省 10 个工作日，约 14 个自然日"));
}
