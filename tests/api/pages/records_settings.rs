//! Settings: a user changes their own password (the rules shown, each refusal beside its
//! field, other sessions ended, this one kept), and a liaison makes, rotates and turns off
//! the calendar-feed link, which answers text/calendar while it lives and 404 after.

use super::client::{csrf_in, PageClient};
use super::fixture::{zone, USER_PASSWORD};
use super::forms::field_error;
use super::html_check::check_page;

#[tokio::test]
async fn a_user_changes_their_own_password_and_other_sessions_end() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.ent_a, USER_PASSWORD).await;
    let mut elsewhere = PageClient::new(&z.app);
    elsewhere.login(&z.ent_a, USER_PASSWORD).await;
    let page = c.get("/settings").await;
    assert_eq!(page.status, 200);
    check_page("/settings (enterprise)", &page.body);
    assert!(page.body.contains("至少 10 个字符"), "the rules are shown");
    assert!(!page.body.contains("id=\"feed\""), "feeds are for liaisons");
    let csrf = csrf_in(&page.body);
    let before = z.app.snapshot().await;
    let new = "Firm-secret-2027";
    let cases: [(&str, &str, &str, &str, &str); 6] = [
        (
            "wrong-password-1",
            new,
            new,
            "current_password",
            "当前密码不正确",
        ),
        (
            USER_PASSWORD,
            new,
            "Firm-secret-2028",
            "password_again",
            "两次输入的新密码不一致",
        ),
        (
            USER_PASSWORD,
            "short1",
            "short1",
            "password",
            "至少 10 个字符",
        ),
        (
            USER_PASSWORD,
            "onlyletterslong",
            "onlyletterslong",
            "password",
            "须同时包含字母和数字或符号",
        ),
        (
            USER_PASSWORD,
            "ent_a-2027-x",
            "ent_a-2027-x",
            "password",
            "不能包含用户名",
        ),
        (
            USER_PASSWORD,
            USER_PASSWORD,
            USER_PASSWORD,
            "password",
            "不能与当前密码相同",
        ),
    ];
    for (current, password, again, field, message) in cases {
        let refused = c
            .post(
                "/settings/password",
                &[
                    ("csrf", &csrf),
                    ("current_password", current),
                    ("password", password),
                    ("password_again", again),
                ],
            )
            .await;
        assert_eq!(refused.status, 422, "{field}: {}", refused.body);
        assert_eq!(
            field_error(&refused.body, field).as_deref(),
            Some(message),
            "{}",
            refused.body
        );
        assert!(
            !refused.body.contains(password),
            "a password is never shown back"
        );
        check_page("/settings (refused)", &refused.body);
    }
    assert_eq!(z.app.snapshot().await, before, "refusals change nothing");
    assert_eq!(elsewhere.get("/enterprise").await.status, 200);

    let done = c
        .post(
            "/settings/password",
            &[
                ("csrf", &csrf),
                ("current_password", USER_PASSWORD),
                ("password", new),
                ("password_again", new),
            ],
        )
        .await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(
        done.location.as_deref(),
        Some("/settings?done=password_changed")
    );
    // This session stays; the other one is signed out; the new password signs in.
    let confirmed = c.get("/settings?done=password_changed").await;
    assert_eq!(confirmed.status, 200);
    assert!(confirmed
        .body
        .contains("密码已修改，其他设备上的登录已退出。"));
    assert_eq!(elsewhere.get("/enterprise").await.status, 303);
    let mut again = PageClient::new(&z.app);
    assert_eq!(
        again.submit_login(&z.ent_a, USER_PASSWORD).await.status,
        401
    );
    again.login(&z.ent_a, new).await;
}

/// The feed URL shown in the read-only field, as a path on the test server.
fn feed_path(body: &str) -> String {
    let open = "id=\"f-feed_url\" type=\"text\" value=\"";
    let at = body.find(open).expect("the link is shown") + open.len();
    // The template escapes '/' as an entity, which the browser reads back.
    let url = body[at..at + body[at..].find('"').unwrap()].replace("&#x2f;", "/");
    let path = &url[url.find("/ics/").expect("an /ics/ link")..];
    path.to_string()
}

