//! The zone's forecasts: the year's starts under a what-if across agencies, and the same
//! figures wherever they are read (the API, the weekly report in every format, the cockpit)
//! for the same day. The zone of `forecasts::zone`, today Monday 2026-03-16.

use serde_json::json;

use crate::forecasts::zone;
use crate::helpers::{TestApp, CODE_A, CODE_B};

/// 开工 of 硅片产线 planned for September 2026 and a target of two starts.
pub(crate) async fn planned(app: &TestApp, id: i64) {
    let milestones = format!("/api/v1/projects/{id}/milestones");
    let planned = json!({"started": {"planned": "2026-09-01"}});
    app.put(&milestones, &app.admin, &planned, None)
        .await
        .ok(200);
    let target = json!({"starts": 2, "productions": 0});
    app.put("/api/v1/targets/2026", &app.admin, &target, None)
        .await
        .ok(200);
}

const PATH: &str = "/api/v1/forecast/targets?year=2026";

#[tokio::test]
async fn what_if_an_agency_is_ten_times_slower_the_years_start_is_lost() {
    let app = crate::helpers::spawn_app().await;
    let id = zone(&app).await;
    planned(&app, id).await;
    let ent = crate::forecasts::enterprise(&app, CODE_A).await;
    let (_, firm) = app.add_user("firm_a", "enterprise", ent).await;
    let before = app.snapshot().await;
    // Today: EIA at index 25 (04-21), the permit 7 later (04-30), 开工 that day: certain.
    // Both agencies ten times slower: EIA accepted at index 10 as before (the lead is the
    // enterprise's), then 15 × 10 = 150 with the agency (index 160), the permit 7 × 10 = 70
    // after it: index 230. From Monday 03-16 to 31 December 2026 there are 201 working days
    // (209 weekdays, 11 of them holidays, 3 make-up Saturdays and Sundays), so 31 December
    // is index 200 and 开工 misses the year in every sample.
    let slower = json!({"agencies": [
        {"agency": "区生态环境局", "factor": 10},
        {"agency": "区建管委", "factor": 10}
    ]});
    let both = app.post(PATH, &app.admin, &slower).await.ok(200).clone();
    assert_eq!(both["today"]["expected"], 1.0);
    assert_eq!(both["today"]["projects"][0]["probability"], 1.0);
    assert_eq!(both["assumed"]["expected"], 0.0);
    assert_eq!(both["assumed"]["projects"][0]["probability"], 0.0);
    assert_eq!(
        (&both["assumed"]["p10"], &both["assumed"]["p90"]),
        (&json!(0), &json!(0))
    );
    // Twice as slow still starts in the year (EIA index 40, permit 54): today's figures again.
    let twice = json!({"agencies": [{"agency": "区生态环境局", "factor": 2}]});
    let r = app.post(PATH, &app.admin, &twice).await.ok(200).clone();
    assert_eq!(r["assumed"]["expected"], 1.0);
    // Refused beside each bad field; nothing stored either way.
    let bad = json!({"agencies": [
        {"agency": "不存在的局", "factor": 0.05},
        {"agency": "区建管委", "factor": 2},
        {"agency": "区建管委", "factor": 10.5}
    ]});
    let r = app.post(PATH, &app.admin, &bad).await;
    let p = r.problem(422).clone();
    assert_eq!(
        r.fields(),
        [
            "agencies[0].agency",
            "agencies[0].factor",
            "agencies[2].agency",
            "agencies[2].factor"
        ],
        "{p}"
    );
    assert_eq!(
        r.codes(),
        [
            "unknown_agency",
            "factor_range",
            "agency_assumed_twice",
            "factor_range"
        ]
    );
    let unknown_field = json!({"agencies": [{"agency": "区建管委", "times": 2}]});
    app.post(PATH, &app.admin, &unknown_field)
        .await
        .problem(400);
    app.post(PATH, &firm, &twice).await.problem(403);
    assert_eq!(app.snapshot().await, before);
}

