//! Calibration (docs/rules.md "Forecasts"): a zone whose EIA times are drawn from known
//! distributions (lead uniform on 20–60 working days, agency time uniform on 10–30, no
//! 补正), forecast as of a past day from what was known then, and checked against what
//! happened since.
//!
//! Worked by hand: with L ~ U{20…60} and A ~ U{10…30} independent, P(L + A ≤ s) is the
//! share of the 41 × 21 pairs with a sum ≤ s: ≤ 59 is 0.488, ≤ 60 is 0.512, ≤ 71 is 0.779,
//! ≤ 72 is 0.801. So a step that could start on day D finishes by D + 60 working days in
//! half the cases (P50) and by D + 72 in 80 % (P80). The history below draws its 240
//! leads and agency times by strides through those ranges (each value 5 or 6 times, pairs
//! spread like independent draws): its percentiles are the same, 60 and 72. With 2,000
//! samples a percentile's share is known to ±0.009 (one standard deviation), so P50 may
//! read 59…61 and P80 71…73; that is the sampling error the assertions allow. The 240
//! projects forecast are drawn by other strides: 49 % of them finish by 59, 51 % by 60,
//! 77.5 % by 71, 80 % by 72 and 82.1 % by 73, so the P80 coverage lies in 77.5–82.1 %, inside
//! the 75–85 % an honest forecast keeps.

use chrono::NaiveDate;
use serde_json::json;

use approval_tracker::domain::calendar::WorkCalendar;
use approval_tracker::service::calendar::calendar_file;
use approval_tracker::service::forecasts::backtest;
use approval_tracker::service::Clock;

use crate::helpers::{default_now, spawn_app, test_settings, TestApp, CODE_A};

const HEADER: &str = "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,promised_days,depends_on,accepted_on,requested_on,resubmitted_on,approved_on,rejected_on,waived_on,notice";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// The official calendar as shipped, to write the test's dates in working days.
fn calendar() -> WorkCalendar {
    let years = calendar_file::parse(include_str!("../../config/calendar/cn.toml")).unwrap();
    WorkCalendar::new(years)
}

/// The day the backtest looks back from.
const AS_OF: &str = "2025-09-15";

/// Two rows of one project: filing approved on `start`, EIA accepted `lead` working days
/// later and approved `agency` working days after that.
fn project(cal: &WorkCalendar, name: &str, start: NaiveDate, lead: u32, agency: u32) -> String {
    let accepted = cal.add_working_days(start, lead);
    let approved = cal.add_working_days(accepted, agency);
    format!(
        "\n{name},{CODE_A},{start},,filing,项目备案,区发改委,立项用地规划许可,0,,,{start},,,{start},,,\
         \n{name},{CODE_A},{start},,eia,环评审批,区生态环境局,工程建设许可,30,,filing,{accepted},,,{approved},,,"
    )
}

/// 240 projects finished before `AS_OF` (started one working day apart from 2024-03-04,
/// finished by August 2025), and 240 started on `AS_OF` and finished since (by
/// January 2026, before today 2026-03-16).
async fn zone(app: &TestApp) -> Vec<(u32, u32)> {
    let cal = calendar();
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let mut rows = String::from(HEADER);
    for i in 0..240u32 {
        let start = cal.add_working_days(d("2024-03-04"), i);
        let (lead, agency) = (20 + (i * 17) % 41, 10 + (i * 13) % 21);
        rows.push_str(&project(&cal, &format!("已办结{i}"), start, lead, agency));
    }
    let mut forecast = Vec::new();
    for j in 0..240u32 {
        let (lead, agency) = (20 + (j * 23 + 5) % 41, 10 + (j * 11 + 3) % 21);
        rows.push_str(&project(&cal, &format!("回测{j}"), d(AS_OF), lead, agency));
        forecast.push((lead, agency));
    }
    rows.push('\n');
    app.post_raw("/api/v1/imports", &app.admin, &rows, "text/csv")
        .await
        .ok(201);
    forecast
}

