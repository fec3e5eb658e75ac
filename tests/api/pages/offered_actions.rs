//! The project page offers each user exactly the events the API would record for them:
//! both ask `service::steps::lifecycle::actions_open_to`. Today is 2026-03-16; "晶圆厂二期" has a
//! finished step, one in review, one back with the enterprise and pending ones
//! (pages::fixture).

use std::collections::BTreeSet;

use super::client::PageClient;
use super::fixture::{zone, USER_PASSWORD};
use super::views::part;
use crate::helpers::{event_body, ADMIN_PASSWORD};

const ACTIONS: [&str; 7] = [
    "accept",
    "request_materials",
    "resubmit",
    "approve",
    "reject",
    "waive",
    "reopen",
];

/// The API actions behind a step's choices on the page (容缺受理 is an accept, 告知承诺 an
/// approve); none when the page shows the step no form.
fn offered(page: &str, key: &str) -> BTreeSet<String> {
    let open = format!("id=\"action-{key}\"");
    if !page.contains(&open) {
        return BTreeSet::new();
    }
    let select = part(page, &open, "select");
    select
        .split("<option value=\"")
        .skip(2)
        .map(|o| o[..o.find('"').unwrap()].to_string())
        .map(|v| match v.as_str() {
            "accept_with_missing" => "accept".to_string(),
            "approve_by_commitment" => "approve".to_string(),
            _ => v,
        })
        .collect()
}

#[tokio::test]
async fn each_role_is_offered_exactly_the_events_the_api_records() {
    let z = zone().await;
    let app = &z.app;
    let pid = z.green;
    let project = app
        .get(&format!("/api/v1/projects/{pid}"), &app.admin)
        .await;
    let keys: Vec<String> = project.ok(200)["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap().to_string())
        .collect();
    let users = [
        ("admin", ADMIN_PASSWORD),
        (z.manager.as_str(), USER_PASSWORD),
        (z.liaison.as_str(), USER_PASSWORD),
        (z.ent_a.as_str(), USER_PASSWORD),
    ];
    let mut reopen_offered = Vec::new();
    for (user, password) in users {
        let mut c = PageClient::new(app);
        c.login(user, password).await;
        let page = c.get(&format!("/projects/{pid}")).await.body;
        let token = app.login(user, password).await;
        let before = app.snapshot().await;
        for key in &keys {
            let offered = offered(&page, key);
            let path = format!("/api/v1/projects/{pid}/steps/{key}/events");
            for action in ACTIONS {
                if offered.contains(action) {
                    // Tomorrow: only the day stands in the way, so nothing is written.
                    let r = app
                        .post(&path, &token, &event_body(action, "2026-03-17"))
                        .await;
                    r.problem(422);
                    assert_eq!(r.fields(), ["on"], "{user} {key} {action}: {}", r.body);
                } else {
                    let r = app
                        .post(&path, &token, &event_body(action, "2026-03-16"))
                        .await;
                    let status = r.status.as_u16();
                    assert!(
                        status == 403 || status == 409,
                        "{user} is not offered {action} on {key}, yet the API answers {status}: {}",
                        r.body
                    );
                }
            }
            if offered.contains("reopen") {
                reopen_offered.push(user.to_string());
            }
        }
        assert_eq!(app.snapshot().await, before, "{user}: nothing was recorded");
        // Some step offers something to every user who may change the project.
        let any = keys.iter().any(|k| !offered(&page, k).is_empty());
        assert_eq!(any, user != z.ent_a, "{user}");
    }
    assert_eq!(reopen_offered, ["admin"], "only administrators reopen");
}
