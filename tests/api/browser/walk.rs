//! A liaison's working day from nothing, in the browser as a person would use it: sign
//! in to an empty list, register an enterprise, start a project from a template (its
//! promise shown first), accept the filing, ask for materials with a notice; the
//! enterprise reads that notice and what comes next; the liaison records the
//! resubmission and the approval, records the licence, and imports a spreadsheet with a
//! bad row, then fixed. Each refusal on the way is shown beside its field, input kept.

use fantoccini::Locator;

use super::harness::Browser;
use crate::helpers::{spawn_app, CODE_A, PASSWORD};

/// Sets a field's value directly (date inputs take typing in the browser's locale).
async fn set(b: &Browser, id: &str, value: &str) {
    b.client
        .execute(
            "document.getElementById(arguments[0]).value = arguments[1];",
            vec![id.into(), value.into()],
        )
        .await
        .unwrap();
}

/// Submits with `selector` and waits for the next page's confirmation (the old page's
/// confirmation is taken away first, so it cannot be mistaken for the new one).
async fn submit_confirmed(b: &Browser, selector: &str) -> String {
    b.client
        .execute(
            "const d = document.getElementById('done'); if (d) d.remove();",
            vec![],
        )
        .await
        .unwrap();
    b.click(selector).await;
    b.text("#done").await
}

