//! A headless Chromium for the tests, ended with the test whatever happens (see
//! `driver.rs`); screenshots under `target/screenshots/`.

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::driver::Driver;
use crate::helpers::TestApp;

pub struct Browser {
    pub client: Client,
    base: String,
    /// Dropped after `client`: ends the session and kills the browser's process group.
    driver: Driver,
}

fn screenshots() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Browser {
    pub async fn start(app: &TestApp) -> Browser {
        Browser::open(&app.address).await
    }

    /// A browser for the site at `base`.
    pub async fn open(base: &str) -> Browser {
        let mut driver = Driver::start();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({"binary": "/usr/bin/chromium", "args": ["--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=zh-CN",
                format!("--user-data-dir={}", driver.profile().display())]}),
        );
        let client = ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("a browser session");
        if let Some(id) = client.session_id().await.expect("the session's id") {
            driver.own_session(id);
        }
        Browser {
            client,
            base: base.to_string(),
            driver,
        }
    }

    /// The process group of its chromedriver and Chromium.
    pub fn group(&self) -> u32 {
        self.driver.group()
    }

    pub async fn goto(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .unwrap();
    }

    pub async fn css(&self, selector: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("{selector}: {e}"))
    }

    /// The element's text; found again if a navigation (a form just submitted) replaced
    /// the page between finding it and reading it. Chromium says so in two ways: a stale
    /// element, or (mid-navigation) a node that "does not belong to the document".
    pub async fn text(&self, selector: &str) -> String {
        for _ in 0..50 {
            match self.css(selector).await.text().await {
                Ok(t) => return t,
                Err(e)
                    if e.to_string().contains("stale element")
                        || e.to_string().contains("does not belong to the document") =>
                {
                    tokio::time::sleep(Duration::from_millis(200)).await
                }
                Err(e) => panic!("{selector}: {e}"),
            }
        }
        panic!("{selector}: still stale after 10 s")
    }

    /// Waits (up to 10 s) until the element's text contains `needle`: after a submit the
    /// old page may still be the one showing.
    pub async fn wait_text(&self, selector: &str, needle: &str) -> String {
        let mut last = String::new();
        for _ in 0..50 {
            last = self.text(selector).await;
            if last.contains(needle) {
                return last;
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("{selector}: {last:?} never contained {needle:?}")
    }

    pub async fn count(&self, selector: &str) -> usize {
        self.client
            .find_all(Locator::Css(selector))
            .await
            .unwrap()
            .len()
    }

    /// Types `value` into the field `selector`, replacing what it held.
    pub async fn fill(&self, selector: &str, value: &str) {
        let el = self.css(selector).await;
        el.clear().await.unwrap();
        el.send_keys(value).await.unwrap();
    }

    pub async fn click(&self, selector: &str) {
        self.css(selector).await.click().await.unwrap();
    }

    /// Signs in through the login form, as a person would.
    pub async fn login(&self, username: &str, password: &str) {
        self.goto("/login").await;
        self.fill("#username", username).await;
        self.fill("#password", password).await;
        self.click("#login-submit").await;
        // Wait for a signed-in page: the login page has a `main h1` too, so waiting for one
        // let the next `goto` cut the login short (no session yet, the login page again).
        self.css("form[action='/logout'] button").await;
    }

    pub async fn logout(&self) {
        self.css("form[action='/logout'] button")
            .await
            .click()
            .await
            .unwrap();
        self.css("#username").await;
    }

    /// A screenshot of one element.
    pub async fn shoot_element(&self, selector: &str, name: &str) {
        let png = self.css(selector).await.screenshot().await.unwrap();
        std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
    }

    /// How far the page reaches past a `width`-pixel window sideways (0: it fits), and
    /// the widest element that does so outside a scrolling box (its tag, id and class).
    pub async fn overflow_at(&self, width: u32) -> (i64, String) {
        self.client.set_window_size(width, 900).await.unwrap();
        let found = self
            .client
            .execute(
                r#"const de = document.documentElement;
                   const over = de.scrollWidth - de.clientWidth;
                   let worst = '';
                   if (over > 0) {
                     let w = 0;
                     for (const el of document.querySelectorAll('main *')) {
                       if (el.closest('.scroll')) continue;
                       const r = el.getBoundingClientRect();
                       if (r.right > de.clientWidth && r.width > w) {
                         w = r.width;
                         worst = el.tagName + '#' + el.id + '.' + el.className;
                       }
                     }
                   }
                   return [over, worst];"#,
                vec![],
            )
            .await
            .unwrap();
        self.client.set_window_size(1280, 900).await.unwrap();
        (
            found[0].as_i64().unwrap_or(0),
            found[1].as_str().unwrap_or("").to_string(),
        )
    }

    /// A screenshot of the whole page (the window is stretched to the page's height).
    pub async fn screenshot(&self, name: &str, width: u32) {
        let height = self
            .client
            .execute("return document.documentElement.scrollHeight;", vec![])
            .await
            .unwrap()
            .as_u64()
            .unwrap_or(900)
            .clamp(600, 4000) as u32;
        self.client
            .set_window_size(width, height + 140)
            .await
            .unwrap();
        let png = self.client.screenshot().await.unwrap();
        std::fs::write(screenshots().join(format!("{name}.png")), png).unwrap();
        self.client.set_window_size(1280, 900).await.unwrap();
    }
}
