//! Who may open which page, and send which form: a table per area of the pages, checked
//! with one signed-in browser client per kind of user. A refused GET is 403 or 404 (another
//! enterprise's things are absent to them); anonymous callers are sent to the login page
//! (303); a refused form changes nothing.

use super::client::{csrf_in, PageClient};
use super::fixture::{Zone, USER_PASSWORD};
use crate::helpers::{ADMIN_PASSWORD, CODE_C};

/// The callers of a row, in this order.
pub const WHO: [&str; 7] = [
    "admin",
    "manager",
    "liaison (assigned)",
    "liaison (other)",
    "enterprise (own)",
    "enterprise (other)",
    "anonymous",
];

/// A form to send: path, fields (without the CSRF token), the status each caller gets.
pub type FormRow<'a> = (String, Vec<(&'a str, &'a str)>, [u16; 7]);

/// One signed-in client per kind of user of the zone, and an anonymous one; each with
/// its CSRF token.
pub struct Callers {
    pub clients: Vec<(PageClient, String)>,
}

impl Callers {
    /// Adds a second liaison and an account of another enterprise to the zone.
    pub async fn of(z: &Zone) -> Callers {
        let other = z.app.add_enterprise("申松涂料有限公司", CODE_C).await;
        z.app.add_user("xiaoer2", "liaison", None).await;
        z.app
            .add_user("firm_other", "enterprise", Some(other))
            .await;
        let mut clients = Vec::new();
        for (name, password) in [
            ("admin", ADMIN_PASSWORD),
            (z.manager.as_str(), USER_PASSWORD),
            (z.liaison.as_str(), USER_PASSWORD),
            ("xiaoer2", USER_PASSWORD),
            (z.ent_a.as_str(), USER_PASSWORD),
            ("firm_other", USER_PASSWORD),
        ] {
            let mut c = PageClient::new(&z.app);
            let home = c.login(name, password).await.location.unwrap();
            let csrf = csrf_in(&c.get(&home).await.body);
            clients.push((c, csrf));
        }
        clients.push((PageClient::new(&z.app), String::new()));
        Callers { clients }
    }

    /// GETs each path as each caller; every status must be the row's.
    pub async fn check_gets(&mut self, rows: &[(String, [u16; 7])]) {
        let mut wrong = Vec::new();
        for (path, expected) in rows {
            for (i, (c, _)) in self.clients.iter_mut().enumerate() {
                let got = c.get(path).await.status;
                if got != expected[i] {
                    wrong.push(format!(
                        "GET {path} as {}: {got}, expected {}",
                        WHO[i], expected[i]
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// POSTs each form (with the caller's own CSRF token) as each caller; every status
    /// must be the row's. Rows should be built so that a permitted caller is refused on
    /// the merits (422) and nothing changes.
    pub async fn check_posts(&mut self, rows: &[FormRow<'_>]) {
        let mut wrong = Vec::new();
        for (path, fields, expected) in rows {
            for (i, (c, csrf)) in self.clients.iter_mut().enumerate() {
                let mut form = fields.clone();
                form.push(("csrf", csrf.as_str()));
                let got = c.post(path, &form).await.status;
                if got != expected[i] {
                    wrong.push(format!(
                        "POST {path} as {}: {got}, expected {}",
                        WHO[i], expected[i]
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}

#[tokio::test]
async fn the_pages_of_each_kind_of_user() {
    let z = super::fixture::zone().await;
    let mut who = Callers::of(&z).await;
    let (red, green) = (z.red, z.green);
    //                                         admin manager liaison other-liaison firm other-firm anonymous
    who.check_gets(&[
        ("/my".into(), [200, 200, 200, 200, 403, 403, 303]),
        ("/enterprise".into(), [403, 403, 403, 403, 200, 200, 303]),
        ("/overview".into(), [200, 200, 403, 403, 403, 403, 303]),
        (
            format!("/projects/{red}"),
            [200, 200, 200, 200, 404, 404, 303],
        ),
        (
            format!("/projects/{green}"),
            [200, 200, 200, 200, 200, 404, 303],
        ),
        ("/admin/users".into(), [200, 403, 403, 403, 403, 403, 303]),
        (
            "/admin/calendar".into(),
            [200, 403, 403, 403, 403, 403, 303],
        ),
        ("/admin/routes".into(), [200, 403, 403, 403, 403, 403, 303]),
    ])
    .await;
    let before = z.app.snapshot().await;
    who.check_posts(&[
        (
            "/admin/users".into(),
            vec![("username", ""), ("role", "liaison")],
            [422, 403, 403, 403, 403, 403, 303],
        ),
        (
            format!("/projects/{green}/steps/land-prereview/events"),
            vec![("action", "approve"), ("on", "2000-01-01")],
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
