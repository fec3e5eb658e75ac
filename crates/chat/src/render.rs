//! What robots say, in Chinese (the groups read Chinese): a liaison's digest, an
//! escalation to the managers' group, a licence reminder and a test message. Each is one
//! or more bodies ready to post (split within the platform's limit).

use serde_json::Value;

use domain::chat::{self, Item, RobotKind};
use mail::render::{PermitLine, RequestLine};
use mail::{AlertLine, LicenceLine};

/// (short word, WeCom font colour) of a level.
fn level(name: &str) -> (&str, &'static str) {
    match name {
        "red" => ("红灯", "warning"),
        "escalated" => ("升级督办", "warning"),
        "stalled" => ("停滞", "comment"),
        "yellow" => ("黄灯", "info"),
        other => (other, "comment"),
    }
}

/// Text from users, made harmless inside markdown: no links, tags or new lines of its own.
fn plain(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '[' => '［',
            ']' => '］',
            '<' => '＜',
            '>' => '＞',
            '\n' | '\r' => ' ',
            c => c,
        })
        .collect()
}

fn mark(kind: RobotKind, level_name: &str) -> String {
    let (word, colour) = level(level_name);
    match kind {
        RobotKind::WeCom => format!("<font color=\"{colour}\">{word}</font>"),
        RobotKind::DingTalk => format!("**{word}**"),
    }
}

fn detail(l: &AlertLine) -> String {
    let mut s = String::new();
    if let Some(d) = l.due_on {
        s.push_str(&format!("，期限 {d}"));
    }
    if let Some(n) = l.days_over.filter(|n| *n > 0) {
        s.push_str(&format!("，已超 {n} 个工作日"));
    }
    if let Some(n) = l.days_waiting {
        s.push_str(&format!("，待企业补正 {n} 个工作日"));
    }
    s
}

fn project_url(base: &str, id: i32) -> String {
    format!("{}/projects/{id}", base.trim_end_matches('/'))
}

/// A liaison's digest: every alert a line, linked to its project's page.
pub fn digest(kind: RobotKind, name: &str, public_url: &str, lines: &[AlertLine]) -> Vec<Value> {
    let items: Vec<String> = lines
        .iter()
        .map(|l| {
            format!(
                "- {} [{} · {}]({})（{}）{}",
                mark(kind, &l.level),
                plain(&l.project_name),
                plain(&l.step_name),
                project_url(public_url, l.project_id),
                plain(&l.agency),
                detail(l)
            )
        })
        .collect();
    let intro = format!("{}，您负责的项目有 {} 条新预警：", plain(name), lines.len());
    chat::markdown_parts(kind, "审批预警", &intro, &items)
}

/// Escalations to the managers' group, each mentioning the project's liaisons (mobiles).
pub fn escalation(
    kind: RobotKind,
    public_url: &str,
    lines: &[(AlertLine, Vec<String>)],
) -> Vec<Value> {
    let items: Vec<Item> = lines
        .iter()
        .map(|(l, mobiles)| Item {
            line: format!(
                "- {} · {}（{}）{} {}",
                plain(&l.project_name),
                plain(&l.step_name),
                plain(&l.agency),
                detail(l),
                project_url(public_url, l.project_id)
            ),
            mobiles: mobiles.clone(),
        })
        .collect();
    let intro = format!("以下 {} 个环节超期未办结，请督办：", lines.len());
    chat::escalation(kind, "审批超期升级", &intro, &items)
}

/// A licence (or permit) coming up for expiry.
pub fn licence_reminder(kind: RobotKind, public_url: &str, l: &LicenceLine) -> Vec<Value> {
    let project = match (l.project_id, &l.project_name) {
        (Some(id), Some(name)) => {
            format!("，项目 [{}]({})", plain(name), project_url(public_url, id))
        }
        _ => String::new(),
    };
    let line = format!(
        "- {} 的{}（{}）将于 {} 到期，还剩 {} 天{}",
        plain(&l.enterprise_name),
        plain(&l.kind),
        plain(&l.number),
        l.expires_on,
        l.days_left,
        project
    );
    chat::markdown_parts(kind, "证照到期提醒", "请提前协助企业办理延续：", &[line])
}

/// The construction permit's start deadline coming up (建筑法 art. 9), until 开工.
pub fn permit_reminder(kind: RobotKind, public_url: &str, l: &PermitLine) -> Vec<Value> {
    let code = l
        .project_code
        .as_deref()
        .map(|c| format!("（{}）", plain(c)))
        .unwrap_or_default();
    let line = format!(
        "- [{}{code}]({}) 施工许可证须在 {} 前开工，还剩 {} 天（已延期 {} 次）；开工后请在项目页记录。",
        plain(&l.project_name),
        project_url(public_url, l.project_id),
        l.deadline,
        l.days_left,
        l.extensions
    );
    chat::markdown_parts(
        kind,
        "施工许可开工期限提醒",
        "逾期未开工且未延期，施工许可证将自行废止：",
        &[line],
    )
}

/// What the settings page's test button posts.
pub fn test_message(kind: RobotKind, owner: &str) -> Value {
    let items = vec![format!(
        "- 这是一条测试消息：{} 的预警将发到本群。",
        plain(owner)
    )];
    chat::markdown_parts(kind, "审批跟踪：测试消息", "机器人已接通。", &items)
        .into_iter()
        .next()
        .unwrap_or(Value::Null)
}

/// Enterprise requests past their time limit: to the owning liaison's robots, or (escalated)
/// to the managers' robots mentioning each request's liaison.
pub fn request_overdue(
    kind: RobotKind,
    public_url: &str,
    lines: &[(RequestLine, Vec<String>)],
    escalated: bool,
) -> Vec<Value> {
    let base = public_url.trim_end_matches('/');
    let items: Vec<Item> = lines
        .iter()
        .map(|(l, mobiles)| {
            let what = if l.clock == "reply" {
                "尚未首次答复"
            } else {
                "尚未办结"
            };
            Item {
                line: format!(
                    "- {}（{}）：{what}，时限 {}，已超 {} 个工作日 {base}/requests/{}",
                    plain(&l.title),
                    plain(&l.enterprise_name),
                    l.due_on,
                    l.days_over,
                    l.request_id
                ),
                mobiles: mobiles.clone(),
            }
        })
        .collect();
    let (title, intro) = if escalated {
        (
            "企业诉求超期升级",
            format!("以下 {} 件企业诉求超过时限已久，请督办：", lines.len()),
        )
    } else {
        (
            "企业诉求超期",
            format!("以下 {} 件企业诉求已超过时限：", lines.len()),
        )
    };
    if escalated {
        chat::escalation(kind, title, &intro, &items)
    } else {
        let plain_items: Vec<String> = items.into_iter().map(|i| i.line).collect();
        chat::markdown_parts(kind, title, &intro, &plain_items)
    }
}
