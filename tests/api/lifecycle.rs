//! Walking steps through their lifecycle over the API, figures checked by hand.
//!
//! Calendar (docs/rules.md, 2026): weekends off except the make-up Saturdays 02-14 and 02-28;
//! 02-15…02-23 and 04-04…04-06 (Qingming) off. "D + n": n working days after D.

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use crate::helpers::{spawn_app, spawn_app_at, Reply, TestApp, CODE_A, CODE_B};
use crate::projects::zone;

/// 10:00 in Shanghai on `day`: the app's "now".
fn at(day: &str) -> DateTime<Utc> {
    format!("{day}T02:00:00Z").parse().unwrap()
}

async fn event(app: &TestApp, token: &str, pid: i64, key: &str, body: Value) -> Reply {
    let path = format!("/api/v1/projects/{pid}/steps/{key}/events");
    app.post(&path, token, &body).await
}

/// `action` back-dated to `day`, which must be accepted; the updated step.
async fn done(app: &TestApp, token: &str, pid: i64, key: &str, action: &str, day: &str) -> Value {
    let body = crate::helpers::event_body(action, day);
    event(app, token, pid, key, body).await.ok(200).clone()
}

/// GET /api/v1/projects/{pid}{rest}, which must answer 200.
async fn read(app: &TestApp, token: &str, pid: i64, rest: &str) -> Value {
    let path = format!("/api/v1/projects/{pid}{rest}");
    app.get(&path, token).await.ok(200).clone()
}

async fn step(app: &TestApp, pid: i64, key: &str) -> Value {
    let p = read(app, &app.admin, pid, "").await;
    let steps = p["steps"].as_array().unwrap();
    steps.iter().find(|s| s["key"] == key).unwrap().clone()
}

fn clock(statutory_used: u32, paused_days: u32, elapsed_days: u32) -> Value {
    json!({"statutory_used": statutory_used, "paused_days": paused_days, "elapsed_days": elapsed_days})
}

/// One field of every item of a list, as a JSON array.
fn col(items: &Value, field: &str) -> Value {
    let items = items.as_array().unwrap();
    items.iter().map(|e| e[field].clone()).collect()
}

/// 备案 the day it is filed, then 用地预审 (20 days) with a 补正 from Friday 03-13 to Tuesday 03-17.
const WALK: [(&str, &str, &str); 6] = [
    ("filing", "accept", "2026-03-02"),
    ("filing", "approve", "2026-03-02"),
    ("land-prereview", "accept", "2026-03-10"),
    ("land-prereview", "request_materials", "2026-03-13"),
    ("land-prereview", "resubmit", "2026-03-17"),
    ("land-prereview", "approve", "2026-04-13"),
];

/// Land pre-review as seen on `today`: a fresh app where the events up to `today` happened.
async fn prereview_on(today: &str) -> Value {
    let app = spawn_app_at(at(today)).await;
    let z = zone(&app).await;
    let pid = z.project["id"].as_i64().unwrap();
    for (key, action, day) in WALK.iter().filter(|e| e.2 <= today) {
        done(&app, &z.liaison, pid, key, action, day).await;
    }
    step(&app, pid, "land-prereview").await
}

/// Asserts each field's values down a list, `want` being {field: [values]}.
#[track_caller]
fn columns(items: &Value, want: Value) {
    for (field, values) in want.as_object().unwrap() {
        assert_eq!(&col(items, field), values, "{field}");
    }
}

/// Asserts that `got` has the fields of `want` with their values (other fields ignored).
#[track_caller]
fn has(got: &Value, want: Value, context: &str) {
    let mine = want.as_object().unwrap().keys();
    let got: Value = mine.map(|k| (k.clone(), got[k].clone())).collect();
    assert_eq!(got, want, "{context}");
}

