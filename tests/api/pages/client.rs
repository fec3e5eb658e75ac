//! A cookie-keeping HTTP client for the pages (no redirects followed, so tests see them).

use std::collections::BTreeMap;

use reqwest::header::{HeaderMap, COOKIE, LOCATION, SET_COOKIE};

use crate::helpers::TestApp;

pub struct Page {
    pub status: u16,
    pub location: Option<String>,
    pub set_cookies: Vec<String>,
    pub body: String,
}

pub struct PageClient {
    base: String,
    client: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
}

/// The value of the first hidden `csrf` field of a page.
pub fn csrf_in(body: &str) -> String {
    let at = body.find("name=\"csrf\" value=\"").expect("a csrf field") + 19;
    body[at..at + body[at..].find('"').unwrap()].to_string()
}

impl PageClient {
    pub fn new(app: &TestApp) -> PageClient {
        PageClient {
            base: app.address.clone(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    fn absorb(&mut self, headers: &HeaderMap) -> Vec<String> {
        let mut raw = Vec::new();
        for v in headers.get_all(SET_COOKIE) {
            let line = v.to_str().unwrap().to_string();
            let pair = line.split(';').next().unwrap();
            let (name, value) = pair.split_once('=').unwrap();
            if value.is_empty() || line.contains("Max-Age=0") {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
            raw.push(line);
        }
        raw
    }

    async fn send(&mut self, req: reqwest::RequestBuilder) -> Page {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let req = if cookie.is_empty() {
            req
        } else {
            req.header(COOKIE, cookie)
        };
        let resp = req.send().await.unwrap();
        let status = resp.status().as_u16();
        let location = resp
            .headers()
            .get(LOCATION)
            .map(|l| l.to_str().unwrap().to_string());
        let set_cookies = self.absorb(resp.headers());
        Page {
            status,
            location,
            set_cookies,
            body: resp.text().await.unwrap(),
        }
    }

    pub async fn get(&mut self, path: &str) -> Page {
        let req = self.client.get(format!("{}{path}", self.base));
        self.send(req).await
    }

    /// A download with the session: status, content type, disposition and bytes.
    pub async fn download(&mut self, path: &str) -> (u16, String, String, Vec<u8>) {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, cookie)
            .send()
            .await
            .unwrap();
        let header = |name: &str| {
            resp.headers()
                .get(name)
                .map_or(String::new(), |v| v.to_str().unwrap().to_string())
        };
        let (ct, cd) = (header("content-type"), header("content-disposition"));
        let status = resp.status().as_u16();
        (status, ct, cd, resp.bytes().await.unwrap().to_vec())
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let req = self
            .client
            .post(format!("{}{path}", self.base))
            .form(fields);
        self.send(req).await
    }

    /// Signs in through the login form; returns the redirect answer.
    pub async fn login(&mut self, username: &str, password: &str) -> Page {
        let page = self.submit_login(username, password).await;
        assert_eq!(page.status, 303, "{}", page.body);
        page
    }

    /// Fills in and sends the login form, whatever the answer.
    pub async fn submit_login(&mut self, username: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        assert_eq!(form.status, 200, "{}", form.body);
        let token = csrf_in(&form.body);
        self.post(
            "/login",
            &[
                ("csrf", &token),
                ("next", "/"),
                ("username", username),
                ("password", password),
            ],
        )
        .await
    }
}
