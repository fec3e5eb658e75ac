//! What if (假如) on the pages: the project's and the cockpit's forms, their comparisons and
//! their refusals beside the field with the input kept. The zone of `forecasts::zone`,
//! today Monday 2026-03-16; the figures are worked there and in `forecasts_zone`.

use crate::forecasts::zone;
use crate::helpers::{spawn_app, ADMIN_PASSWORD, CODE_A};
use crate::pages::client::PageClient;

#[tokio::test]
async fn a_liaison_asks_what_if_a_step_took_longer_and_reads_both_forecasts() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    let before = app.snapshot().await;
    let mut c = PageClient::new(&app);
    c.login("admin", ADMIN_PASSWORD).await;
    let project = c.get(&format!("/projects/{id}")).await;
    assert!(project.body.contains(&format!(
        r#"<a href="/projects/{id}/what-if" id="what-if-link">"#
    )));
    let form = c.get(&format!("/projects/{id}/what-if")).await;
    assert_eq!(form.status, 200);
    assert!(
        form.body
            .contains(r#"<option value="eia">环评审批</option>"#),
        "{}",
        form.body
    );
    assert!(!form.body.contains("what-if-table"));
    // EIA five working days longer: EIA 04-28 instead of 04-21, the permit 05-11 instead
    // of 04-30 (worked in forecasts.rs).
    let page = c
        .get(&format!("/projects/{id}/what-if?step=eia&days=5"))
        .await;
    assert_eq!(page.status, 200);
    let b = &page.body;
    assert!(
        b.contains("假如「环评审批」在部门多用 5 个工作日（负数即少用）"),
        "{b}"
    );
    assert!(b.contains(r#"<tr class="moved"><th scope="row">施工许可证</th><td data-label="今天的预测">预计 2026年4月30日"#), "{b}");
    assert!(b.contains("<strong>预计 2026年5月11日</strong>"), "{b}");
    assert!(
        b.contains(r#"<option value="eia" selected>环评审批</option>"#),
        "{b}"
    );
    assert!(b.contains(r#"value="5""#));
    // Refused beside the field, in Chinese, the input kept.
    let far = c
        .get(&format!("/projects/{id}/what-if?step=eia&days=201"))
        .await;
    assert_eq!(far.status, 422);
    assert!(
        far.body
            .contains(r#"<p class="field-error" id="e-days">应在 -200 到 200 个工作日之间</p>"#),
        "{}",
        far.body
    );
    assert!(far.body.contains(r#"value="201""#));
    let unknown = c
        .get(&format!("/projects/{id}/what-if?step=nope&days=3"))
        .await;
    assert_eq!(unknown.status, 422);
    assert!(
        unknown
            .body
            .contains(r#"<p class="field-error" id="e-step">该项目没有环节 nope</p>"#),
        "{}",
        unknown.body
    );
    assert!(unknown
        .body
        .contains(r#"<option value="nope" selected>nope</option>"#));
    let words = c
        .get(&format!("/projects/{id}/what-if?step=eia&days=五"))
        .await;
    assert_eq!(words.status, 422);
    assert!(words.body.contains(r#"id="e-days">"#), "{}", words.body);
    assert!(words.body.contains(r#"value="五""#));
    // A step without a number of days is refused at the days, not shown as nothing.
    let blank = c.get(&format!("/projects/{id}/what-if?step=eia")).await;
    assert_eq!(blank.status, 422);
    assert!(blank.body.contains(r#"id="e-days">"#), "{}", blank.body);
    assert_eq!(app.snapshot().await, before, "a what-if stores nothing");
}

#[tokio::test]
async fn a_manager_asks_what_if_an_agency_were_slower_and_only_staff_may() {
    let app = spawn_app().await;
    let id = zone(&app).await;
    crate::forecasts_zone::planned(&app, id).await;
    let mut c = PageClient::new(&app);
    c.login("admin", ADMIN_PASSWORD).await;
    let overview = c.get("/overview").await;
    assert!(overview
        .body
        .contains(r#"<a href="/overview/what-if" id="what-if-zone-link">"#));
    let form = c.get("/overview/what-if").await;
    assert!(
        form.body.contains(r#"<option value="区生态环境局">"#),
        "{}",
        form.body
    );
    // Twice as slow, the start still comes this year (EIA index 40, the permit 47 of 200).
    let page = c
        .get("/overview/what-if?agency=区生态环境局&factor=2")
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(r#"<tr id="what-if-expected"><th scope="row">今年预计开工（P10–P90）</th><td>1.0（1–1）</td><td>1.0（1–1）</td></tr>"#), "{}", page.body);
    assert!(page.body.contains("没有项目的今年开工把握因此改变。"));
    let bad = c.get("/overview/what-if?agency=不存在的局&factor=11").await;
    assert_eq!(bad.status, 422);
    assert!(
        bad.body
            .contains(r#"id="e-agency">没有名为 &quot;不存在的局&quot; 的部门"#),
        "{}",
        bad.body
    );
    assert!(
        bad.body
            .contains(r#"id="e-factor">应在 0.1 到 10 倍之间</p>"#),
        "{}",
        bad.body
    );
    assert!(bad.body.contains(r#"value="不存在的局""#) && bad.body.contains(r#"value="11""#));
    let nan = c
        .get("/overview/what-if?agency=区生态环境局&factor=两倍")
        .await;
    assert_eq!(nan.status, 422);
    assert!(nan.body.contains(r#"id="e-factor">"#));
    // An enterprise's user has no cockpit and no what-if.
    let ent = crate::forecasts::enterprise(&app, CODE_A).await;
    app.add_user("firm_a", "enterprise", ent).await;
    let mut firm = PageClient::new(&app);
    firm.login("firm_a", crate::helpers::PASSWORD).await;
    assert_eq!(
        firm.get("/overview/what-if?agency=区建管委&factor=2")
            .await
            .status,
        403
    );
    assert_eq!(
        firm.get(&format!("/projects/{id}/what-if?step=eia&days=1"))
            .await
            .status,
        403
    );
}