#[tokio::test]
async fn a_20_day_step_is_paused_turns_yellow_then_red_and_stops_when_approved() {
    // D = 03-10. Working days after D: 03-11(1) 12(2) 13(3) 16(4) 17(5) 18(6) 19(7) 20(8)
    // 23…27(9…13) 30(14) 31(15) 04-01(16) 02(17) 03(18) [04-04…06 off] 07(19) 08(20) 09(21)
    // 10(22) 13(23). Pause: after Friday 03-13 up to Tuesday 03-17 = Monday + Tuesday = 2.
    // Yellow from ⌈0.8 × 20⌉ = 16 statutory days; red once today is past the due date.
    // (today, status, [statutory_used, paused_days, elapsed_days], due_on, light)
    let rows = [
        // Still paused on Monday 03-16: paused 1 (03-16), elapsed 4, statutory 4 − 1 = 3,
        // due D + (20 + 1) = 04-09; no light while the file is with the applicant.
        ("03-16", "awaiting_applicant", [3, 1, 4], "04-09", None),
        // Resubmitted 03-17: elapsed 5, paused 2, statutory 3; due D + (20 + 2) = 04-10.
        ("03-17", "in_review", [3, 2, 5], "04-10", Some("green")),
        // 04-02: elapsed 17, statutory 15 < 16: the last green day.
        ("04-02", "in_review", [15, 2, 17], "04-10", Some("green")),
        // 04-03: elapsed 18, statutory 16: yellow.
        ("04-03", "in_review", [16, 2, 18], "04-10", Some("yellow")),
        // Qingming Monday 04-06 is no working day: still 18 elapsed.
        ("04-06", "in_review", [16, 2, 18], "04-10", Some("yellow")),
        // The due day 04-10: elapsed 22, statutory 20 = the limit, not yet past due.
        ("04-10", "in_review", [20, 2, 22], "04-10", Some("yellow")),
        // Saturday 04-11 is past the due date: red, the clocks unchanged (no working day).
        ("04-11", "in_review", [20, 2, 22], "04-10", Some("red")),
        // Approved late on Monday 04-13, seen on 04-20: the clocks stopped at 04-13:
        // elapsed 23, statutory 23 − 2 = 21; due still 04-10; no light once finished.
        ("04-20", "approved", [21, 2, 23], "04-10", None),
    ];
    for (today, status, [used, paused, elapsed], due_on, light) in rows {
        let s = prereview_on(&format!("2026-{today}")).await;
        let finished = (status == "approved").then_some("2026-04-13");
        let want = json!({"status": status, "accepted_on": "2026-03-10", "light": light,
            "clock": clock(used, paused, elapsed), "due_on": format!("2026-{due_on}"),
            "stalled": false, "finished_on": finished});
        has(&s, want, today);
    }
}

/// On Monday 03-16 (the default today), by the liaison: 备案 approved 03-02 (with a note),
/// 节能审查 waived 03-05, 环评 accepted 容缺 03-03, paused 03-04…05, rejected 03-09 and
/// accepted again 03-11, 用地预审 accepted and approved 告知承诺 today. Answers (pid, liaison).
async fn history(app: &TestApp) -> (i64, String) {
    let z = zone(app).await;
    let (pid, l) = (z.project["id"].as_i64().unwrap(), z.liaison);
    done(app, &l, pid, "filing", "accept", "2026-03-02").await;
    let note = json!({"action": "approve", "on": "2026-03-02", "note": "备案证明已领取"});
    event(app, &l, pid, "filing", note).await.ok(200);
    let waived = done(app, &l, pid, "energy-review", "waive", "2026-03-05").await;
    let none = json!(null);
    let want = json!({"status": "waived", "finished_on": "2026-03-05", "accepted_on": none,
        "due_on": none, "light": none, "clock": clock(0, 0, 0)});
    has(&waived, want, "waived");
    let missing = json!({"action": "accept", "on": "2026-03-03", "accepted_with_missing": true});
    event(app, &l, pid, "eia", missing).await.ok(200);
    done(app, &l, pid, "eia", "request_materials", "2026-03-04").await;
    done(app, &l, pid, "eia", "resubmit", "2026-03-05").await;
    let rejected = done(app, &l, pid, "eia", "reject", "2026-03-09").await;
    // Rejected 03-09: elapsed after 03-03 up to 03-09 = 03-04, 05, 06, 09 = 4;
    // paused after 03-04 up to 03-05 = 1; statutory 3. The clocks stop; no light.
    let want = json!({"status": "rejected", "accepted_on": "2026-03-03",
        "finished_on": "2026-03-09", "clock": clock(3, 1, 4), "light": none});
    has(&rejected, want, "rejected");
    let again = done(app, &l, pid, "eia", "accept", "2026-03-11").await;
    // A new application: fresh clocks from 03-11, the old pause forgotten. Elapsed 03-12, 13,
    // 16 = 3; due 03-11 + 30: 03-12…04-03 are 17, [Qingming], 04-07…10 → 21, 04-13…17 → 26,
    // 04-20…23 → 30: 04-23. 3 < ⌈0.8 × 30⌉ = 24: green.
    let want = json!({"status": "in_review", "accepted_on": "2026-03-11", "finished_on": none,
        "clock": clock(3, 0, 3), "due_on": "2026-04-23", "light": "green"});
    has(&again, want, "accepted again");
    let accept = json!({"action": "accept"});
    event(app, &l, pid, "land-prereview", accept).await.ok(200);
    let commit = json!({"action": "approve", "by_commitment": true});
    let s = event(app, &l, pid, "land-prereview", commit).await;
    // 告知承诺 completes at once, today: 0 working days after 03-16 up to 03-16.
    let want = json!({"status": "approved", "accepted_on": "2026-03-16",
        "finished_on": "2026-03-16", "clock": clock(0, 0, 0), "light": none});
    has(s.ok(200), want, "by commitment");
    (pid, l)
}

