//! The landing on the pages: 项目代码 and milestones on the project and its edit page,
//! refusals in Chinese beside their fields with nothing changed, and who may send them.

use super::client::{csrf_in, PageClient};
use super::fixture::{zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;
use super::matrix::Callers;

const CODE: &str = "2019-310117-04-01-000123";

#[tokio::test]
async fn milestones_and_the_code_are_recorded_from_the_pages() {
    let z = zone().await;
    let (green, red) = (z.green, z.red);
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let path = format!("/projects/{green}");
    let page = c.get(&path).await;
    assert_eq!(page.status, 200);
    check_page("project with milestones", &page.body);
    assert!(
        page.body.contains("项目全周期") && page.body.contains("id=\"save-milestones\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("施工许可证尚未核发"));
    let csrf = csrf_in(&page.body);
    let post = format!("/projects/{green}/milestones");
    let api = format!("/api/v1/projects/{green}/milestones");
    let before = (
        z.app.snapshot().await,
        z.app.get(&api, &z.app.admin).await.body,
    );

    // 开工 before the construction permit (still pending): 409, beside the 开工 day.
    let r = c
        .post(
            &post,
            &[
                ("csrf", &csrf),
                ("signed_actual", "2026-03-02"),
                ("started_actual", "2026-03-10"),
            ],
        )
        .await;
    assert_eq!(r.status, 409);
    check_page("milestones refused", &r.body);
    assert_eq!(
        field_error(&r.body, "started_actual").as_deref(),
        Some("施工许可证核发前不能登记开工")
    );
    assert!(
        r.body.contains("value=\"2026-03-02\""),
        "what was typed is kept"
    );
    // 拿地 before 签约: 422 beside 拿地.
    let r = c
        .post(
            &post,
            &[
                ("csrf", &csrf),
                ("signed_actual", "2026-03-05"),
                ("land_actual", "2026-03-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        field_error(&r.body, "land_actual").as_deref(),
        Some("拿地（2026-03-01）早于 签约（2026-03-05）")
    );
    // A third extension, and a day that is not one.
    let r = c
        .post(&post, &[("csrf", &csrf), ("permit_extensions", "3")])
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        field_error(&r.body, "permit_extensions").as_deref(),
        Some("施工许可证最多延期两次")
    );
    let r = c
        .post(&post, &[("csrf", &csrf), ("signed_planned", "2026-13-01")])
        .await;
    assert_eq!(r.status, 422);
    assert!(
        field_error(&r.body, "signed_planned").is_some(),
        "{}",
        r.body
    );
    let after = (
        z.app.snapshot().await,
        z.app.get(&api, &z.app.admin).await.body,
    );
    assert_eq!(after, before, "refused forms change nothing");

    let r = c
        .post(
            &post,
            &[
                ("csrf", &csrf),
                ("signed_actual", "2026-03-02"),
                ("started_planned", "2026-06-01"),
                ("permit_extensions", "0"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(
        r.location.as_deref(),
        Some(format!("/projects/{green}?done=milestones_saved#landing").as_str())
    );
    let page = c
        .get(&format!("/projects/{green}?done=milestones_saved"))
        .await
        .body;
    assert!(page.contains("节点日期已保存"));
    assert!(page.contains("2026年6月1日") && page.contains("id=\"milestone-history\""));
    // In the project's history beside the steps' events.
    let history = &page[page.find("id=\"history\"").unwrap()..];
    assert!(history.contains("签约：登记实际日期"), "{history}");
    // The Gantt marks them after the approvals: 签约 done (solid), 开工 planned (hollow).
    let gantt = &page[page.find("id=\"gantt-milestones\"").unwrap()..];
    assert!(gantt.contains("data-milestone=\"signed\" data-actual=\"true\""));
    assert!(gantt.contains("data-milestone=\"started\" data-actual=\"false\""));

    // The code from the edit page: a bad shape, then one held by another project.
    let edit = c.get(&format!("/projects/{green}/edit")).await;
    check_page("edit with code", &edit.body);
    assert!(edit.body.contains("id=\"f-project_code\""));
    let version = z
        .app
        .get(&format!("/api/v1/projects/{green}"), &z.app.admin)
        .await
        .body["version"]
        .to_string();
    let code_post = format!("/projects/{green}/edit/code");
    let r = c
        .post(
            &code_post,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("project_code", "2019-310117-04-01"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(field_error(&r.body, "project_code")
        .unwrap()
        .starts_with("格式应为"));
    assert!(r.body.contains("value=\"2019-310117-04-01\""));
    let red_version = z
        .app
        .get(&format!("/api/v1/projects/{red}"), &z.app.admin)
        .await
        .body["version"]
        .to_string();
    let r = c
        .post(
            &format!("/projects/{red}/edit/code"),
            &[
                ("csrf", &csrf),
                ("version", &red_version),
                ("project_code", CODE),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let before = z.app.snapshot().await;
    let r = c
        .post(
            &code_post,
            &[
                ("csrf", &csrf),
                ("version", &version),
                ("project_code", CODE),
            ],
        )
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(
        field_error(&r.body, "project_code"),
        Some(format!("项目 {red} 已使用统一项目代码 {CODE}"))
    );
    assert_eq!(z.app.snapshot().await, before);
    // Shown on the project page and in the list (found by its code) and its CSV.
    let page = c.get(&format!("/projects/{red}")).await.body;
    assert!(page.contains(&format!("<span class=\"code\">{CODE}</span>")));
    let list = c.get("/projects?q=310117-04-01").await.body;
    assert!(
        list.contains("九亭生物医药基地") && !list.contains("晶圆厂二期"),
        "{list}"
    );
    let (status, _, _, csv) = c.download("/projects?q=310117-04-01&format=csv").await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv
        .lines()
        .next()
        .unwrap()
        .ends_with("项目代码 Project code"));
    assert!(csv.lines().nth(1).unwrap().ends_with(CODE), "{csv}");
    // On the liaison's cards too; the enterprise sees its own project's code on its page.
    let my = c.get("/my").await.body;
    let card = format!("id=\"code-{red}\">统一项目代码：<span class=\"code\">{CODE}</span>");
    assert!(my.contains(&card), "{my}");
    let green = z.green;
    let own = "2019-310117-04-01-000124";
    z.app
        .patch(
            &format!("/api/v1/projects/{green}"),
            &z.app.admin,
            &serde_json::json!({"project_code": own}),
            None,
        )
        .await
        .ok(200);
    let mut firm = PageClient::new(&z.app);
    firm.login(&z.ent_a, USER_PASSWORD).await;
    let home = firm.get("/enterprise").await.body;
    let card = format!("id=\"code-{green}\">统一项目代码：<span class=\"code\">{own}</span>");
    assert!(home.contains(&card), "{home}");
    assert!(!home.contains(CODE), "another enterprise's project");
}

#[tokio::test]
async fn who_may_send_the_landing_forms() {
    let z = zone().await;
    let mut who = Callers::of(&z).await;
    let green = z.green;
    let before = z.app.snapshot().await;
    //                                             admin manager liaison other-liaison firm other-firm anonymous
    who.check_posts(&[
        (
            format!("/projects/{green}/milestones"),
            vec![("permit_extensions", "3")],
            [422, 422, 422, 403, 403, 404, 303],
        ),
        (
            format!("/projects/{green}/edit/code"),
            vec![("project_code", "2019")],
            [422, 422, 422, 403, 403, 404, 303],
        ),
    ])
    .await;
    assert_eq!(
        z.app.snapshot().await,
        before,
        "refused forms change nothing"
    );
}

#[tokio::test]
async fn admins_set_the_years_targets_and_managers_see_the_landing() {
    let z = zone().await;
    let mut admin = PageClient::new(&z.app);
    admin.login("admin", crate::helpers::ADMIN_PASSWORD).await;
    let page = admin.get("/admin/targets").await;
    assert_eq!(page.status, 200);
    check_page("/admin/targets", &page.body);
    assert!(page.body.contains("value=\"2026\""), "this year by default");
    let csrf = csrf_in(&page.body);
    let before = z.app.snapshot().await;
    let r = admin
        .post(
            "/admin/targets",
            &[
                ("csrf", &csrf),
                ("year", "2026"),
                ("starts", "四十"),
                ("productions", "2"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    check_page("targets refused", &r.body);
    assert_eq!(field_error(&r.body, "starts").as_deref(), Some("应为整数"));
    assert!(r.body.contains("value=\"四十\""), "what was typed is kept");
    let r = admin
        .post(
            "/admin/targets",
            &[
                ("csrf", &csrf),
                ("year", "2026"),
                ("starts", "-1"),
                ("productions", "2"),
            ],
        )
        .await;
    assert_eq!(r.status, 422);
    assert_eq!(
        field_error(&r.body, "starts").as_deref(),
        Some("应为 0 至 100000 的整数")
    );
    assert_eq!(z.app.snapshot().await, before);
    z.app
        .get("/api/v1/targets/2026", &z.app.admin)
        .await
        .problem(404);
    let r = admin
        .post(
            "/admin/targets",
            &[
                ("csrf", &csrf),
                ("year", "2026"),
                ("starts", "3"),
                ("productions", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    let page = admin.get(r.location.as_deref().unwrap()).await.body;
    assert!(
        page.contains("年度目标已保存") && page.contains("id=\"target-2026\""),
        "{page}"
    );
    // Saved again on the version shown: 4 starts.
    let csrf = csrf_in(&page);
    let version = "1";
    let r = admin
        .post(
            "/admin/targets",
            &[
                ("csrf", &csrf),
                ("version", version),
                ("year", "2026"),
                ("starts", "4"),
                ("productions", "1"),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);

    // The green project is planned to start 04-01; its permit (施工许可证) is projected
    // after the steps before it, later than 04-01: at risk.
    let green = z.green;
    let api = format!("/api/v1/projects/{green}/milestones");
    z.app
        .put(
            &api,
            &z.app.admin,
            &serde_json::json!({"started": {"planned": "2026-04-01"}}),
            None,
        )
        .await
        .ok(200);
    let mut boss = PageClient::new(&z.app);
    boss.login(&z.manager, USER_PASSWORD).await;
    let o = boss.get("/overview").await;
    assert_eq!(o.status, 200);
    check_page("overview with landing", &o.body);
    let o = o.body;
    assert!(o.contains("<span class=\"count-n\" id=\"landing-started\">0</span>"));
    assert!(o.contains("<span id=\"landing-starts-target\">4</span>"));
    assert!(o.contains("<span class=\"count-n\" id=\"landing-at-risk\">1</span>"));
    assert!(o.contains("id=\"landing-chart\"") && o.contains("data-target=\"4\""));
    // Today is in March: three months drawn.
    assert_eq!(o.matches("class=\"started\"").count(), 3);
    let row = &o[o.find(&format!("id=\"not-started-{green}\"")).unwrap()..];
    assert!(row[..row.find("</tr>").unwrap()].contains("有风险"));
}

#[tokio::test]
async fn who_may_open_and_send_the_targets_page() {
    let z = zone().await;
    let mut who = Callers::of(&z).await;
    //                                         admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        ("/admin/targets".into(), [200, 403, 403, 403, 403, 403, 303]),
        ("/overview".into(), [200, 200, 403, 403, 403, 403, 303]),
    ])
    .await;
    let before = z.app.snapshot().await;
    who.check_posts(&[(
        "/admin/targets".into(),
        vec![("year", "2026"), ("starts", "x"), ("productions", "1")],
        [422, 403, 403, 403, 403, 403, 303],
    )])
    .await;
    assert_eq!(z.app.snapshot().await, before);
    z.app
        .get("/api/v1/targets/2026", &z.app.admin)
        .await
        .problem(404);
}