#[tokio::test]
async fn forecasts_from_a_known_history_are_honest_when_checked_against_what_happened() {
    let app = spawn_app().await;
    let drawn = zone(&app).await;
    // The projects forecast finish as the hand-worked shares say (the premise of the test).
    let within = |n: u32| drawn.iter().filter(|(l, a)| l + a <= n).count();
    assert_eq!([within(59), within(60), within(72)], [118, 123, 192]);

    // One of them, as of the day it started: P50 and P80 of the distribution, ±1 (above).
    let cal = calendar();
    let list = app
        .get("/api/v1/projects?q=回测0&per_page=5", &app.admin)
        .await
        .ok(200)
        .clone();
    let id = list["items"][0]["id"].as_i64().unwrap();
    let f = app
        .get(
            &format!("/api/v1/projects/{id}/forecast?as_of={AS_OF}"),
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    let eia = f["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "eia")
        .unwrap()
        .clone();
    assert_eq!(eia["history"], "step_agency");
    assert_eq!(eia["observations"], 240);
    let day = |k: u32| json!(cal.add_working_days(d(AS_OF), k).to_string());
    assert!([day(59), day(60), day(61)].contains(&eia["p50"]), "{eia}");
    assert!([day(71), day(72), day(73)].contains(&eia["p80"]), "{eia}");

    // The backtest as of that day: 240 steps and 240 projects (each project's last step is
    // its EIA), P80 coverage 186…197 of 240 (77.5–82.1 %) and P50 118…129 (49.2–53.8 %),
    // as above.
    let settings = test_settings(&app.db_url);
    let b = tokio::task::spawn_blocking(move || {
        let state =
            approval_tracker::startup::prepare(&settings, Clock::Fixed(default_now())).unwrap();
        let mut conn = state.pool.get().unwrap();
        let env = state.env_with(&mut conn).unwrap();
        backtest::run(&mut conn, &env, d(AS_OF)).unwrap()
    })
    .await
    .unwrap();
    assert_eq!((b.steps, b.projects), (240, 240), "{b:?}");
    assert!((0.77..=0.825).contains(&b.p80_coverage), "{b:?}");
    assert!((0.49..=0.54).contains(&b.p50_coverage), "{b:?}");
    // The law's schedule counts EIA at its 30 working days: it misses by |L + A − 30|,
    // 30 on average here; the forecast's median misses by about half that.
    assert!(b.mae_forecast_days < b.mae_schedule_days / 2.0, "{b:?}");
}

/// The year's targets from the same known distributions: the construction permit's own
/// history drawn by the strides above (lead U{20…60}, agency U{10…30}), then four projects
/// planned to start this year whose permit could start 59, 60, 71 and 72 working days
/// before 31 December 2026 (each a filing, whose history takes no time, then the permit;
/// no permit-to-开工 history, so 开工 is the permit's day). Each starts this year when
/// L + A ≤ its days: by hand from the uniform distributions 0.488, 0.512, 0.779 and 0.801
/// (the strides' own marginals give 0.490, 0.514, 0.780 and 0.802), so the expected starts
/// are 2.58. Each probability is read from 2,000 samples (±0.011, one standard deviation), so
/// the sum may read 2.58 ± 0.07 (three). The count's distribution (each project one trial):
/// P(≤ 0) = 0.011, P(≤ 1) = 0.115, P(≤ 2) = 0.447, P(≤ 3) = 0.843, so P10 = 1 and P90 = 4;
/// P(≥ 3) = 0.553 against a target of 3.
#[tokio::test]
async fn the_years_starts_from_a_known_history_are_the_sum_worked_by_hand() {
    let app = spawn_app().await;
    let cal = calendar();
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let permit = |name: &str, start: NaiveDate, lead: u32, agency: u32| {
        let accepted = cal.add_working_days(start, lead);
        let approved = cal.add_working_days(accepted, agency);
        format!(
            "\n{name},{CODE_A},{start},,filing,项目备案,区发改委,立项用地规划许可,0,,,{start},,,{start},,,\
             \n{name},{CODE_A},{start},,construction-permit,施工许可证,区建管委,施工许可,30,,filing,{accepted},,,{approved},,,"
        )
    };
    let mut rows = String::from(HEADER);
    for i in 0..240u32 {
        // Finished within the 730 days before today (2026-03-16).
        let start = cal.add_working_days(d("2024-06-03"), i);
        let (lead, agency) = (20 + (i * 17) % 41, 10 + (i * 13) % 21);
        rows.push_str(&permit(&format!("已发证{i}"), start, lead, agency));
    }
    // The day `days` working days before 31 December 2026 (a working day).
    let end = d("2026-12-31");
    let before = |days: u32| {
        let mut s = end;
        while cal.add_working_days(s, days) != end {
            s = s.pred_opt().unwrap();
        }
        s
    };
    for days in [59, 60, 71, 72] {
        let start = before(days);
        rows.push_str(&format!(
            "\n计划{days},{CODE_A},{start},,filing,项目备案,区发改委,立项用地规划许可,0,,,,,,,,,\
             \n计划{days},{CODE_A},{start},,construction-permit,施工许可证,区建管委,施工许可,30,,filing,,,,,,,"
        ));
    }
    rows.push('\n');
    let made = app
        .post_raw("/api/v1/imports", &app.admin, &rows, "text/csv")
        .await
        .ok(201)
        .clone();
    let ids = made["project_ids"].as_array().unwrap();
    for id in &ids[240..] {
        let planned = json!({"started": {"planned": "2026-12-01"}});
        let path = format!("/api/v1/projects/{}/milestones", id.as_i64().unwrap());
        app.put(&path, &app.admin, &planned, None).await.ok(200);
    }
    let target = json!({"starts": 3, "productions": 0});
    app.put("/api/v1/targets/2026", &app.admin, &target, None)
        .await
        .ok(200);
    let t = app
        .get("/api/v1/forecast/targets?year=2026", &app.admin)
        .await
        .ok(200)
        .clone();
    let expected = t["expected"].as_f64().unwrap();
    assert!((expected - 2.58).abs() <= 0.07, "{t}");
    assert_eq!((&t["p10"], &t["p90"]), (&json!(1), &json!(4)), "{t}");
    let reach = t["probability_of_target"].as_f64().unwrap();
    assert!((reach - 0.553).abs() <= 0.05, "{t}");
    // Least likely first: the one with 59 days, then 60, 71, 72.
    let names: Vec<&str> = t["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["计划59", "计划60", "计划71", "计划72"], "{t}");
}
