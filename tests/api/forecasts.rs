//! Forecasts from the zone's own history (docs/rules.md "Forecasts"), worked by hand on the
//! official calendar: today is Monday 2026-03-16.

use serde_json::{json, Value};

use crate::helpers::{default_now, spawn_app, spawn_second_instance, TestApp, CODE_A, CODE_B};

pub(crate) const HEADER: &str = "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,promised_days,depends_on,accepted_on,requested_on,resubmitted_on,approved_on,rejected_on,waived_on,notice";

/// Eight finished projects, each the same: filing approved Mon 2025-11-03 (the day it
/// started); EIA accepted Mon 11-17 (10 working days later: November 2025 has no holiday)
/// and approved Mon 12-08 (15 working days after acceptance, no 补正; its limit is 30). So
/// every EIA observation at 区生态环境局 is lead 10, agency 15, paused 0.
/// Then the project forecast: filing approved today, EIA pending, the construction permit
/// (区建管委, 7 days, no history anywhere) after EIA.
pub(crate) async fn zone(app: &TestApp) -> i64 {
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    app.add_enterprise("松江生物医药有限公司", CODE_B).await;
    let mut rows = String::from(HEADER);
    for i in 1..=8 {
        rows.push_str(&format!(
            "\n已投产项目{i},{CODE_B},2025-11-03,,filing,项目备案,区发改委,立项用地规划许可,0,,,2025-11-03,,,2025-11-03,,,\
             \n已投产项目{i},{CODE_B},2025-11-03,,eia,环评审批,区生态环境局,工程建设许可,30,,filing,2025-11-17,,,2025-12-08,,,"
        ));
    }
    rows.push_str(&format!(
        "\n硅片产线,{CODE_A},2026-03-16,,filing,项目备案,区发改委,立项用地规划许可,0,,,2026-03-16,,,2026-03-16,,,\
         \n硅片产线,{CODE_A},2026-03-16,,eia,环评审批,区生态环境局,工程建设许可,30,,filing,,,,,,,\
         \n硅片产线,{CODE_A},2026-03-16,,construction-permit,施工许可证,区建管委,施工许可,7,,eia,,,,,,,\n"
    ));
    let r = app
        .post_raw("/api/v1/imports", &app.admin, &rows, "text/csv")
        .await;
    let ids = r.ok(201)["project_ids"].as_array().unwrap().clone();
    ids.last().unwrap().as_i64().unwrap()
}

/// The id of the enterprise with this credit code.
pub(crate) async fn enterprise(app: &TestApp, code: &str) -> Option<i64> {
    let all = app
        .get("/api/v1/enterprises", &app.admin)
        .await
        .ok(200)
        .clone();
    all["items"]
        .as_array()?
        .iter()
        .find(|e| e["credit_code"] == code)?["id"]
        .as_i64()
}

fn step<'a>(f: &'a Value, key: &str) -> &'a Value {
    f["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == key)
        .unwrap()
}

