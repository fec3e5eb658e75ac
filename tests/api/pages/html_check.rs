//! A small HTML check: doctype, `lang`, a title, unique ids, balanced tags, a label (or
//! aria-label) for every form control, a text alternative for every image and SVG, and
//! lights that carry a symbol and words, not colour alone.

use std::collections::{HashMap, HashSet};

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: HashMap<String, String>,
}

fn parse_attrs(s: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if start == i {
            break;
        }
        let name = s[start..i].to_ascii_lowercase();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                i = vs;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = s[vs..i].to_string();
                i += 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = s[vs..i].to_string();
            }
        }
        out.insert(name, value);
    }
    out
}

/// Every start tag, after checking that the document's tags are balanced.
pub fn tags(html: &str) -> Result<Vec<Tag>, String> {
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("unclosed comment")?;
            rest = &rest[end + 3..];
            continue;
        }
        if rest.starts_with("<!") {
            let end = rest.find('>').ok_or("unclosed declaration")?;
            rest = &rest[end + 1..];
            continue;
        }
        // The end of the tag: the first '>' outside quotes.
        let bytes = rest.as_bytes();
        let mut quote = None;
        let mut end = None;
        for (i, &c) in bytes.iter().enumerate().skip(1) {
            match (quote, c) {
                (None, b'"' | b'\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end =
            end.ok_or_else(|| format!("unclosed tag near {:?}", &rest[..rest.len().min(40)]))?;
        let inner = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = inner.strip_prefix('/') {
            let name = name.trim().to_ascii_lowercase();
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let name_end = inner
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(inner.len());
        let name = inner[..name_end].to_ascii_lowercase();
        let self_closing = inner.ends_with('/');
        out.push(Tag {
            name: name.clone(),
            attrs: parse_attrs(&inner[name_end..]),
        });
        if name == "script" || name == "style" {
            let close = format!("</{name}>");
            let at = rest
                .find(&close)
                .ok_or_else(|| format!("unclosed <{name}>"))?;
            rest = &rest[at + close.len()..];
            continue;
        }
        if !self_closing && !VOID.contains(&name.as_str()) {
            stack.push(name);
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed tags: {stack:?}"));
    }
    Ok(out)
}

fn fail(name: &str, why: String) -> ! {
    panic!("{name}: {why}")
}

/// Panics with the page's name and what is wrong.
pub fn check_page(name: &str, html: &str) {
    if !html
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("<!doctype html>")
    {
        fail(name, "no <!doctype html>".into());
    }
    let tags = tags(html).unwrap_or_else(|e| fail(name, e));
    let root = tags
        .iter()
        .find(|t| t.name == "html")
        .unwrap_or_else(|| fail(name, "no <html>".into()));
    if !root
        .attrs
        .get("lang")
        .is_some_and(|l| l == "zh-CN" || l == "en")
    {
        fail(name, format!("<html> lang is {:?}", root.attrs.get("lang")));
    }
    let title_at = html
        .find("<title>")
        .unwrap_or_else(|| fail(name, "no <title>".into()));
    if html[title_at + 7..].starts_with("</title>") {
        fail(name, "empty <title>".into());
    }
    let mut ids = HashSet::new();
    for t in &tags {
        if let Some(id) = t.attrs.get("id") {
            if !ids.insert(id.clone()) {
                fail(name, format!("duplicate id {id:?}"));
            }
        }
    }
    let labelled: HashSet<&String> = tags
        .iter()
        .filter(|t| t.name == "label")
        .filter_map(|t| t.attrs.get("for"))
        .collect();
    for t in &tags {
        let control = match t.name.as_str() {
            "input" => !matches!(
                t.attrs.get("type").map(String::as_str),
                Some("hidden" | "submit" | "button")
            ),
            "select" | "textarea" => true,
            _ => false,
        };
        let has_label = t.attrs.contains_key("aria-label")
            || t.attrs.get("id").is_some_and(|id| labelled.contains(id));
        if control && !has_label {
            fail(name, format!("<{}> without a label: {:?}", t.name, t.attrs));
        }
        if t.name == "img" && !t.attrs.contains_key("alt") {
            fail(name, "<img> without alt".into());
        }
        if t.name == "svg" && t.attrs.get("role").map(String::as_str) == Some("img") {
            assert!(
                t.attrs.contains_key("aria-labelledby"),
                "{name}: svg without a name"
            );
        }
    }
    // Every POST form carries its CSRF token before the next form starts.
    let mut waiting = false;
    for t in &tags {
        if t.name == "form" {
            if waiting {
                fail(name, "a POST form without a csrf field".into());
            }
            waiting = t.attrs.get("method").map(String::as_str) == Some("post");
        }
        if t.name == "input" && t.attrs.get("name").map(String::as_str) == Some("csrf") {
            assert!(
                t.attrs.get("value").is_some_and(|v| v.len() >= 32),
                "{name}: empty csrf"
            );
            waiting = false;
        }
    }
    if waiting {
        fail(name, "a POST form without a csrf field".into());
    }
    for (class, symbol) in [
        ("light-red", "✖"),
        ("light-yellow", "▲"),
        ("light-green", "●"),
    ] {
        let marker = format!("class=\"light {class}\"");
        for (at, _) in html.match_indices(&marker) {
            let after: String = html[at..].chars().take(60).collect();
            if !after.contains(symbol) {
                fail(name, format!("a {class} badge without its symbol"));
            }
        }
    }
}
