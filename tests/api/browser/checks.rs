//! Two checks every page of the walks passes (issue 28): no English in a Chinese page, and
//! no accessibility violation axe-core finds, at a desk's width and a phone's.
//!
//! Latin words: the page's text (every text node, hidden ones included, as a `<details>`
//! or an `<option>` is read too), its title and the texts people meet in attributes
//! (placeholder, title, aria-label, alt). Text marked as another language (`lang="en"`,
//! the language switch) is left out: it is meant to be English. What stays allowed is
//! what is not a word of a sentence: anything holding a digit (dates, weeks, codes,
//! credit codes), e-mail addresses, URLs and host names, single letters, the short list
//! below, and text the page marks as code (`<code>`, `<samp>`, `<kbd>`: step and route
//! keys, import columns, the audit log's records as recorded).
//!
//! axe-core: the file of the pinned package (`AXE_CORE_JS`, exported by `scripts/test.sh`,
//! which installs it with npm), run in the page by the WebDriver session.

use std::sync::OnceLock;

use super::harness::Browser;

/// Latin words a Chinese page may show, and why.
const ALLOWED: &[&str] = &[
    // File formats, named as the files are.
    "CSV", "XLSX", "Excel", "ICS", // units
    "MB", "KB", // ISO weeks ("ISO 周"), a standard's name
    "ISO", "UTC", // DingTalk's signing secrets start with these letters: a code
    "SEC", // a key on the keyboard, named as printed on it
    "Ctrl",
    // What 企业微信 and 钉钉 themselves call a robot's address in their Chinese screens,
    // where the user copies it from.
    "Webhook", // the fixtures' user names (shown as typed at sign-in)
    "xiaoer", "boss", "ent_a", "admin", "manager1", "liaison1", "liaison2",
];

/// Where axe-core's file is when `scripts/test.sh` did not say (its own cache folder).
fn default_axe() -> std::path::PathBuf {
    let cache = std::env::var_os("XDG_CACHE_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache")))
        .unwrap_or_default();
    cache.join("approval-tracker/axe-core-4.14.1/node_modules/axe-core/axe.min.js")
}

/// axe-core's script, or None (locally, with how to install it said).
fn axe_script() -> Option<&'static str> {
    static SCRIPT: OnceLock<Option<String>> = OnceLock::new();
    SCRIPT
        .get_or_init(|| {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            let given = std::env::var_os("AXE_CORE_JS").map(std::path::PathBuf::from);
            // In CI the check must run: without the variable it fails, never skips.
            assert!(
                !ci || given.is_some(),
                "AXE_CORE_JS is not set: scripts/test.sh installs axe-core and sets it"
            );
            let path = given.unwrap_or_else(default_axe);
            match std::fs::read_to_string(&path) {
                Ok(s) => Some(s),
                Err(e) => {
                    let how = format!(
                        "axe-core not found at {} ({e}): scripts/test.sh installs it, or \
                         `npm install --prefix DIR axe-core@4.14.1` and \
                         AXE_CORE_JS=DIR/node_modules/axe-core/axe.min.js",
                        path.display()
                    );
                    assert!(!ci, "{how}");
                    eprintln!("accessibility check skipped: {how}");
                    None
                }
            }
        })
        .as_deref()
}

/// The Latin words of the page's text outside the allowed ones, each with its text.
pub async fn latin_words(b: &Browser) -> Vec<String> {
    let texts = b
        .client
        .execute(
            r#"const out = [document.title];
               const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
               while (w.nextNode()) {
                 const n = w.currentNode, el = n.parentElement;
                 if (!el || el.closest('script,style,code,samp,kbd,[lang]:not([lang^="zh"])')) continue;
                 const t = n.nodeValue.trim();
                 if (t) out.push(t);
               }
               for (const el of document.querySelectorAll('[placeholder],[title],[aria-label],[alt]')) {
                 if (el.closest('[lang]:not([lang^="zh"])')) continue;
                 for (const a of ['placeholder', 'title', 'aria-label', 'alt']) {
                   const v = el.getAttribute(a);
                   if (v) out.push(v);
                 }
               }
               return out;"#,
            vec![],
        )
        .await
        .unwrap();
    let mut found = Vec::new();
    for text in texts
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| t.as_str())
    {
        let words = english_in(text);
        if !words.is_empty() {
            found.push(format!("{words:?} in {text:?}"));
        }
    }
    found
}

/// The words of `text` that are English: runs of Latin letters in tokens that are not a
/// code, a date, an address or an allowed name.
pub fn english_in(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for token in text.split(|c: char| !(c.is_ascii_alphanumeric() || "_.@:/?=&%-+#~".contains(c))) {
        if token.contains("://") {
            continue;
        }
        let token = token.trim_matches(|c: char| ".:-/?#".contains(c));
        if token.is_empty()
            || token.chars().any(|c| c.is_ascii_digit())
            || token.contains('@')
            || is_host(token)
            || ALLOWED.contains(&token)
        {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic() && c != '_') {
            // A single letter is a letter of a code ("不含 I、O、Z、S、V"), not a word.
            if word.chars().filter(|c| c.is_ascii_alphabetic()).count() > 1
                && !ALLOWED.contains(&word)
            {
                words.push(word.to_string());
            }
        }
    }
    words
}

/// A host name such as `oapi.dingtalk.com` (lower-case labels joined by dots).
fn is_host(token: &str) -> bool {
    let labels: Vec<&str> = token.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

/// axe-core's violations on the page as it is now, at `width` pixels: "id (impact): targets".
async fn axe_at(b: &Browser, script: &str, width: u32) -> Vec<String> {
    b.client.set_window_size(width, 900).await.unwrap();
    b.client.execute(script, vec![]).await.unwrap();
    let found = b
        .client
        .execute_async(
            r#"const done = arguments[arguments.length - 1];
               axe.run(document, {resultTypes: ['violations']})
                 .then(r => done(r.violations.map(v =>
                   v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '))))
                 .catch(e => done(['axe failed: ' + e]));"#,
            vec![],
        )
        .await
        .unwrap();
    b.client.set_window_size(1280, 900).await.unwrap();
    found
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(|s| format!("{s} at {width} px")))
        .collect()
}

/// Both checks on the page now shown; each problem names `who` and `what`.
pub async fn check_page(b: &Browser, who: &str, what: &str, problems: &mut Vec<String>) {
    for words in latin_words(b).await {
        problems.push(format!("{who} {what}: English {words}"));
    }
    if let Some(script) = axe_script() {
        for width in [1400, 390] {
            for v in axe_at(b, script, width).await {
                problems.push(format!("{who} {what}: axe {v}"));
            }
        }
    }
}

#[test]
fn english_words_are_told_from_codes_names_and_units() {
    assert_eq!(english_in("approved"), ["approved"]);
    assert_eq!(english_in("周报 Weekly report"), ["Weekly", "report"]);
    assert!(english_in("2026-W08 · 2026-310117-04-01-000001 · 91310117MA1J3P0A06").is_empty());
    assert!(
        english_in("chen@xincailiao.example.cn https://oapi.dingtalk.com/robot/send?x=1")
            .is_empty()
    );
    assert!(english_in("oapi.dingtalk.com · 上限 8 MB · Excel (XLSX) · CSV").is_empty());
    assert_eq!(english_in("#33 red"), ["red"]);
    assert!(english_in("机器人的地址（https://…）").is_empty());
}