#[tokio::test]
async fn events_keep_the_flags_who_and_when_including_back_dating() {
    let app = spawn_app().await;
    let (pid, l) = history(&app).await;
    let eia = read(&app, &l, pid, "/steps/eia/events").await;
    let want = json!({
        "action": ["accept", "request_materials", "resubmit", "reject", "accept"],
        "on": ["2026-03-03", "2026-03-04", "2026-03-05", "2026-03-09", "2026-03-11"],
        "accepted_with_missing": [true, false, false, false, false],
        "by_commitment": [false, false, false, false, false],
        // All recorded on 03-16 at 10:00 Shanghai = 02:00 UTC, after the day they happened.
        "backdated": [true, true, true, true, true],
        "recorded_at": vec!["2026-03-16T02:00:00Z"; 5],
        "recorded_by": vec!["liaison1"; 5],
        "step_key": vec!["eia"; 5],
    });
    columns(&eia, want);
    let lp = read(&app, &l, pid, "/steps/land-prereview/events").await;
    // `on` defaulted to today, the day they were recorded: not back-dated.
    let want = json!({"action": ["accept", "approve"], "by_commitment": [false, true],
        "accepted_with_missing": [false, false], "on": ["2026-03-16", "2026-03-16"],
        "backdated": [false, false]});
    columns(&lp, want);
}

#[tokio::test]
async fn the_timeline_lists_every_event_oldest_first_and_hides_notes_from_the_enterprise() {
    let app = spawn_app().await;
    let (pid, l) = history(&app).await;
    let ent = read(&app, &l, pid, "").await["enterprise_id"].as_i64();
    let (_, firm) = app.add_user("firm-a", "enterprise", ent).await;
    let staff = read(&app, &l, pid, "/timeline").await;
    // By day, then as recorded: the waive of 节能审查 (recorded 3rd) comes before the
    // resubmission to 环评 (recorded 6th), both on 03-05.
    let order = [
        "2026-03-02 filing accept",
        "2026-03-02 filing approve",
        "2026-03-03 eia accept",
        "2026-03-04 eia request_materials",
        "2026-03-05 energy-review waive",
        "2026-03-05 eia resubmit",
        "2026-03-09 eia reject",
        "2026-03-11 eia accept",
        "2026-03-16 land-prereview accept",
        "2026-03-16 land-prereview approve",
    ];
    let line = |e: &Value| format!("{} {} {}", e["on"], e["step_key"], e["action"]);
    let seen: Vec<String> = staff.as_array().unwrap().iter().map(line).collect();
    assert_eq!(seen.join("\n").replace('"', ""), order.join("\n"));
    assert_eq!(staff[1]["note"], "备案证明已领取");
    assert_eq!(staff[1]["step_name"], "项目备案");
    // The enterprise sees the same events, without the staff's notes.
    let theirs = read(&app, &firm, pid, "/timeline").await;
    assert_eq!(col(&theirs, "id"), col(&staff, "id"));
    assert_eq!(col(&theirs, "note"), json!(vec![Value::Null; 10]));
    let filing = read(&app, &firm, pid, "/steps/filing/events").await;
    assert_eq!(col(&filing, "note"), json!([null, null]));
    let other = app.add_enterprise("申松涂料有限公司", CODE_B).await;
    let (_, outsider) = app.add_user("firm-b", "enterprise", Some(other)).await;
    let path = format!("/api/v1/projects/{pid}/timeline");
    app.get(&path, &outsider).await.problem(404);
}