/// A ninth project like the eight finished ones (its EIA observation the same: lead 10,
/// agency 15), whose construction permit is still to come: it could start on 2025-12-08,
/// has no history (too few steps in the zone for the zone-wide fallback), so it takes its
/// 7-day limit from today: 03-17 … 03-20, 03-23 … 03-25. P50 = P80 = 2026-03-25, within
/// the four weeks the report looks ahead (03-16 … 04-13).
async fn permit_soon(app: &TestApp) -> i64 {
    let rows = format!(
        "{}\n待发证项目,{CODE_B},2025-11-03,,filing,项目备案,区发改委,立项用地规划许可,0,,,2025-11-03,,,2025-11-03,,,\
         \n待发证项目,{CODE_B},2025-11-03,,eia,环评审批,区生态环境局,工程建设许可,30,,filing,2025-11-17,,,2025-12-08,,,\
         \n待发证项目,{CODE_B},2025-11-03,,construction-permit,施工许可证,区建管委,施工许可,7,,eia,,,,,,,\n",
        crate::forecasts::HEADER
    );
    let r = app
        .post_raw("/api/v1/imports", &app.admin, &rows, "text/csv")
        .await;
    r.ok(201)["project_ids"][0].as_i64().unwrap()
}

#[tokio::test]
async fn the_api_the_weekly_report_and_the_cockpit_give_the_same_forecast() {
    let app = crate::helpers::spawn_app().await;
    let id = zone(&app).await;
    planned(&app, id).await;
    let soon = permit_soon(&app).await;
    let (_, manager) = app.add_user("mgr", "manager", None).await;
    let t = app.get(PATH, &manager).await.ok(200).clone();
    let f = app
        .get(&format!("/api/v1/projects/{soon}/forecast"), &manager)
        .await
        .ok(200)
        .clone();
    assert_eq!(
        f["permit"],
        json!({"p50": "2026-03-25", "p80": "2026-03-25"})
    );
    // The report of this week is read as of today: the same figures.
    let r = app
        .get("/api/v1/reports/weekly?week=2026-W12", &manager)
        .await
        .ok(200)
        .clone();
    let s = &r["forecast"];
    for k in [
        "started",
        "expected",
        "p10",
        "p90",
        "target",
        "probability_of_target",
    ] {
        assert_eq!(s[k], t[k], "{k}: report {s} targets {t}");
    }
    assert_eq!((&s["expected"], &s["target"]), (&json!(1.0), &json!(2)));
    assert_eq!(s["has_history"], true);
    assert_eq!(
        s["permits_coming"],
        json!([{"project_id": soon, "project": "待发证项目", "agency": "区建管委",
                "p50": "2026-03-25", "p80": "2026-03-25"}])
    );
    // 硅片产线's permit (04-30) is more than four weeks away: not listed.
    // The CSV and the spreadsheet carry the same rows.
    let (_, _, csv) = crate::reports::bytes(
        &app,
        "/api/v1/reports/weekly?week=2026-W12&format=csv",
        &manager,
    )
    .await;
    let csv = String::from_utf8_lossy(&csv);
    assert!(csv.contains("预计全年开工 Expected starts,1.0"), "{csv}");
    assert!(csv.contains("区间（P10–P90） Band (P10-P90),1–1"), "{csv}");
    assert!(
        csv.contains("待发证项目,区建管委,2026-03-25,2026-03-25"),
        "{csv}"
    );
    let (_, _, xlsx) = crate::reports::bytes(
        &app,
        "/api/v1/reports/weekly?week=2026-W12&format=xlsx",
        &manager,
    )
    .await;
    let rows = sheet(xlsx, "Forecast permits");
    // The header, then the one permit.
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1],
        ["待发证项目", "区建管委", "2026-03-25", "2026-03-25"]
    );
    // The pages: the report in the browser and the cockpit say the same.
    let mut c = crate::pages::client::PageClient::new(&app);
    c.login("mgr", crate::helpers::PASSWORD).await;
    let page = c.get("/reports/weekly?week=2026-W12").await;
    assert!(
        page.body
            .contains("<td>待发证项目</td><td>区建管委</td><td>2026-03-25</td>"),
        "{}",
        page.body
    );
    let cockpit = c.get("/overview").await;
    assert!(
        cockpit
            .body
            .contains("今年预计开工 1.0 个（八成把握在 1–1 个之间）；目标 2 个，达成概率 0%"),
        "{}",
        cockpit.body
    );
}

