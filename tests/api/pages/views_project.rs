//! The project page and the views' forms: open work first, finished steps folded with the
//! licence link, history newest first, a misplaced or overlong notice refused beside its
//! field; an issued permit shown by its day, unpublished years marked provisional; the
//! admin's phone field; who may use the views. Today is Monday 2026-03-16.

use serde_json::json;

use super::client::{csrf_in, PageClient};
use super::fixture::{event, zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;
use super::matrix::Callers;
use super::views::part;

#[tokio::test]
async fn the_project_page_puts_open_work_first_and_refuses_a_misplaced_notice() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let green = z.green;
    let page = c.get(&format!("/projects/{green}")).await.body;
    check_page("project", &page);
    // 补正中 on the project, with the paused days: 11, 12, 13, 16 March after the 03-10 request.
    let waiting = part(&page, "id=\"project-waiting\"", "span");
    assert!(
        waiting.contains("补正中：节能审查 已暂停 4 个工作日"),
        "{waiting}"
    );
    // Open first: with the agency, then waiting on the applicant, then what can start.
    let open = part(&page, "id=\"open-steps\"", "ol");
    let at = |k: &str| open.find(&format!("id=\"step-{k}\"")).unwrap();
    assert!(at("land-prereview") < at("energy-review") && at("energy-review") < at("eia"));
    assert!(at("eia") < at("land-grant"));
    assert!(!open.contains("id=\"step-filing\""));
    // Finished steps fold into a table, with the licence link for an approved one.
    let done = part(&page, "id=\"finished-steps\"", "details");
    assert!(done.contains("项目备案"));
    assert!(
        done.contains(&format!(
            "href=\"/licences/new?project_id={green}&amp;step=filing\""
        )),
        "{done}"
    );
    // History newest first: the 补正 of 03-10 before the filing of 03-02.
    let history = part(&page, "id=\"history\"", "ol");
    assert!(history.find("2026年3月10日").unwrap() < history.find("2026年3月2日").unwrap());

    // A notice with another action is refused beside its field, in Chinese, input kept.
    let csrf = csrf_in(&page);
    let before = z.app.snapshot().await;
    let path = format!("/projects/{green}/steps/land-prereview/events");
    let refused = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("action", "approve"),
                ("on", "2026-03-16"),
                ("notice", "请补充图纸"),
            ],
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    check_page("refused event", &refused.body);
    assert_eq!(
        field_error(&refused.body, "notice-land-prereview").as_deref(),
        Some("只能与“要求补正”一同填写"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains(">请补充图纸</textarea>"));
    // Too long: 2001 characters.
    let long = "材".repeat(2001);
    let refused = c
        .post(
            &path,
            &[
                ("csrf", &csrf),
                ("action", "request_materials"),
                ("on", "2026-03-16"),
                ("notice", &long),
            ],
        )
        .await;
    assert_eq!(refused.status, 422);
    assert_eq!(
        field_error(&refused.body, "notice-land-prereview").as_deref(),
        Some("最多 2000 个字符")
    );
    assert_eq!(z.app.snapshot().await, before, "refusals change nothing");
}

#[tokio::test]
async fn an_issued_permit_shows_its_day_and_unpublished_years_are_provisional() {
    let z = zone().await;
    let liaison = z.app.user_id(&z.liaison).await;
    let a = z.app.get("/api/v1/enterprises", &z.app.admin).await.ok(200)["items"][0]["id"].clone();
    let new = |name: &str, start: &str| {
        json!({"name": name, "enterprise_id": a, "template": "standard-industrial",
            "liaison_ids": [liaison], "start_date": start})
    };
    // Everything before the permit waived on 01-05; the permit accepted 01-06, issued 01-20.
    let issued = z
        .app
        .add_project(&z.app.admin, &new("厂房改建", "2026-01-05"))
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    for k in [
        "filing",
        "land-prereview",
        "land-grant",
        "land-use-permit",
        "eia",
        "energy-review",
        "design-review",
        "works-permit",
        "drawing-review",
    ] {
        event(&z.app, issued, k, "waive", "2026-01-05").await;
    }
    event(
        &z.app,
        issued,
        "construction-permit",
        "accept",
        "2026-01-06",
    )
    .await;
    event(
        &z.app,
        issued,
        "construction-permit",
        "approve",
        "2026-01-20",
    )
    .await;
    // Started 2026-11-16: its later steps run into 2027, whose calendar is not published.
    let late = z
        .app
        .add_project(&z.app.admin, &new("年底新项目", "2026-11-16"))
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let my = c.get("/my").await.body;
    let card = part(&my, &format!("id=\"card-{issued}\""), "li");
    assert!(
        card.contains("施工许可证已取得") && card.contains("2026年1月20日"),
        "{card}"
    );
    assert!(
        !card.contains("距施工许可") && !card.contains("预计施工许可"),
        "{card}"
    );
    let card = part(&my, &format!("id=\"card-{late}\""), "li");
    assert!(card.contains("暂定（日历未发布）"), "{card}");
    let page = c.get(&format!("/projects/{late}")).await.body;
    let completion = part(&page, "id=\"step-completion-acceptance\"", "li");
    assert!(completion.contains("暂定（日历未发布）"), "{completion}");
    let filing = part(&page, "id=\"step-filing\"", "li");
    assert!(
        !filing.contains("暂定"),
        "a 2026 date is not provisional: {filing}"
    );
    let page = c.get(&format!("/projects/{issued}")).await.body;
    assert!(part(&page, "id=\"project-permit\"", "span").contains("施工许可证已取得 2026年1月20日"));
}