#[tokio::test]
async fn a_step_with_one_kind_of_history_takes_it_and_one_without_takes_its_limit() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    let f = app
        .get(&format!("/api/v1/projects/{id}/forecast"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(f["as_of"], "2026-03-16");
    assert_eq!(f["samples"], 2000);
    // EIA could start today (filing approved today): lead 10 → accepted Mon 03-30; agency 15
    // → 03-31 … 04-03 (4), 04-04 … 04-06 off (清明), 04-07 … 04-21 (11): Tue 2026-04-21.
    let eia = step(&f, "eia");
    assert_eq!(
        (&eia["p50"], &eia["p80"]),
        (&json!("2026-04-21"), &json!("2026-04-21"))
    );
    assert_eq!(eia["history"], "step_agency");
    assert_eq!(eia["observations"], 8);
    assert_eq!(eia["criticality"], 1.0);
    // The permit has no history (17 observations in the zone, fewer than 30): its limit of
    // 7 after 04-21: 04-22 … 04-24 (3), 04-27 … 04-30 (7): Thu 2026-04-30.
    let permit = step(&f, "construction-permit");
    assert_eq!(
        (&permit["p50"], &permit["p80"]),
        (&json!("2026-04-30"), &json!("2026-04-30"))
    );
    assert_eq!(permit["history"], "none");
    assert_eq!(permit["observations"], 0);
    let day = json!({"p50": "2026-04-30", "p80": "2026-04-30"});
    assert_eq!(f["permit"], day);
    assert_eq!(f["finish"], day);
    // No permit-to-开工 history: 开工 is forecast on the permit's day.
    assert_eq!(f["started"], day);
    // The law's schedule is not changed by it: EIA takes its 30 working days from today
    // (04-28), the permit 7 more: 04-29, 04-30, (05-01 … 05-05 off), 05-06 … 05-08, Sat
    // 05-09 (a make-up working day), Mon 05-11.
    let s = app
        .get(&format!("/api/v1/projects/{id}/schedule"), &app.admin)
        .await
        .ok(200)
        .clone();
    assert_eq!(s["projected_finish"], "2026-05-11");
}

#[tokio::test]
async fn the_same_data_and_day_give_the_same_figures_and_a_past_day_knows_less() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    let path = format!("/api/v1/projects/{id}/forecast?samples=500");
    let once = app.get(&path, &app.admin).await.ok(200).clone();
    let again = app.get(&path, &app.admin).await.ok(200).clone();
    assert_eq!(once, again);
    assert_eq!(once["samples"], 500);
    // A ninth EIA finishes: every instance's forecast draws from it at once (the history
    // kept by an instance starts over with any commit, on any instance).
    let other = spawn_second_instance(&app, default_now(), |_| {}).await;
    let count = |f: &Value| step(f, "eia")["observations"].clone();
    assert_eq!(
        count(&other.get(&path, &app.admin).await.ok(200).clone()),
        8
    );
    let ninth = format!(
        "{HEADER}\n第九个项目,{CODE_B},2025-11-03,,filing,项目备案,区发改委,立项用地规划许可,0,,,2025-11-03,,,2025-11-03,,,\
         \n第九个项目,{CODE_B},2025-11-03,,eia,环评审批,区生态环境局,工程建设许可,30,,filing,2025-11-17,,,2025-12-08,,,\n"
    );
    app.post_raw("/api/v1/imports", &app.admin, &ninth, "text/csv")
        .await
        .ok(201);
    assert_eq!(count(&app.get(&path, &app.admin).await.ok(200).clone()), 9);
    assert_eq!(
        count(&other.get(&path, &app.admin).await.ok(200).clone()),
        9
    );
    // As of Friday 2025-12-05 no EIA had finished yet: no history, EIA takes its limit.
    let past = app
        .get(
            &format!("/api/v1/projects/{id}/forecast?as_of=2025-12-05"),
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(past["as_of"], "2025-12-05");
    assert_eq!(step(&past, "eia")["history"], "none");
}

#[tokio::test]
async fn a_forecast_is_refused_for_a_bad_day_or_sample_count_and_hidden_from_other_enterprises() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    let path = |q: &str| format!("/api/v1/projects/{id}/forecast{q}");
    let few = app.get(&path("?samples=5"), &app.admin).await;
    assert_eq!(few.problem(422)["errors"][0]["code"], "samples_range");
    assert_eq!(few.fields(), ["samples"]);
    let many = app.get(&path("?samples=20001"), &app.admin).await;
    assert_eq!(many.problem(422)["code"], "samples_range");
    let later = app.get(&path("?as_of=2026-03-17"), &app.admin).await;
    assert_eq!(later.problem(422)["code"], "as_of_after_today");
    assert_eq!(later.fields(), ["as_of"]);
    let far = app.get(&path("?as_of=1999-12-31"), &app.admin).await;
    assert_eq!(far.problem(422)["code"], "date_out_of_range");
    app.get(&path("?as_of=someday"), &app.admin)
        .await
        .problem(400);
    app.get(&path("?sample=5"), &app.admin).await.problem(400);
    app.get("/api/v1/projects/999/forecast", &app.admin)
        .await
        .problem(404);
    // An enterprise reads its own project's forecast, not another's.
    let other = enterprise(&app, CODE_B).await;
    let own = enterprise(&app, CODE_A).await;
    let (_, stranger) = app.add_user("firm_b", "enterprise", other).await;
    app.get(&path(""), &stranger).await.problem(404);
    let (_, owner) = app.add_user("firm_a", "enterprise", own).await;
    app.get(&path(""), &owner).await.ok(200);
}

#[tokio::test]
async fn the_years_starts_are_forecast_beside_the_target() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    let path = "/api/v1/forecast/targets?year=2026";
    // Nothing planned to start in 2026 yet: no one counted, nothing at risk.
    let none = app.get(path, &app.admin).await.ok(200).clone();
    assert_eq!(
        (&none["started"], &none["expected"], &none["projects"]),
        (&json!(0), &json!(0.0), &json!([]))
    );
    // 开工 planned for September: the permit comes on 04-30 in every sample (above), and
    // with no permit-to-开工 history 开工 is that day, before 31 December: probability 1.
    crate::forecasts_zone::planned(&app, id).await;
    let t = app.get(path, &app.admin).await.ok(200).clone();
    assert_eq!(t["year"], 2026);
    assert_eq!(t["target"], 2);
    assert_eq!(t["started"], 0);
    assert_eq!(t["expected"], 1.0);
    assert_eq!((&t["p10"], &t["p90"]), (&json!(1), &json!(1)));
    // One start at most, against a target of two.
    assert_eq!(t["probability_of_target"], 0.0);
    let p = &t["projects"][0];
    assert_eq!((&p["id"], &p["name"]), (&json!(id), &json!("硅片产线")));
    assert_eq!(p["probability"], 1.0);
    assert_eq!(p["delaying_step"], "eia");
    // The cockpit says the same, in words, and links the project.
    let mut c = crate::pages::client::PageClient::new(&app);
    c.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let page = c.get("/overview").await;
    assert!(
        page.body
            .contains("今年预计开工 1.0 个（八成把握在 1–1 个之间）；目标 2 个，达成概率 0%"),
        "{}",
        page.body
    );
    assert!(page.body.contains(&format!(
        r#"<tr id="starts-at-risk-{id}"><td><a href="/projects/{id}">硅片产线</a>"#
    )));
    assert!(page
        .body
        .contains("<td class=\"n\">100%</td><td>环评审批</td>"));
    // Staff only; a year outside the product's range is refused beside its field.
    let ent = enterprise(&app, CODE_A).await;
    let (_, firm) = app.add_user("firm_a", "enterprise", ent).await;
    app.get(path, &firm).await.problem(403);
    let far = app
        .get("/api/v1/forecast/targets?year=1999", &app.admin)
        .await;
    assert_eq!(far.problem(422)["code"], "date_out_of_range");
}