#[tokio::test]
async fn refused_events_change_nothing() {
    let app = spawn_app().await; // today: 03-16
    let z = zone(&app).await;
    let (pid, l) = (z.project["id"].as_i64().unwrap(), z.liaison.clone());
    done(&app, &l, pid, "filing", "accept", "2026-03-02").await;
    done(&app, &l, pid, "filing", "approve", "2026-03-04").await;
    let eia = done(&app, &l, pid, "eia", "accept", "2026-03-05").await;
    assert_eq!(eia["version"], 2, "created at 1, accepted once");
    let (_, own_firm) = app.add_user("firm-a", "enterprise", Some(z.ent)).await;
    let other = app.add_enterprise("申松涂料有限公司", CODE_B).await;
    let (_, outsider) = app.add_user("firm-b", "enterprise", Some(other)).await;
    let before = (app.snapshot().await, read(&app, &l, pid, "/timeline").await);

    let detail = |b: &Value| b["detail"].as_str().unwrap().to_string();
    let (app, l) = (&app, &l);
    let post = move |key: &'static str, body: Value| event(app, l, pid, key, body);
    let dated = |action: &str, day: &str| crate::helpers::event_body(action, day);
    // The action does not fit the status: approving a pending step.
    let r = post("land-prereview", json!({"action": "approve"})).await;
    assert!(detail(r.problem(409)).contains("pending"), "{}", r.body);
    assert_eq!(r.body["code"], "transition_not_allowed");
    assert_eq!(r.body["args"]["status"], "pending", "{}", r.body);
    // 出让合同 needs 用地预审 finished first; the refusal names it.
    let r = post("land-grant", json!({"action": "accept"})).await;
    assert!(detail(r.problem(409)).contains("land-prereview"));
    assert_eq!(r.body["code"], "predecessors_unfinished", "{}", r.body);
    // Tomorrow (03-17) is after today.
    let r = post("energy-review", dated("accept", "2026-03-17")).await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "on");
    assert_eq!(
        r.body["errors"][0]["code"], "date_after_today",
        "{}",
        r.body
    );
    // 03-04 is before 环评's previous event (accepted 03-05).
    let r = post("eia", dated("request_materials", "2026-03-04")).await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "on");
    assert_eq!(r.body["code"], "date_before_previous_event", "{}", r.body);
    // 03-03 is before 备案 finished (03-04).
    let r = post("energy-review", dated("accept", "2026-03-03")).await;
    assert!(detail(r.problem(422)).contains("filing"), "{}", r.body);
    assert_eq!(r.fields(), ["on"]);
    // Only administrators reopen.
    let r = post("filing", json!({"action": "reopen"})).await;
    assert_eq!(r.problem(403)["code"], "reopen_admin_only");
    // Malformed: an unknown action, an unknown field.
    let r = post("eia", json!({"action": "withdraw"})).await;
    r.problem(400);
    let r = post("eia", json!({"action": "approve", "colour": "green"})).await;
    assert!(detail(r.problem(400)).contains("colour"), "{}", r.body);
    // 告知承诺 goes with approve only.
    let r = post("eia", json!({"action": "reject", "by_commitment": true})).await;
    assert_eq!(r.problem(422)["errors"][0]["field"], "by_commitment");
    // A stale If-Match: the step is at version 2.
    let url = app.url(&format!("/api/v1/projects/{pid}/steps/eia/events"));
    let send = |version: &str| {
        let body = json!({"action": "request_materials", "notice": "请补充图纸"});
        let req = app.client.post(&url).bearer_auth(l);
        req.header("If-Match", version).json(&body).send()
    };
    assert_eq!(send("1").await.unwrap().status().as_u16(), 409);
    // Enterprise accounts read but do not record; another enterprise does not see the project.
    let accept = json!({"action": "accept"});
    let r = event(app, &own_firm, pid, "energy-review", accept.clone()).await;
    r.problem(403);
    let r = event(app, &outsider, pid, "energy-review", accept).await;
    r.problem(404);

    let after = (app.snapshot().await, read(app, l, pid, "/timeline").await);
    assert_eq!(after, before);
    // With the current version it goes through.
    assert_eq!(send("2").await.unwrap().status().as_u16(), 200);
    assert_eq!(step(app, pid, "eia").await["status"], "awaiting_applicant");
}

