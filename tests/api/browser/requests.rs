//! An enterprise's request (诉求) in the browser, from its filing to a second resolution:
//! the enterprise files from its home, the liaison accepts, replies and resolves, the
//! enterprise rates it dissatisfied (it reopens), and the liaison resolves it again.

use super::harness::Browser;
use crate::pages::fixture::{zone, USER_PASSWORD};

/// Submits the request's action form and waits for the confirmation of the next page.
async fn act(b: &Browser, action: &str, text: &str) {
    b.css("#f-action")
        .await
        .select_by_value(action)
        .await
        .unwrap();
    if !text.is_empty() {
        b.fill("#f-text", text).await;
    }
    b.client
        .execute(
            "const d = document.getElementById('done'); if (d) d.remove();",
            vec![],
        )
        .await
        .unwrap();
    b.click("#request-act").await;
    b.wait_text("#done", "已记录").await;
}

#[tokio::test]
async fn an_enterprise_files_a_request_rates_it_dissatisfied_and_it_is_resolved_again() {
    let z = zone().await;
    let b = Browser::start(&z.app).await;

    // The enterprise files from its home page; a blank title is refused beside the field.
    b.login(&z.ent_a, USER_PASSWORD).await;
    b.click("#request-new").await;
    b.fill("#f-text", "工地临时用电申请已提交两周，何时接通？")
        .await;
    b.css("#f-category")
        .await
        .select_by_value("utilities")
        .await
        .unwrap();
    b.click("#request-submit").await;
    assert!(b.text("#e-title").await.contains("必填"));
    assert!(b.text("#f-text").await.contains("已提交两周"));
    b.fill("#f-title", "临时用电何时接通").await;
    b.click("#request-submit").await;
    assert!(b
        .wait_text("#done", "诉求已登记")
        .await
        .contains("诉求已登记"));
    let url = b.client.current_url().await.unwrap();
    let path = url.path().to_string();
    b.screenshot("request-filed", 1280).await;
    b.logout().await;

    // The liaison finds it in the list, accepts, replies and resolves.
    b.login(&z.liaison, USER_PASSWORD).await;
    b.goto("/requests").await;
    assert!(b.text("#requests").await.contains("临时用电何时接通"));
    b.goto(&path).await;
    act(&b, "accept", "").await;
    act(&b, "reply", "已联系供电所，周三上门勘察。").await;
    act(&b, "resolve", "临时用电已接通。").await;
    assert!(b.text("#request-status").await.contains("已办结"));
    b.screenshot("request-resolved", 1280).await;
    b.logout().await;

    // The enterprise reads the answer and rates it dissatisfied: it reopens.
    b.login(&z.ent_a, USER_PASSWORD).await;
    b.goto(&path).await;
    assert!(b.text("#history").await.contains("周三上门勘察"));
    b.css("#f-action")
        .await
        .select_by_value("rate")
        .await
        .unwrap();
    b.css("#f-rating")
        .await
        .select_by_value("dissatisfied")
        .await
        .unwrap();
    b.fill("#f-text", "电压不稳，仍无法开工。").await;
    b.click("#request-act").await;
    b.wait_text("#done", "已记录").await;
    assert!(b.text("#request-status").await.contains("重新办理"));
    assert!(b.text("#request-rating").await.contains("不满意"));
    b.screenshot("request-reopened-phone", 390).await;
    b.logout().await;

    // Resolved again by the liaison.
    b.login(&z.liaison, USER_PASSWORD).await;
    b.goto(&path).await;
    act(&b, "resolve", "已更换变压器，电压稳定。").await;
    assert!(b.text("#request-status").await.contains("已办结"));
    let history = b.text("#history").await;
    assert!(
        history.contains("不满意") && history.contains("已更换变压器"),
        "{history}"
    );
    b.screenshot("request-resolved-again", 1280).await;
}