/// A sheet's rows as text.
fn sheet(bytes: Vec<u8>, name: &str) -> Vec<Vec<String>> {
    use calamine::{open_workbook_from_rs, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range(name).unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[tokio::test]
async fn each_card_on_my_says_which_open_step_to_push_first() {
    let app = crate::helpers::spawn_app().await;
    let id = zone(&app).await;
    let mut c = crate::pages::client::PageClient::new(&app);
    c.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let my = c.get("/my").await;
    // EIA and the permit lie on the longest path in every sample (one after the other);
    // of equally critical steps the first on the route is the one to push now.
    assert!(
        my.body.contains(&format!(
            r#"<dt>最该推动的环节</dt><dd class="critical" id="critical-{id}">环评审批（100% 的情形下处于最长路径）</dd>"#
        )),
        "{}",
        my.body
    );
    // A finished project has no step to push.
    assert!(!my.body.contains(r#"id="critical-1""#));
}

#[tokio::test]
async fn a_zone_without_history_is_told_at_the_laws_limits() {
    let app = crate::helpers::spawn_app().await;
    app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    // Nothing approved anywhere: no observation at all.
    let rows = format!(
        "{}\n新项目,{CODE_A},2026-03-16,,eia,环评审批,区生态环境局,工程建设许可,30,,,,,,,,,\
         \n新项目,{CODE_A},2026-03-16,,construction-permit,施工许可证,区建管委,施工许可,7,,eia,,,,,,,\n",
        crate::forecasts::HEADER
    );
    let r = app
        .post_raw("/api/v1/imports", &app.admin, &rows, "text/csv")
        .await;
    let id = r.ok(201)["project_ids"][0].as_i64().unwrap();
    planned(&app, id).await;
    let t = app.get(PATH, &app.admin).await.ok(200).clone();
    assert_eq!(t["has_history"], false);
    // EIA 30 and the permit 7 at their limits: 开工 at index 37, well before 31 December.
    assert_eq!(t["expected"], 1.0);
    let mut c = crate::pages::client::PageClient::new(&app);
    c.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let page = c.get("/overview").await;
    assert!(
        page.body.contains(
            "本区尚无已办结环节可依，按法定时限推算：今年预计开工 1.0 个（八成把握在 1–1 个之间）"
        ),
        "{}",
        page.body
    );
    assert!(!page.body.contains("按本区以往项目预测"));
}

#[tokio::test]
async fn the_years_starts_kept_by_one_instance_follow_a_change_made_on_another() {
    let app = crate::helpers::spawn_app().await;
    let id = zone(&app).await;
    planned(&app, id).await;
    let other =
        crate::helpers::spawn_second_instance(&app, crate::helpers::default_now(), |_| {}).await;
    // Both instances keep the targets once read.
    for instance in [&app, &other] {
        let t = instance.get(PATH, &app.admin).await.ok(200).clone();
        assert_eq!(t["projects"].as_array().unwrap().len(), 1);
    }
    // 开工 moved to next year on the second instance: the first no longer counts it.
    let later = json!({"started": {"planned": "2027-03-01"}});
    other
        .put(
            &format!("/api/v1/projects/{id}/milestones"),
            &app.admin,
            &later,
            None,
        )
        .await
        .ok(200);
    let t = app.get(PATH, &app.admin).await.ok(200).clone();
    assert_eq!((&t["projects"], &t["expected"]), (&json!([]), &json!(0.0)));
}

#[tokio::test]
async fn an_edit_a_withdrawn_event_and_a_published_year_move_the_forecast_on_every_instance() {
    let app = crate::helpers::spawn_app().await;
    let id = zone(&app).await;
    let other =
        crate::helpers::spawn_second_instance(&app, crate::helpers::default_now(), |_| {}).await;
    let path = format!("/api/v1/projects/{id}/forecast");
    let permit = |f: &serde_json::Value| f["permit"]["p50"].as_str().unwrap().to_string();
    // Both instances keep today's: EIA on 04-21, the permit 7 working days later, 04-30.
    for i in [&app, &other] {
        assert_eq!(permit(i.get(&path, &app.admin).await.ok(200)), "2026-04-30");
    }
    // The permit's limit edited to 9 on the second: 04-30, (05-01 … 05-05 off), 05-06, 05-07.
    let step = format!("/api/v1/projects/{id}/steps/construction-permit");
    let nine = json!({"statutory_days": 9});
    other.patch(&step, &app.admin, &nine, None).await.ok(200);
    assert_eq!(
        permit(app.get(&path, &app.admin).await.ok(200)),
        "2026-05-07"
    );
    // One history project's EIA approval withdrawn on the first: 7 cases, below the 8 a group
    // needs, and too few for the zone's: EIA takes its 30-day limit from today (index 30,
    // 04-28), the permit 9 after: 04-29, 04-30, 05-06 … 05-08, Sat 05-09 (a working day),
    // 05-11 … 05-13.
    let first = app
        .get("/api/v1/projects?q=已投产项目1&per_page=5", &app.admin)
        .await
        .ok(200)
        .clone();
    let hid = first["items"][0]["id"].as_i64().unwrap();
    let events = app
        .get(
            &format!("/api/v1/projects/{hid}/steps/eia/events"),
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    let list = events.as_array().or(events["items"].as_array()).unwrap();
    let approval = list.iter().find(|e| e["action"] == "approve").unwrap()["id"].clone();
    let withdraw = format!("/api/v1/projects/{hid}/steps/eia/events/{approval}/withdraw");
    let why = json!({"reason": "误录"});
    app.post(&withdraw, &app.admin, &why).await.ok(200);
    let f = other.get(&path, &app.admin).await.ok(200).clone();
    assert_eq!(f["steps"][1]["history"], "none", "{f}");
    assert_eq!(permit(&f), "2026-05-13");
    // A holiday published for Wednesday 04-29 (on the instance read: another's calendar
    // follows within seconds, `forecast_cache_follows_the_calendar` below): a day later.
    let year = app
        .get("/api/v1/calendar/2026", &app.admin)
        .await
        .ok(200)
        .clone();
    let mut holidays = year["holidays"].as_array().unwrap().clone();
    holidays.push(json!("2026-04-29"));
    let published = json!({"holidays": holidays, "workdays": year["workdays"]});
    app.put("/api/v1/calendar/2026", &app.admin, &published, None)
        .await
        .ok(200);
    assert_eq!(
        permit(app.get(&path, &app.admin).await.ok(200)),
        "2026-05-14"
    );
}

/// A history kept under one data generation is not served on another calendar: another
/// instance's published year reaches this one's calendar seconds after its commit, and what
/// was computed in between on the old calendar must not stay.
#[tokio::test]
async fn forecast_cache_follows_the_calendar() {
    use approval_tracker::service::forecasts::ForecastCache;
    use std::sync::Arc;
    let app = crate::helpers::spawn_app().await;
    zone(&app).await;
    let settings = crate::helpers::test_settings(&app.db_url);
    tokio::task::spawn_blocking(move || {
        let state = approval_tracker::startup::prepare(
            &settings,
            approval_tracker::service::Clock::Fixed(crate::helpers::default_now()),
        )
        .unwrap();
        let mut conn = state.pool.get().unwrap();
        let env = state.env_with(&mut conn).unwrap();
        let cache = ForecastCache::default();
        let generation = || Some("one generation".to_string());
        let first = cache.history(&mut conn, &env, generation()).unwrap();
        let kept = cache.history(&mut conn, &env, generation()).unwrap();
        assert!(Arc::ptr_eq(&first, &kept), "kept while nothing changes");
        let mut republished = env.clone();
        republished.calendar = Arc::new(env.calendar.as_ref().clone());
        let again = cache
            .history(&mut conn, &republished, generation())
            .unwrap();
        assert!(
            !Arc::ptr_eq(&first, &again),
            "read again on another calendar"
        );
    })
    .await
    .unwrap();
}

/// After a commit the zone's history is made from every project's kept digest: a commit
/// that finishes no step (an acceptance here; a 补正, a note, a sign-in) keeps the same
/// history, so the pages after it do not read the zone again (a second on 10,000 projects);
/// an approval makes it anew, and the forecasts from it are those of a fresh read.
#[tokio::test]
async fn the_zone_history_is_kept_through_a_commit_that_finishes_no_step() {
    use approval_tracker::service::forecasts::{self, ForecastCache, ForecastQuery};
    use approval_tracker::service::{Actor, Role};
    use std::sync::Arc;
    let app = crate::helpers::spawn_app().await;
    let id = zone(&app).await;
    let settings = crate::helpers::test_settings(&app.db_url);
    let state = tokio::task::spawn_blocking(move || {
        approval_tracker::startup::prepare(
            &settings,
            approval_tracker::service::Clock::Fixed(crate::helpers::default_now()),
        )
        .unwrap()
    })
    .await
    .unwrap();
    let cache = Arc::new(ForecastCache::default());
    let admin = || Actor {
        user_id: 1,
        role: Role::Admin,
        enterprise_id: None,
        session_id: 0,
        address: String::new(),
    };
    let history = |generation: &'static str| {
        let (state, cache) = (state.clone(), cache.clone());
        tokio::task::spawn_blocking(move || {
            let mut conn = state.pool.get().unwrap();
            let env = state.env_with(&mut conn).unwrap();
            cache
                .history(&mut conn, &env, Some(generation.to_string()))
                .unwrap()
        })
    };
    // A finished project's forecast, kept while it and the history stay.
    let finished = |generation: &'static str| {
        let (state, cache) = (state.clone(), cache.clone());
        tokio::task::spawn_blocking(move || {
            let mut conn = state.pool.get().unwrap();
            let env = state.env_with(&mut conn).unwrap();
            let view =
                approval_tracker::service::projects::get(&mut conn, &env, &admin(), id as i32 - 1)
                    .unwrap();
            let kept = (&*cache, Some(generation.to_string()));
            forecasts::of_view(&mut conn, &env, &view, kept, 500).unwrap()
        })
    };
    let first = history("before").await.unwrap();
    let forecast = finished("before").await.unwrap();
    let eia = format!("/api/v1/projects/{id}/steps/eia/events");
    app.post(&eia, &app.admin, &json!({"action": "accept"}))
        .await
        .ok(200);
    let accepted = history("accepted").await.unwrap();
    assert!(Arc::ptr_eq(&first, &accepted), "no step finished: kept");
    let again = finished("accepted").await.unwrap();
    assert!(
        Arc::ptr_eq(&forecast, &again),
        "another project's commit: kept"
    );
    app.post(&eia, &app.admin, &json!({"action": "approve"}))
        .await
        .ok(200);
    let approved = history("approved").await.unwrap();
    assert!(
        !Arc::ptr_eq(&accepted, &approved),
        "a step finished: made anew"
    );
    let (kept, fresh) = tokio::task::spawn_blocking(move || {
        let mut conn = state.pool.get().unwrap();
        let env = state.env_with(&mut conn).unwrap();
        let admin = admin();
        let q = ForecastQuery::default();
        let generation = Some("approved".to_string());
        let kept = forecasts::project_forecast(
            &mut conn,
            &env,
            &admin,
            id as i32,
            &q,
            (&cache, generation),
        )
        .unwrap();
        let fresh = ForecastCache::default();
        let fresh =
            forecasts::project_forecast(&mut conn, &env, &admin, id as i32, &q, (&fresh, None))
                .unwrap();
        (
            serde_json::to_value(kept).unwrap(),
            serde_json::to_value(fresh).unwrap(),
        )
    })
    .await
    .unwrap();
    assert_eq!(kept, fresh);
}

/// The WAL checkpoint every few seconds is not a change: on a quiet SQLite server the data
/// generation stays, so the lists and forecasts an instance keeps stay kept; a write moves it.
#[tokio::test]
async fn a_quiet_server_keeps_its_generation_through_the_wal_checkpoint() {
    let app = crate::helpers::spawn_app().await;
    zone(&app).await;
    let settings = crate::helpers::test_settings(&app.db_url);
    let (quiet, moved, once) = tokio::task::spawn_blocking(move || {
        let state = approval_tracker::startup::prepare(
            &settings,
            approval_tracker::service::Clock::Fixed(crate::helpers::default_now()),
        )
        .unwrap();
        let pool = state.pool.clone();
        let mut conn = pool.get().unwrap();
        // The zone's import left frames in the log: this first checkpoint empties it.
        approval_tracker::service::upkeep::checkpoint_wal(&pool).unwrap();
        let before = pool.data_generation(&mut conn);
        approval_tracker::service::upkeep::checkpoint_wal(&pool).unwrap();
        approval_tracker::service::upkeep::checkpoint_wal(&pool).unwrap();
        let quiet = pool.data_generation(&mut conn) == before;
        // A write: the generation moves, as it must; its checkpoint is not a second change.
        let env = state.env_with(&mut conn).unwrap();
        approval_tracker::service::upkeep::record_start(&mut conn, "test", env.stamp()).unwrap();
        let written = pool.data_generation(&mut conn);
        approval_tracker::service::upkeep::checkpoint_wal(&pool).unwrap();
        let once = pool.data_generation(&mut conn) == written;
        (quiet, written != before, once)
    })
    .await
    .unwrap();
    assert!(quiet, "a checkpoint of an empty log is not a change");
    assert!(moved, "a write is");
    assert!(once, "the write's checkpoint is not another change");
}
