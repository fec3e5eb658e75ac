//! End to end in headless Chromium: each kind of user through the pages, as a person
//! would use them. Screenshots land in `target/screenshots/`.

mod checks;
mod driver;
mod forecast;
mod handover;
mod harness;
mod landing;
mod manage;
mod refusals;
mod requests;
mod tour;
mod walk;

use std::time::{Duration, Instant};

use harness::Browser;

use crate::helpers::{spawn_app, ADMIN_PASSWORD};
use crate::pages::fixture::{zone, USER_PASSWORD};

#[tokio::test]
async fn a_liaison_finds_the_red_project_first_and_records_an_event() {
    let z = zone().await;
    let b = Browser::start(&z.app).await;
    b.login(&z.liaison, USER_PASSWORD).await;
    // My projects: the red one first, whatever the creation order.
    let first = b.css("#project-list > li:first-child").await;
    assert_eq!(
        first.attr("data-light").await.unwrap().as_deref(),
        Some("red")
    );
    assert!(first.text().await.unwrap().contains("九亭生物医药基地"));
    b.screenshot("liaison-my-projects", 1280).await;
    b.screenshot("liaison-my-projects-phone", 390).await;
    b.css("#project-list > li:first-child h2 a")
        .await
        .click()
        .await
        .unwrap();
    assert!(b.text("#project-light").await.contains("红灯"));
    let step = "g[data-step='land-prereview'] rect";
    assert_eq!(b.count(&format!("{step}.status-in_review")).await, 1);
    assert!(b.text("#saved-words").await.contains("节省"));
    b.screenshot("project-before", 1280).await;
    b.shoot_element("#gantt svg", "gantt-before").await;

    // A form stripped of its CSRF token is refused with an error page.
    b.client
        .execute(
            "document.querySelector('#step-land-prereview input[name=csrf]').remove();",
            vec![],
        )
        .await
        .unwrap();
    b.css("#action-land-prereview")
        .await
        .select_by_value("approve")
        .await
        .unwrap();
    b.css("#record-land-prereview").await.click().await.unwrap();
    let refusal = b.text("p.error").await;
    assert!(refusal.contains("安全令牌"), "{refusal}");
    b.screenshot("csrf-refused", 1280).await;
    b.client.back().await.unwrap();
    b.client.refresh().await.unwrap();

    // Recorded through the form: the light and the Gantt follow.
    b.css("#action-land-prereview")
        .await
        .select_by_value("approve")
        .await
        .unwrap();
    b.css("#record-land-prereview").await.click().await.unwrap();
    // What approving does is shown first, and confirmed once.
    let what = b.text("#confirm-land-prereview").await;
    assert!(what.contains("办结"), "{what}");
    b.css("#confirm-yes-land-prereview")
        .await
        .click()
        .await
        .unwrap();
    b.css(&format!("{step}.status-approved")).await;
    assert!(!b.text("#project-light").await.contains("红灯"));
    assert!(b
        .text("#history")
        .await
        .contains("用地预审与选址意见书：批准"));
    b.screenshot("project-after", 1280).await;
    b.shoot_element("#gantt svg", "gantt-after").await;
}

#[tokio::test]
async fn an_enterprise_sees_only_its_own_projects_and_what_waits_on_it() {
    let z = zone().await;
    let b = Browser::start(&z.app).await;
    b.login(&z.ent_a, USER_PASSWORD).await;
    let main = b.text("main").await;
    assert!(
        main.contains("晶圆厂二期") && !main.contains("九亭生物医药基地"),
        "{main}"
    );
    let waiting = b.text(".waiting-list").await;
    assert!(
        waiting.contains("节能审查") && waiting.contains("已等待 4 个工作日"),
        "{waiting}"
    );
    b.screenshot("enterprise-timeline", 1280).await;
    b.goto(&format!("/projects/{}", z.red)).await;
    assert!(b.text("p.error").await.contains("找不到"));
    b.goto("/enterprise").await;
    b.css("#lang-switch").await.click().await.unwrap();
    assert!(b
        .text(".waiting-list")
        .await
        .contains("waited 4 working days"));
    b.screenshot("enterprise-timeline-en", 1280).await;
}

#[tokio::test]
async fn a_manager_opens_the_overview_and_an_admin_the_calendar() {
    let z = zone().await;
    let b = Browser::start(&z.app).await;
    b.login(&z.manager, USER_PASSWORD).await;
    assert!(b.text("#red-list").await.contains("九亭生物医药基地"));
    assert!(b
        .text("#agencies tbody tr:first-child")
        .await
        .contains("区规划资源局"));
    assert_eq!(b.count("svg.chart rect.actual").await, 2);
    b.screenshot("manager-overview", 1280).await;
    b.logout().await;
    b.login("admin", ADMIN_PASSWORD).await;
    b.goto("/admin/calendar?year=2027").await;
    assert!(b.text("#cal-state").await.contains("未发布"));
    b.css("#f-holidays")
        .await
        .send_keys("2027-01-01\n2027-02-05")
        .await
        .unwrap();
    b.css("form[action='/admin/calendar/2027'] button")
        .await
        .click()
        .await
        .unwrap();
    b.wait_text("#cal-state", "已发布").await;
    b.screenshot("admin-calendar", 1280).await;
    b.goto("/admin/routes").await;
    b.screenshot("admin-routes", 1280).await;
}

/// The guard, proven: a test that fails with its browser open leaves no process behind.
#[tokio::test]
async fn a_browser_ends_with_its_test_even_when_the_test_panics() {
    let app = spawn_app().await;
    let base = app.address.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    let test = tokio::spawn(async move {
        let b = Browser::open(&base).await;
        b.goto("/login").await;
        b.css("#username").await;
        let _ = tx.send((b.group(), driver::group_members(b.group())));
        panic!("a browser test failing with its browser open (on purpose)");
    });
    assert!(test.await.unwrap_err().is_panic());
    let (group, running) = rx.recv().unwrap();
    assert!(
        running.iter().any(|name| name == "chromium") && running.len() > 2,
        "{running:?}"
    );
    // SIGKILL lands at once; the kernel may take a moment to take the processes down.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut left = driver::group_members(group);
    while !left.is_empty() && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
        left = driver::group_members(group);
    }
    assert!(left.is_empty(), "still running: {left:?}");
}
