//! The bodies posted to a robot, as its platform documents them, split so that each
//! message's content stays within the platform's limit.

use serde_json::{json, Value};

use super::RobotKind;

/// WeCom text messages (the only kind that can mention someone) take 2,048 bytes.
const WECOM_TEXT_LIMIT: usize = 2048;

/// One line of a message and the mobiles it mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub line: String,
    pub mobiles: Vec<String>,
}

/// A digest or reminder: markdown, one message if it fits, else parts "（2/3）" each
/// within the limit, split between items.
pub fn markdown_parts(kind: RobotKind, title: &str, intro: &str, items: &[String]) -> Vec<Value> {
    let items: Vec<Item> = items
        .iter()
        .map(|line| Item {
            line: line.clone(),
            mobiles: Vec::new(),
        })
        .collect();
    let head = |part: &str| format!("### {title}{part}\n{intro}\n");
    pack(&items, kind.markdown_limit(), &head)
        .into_iter()
        .map(|(content, _)| markdown_body(kind, title, content, &[]))
        .collect()
}

/// An escalation to the managers' group, mentioning each item's liaisons by mobile:
/// on WeCom a text message (its markdown cannot mention), on DingTalk markdown with
/// `at.atMobiles` and the `@mobile` in the text as DingTalk requires.
pub fn escalation(kind: RobotKind, title: &str, intro: &str, items: &[Item]) -> Vec<Value> {
    match kind {
        RobotKind::WeCom => {
            let head = |part: &str| format!("{title}{part}\n{intro}\n");
            pack(items, WECOM_TEXT_LIMIT, &head)
                .into_iter()
                .map(|(content, mobiles)| {
                    json!({"msgtype": "text",
                        "text": {"content": content, "mentioned_mobile_list": mobiles}})
                })
                .collect()
        }
        RobotKind::DingTalk => {
            let items: Vec<Item> = items
                .iter()
                .map(|i| Item {
                    line: i
                        .mobiles
                        .iter()
                        .fold(i.line.clone(), |l, m| format!("{l} @{m}")),
                    mobiles: i.mobiles.clone(),
                })
                .collect();
            let head = |part: &str| format!("### {title}{part}\n{intro}\n");
            pack(&items, kind.markdown_limit(), &head)
                .into_iter()
                .map(|(content, mobiles)| markdown_body(kind, title, content, &mobiles))
                .collect()
        }
    }
}

fn markdown_body(kind: RobotKind, title: &str, content: String, mobiles: &[String]) -> Value {
    match kind {
        RobotKind::WeCom => json!({"msgtype": "markdown", "markdown": {"content": content}}),
        RobotKind::DingTalk => json!({"msgtype": "markdown",
            "markdown": {"title": title, "text": content},
            "at": {"atMobiles": mobiles, "isAtAll": false}}),
    }
}

/// Packs items into as few contents as fit `limit` bytes with their heading; each
/// content comes with the mobiles its items mention, each once.
fn pack(items: &[Item], limit: usize, head: &dyn Fn(&str) -> String) -> Vec<(String, Vec<String>)> {
    // Room for the heading of any part ("（99/99）" is the longest counter).
    let room = limit.saturating_sub(head("（99/99）").len()).max(64);
    let mut groups: Vec<Vec<Item>> = vec![Vec::new()];
    let mut used = 0;
    for item in items {
        let line = Item {
            line: cut(&item.line, room - 1),
            mobiles: item.mobiles.clone(),
        };
        let size = line.line.len() + 1;
        if used + size > room && groups.last().is_some_and(|g| !g.is_empty()) {
            groups.push(Vec::new());
            used = 0;
        }
        used += size;
        if let Some(g) = groups.last_mut() {
            g.push(line);
        }
    }
    let n = groups.len();
    groups
        .into_iter()
        .enumerate()
        .map(|(i, group)| {
            let part = if n > 1 {
                format!("（{}/{n}）", i + 1)
            } else {
                String::new()
            };
            let mut content = head(&part);
            let mut mobiles: Vec<String> = Vec::new();
            for item in group {
                content.push('\n');
                content.push_str(&item.line);
                for m in item.mobiles {
                    if !mobiles.contains(&m) {
                        mobiles.push(m);
                    }
                }
            }
            (content, mobiles)
        })
        .collect()
}

/// `s` within `max` bytes, cut at a character boundary with "…" when it was longer.
fn cut(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max.saturating_sub('…'.len_utf8());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &s[..end])
}
