//! The event form chooses nothing for the user, says what a clock-stopping action will do
//! and asks once, carries the step's version (a stale form is told what changed), offers
//! 容缺受理 and 告知承诺, and a mistaken event is withdrawn (撤销) beside it in the history.
//! Today is Monday 2026-03-16; "晶圆厂二期": land pre-review in review since 03-03, EIA
//! startable, energy review back with the enterprise since 03-10 (pages::fixture).

use serde_json::Value;

use super::client::{csrf_in, PageClient};
use super::fixture::{zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;
use super::views::part;

async fn step(app: &crate::helpers::TestApp, pid: i64, key: &str) -> Value {
    let p = app
        .get(&format!("/api/v1/projects/{pid}"), &app.admin)
        .await;
    let p = p.ok(200);
    let steps = p["steps"].as_array().unwrap();
    steps.iter().find(|s| s["key"] == key).unwrap().clone()
}

/// The value of the input named `name` inside `html`.
fn input_value(html: &str, name: &str) -> String {
    let at = html.find(&format!("name=\"{name}\" value=\"")).unwrap();
    let rest = &html[at + name.len() + 15..];
    rest[..rest.find('"').unwrap()].to_string()
}

#[tokio::test]
async fn nothing_is_chosen_for_the_user_and_a_pause_is_confirmed_once_with_its_notice() {
    let z = zone().await;
    let (app, green) = (&z.app, z.green);
    let mut c = PageClient::new(app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let page = c.get(&format!("/projects/{green}")).await.body;
    let form = part(&page, "id=\"step-land-prereview\"", "form");
    let select = part(form, "id=\"action-land-prereview\"", "select");
    assert!(
        select.contains("<option value=\"\" selected>（请选择）</option>"),
        "{select}"
    );
    assert_eq!(
        select.matches(" selected").count(),
        1,
        "only the empty choice: {select}"
    );
    assert!(select.contains("value=\"approve_by_commitment\">告知承诺制批准<"));
    let eia = part(&page, "id=\"action-eia\"", "select");
    assert!(
        eia.contains("value=\"accept_with_missing\">容缺受理<"),
        "{eia}"
    );
    let version = input_value(form, "version");
    assert_eq!(
        version,
        step(app, green, "land-prereview").await["version"].to_string()
    );
    let csrf = csrf_in(&page);
    let path = format!("/projects/{green}/steps/land-prereview/events");
    let before = app.snapshot().await;

    // No choice: refused beside the action, what was typed kept.
    let refused = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("action", ""),
                ("note", "内部：已电话联系"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        field_error(&refused.body, "action-land-prereview").as_deref(),
        Some("请选择操作")
    );
    assert!(refused.body.contains(">内部：已电话联系</textarea>"));
    // 补正 without its notice: refused beside the notice (行政许可法 art. 32).
    let fields = [
        ("csrf", csrf.as_str()),
        ("action", "request_materials"),
        ("on", "2026-03-16"),
        ("version", version.as_str()),
    ];
    let refused = c.post(&path, &fields).await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        field_error(&refused.body, "notice-land-prereview").as_deref(),
        Some("请写明企业需要补正的全部材料（补正须一次性告知）")
    );
    assert_eq!(app.snapshot().await, before, "refused: nothing written");

    // With its notice: first what will happen, nothing written yet.
    let notice = "1. 用地红线图（盖章版）；2. 投资协议复印件";
    let mut asked = fields.to_vec();
    asked.push(("notice", notice));
    let shown = c.post(&path, &asked).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    check_page("confirm an event", &shown.body);
    let confirm = part(&shown.body, "id=\"confirm-land-prereview\"", "section");
    assert!(confirm.contains("请确认：要求补正"), "{confirm}");
    assert!(
        confirm.contains("此环节暂停计时") && confirm.contains("企业将在其页面看到以下补正通知")
    );
    assert!(confirm.contains(notice));
    assert_eq!(app.snapshot().await, before, "not before it is confirmed");
    // Confirmed: recorded.
    let csrf2 = csrf_in(&shown.body);
    let mut confirmed: Vec<(&str, &str)> = asked.clone();
    confirmed[0] = ("csrf", &csrf2);
    confirmed.push(("confirm", "1"));
    let done = c.post(&path, &confirmed).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(done.location.unwrap().contains("done=event_recorded"));
    assert_eq!(
        step(app, green, "land-prereview").await["status"],
        "awaiting_applicant"
    );

    // A second liaison's form, opened before: told what changed, nothing written.
    let before = app.snapshot().await;
    let stale = c
        .post(
            &path,
            &[
                ("csrf", &csrf2),
                ("action", "approve"),
                ("on", "2026-03-16"),
                ("version", &version),
                ("confirm", "1"),
            ],
        )
        .await;
    assert_eq!(stale.status, 409, "{}", stale.body);
    let told = part(&stale.body, "id=\"stale-land-prereview\"", "div");
    assert!(
        told.contains("已被他人更新") && told.contains("补正中"),
        "{told}"
    );
    assert_eq!(app.snapshot().await, before);

    // 容缺受理 is a choice of its own, recorded with its flag.
    let eia = format!("/projects/{green}/steps/eia/events");
    let accepted = c
        .post(
            &eia,
            &[
                ("csrf", &csrf2),
                ("action", "accept_with_missing"),
                ("on", "2026-03-16"),
            ],
        )
        .await;
    assert_eq!(accepted.status, 303, "{}", accepted.body);
    let events = app
        .get(
            &format!("/api/v1/projects/{green}/steps/eia/events"),
            &app.admin,
        )
        .await
        .ok(200)
        .clone();
    assert_eq!(events[0]["accepted_with_missing"], true);
}

#[tokio::test]
async fn a_mistaken_event_is_withdrawn_beside_it_in_the_history_with_a_reason() {
    let z = zone().await;
    let (app, green) = (&z.app, z.green);
    let mut c = PageClient::new(app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let page = c.get(&format!("/projects/{green}")).await.body;
    // The fixture's events were recorded by the admin: nothing for the liaison to withdraw.
    assert!(!page.contains("撤销此记录"), "not another's event");
    let csrf = csrf_in(&page);
    let path = format!("/projects/{green}/steps/land-prereview/events");
    let fields = [
        ("csrf", csrf.as_str()),
        ("action", "approve"),
        ("on", "2026-03-16"),
        ("confirm", "1"),
    ];
    assert_eq!(c.post(&path, &fields).await.status, 303);
    let page = c.get(&format!("/projects/{green}")).await.body;
    check_page("project with a withdrawable event", &page);
    let history = part(&page, "id=\"history\"", "ol");
    assert_eq!(
        history.matches("撤销此记录").count(),
        1,
        "only the latest: {history}"
    );
    let id = {
        let at = history.find("/events/").unwrap() + 8;
        history[at..at + history[at..].find('/').unwrap()].to_string()
    };
    let withdraw = format!("/projects/{green}/steps/land-prereview/events/{id}/withdraw");
    let version = step(app, green, "land-prereview").await["version"].to_string();

    // Without a reason: refused beside it.
    let before = app.snapshot().await;
    let refused = c
        .post(
            &withdraw,
            &[("csrf", &csrf), ("reason", " "), ("version", &version)],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        field_error(&refused.body, &format!("reason-{id}")).as_deref(),
        Some("请填写撤销原因")
    );
    assert_eq!(app.snapshot().await, before);
    // With one: the step is back in review, the event kept and marked.
    let reason = "误点批准，实际仍在审查";
    let done = c
        .post(
            &withdraw,
            &[("csrf", &csrf), ("reason", reason), ("version", &version)],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(done.location.unwrap().contains("done=event_withdrawn"));
    let page = c
        .get(&format!("/projects/{green}?done=event_withdrawn"))
        .await
        .body;
    assert!(page.contains("已撤销该记录。"));
    let entry = part(&page, &format!("id=\"event-{id}\""), "li");
    assert!(
        entry.contains("已撤销") && entry.contains(reason),
        "{entry}"
    );
    assert_eq!(
        step(app, green, "land-prereview").await["status"],
        "in_review"
    );

    // A manager reads, withdraws nothing.
    let mut boss = PageClient::new(app);
    boss.login(&z.manager, USER_PASSWORD).await;
    let page = boss.get(&format!("/projects/{green}")).await.body;
    assert!(!page.contains("撤销此记录"));
}