#[tokio::test]
async fn the_project_page_says_each_open_steps_forecast_in_words_beside_the_law() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    let mut c = crate::pages::client::PageClient::new(&app);
    c.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let page = c.get(&format!("/projects/{id}")).await;
    assert_eq!(page.status, 200);
    let body = &page.body;
    // The figures worked by hand above, in the words of docs/rules.md.
    assert!(
        body.contains("预计 2026年4月21日 前后；按本区以往项目，八成在 2026年4月21日 之前"),
        "{body}"
    );
    assert!(body.contains("依据本部门同一环节 8 个已办结案例 · 100% 的情形下处于最长路径"));
    assert!(body.contains("无历史数据，按法定时限计"));
    assert!(body.contains(r#"id="forecast-construction-permit" data-history="none""#));
    // The project's lines: the permit, the last approval and 开工 on 04-30.
    assert!(
        body.contains("<dt>施工许可</dt><dd>预计 2026年4月30日 前后"),
        "{body}"
    );
    assert!(body.contains("<dt>开工</dt><dd>预计 2026年4月30日 前后"));
    // The law's projected finish stays beside it (05-11).
    assert!(body.contains("2026年5月11日"));
    // The Gantt draws the permit's forecast range (04-30, in every sample) under its row;
    // the permit is also the last step, so there is no second band.
    let permit_row = body
        .split(r#"<g data-step="construction-permit">"#)
        .nth(1)
        .and_then(|r| r.split("</g>").next())
        .unwrap_or_default();
    assert!(
        permit_row.contains("预测（P50–P80）：2026年4月30日 – 2026年4月30日"),
        "{permit_row}"
    );
    assert!(permit_row.contains(r#"class="bar-forecast""#));
    assert_eq!(body.matches(r#"class="bar-forecast""#).count(), 1);
    // The enterprise reads the permit and 开工 as people say them, on its own page.
    let own = enterprise(&app, CODE_A).await;
    app.add_user("firm_a", "enterprise", own).await;
    let mut firm = crate::pages::client::PageClient::new(&app);
    firm.login("firm_a", crate::helpers::PASSWORD).await;
    let home = firm.get("/enterprise").await;
    assert!(
        home.body.contains(
            "按本区以往项目预测：施工许可八成在 2026年4月30日 之前；开工八成在 2026年4月30日 之前"
        ),
        "{}",
        home.body
    );
}

#[tokio::test]
async fn what_if_a_step_takes_longer_shows_both_forecasts_and_stores_nothing() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    let path = format!("/api/v1/projects/{id}/forecast");
    let own = enterprise(&app, CODE_A).await;
    let (_, owner) = app.add_user("firm_a", "enterprise", own).await;
    let before = app.snapshot().await;
    let r = app
        .post(
            &path,
            &app.admin,
            &json!({"assume": [{"step": "eia", "extra_days": 5}]}),
        )
        .await;
    let both = r.ok(200).clone();
    assert_eq!(step(&both["today"], "eia")["p50"], "2026-04-21");
    // Five working days more with the agency: 04-22 … 04-24, 04-27, 04-28; the permit's 7
    // after it: 04-29, 04-30, (05-01 … 05-05 off), 05-06 … 05-08, Sat 05-09, Mon 05-11.
    assert_eq!(step(&both["assumed"], "eia")["p50"], "2026-04-28");
    assert_eq!(both["assumed"]["finish"]["p80"], "2026-05-11");
    assert_eq!(both["today"]["finish"]["p80"], "2026-04-30");
    // Refused beside each bad field, nothing stored either way.
    let bad = app
        .post(
            &path,
            &app.admin,
            &json!({"assume": [{"step": "nope", "extra_days": 201}, {"step": "eia", "extra_days": -200}, {"step": "eia", "extra_days": 1}]}),
        )
        .await;
    let p = bad.problem(422).clone();
    assert_eq!(
        bad.fields(),
        ["assume[0].step", "assume[0].extra_days", "assume[2].step"],
        "{p}"
    );
    assert_eq!(
        bad.codes(),
        ["unknown_step", "extra_days_range", "step_assumed_twice"]
    );
    app.post(
        &path,
        &app.admin,
        &json!({"assume": [{"step": "eia", "days": 1}]}),
    )
    .await
    .problem(400);
    app.post(&path, &owner, &json!({"assume": []}))
        .await
        .problem(403);
    assert_eq!(app.snapshot().await, before);
}