#[tokio::test]
async fn an_admin_reopens_a_finished_step_and_learns_which_successors_started() {
    // 00:30 on Tuesday 03-17 in Shanghai, still Monday in UTC: today is 03-17.
    let app = spawn_app_at("2026-03-16T16:30:00Z".parse().unwrap()).await;
    let z = zone(&app).await;
    let (pid, l) = (z.project["id"].as_i64().unwrap(), z.liaison.clone());
    done(&app, &l, pid, "filing", "accept", "2026-03-02").await;
    done(&app, &l, pid, "filing", "approve", "2026-03-02").await;
    done(&app, &l, pid, "land-prereview", "accept", "2026-03-03").await;
    done(&app, &l, pid, "eia", "accept", "2026-03-04").await;
    // The third successor, 节能审查, is still pending: not reported.
    let reopen = json!({"action": "reopen", "note": "备案信息有误"});
    let r = event(&app, &app.admin, pid, "filing", reopen).await;
    // Version 4: created, accepted, approved, reopened.
    let want = json!({"status": "pending", "started_successors": ["eia", "land-prereview"],
        "accepted_on": null, "finished_on": null, "due_on": null, "light": null,
        "clock": clock(0, 0, 0), "version": 4});
    has(r.ok(200), want, "reopened");
    let lp = step(&app, pid, "land-prereview").await;
    assert_eq!(lp["status"], "in_review");
    let events = read(&app, &l, pid, "/steps/filing/events").await;
    // `on` defaults to the Shanghai day; recorded that same day: not back-dated.
    let want = json!({"action": ["accept", "approve", "reopen"],
        "on": ["2026-03-02", "2026-03-02", "2026-03-17"], "backdated": [true, true, false],
        "recorded_by": ["liaison1", "liaison1", "系统管理员"],
        "recorded_at": vec!["2026-03-16T16:30:00Z"; 3]});
    columns(&events, want);
    // Filed again today, a new episode: due 03-17 + 0 = 03-17; a 0-day limit is never yellow.
    let again = event(&app, &l, pid, "filing", json!({"action": "accept"})).await;
    assert_eq!(again.ok(200)["due_on"], "2026-03-17");
    assert_eq!(again.body["light"], "green");
}

/// A standard-industrial project started on `start`, 备案 accepted and approved that day.
async fn project(app: &TestApp, ent: i64, name: &str, start: &str) -> i64 {
    let body = json!({"name": name, "enterprise_id": ent, "template": "standard-industrial",
        "liaison_ids": [], "start_date": start});
    let pid = app.add_project(&app.admin, &body).await.ok(201)["id"]
        .as_i64()
        .unwrap();
    done(app, &app.admin, pid, "filing", "accept", start).await;
    done(app, &app.admin, pid, "filing", "approve", start).await;
    pid
}

