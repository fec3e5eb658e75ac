//! The requests (诉求) pages: an enterprise files from its pages, staff handle it, the
//! enterprise rates it; refusals in Chinese beside their fields with input kept, nothing
//! changed; and who may open and send what.

use super::client::{csrf_in, PageClient};
use super::fixture::{zone, Zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;
use super::matrix::Callers;
use crate::requests::requests_snapshot;

/// Enterprise A of the zone ("松江晶圆制造有限公司").
async fn ent_a_id(z: &Zone) -> i64 {
    let list = z
        .app
        .get("/api/v1/enterprises?per_page=500", &z.app.admin)
        .await;
    list.ok(200)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "松江晶圆制造有限公司")
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

pub async fn post_with_csrf(
    c: &mut PageClient,
    page: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> super::client::Page {
    let token = csrf_in(&c.get(page).await.body);
    let mut form = fields.to_vec();
    form.push(("csrf", &token));
    c.post(path, &form).await
}

fn id_of(location: &str) -> i64 {
    let rest = location.trim_start_matches("/requests/");
    rest[..rest.find('?').unwrap()].parse().unwrap()
}

#[tokio::test]
async fn an_enterprise_files_staff_handle_and_it_rates_and_reopens() {
    let z = zone().await;
    let mut firm = PageClient::new(&z.app);
    firm.login(&z.ent_a, USER_PASSWORD).await;
    let form = firm.get("/requests/new").await;
    assert_eq!(form.status, 200);
    check_page("/requests/new (enterprise)", &form.body);
    assert!(
        !form.body.contains("f-channel"),
        "an enterprise files online"
    );

    // A blank title: refused in Chinese beside the field, what was typed kept.
    let before = requests_snapshot(&z.app).await;
    let fields = [
        ("title", ""),
        ("text", "临时用电何时接通？"),
        ("category", "utilities"),
    ];
    let refused = post_with_csrf(&mut firm, "/requests/new", "/requests/new", &fields).await;
    assert_eq!(refused.status, 422);
    assert_eq!(field_error(&refused.body, "title").as_deref(), Some("必填"));
    assert!(refused.body.contains("临时用电何时接通？"));
    check_page("refused request", &refused.body);
    assert_eq!(requests_snapshot(&z.app).await, before);

    let fields = [
        ("title", "临时用电"),
        ("text", "临时用电何时接通？"),
        ("category", "utilities"),
    ];
    let filed = post_with_csrf(&mut firm, "/requests/new", "/requests/new", &fields).await;
    assert_eq!(filed.status, 303, "{}", filed.body);
    let location = filed.location.unwrap();
    let id = id_of(&location);
    let page = firm.get(&location).await;
    assert!(page.body.contains("诉求已登记") && page.body.contains("待受理"));
    check_page("request (enterprise)", &page.body);

    // The liaison sees it in the list and handles it.
    let mut liaison = PageClient::new(&z.app);
    liaison.login(&z.liaison, USER_PASSWORD).await;
    let list = liaison.get("/requests").await;
    assert!(list.body.contains("临时用电"));
    check_page("/requests", &list.body);
    let path = format!("/requests/{id}/actions");
    let show = format!("/requests/{id}");
    check_page("request (staff)", &liaison.get(&show).await.body);
    // Resolving before accepting does not fit: 409, in Chinese, nothing changed.
    let before = requests_snapshot(&z.app).await;
    let wrong = post_with_csrf(
        &mut liaison,
        &show,
        &path,
        &[("action", "resolve"), ("text", "已办")],
    )
    .await;
    assert_eq!(wrong.status, 409);
    assert!(wrong.body.contains("诉求当前状态"), "{}", wrong.body);
    let empty = post_with_csrf(
        &mut liaison,
        &show,
        &path,
        &[("action", "reply"), ("text", "")],
    )
    .await;
    assert_eq!(empty.status, 422);
    assert_eq!(
        field_error(&empty.body, "text").as_deref(),
        Some("请填写内容")
    );
    let no_agency = post_with_csrf(&mut liaison, &show, &path, &[("action", "hand_over")]).await;
    assert_eq!(
        field_error(&no_agency.body, "agency").as_deref(),
        Some("请选择交办部门")
    );
    assert_eq!(requests_snapshot(&z.app).await, before);
    for fields in [
        vec![("action", "accept")],
        vec![("action", "note"), ("text", "内部：供电所周三勘察")],
        vec![("action", "reply"), ("text", "已联系供电所")],
        vec![("action", "resolve"), ("text", "已接通临时用电")],
    ] {
        let done = post_with_csrf(&mut liaison, &show, &path, &fields).await;
        assert_eq!(done.status, 303, "{fields:?}: {}", done.body);
    }
    // The enterprise reads the reply, not the note, and rates it dissatisfied: reopened.
    let page = firm.get(&show).await.body;
    assert!(page.contains("已联系供电所") && !page.contains("供电所周三勘察"));
    assert!(page.contains("f-rating"));
    let rated = post_with_csrf(
        &mut firm,
        &show,
        &path,
        &[
            ("action", "rate"),
            ("rating", "dissatisfied"),
            ("text", "仍未通电"),
        ],
    )
    .await;
    assert_eq!(rated.status, 303);
    let page = firm.get(&show).await.body;
    assert!(
        page.contains("重新办理") && page.contains("不满意"),
        "{page}"
    );
    // Resolved again, then rated satisfied: closed.
    let done = post_with_csrf(
        &mut liaison,
        &show,
        &path,
        &[("action", "resolve"), ("text", "已通电")],
    )
    .await;
    assert_eq!(done.status, 303);
    let rated = post_with_csrf(
        &mut firm,
        &show,
        &path,
        &[("action", "rate"), ("rating", "satisfied")],
    )
    .await;
    assert_eq!(rated.status, 303);
    assert!(firm.get(&show).await.body.contains("已关闭"));
    // Its own requests on its home; the enterprise's requests on the staff's page of it.
    let home = firm.get("/enterprise").await.body;
    assert!(home.contains("临时用电") && home.contains("id=\"own-requests\""));
    check_page("/enterprise with requests", &home);
    let staff_page = liaison
        .get(&format!("/enterprises/{}", ent_a_id(&z).await))
        .await;
    assert!(staff_page.body.contains("临时用电"));
    check_page("/enterprises/{id} with requests", &staff_page.body);
    // The overview counts the year's requests: one received, answered in time, resolved.
    let mut boss = PageClient::new(&z.app);
    boss.login(&z.manager, USER_PASSWORD).await;
    let o = boss.get("/overview").await.body;
    let total = &o[o.find("id=\"request-total\"").unwrap()..];
    let total = &total[..total.find("</tr>").unwrap()];
    assert!(total.contains(">1</td><td class=\"n\">100.0%"), "{total}");
    // 按时办结率 has its column (resolved within limit over resolved).
    assert!(o.contains("<th scope=\"col\">按时办结率</th>"), "{o}");
    check_page("/overview with requests", &o);
}

#[tokio::test]
async fn who_may_open_and_send_the_requests_pages() {
    let z = zone().await;
    let ent = ent_a_id(&z).await;
    let body = serde_json::json!({"title": "人才公寓", "text": "x", "category": "talent_housing", "channel": "visit", "enterprise_id": ent});
    let id = z
        .app
        .post("/api/v1/requests", &z.app.admin, &body)
        .await
        .ok(201)["id"]
        .as_i64()
        .unwrap();
    let mut who = Callers::of(&z).await;
    //                                  admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        ("/requests".into(), [200, 200, 200, 200, 200, 200, 303]),
        ("/requests/new".into(), [200, 200, 200, 200, 200, 200, 303]),
        (
            format!("/requests/{id}"),
            [200, 200, 200, 200, 200, 404, 303],
        ),
        (
            format!("/requests/{}", id + 100),
            [404, 404, 404, 404, 404, 404, 303],
        ),
    ])
    .await;
    let before = requests_snapshot(&z.app).await;
    who.check_posts(&[
        (
            "/requests/new".into(),
            vec![("title", ""), ("category", "other")],
            [422, 422, 422, 422, 422, 422, 303],
        ),
        (
            format!("/requests/{id}/actions"),
            vec![("action", "reply"), ("text", "")],
            [422, 422, 422, 422, 422, 404, 303],
        ),
        // Only staff accept; only the enterprise rates (and not before it is resolved).
        (
            format!("/requests/{id}/actions"),
            vec![("action", "rate"), ("rating", "satisfied")],
            [403, 403, 403, 403, 409, 404, 303],
        ),
        (
            format!("/requests/{id}/actions"),
            vec![("action", "accept"), ("version", "99")],
            [409, 409, 409, 409, 403, 404, 303],
        ),
    ])
    .await;
    assert_eq!(
        requests_snapshot(&z.app).await,
        before,
        "refused forms change nothing"
    );
}
