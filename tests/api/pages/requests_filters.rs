//! The requests list as staff narrow it: by enterprise and by liaison (the one who owns a
//! request), each choice kept in its select, and a liaison's "only mine" link.

use super::client::PageClient;
use super::fixture::{zone, USER_PASSWORD};
use super::html_check::check_page;
use super::project_forms::enterprise_id;
use super::requests::post_with_csrf;
use crate::helpers::{CODE_A, CODE_B};

/// The titles in the list's table, in order.
fn titles(body: &str) -> Vec<String> {
    body.split("<a href=\"/requests/")
        .skip(1)
        .filter(|s| !s.starts_with("new"))
        .filter_map(|s| s.split_once("\">").map(|(_, rest)| rest))
        .filter_map(|s| s.split_once("</a>").map(|(t, _)| t.to_string()))
        .collect()
}

#[tokio::test]
async fn staff_narrow_the_requests_by_enterprise_and_by_liaison() {
    let z = zone().await;
    let a = enterprise_id(&z, CODE_A).await.to_string();
    let b = enterprise_id(&z, CODE_B).await.to_string();
    let liaison_id = z.app.user_id(&z.liaison).await.to_string();
    // The liaison takes A's call (and owns it); the manager records B's visit (no owner).
    let mut liaison = PageClient::new(&z.app);
    liaison.login(&z.liaison, USER_PASSWORD).await;
    let mut manager = PageClient::new(&z.app);
    manager.login(&z.manager, USER_PASSWORD).await;
    for (c, ent, title, channel) in [
        (&mut liaison, &a, "临时用电接入", "phone"),
        (&mut manager, &b, "人才公寓申请", "visit"),
    ] {
        let fields = [
            ("title", title),
            ("text", "请协调"),
            ("category", "utilities"),
            ("channel", channel),
            ("enterprise_id", ent.as_str()),
        ];
        let filed = post_with_csrf(c, "/requests/new", "/requests/new", &fields).await;
        assert_eq!(filed.status, 303, "{}", filed.body);
    }
    let all = manager.get("/requests").await;
    assert_eq!(titles(&all.body), ["人才公寓申请", "临时用电接入"]);
    assert!(
        !all.body.contains("id=\"mine\""),
        "a manager owns no requests"
    );

    let by_b = manager.get(&format!("/requests?enterprise_id={b}")).await;
    assert_eq!(by_b.status, 200);
    check_page("/requests?enterprise_id", &by_b.body);
    assert_eq!(titles(&by_b.body), ["人才公寓申请"]);
    assert!(by_b
        .body
        .contains(&format!("<option value=\"{b}\" selected>")));

    let by_liaison = manager
        .get(&format!("/requests?liaison_id={liaison_id}"))
        .await;
    assert_eq!(titles(&by_liaison.body), ["临时用电接入"]);
    assert!(by_liaison
        .body
        .contains(&format!("<option value=\"{liaison_id}\" selected>")));
    let none = manager
        .get(&format!(
            "/requests?liaison_id={liaison_id}&enterprise_id={b}"
        ))
        .await;
    assert!(titles(&none.body).is_empty() && none.body.contains("id=\"requests\""));

    // The liaison's own link leads to the same narrowed list.
    let mine = liaison.get("/requests").await;
    let href = format!("href=\"/requests?liaison_id={liaison_id}\" id=\"mine\"");
    // (The template escapes "/" as "&#x2f;", which the browser reads back.)
    let body = mine.body.replace("&#x2f;", "/");
    assert!(body.contains(&href), "{body}");
    let narrowed = liaison
        .get(&format!("/requests?liaison_id={liaison_id}"))
        .await;
    assert_eq!(titles(&narrowed.body), ["临时用电接入"]);
}