#[tokio::test]
async fn a_liaison_makes_rotates_and_turns_off_the_calendar_feed() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let page = c.get("/settings").await;
    check_page("/settings (liaison)", &page.body);
    assert!(page.body.contains("日历订阅未开启。"));
    let csrf = csrf_in(&page.body);
    let made = c
        .post("/settings/feed", &[("csrf", &csrf), ("action", "rotate")])
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    check_page("/settings (new link)", &made.body);
    assert!(made.body.contains("id=\"f-feed_url\"") && made.body.contains(" readonly>"));
    assert!(made.body.contains("id=\"feed-copy\""));
    let first = feed_path(&made.body);
    let http = reqwest::Client::new();
    let get = |path: String| {
        let http = http.clone();
        let url = z.app.url(&path);
        async move { http.get(url).send().await.unwrap() }
    };
    let feed = get(first.clone()).await;
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert!(feed.text().await.unwrap().contains("BEGIN:VCALENDAR"));
    // Later the page says the feed is on, without the link (only its hash is kept).
    let later = c.get("/settings").await.body;
    assert!(later.contains("日历订阅已开启") && !later.contains(&first));
    // Rotated: a new link works, the old one is dead.
    let rotated = c
        .post("/settings/feed", &[("csrf", &csrf), ("action", "rotate")])
        .await;
    let second = feed_path(&rotated.body);
    assert_ne!(first, second);
    assert_eq!(get(first).await.status(), 404);
    assert_eq!(get(second.clone()).await.status(), 200);
    // Turned off: confirmed, and the link is dead.
    let off = c
        .post("/settings/feed", &[("csrf", &csrf), ("action", "off")])
        .await;
    assert_eq!(off.status, 303);
    let confirmed = c.get(off.location.as_deref().unwrap()).await.body;
    assert!(confirmed.contains("日历订阅已关闭") && confirmed.contains("日历订阅未开启。"));
    assert_eq!(get(second).await.status(), 404);
    // Without the token nothing happens; a manager has no feed.
    let bare = c.post("/settings/feed", &[("action", "rotate")]).await;
    assert_eq!(bare.status, 403);
    let mut boss = PageClient::new(&z.app);
    boss.login(&z.manager, USER_PASSWORD).await;
    let token = csrf_in(&boss.get("/settings").await.body);
    let refused = boss
        .post("/settings/feed", &[("csrf", &token), ("action", "rotate")])
        .await;
    assert_eq!(refused.status, 403);
}

#[tokio::test]
async fn the_api_changes_ones_own_password_with_the_same_rules() {
    let z = zone().await;
    let token = z.app.login(&z.liaison, USER_PASSWORD).await;
    let other = z.app.login(&z.liaison, USER_PASSWORD).await;
    let path = "/api/v1/users/me/password";
    let wrong =
        serde_json::json!({"current_password": "nope-nope-1", "password": "Zone-new-2027!"});
    let r = z.app.put(path, &token, &wrong, None).await;
    r.problem(422);
    assert_eq!(r.fields(), ["current_password"]);
    let right =
        serde_json::json!({"current_password": USER_PASSWORD, "password": "Zone-new-2027!"});
    let r = z.app.put(path, &token, &right, None).await;
    assert_eq!(r.status.as_u16(), 204);
    z.app.get("/api/v1/projects", &token).await.ok(200);
    z.app.get("/api/v1/projects", &other).await.problem(401);
    z.app.login(&z.liaison, "Zone-new-2027!").await;
}

#[tokio::test]
async fn wrong_current_passwords_count_as_failed_logins() {
    let z = zone().await;
    let mut c = PageClient::new(&z.app);
    c.login(&z.liaison, USER_PASSWORD).await;
    let csrf = csrf_in(&c.get("/settings").await.body);
    let guess = |n: usize| format!("guess-number-{n}");
    let mut statuses = Vec::new();
    let mut last = String::new();
    for n in 0..6 {
        let g = guess(n);
        let r = c
            .post(
                "/settings/password",
                &[
                    ("csrf", csrf.as_str()),
                    ("current_password", g.as_str()),
                    ("password", "Zone-new-2027!"),
                    ("password_again", "Zone-new-2027!"),
                ],
            )
            .await;
        statuses.push(r.status);
        last = r.body;
    }
    assert_eq!(statuses, [422, 422, 422, 422, 422, 429]);
    let m = field_error(&last, "current_password").unwrap();
    assert!(m.starts_with("密码错误次数过多，请 "), "{m}");
    // The name is locked for signing in too, even with the right password.
    let mut again = PageClient::new(&z.app);
    assert_eq!(
        again.submit_login(&z.liaison, USER_PASSWORD).await.status,
        429
    );
}