async fn value(b: &Browser, id: &str) -> String {
    b.css(&format!("#{id}"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

/// Records an event through a step's form on the project page.
async fn record(b: &Browser, key: &str, action: &str, notice: Option<&str>) {
    let form = format!("#step-{key} details.record");
    if b.css(&form).await.attr("open").await.unwrap().is_none() {
        b.click(&format!("{form} summary")).await;
    }
    b.css(&format!("#action-{key}"))
        .await
        .select_by_value(action)
        .await
        .unwrap();
    if let Some(n) = notice {
        b.fill(&format!("#notice-{key}"), n).await;
    }
    if matches!(action, "accept" | "resubmit") {
        submit_confirmed(b, &format!("#record-{key}")).await;
    } else {
        // What it will do is shown, and confirmed once.
        b.click(&format!("#record-{key}")).await;
        submit_confirmed(b, &format!("#confirm-yes-{key}")).await;
    }
}

#[tokio::test]
async fn a_liaisons_day_from_nothing_to_a_licence_and_an_import() {
    let app = spawn_app().await;
    let (xiaoer, _) = app.add_user("xiaoer", "liaison", None).await;
    app.patch(
        &format!("/api/v1/users/{xiaoer}"),
        &app.admin,
        &serde_json::json!({"display_name": "王小二", "phone": "021-5768 1234"}),
        None,
    )
    .await
    .ok(200);
    let b = Browser::start(&app).await;

    // Signed in, nothing yet.
    b.login("xiaoer", PASSWORD).await;
    assert!(b.text("#no-projects").await.contains("暂无项目"));

    // An enterprise: a wrong check digit is said beside the code, the rest kept.
    b.goto("/enterprises/new").await;
    b.fill("#f-name", "松江新材料有限公司").await;
    b.fill("#f-credit_code", "91310117MA1J3P0A06").await;
    b.fill("#f-contact_name", "陈总").await;
    b.fill("#f-contact_email", "chen@xincailiao.example.cn")
        .await;
    b.click("#save-enterprise").await;
    let refusal = b.text("#e-credit_code").await;
    assert!(!refusal.is_empty() && !refusal.is_ascii(), "{refusal}");
    assert_eq!(value(&b, "f-name").await, "松江新材料有限公司");
    b.screenshot("walk-enterprise-refused", 1400).await;
    b.fill("#f-credit_code", CODE_A).await;
    assert!(!submit_confirmed(&b, "#save-enterprise").await.is_empty());
    let url = b.client.current_url().await.unwrap();
    let enterprise: i64 = url.path().rsplit('/').next().unwrap().parse().unwrap();

    // A project from a template: the promise first, then saved.
    b.goto("/projects/new").await;
    b.fill("#f-name", "新材料一期").await;
    b.css("#f-enterprise_id")
        .await
        .select_by_value(&enterprise.to_string())
        .await
        .unwrap();
    b.css("#f-template")
        .await
        .select_by_value("low-risk-industrial")
        .await
        .unwrap();
    set(&b, "f-start_date", "2026-03-16").await;
    b.click("#preview-project").await;
    // By hand (see tests/api/pages/project_forms.rs): planned finish 2026-04-08.
    assert!(b.text("#planned-finish").await.contains("2026年4月8日"));
    assert_eq!(value(&b, "f-name").await, "新材料一期");
    b.screenshot("walk-project-preview", 1400).await;
    submit_confirmed(&b, "#create-project").await;
    let url = b.client.current_url().await.unwrap();
    let project: i64 = url.path().rsplit('/').next().unwrap().parse().unwrap();

    // The filing accepted and approved; the land grant accepted.
    record(&b, "filing", "accept", None).await;
    record(&b, "filing", "approve", None).await;
    record(&b, "land-grant", "accept", None).await;
    // Materials asked for with a day after today: refused beside the day, notice kept.
    let notice = "1. 土地出让合同复印件；2. 法定代表人身份证明";
    let form = "#step-land-grant details.record";
    if b.css(form).await.attr("open").await.unwrap().is_none() {
        b.click(&format!("{form} summary")).await;
    }
    b.css("#action-land-grant")
        .await
        .select_by_value("request_materials")
        .await
        .unwrap();
    set(&b, "on-land-grant", "2026-03-20").await;
    b.fill("#notice-land-grant", notice).await;
    b.click("#record-land-grant").await;
    let refusal = b.text("#e-on-land-grant").await;
    assert!(refusal.contains("晚于今天"), "{refusal}");
    assert_eq!(value(&b, "notice-land-grant").await, notice);
    b.screenshot("walk-event-refused", 1400).await;
    set(&b, "on-land-grant", "2026-03-16").await;
    b.click("#record-land-grant").await;
    let what = b.text("#confirm-land-grant").await;
    assert!(
        what.contains("暂停计时") && what.contains("土地出让合同复印件"),
        "{what}"
    );
    b.screenshot("walk-event-confirm", 390).await;
    submit_confirmed(&b, "#confirm-yes-land-grant").await;
    assert!(b.text("#project-waiting").await.contains("土地出让"));
    b.goto("/").await;
    b.logout().await;

    // The enterprise reads what to bring, whom to call, and what comes next.
    app.add_user("xincailiao", "enterprise", Some(enterprise))
        .await;
    b.login("xincailiao", PASSWORD).await;
    let box_ = b.text(&format!("#notice-{project}-land-grant")).await;
    assert!(
        box_.contains("土地出让合同复印件")
            && box_.contains("王小二")
            && box_.contains("021-5768 1234"),
        "{box_}"
    );
    let next = b.text(&format!("#upcoming-{project}")).await;
    assert!(
        next.contains("建设用地规划许可证") || next.contains("用地规划"),
        "{next}"
    );
    b.screenshot("walk-enterprise-notice", 1400).await;
    b.screenshot("walk-enterprise-notice-phone", 390).await;
    b.logout().await;

    // Back with the liaison: resubmitted, approved, the licence recorded from the step.
    b.login("xiaoer", PASSWORD).await;
    b.goto(&format!("/projects/{project}")).await;
    record(&b, "land-grant", "resubmit", None).await;
    record(&b, "land-grant", "approve", None).await;
    b.goto(&format!(
        "/licences/new?project_id={project}&step=land-grant"
    ))
    .await;
    assert_eq!(value(&b, "f-issued_on").await, "2026-03-16");
    b.fill("#f-number", "沪松地合2026-0316").await;
    set(&b, "f-expires_on", "2026-03-01").await;
    b.click("#licence-submit").await;
    assert!(!b.text("#e-expires_on").await.is_empty());
    assert_eq!(value(&b, "f-number").await, "沪松地合2026-0316");
    set(&b, "f-expires_on", "2028-03-15").await;
    submit_confirmed(&b, "#licence-submit").await;
    assert!(b.text("#licences").await.contains("沪松地合2026-0316"));

    // An import with one bad row: every bad line named, nothing written; fixed, imported.
    let dir = tempfile::tempdir().unwrap();
    let header = "project,enterprise,start_date,liaisons,step,name,agency,stage,statutory_days,promised_days,depends_on,accepted_on,requested_on,resubmitted_on,approved_on,rejected_on,waived_on";
    let good = format!("二期厂房,{CODE_A},2026-03-02,xiaoer,filing,项目备案,区发改委,立项用地规划许可,0,,,2026-03-02,,,2026-03-02,,");
    let bad = format!("二期厂房,{CODE_A},2026-03-02,xiaoer,eia,环评审批,区生态环境局,工程建设许可,-3,,filing,,,,,,");
    let fixed = bad.replace(",-3,", ",30,");
    let write = |name: &str, rows: &[&str]| {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("{header}\n{}\n", rows.join("\n"))).unwrap();
        path.display().to_string()
    };
    let (bad_file, good_file) = (
        write("bad.csv", &[&good, &bad]),
        write("good.csv", &[&good, &fixed]),
    );
    b.goto("/imports/new").await;
    b.css("#f-file").await.send_keys(&bad_file).await.unwrap();
    b.click("#import-submit").await;
    let errors = b.text("#import-errors").await;
    assert!(errors.contains('3'), "line 3 named: {errors}");
    b.screenshot("walk-import-refused", 1400).await;
    b.css("#f-file").await.send_keys(&good_file).await.unwrap();
    b.click("#import-submit").await;
    assert!(b.text("#import-done").await.contains("二期厂房"));
    b.screenshot("walk-import-done", 1400).await;
    assert_eq!(
        b.client
            .find_all(Locator::Css("#import-errors"))
            .await
            .unwrap()
            .len(),
        0
    );
}