#[tokio::test]
async fn the_views_forms_by_kind_of_user() {
    let z = zone().await;
    let mut who = Callers::of(&z).await;
    let green = z.green;
    //                                         admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        (
            "/my?q=%E6%99%B6%E5%9C%86&light=green".into(),
            [200, 200, 200, 200, 403, 403, 303],
        ),
        ("/enterprise".into(), [403, 403, 403, 403, 200, 200, 303]),
    ])
    .await;
    let before = z.app.snapshot().await;
    who.check_posts(&[(
        format!("/projects/{green}/steps/land-prereview/events"),
        vec![
            ("action", "accept"),
            ("on", "2026-03-16"),
            ("notice", "图纸"),
        ],
        [422, 422, 422, 403, 403, 404, 303],
    )])
    .await;
    assert_eq!(
        z.app.snapshot().await,
        before,
        "refused forms change nothing"
    );
}

#[tokio::test]
async fn an_admin_gives_a_liaison_a_phone_in_the_browser() {
    let z = zone().await;
    let mut admin = PageClient::new(&z.app);
    admin.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let csrf = csrf_in(&admin.get("/admin/users").await.body);
    let form = |phone: &'static str| {
        vec![
            ("username", "wangwu"),
            ("display_name", "王五"),
            ("email", "wangwu@zone.example.cn"),
            ("phone", phone),
            ("role", "liaison"),
            ("enterprise_id", ""),
            ("password", "Secret-pass-2026"),
        ]
    };
    let before = z.app.snapshot().await;
    let mut bad = form("打电话给我");
    bad.push(("csrf", &csrf));
    let refused = admin.post("/admin/users", &bad).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        field_error(&refused.body, "phone").as_deref(),
        Some("请填写电话号码，例如 0571-8888 1234")
    );
    assert!(refused.body.contains("value=\"打电话给我\""));
    assert_eq!(z.app.snapshot().await, before);
    let mut good = form("0571-8888 1234");
    good.push(("csrf", &csrf));
    assert_eq!(admin.post("/admin/users", &good).await.status, 303);
    let list = admin.get("/admin/users").await.body;
    check_page("users", &list);
    assert!(list.contains("<td>0571-8888 1234</td>"));
}

/// A project with years of 补正 rounds: the history shows fifty events at a time, newest
/// first, with links to the older and newer pages (the Gantt's zoom kept); a page past the
/// last shows the last, and one that is not a number the first.
#[tokio::test]
async fn the_history_is_shown_fifty_events_at_a_time() {
    let z = zone().await;
    let green = z.green;
    // 补正 and resubmission of the energy review, 28 rounds, today.
    for _ in 0..28 {
        event(&z.app, green, "energy-review", "resubmit", "2026-03-16").await;
        event(
            &z.app,
            green,
            "energy-review",
            "request_materials",
            "2026-03-16",
        )
        .await;
    }
    let timeline = z
        .app
        .get(&format!("/api/v1/projects/{green}/timeline"), &z.app.admin)
        .await;
    let events = timeline.ok(200).as_array().unwrap().len();
    assert!((51..=99).contains(&events), "{events} events: two pages");
    // The signing (签约) on 03-02, recorded: the history shows it among the events once,
    // on the page its day falls on (older than every round above).
    let milestones = format!("/api/v1/projects/{green}/milestones");
    let signed = json!({"signed": {"actual": "2026-03-02"}});
    z.app
        .put(&milestones, &z.app.admin, &signed, None)
        .await
        .ok(200);
    let total = events + 1;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let items = |page: &str| {
        part(page, "id=\"history\"", "ol")
            .matches("<li id=\"event-")
            .count()
    };

    let first = c.get(&format!("/projects/{green}?zoom=months")).await.body;
    check_page("project", &first);
    assert_eq!(items(&first), 50);
    // minijinja writes `/` in attributes as `&#x2f;`, as browsers read it.
    let pager = part(&first, "id=\"history-pager\"", "nav").replace("&#x2f;", "/");
    assert!(
        pager.contains(&format!("第 1 页，共 2 页（{total} 条）")),
        "{pager}"
    );
    assert!(
        pager.contains(&format!(
            "href=\"/projects/{green}?history_page=2&amp;zoom=months#history-h\""
        )),
        "{pager}"
    );
    assert!(!pager.contains("id=\"history-newer\""), "{pager}");
    // The newest first: the last resubmission's 补正 leads.
    let history = part(&first, "id=\"history\"", "ol");
    let first_item = &history[..history.find("</li>").unwrap()];
    assert!(first_item.contains("补正"), "{first_item}");

    let second = c
        .get(&format!("/projects/{green}?history_page=2"))
        .await
        .body;
    check_page("project", &second);
    assert_eq!(items(&second), total - 50);
    let pager = part(&second, "id=\"history-pager\"", "nav").replace("&#x2f;", "/");
    assert!(
        pager.contains(&format!("第 2 页，共 2 页（{total} 条）")),
        "{pager}"
    );
    assert!(
        pager.contains(&format!(
            "href=\"/projects/{green}?history_page=1#history-h\""
        )),
        "{pager}"
    );
    assert!(!pager.contains("id=\"history-older\""), "{pager}");
    // The oldest event, the filing, is on the last page, and so is the signing.
    assert!(part(&second, "id=\"history\"", "ol").contains("项目备案"));
    let signing = "签约：";
    assert_eq!(
        part(&second, "id=\"history\"", "ol")
            .matches(signing)
            .count(),
        1
    );
    assert!(!part(&first, "id=\"history\"", "ol").contains(signing));

    let past = c
        .get(&format!("/projects/{green}?history_page=9"))
        .await
        .body;
    assert_eq!(items(&past), total - 50);
    let odd = c
        .get(&format!("/projects/{green}?history_page=abc"))
        .await
        .body;
    assert_eq!(items(&odd), 50);
}