#[tokio::test]
async fn projects_are_filtered_by_their_worst_light_and_by_stalled_steps() {
    let app = spawn_app().await; // today: Monday 03-16
    let ent = app.add_enterprise("松江晶圆制造有限公司", CODE_A).await;
    let (a, lp) = (&app.admin, "land-prereview");
    // Green: 用地预审 accepted 03-09: 5 days elapsed (03-10…13, 16) of 20.
    let green = project(&app, ent, "绿", "2026-03-02").await;
    done(&app, a, green, lp, "accept", "2026-03-09").await;
    // Yellow: 用地预审 accepted Friday 02-13: 02-14 (make-up Saturday) 1, [02-15…23 off],
    // 02-24…27 → 5, 02-28 (make-up) 6, 03-02…06 → 11, 03-09…13 → 16, 03-16 → 17 ≥ 16;
    // due 02-13 + 20 = 03-19 (17, 18, 19), not yet past. 环评 accepted 03-09: 5 of 30, green.
    let yellow = project(&app, ent, "黄", "2026-02-02").await;
    done(&app, a, yellow, lp, "accept", "2026-02-13").await;
    done(&app, a, yellow, "eia", "accept", "2026-03-09").await;
    // Red: 用地预审 accepted Thursday 02-05: 02-06 1, 02-09…13 → 6, 02-14 7, 02-24…28 → 12,
    // 03-02…06 → 17, 03-09…11 → 20: due 03-11, past; on 03-16 elapsed 20 + 3 = 23.
    // 节能审查 accepted 02-13: 17 of 20, yellow. The worst: red.
    let red = project(&app, ent, "红", "2026-02-02").await;
    done(&app, a, red, lp, "accept", "2026-02-05").await;
    done(&app, a, red, "energy-review", "accept", "2026-02-13").await;
    // Stalled: 补正 requested Friday 03-06: paused 03-09…13, 16 = 6 > 5 paused days.
    let stalled = project(&app, ent, "停滞", "2026-03-02").await;
    done(&app, a, stalled, lp, "accept", "2026-03-02").await;
    done(&app, a, stalled, lp, "request_materials", "2026-03-06").await;
    // Not stalled: requested Monday 03-09: paused 03-10…13, 16 = 5, not more than 5.
    let waiting = project(&app, ent, "等待", "2026-03-02").await;
    done(&app, a, waiting, lp, "accept", "2026-03-02").await;
    done(&app, a, waiting, lp, "request_materials", "2026-03-09").await;

    let want = json!({"due_on": "2026-03-11", "clock": clock(23, 0, 23), "light": "red"});
    has(&step(&app, red, lp).await, want, "red");
    let want = json!({"due_on": "2026-03-19", "clock": clock(17, 0, 17), "light": "yellow"});
    has(&step(&app, yellow, lp).await, want, "yellow");
    assert_eq!(step(&app, red, "energy-review").await["light"], "yellow");
    // Accepted 03-02: elapsed 03-03…16 = 10, paused 6, statutory 4; due 03-02 + (20 + 6):
    // 03-03…31 → 21, 04-01…03 → 24, [Qingming], 04-07, 08 → 26: 04-08.
    let want = json!({"stalled": true, "clock": clock(4, 6, 10), "due_on": "2026-04-08"});
    has(&step(&app, stalled, lp).await, want, "stalled");
    let w = step(&app, waiting, lp).await;
    has(
        &w,
        json!({"stalled": false, "status": "awaiting_applicant"}),
        "waiting",
    );
    assert_eq!(w["clock"]["paused_days"], 5);

    for (query, id, light) in [
        ("light=red", red, json!("red")),
        ("light=yellow", yellow, json!("yellow")),
        ("light=green", green, json!("green")),
        ("stalled=true", stalled, json!(null)),
    ] {
        let r = app.get(&format!("/api/v1/projects?{query}"), a).await;
        let items = &r.ok(200)["items"];
        let want = json!({"id": [id], "light": [light], "stalled": [query == "stalled=true"]});
        columns(items, want);
        assert_eq!(r.body["total"], 1, "{query}");
    }
    let r = app.get("/api/v1/projects?stalled=false", a).await;
    assert_eq!(r.ok(200)["total"], 4);
    let p = read(&app, a, stalled, "").await;
    has(
        &p,
        json!({"stalled": true, "light": null}),
        "the stalled project",
    );
}
