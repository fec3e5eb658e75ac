//! Bilingual (Chinese first, then English) subjects and bodies from the templates in
//! `templates/`, embedded in the binary. `.html` templates autoescape; `.txt` ones do not.

use std::cmp::Reverse;

use chrono::{Datelike, NaiveDate};
use minijinja::{context, Value};
use serde::Serialize;

use super::MailError;
use templates::render;

/// One alert of a step, as the alerts module hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertLine {
    pub project_id: i32,
    pub project_name: String,
    pub step_name: String,
    pub agency: String,
    /// `"yellow"`, `"red"`, `"stalled"` or `"escalated"`.
    pub level: String,
    pub due_on: Option<NaiveDate>,
    /// Working days past the due date.
    pub days_over: Option<u32>,
    /// Paused (working) days waiting for the enterprise's corrections.
    pub days_waiting: Option<u32>,
}

/// One licence coming up for expiry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LicenceLine {
    pub enterprise_name: String,
    pub project_id: Option<i32>,
    pub project_name: Option<String>,
    pub kind: String,
    pub number: String,
    pub expires_on: NaiveDate,
    pub days_left: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Levels worst first, with their words: (level, rank, 中文, English, short 中文, colour).
const LEVELS: &[(&str, u8, &str, &str, &str, &str)] = &[
    (
        "red",
        0,
        "红灯（已超时）",
        "red (overdue)",
        "红灯",
        "#c0392b",
    ),
    (
        "escalated",
        0,
        "升级（督办）",
        "escalated (supervision)",
        "升级",
        "#8e44ad",
    ),
    (
        "stalled",
        1,
        "停滞（待企业补正）",
        "stalled (awaiting corrections)",
        "停滞",
        "#7f8c8d",
    ),
    (
        "yellow",
        2,
        "黄灯（即将超时）",
        "yellow (due soon)",
        "黄灯",
        "#b7950b",
    ),
];

/// One email to a liaison listing all their pending alerts, grouped by project, worst first.
pub fn digest(
    recipient_name: &str,
    public_url: &str,
    lines: &[AlertLine],
) -> Result<Rendered, MailError> {
    digest_with_handovers(recipient_name, public_url, lines, &[])
}

/// One email to a manager listing steps red for too long past their due date.
pub fn escalation(
    recipient_name: &str,
    public_url: &str,
    lines: &[AlertLine],
) -> Result<Rendered, MailError> {
    render(
        "escalation",
        alert_context(recipient_name, public_url, lines),
    )
}

/// One licence nearing expiry, to a liaison or the enterprise contact.
pub fn licence_reminder(
    recipient_name: &str,
    public_url: &str,
    line: &LicenceLine,
) -> Result<Rendered, MailError> {
    let base = public_url.trim_end_matches('/');
    let url = match line.project_id {
        Some(id) => format!("{base}/projects/{id}"),
        None => base.to_string(),
    };
    let ctx = context! {
        name => recipient_name,
        enterprise_name => line.enterprise_name,
        project_name => line.project_name,
        url => safe_url(&url),
        kind => line.kind,
        number => line.number,
        expires_zh => date_zh(line.expires_on),
        expires_en => line.expires_on.to_string(),
        days_left => line.days_left,
    };
    render("licence_reminder", ctx)
}

/// A chat robot that keeps failing, to an admin (once per run of failures).
pub struct RobotFailure<'a> {
    pub robot_name: &'a str,
    /// `wecom` or `dingtalk`.
    pub kind: &'a str,
    /// Whose group: the managers' or a liaison's name.
    pub owner: &'a str,
    pub failures: i32,
    pub reason: &'a str,
}

pub fn robot_failing(
    recipient_name: &str,
    public_url: &str,
    f: &RobotFailure,
) -> Result<Rendered, MailError> {
    let (kind_zh, kind_en) = match f.kind {
        "dingtalk" => ("钉钉", "DingTalk"),
        _ => ("企业微信", "WeCom"),
    };
    let url = format!("{}/settings#chat", public_url.trim_end_matches('/'));
    let ctx = context! {
        name => recipient_name,
        robot_name => f.robot_name,
        kind_zh, kind_en,
        owner => f.owner,
        failures => f.failures,
        reason => f.reason,
        url => safe_url(&url),
    };
    render("robot_failing", ctx)
}

#[derive(Serialize)]
struct LineView<'a> {
    step_name: &'a str,
    agency: &'a str,
    level_zh: &'a str,
    level_en: &'a str,
    color: &'a str,
    due_zh: Option<String>,
    due_en: Option<String>,
    days_over: Option<u32>,
    days_waiting: Option<u32>,
}

#[derive(Serialize)]
struct ProjectView<'a> {
    id: i32,
    name: &'a str,
    url: Value,
    lines: Vec<LineView<'a>>,
}

#[derive(Serialize)]
struct CountView {
    n: usize,
    zh: &'static str,
    en: &'static str,
}

fn level(name: &str) -> (u8, &str, &str, &str, &str) {
    LEVELS
        .iter()
        .find(|l| l.0 == name)
        .map(|l| (l.1, l.2, l.3, l.4, l.5))
        // An unknown level still reaches the liaison, last and in its own words.
        .unwrap_or((u8::MAX, name, name, name, "#333333"))
}

fn alert_context(name: &str, public_url: &str, lines: &[AlertLine]) -> Value {
    let base = public_url.trim_end_matches('/');
    let mut sorted: Vec<&AlertLine> = lines.iter().collect();
    sorted.sort_by_key(|l| {
        let days = l.days_over.or(l.days_waiting).unwrap_or(0);
        (
            level(&l.level).0,
            Reverse(days),
            l.due_on,
            l.project_id,
            l.step_name.clone(),
        )
    });
    // Sorted first, so each project sits where its worst line puts it.
    let mut projects: Vec<ProjectView> = Vec::new();
    for l in sorted {
        let (_, level_zh, level_en, _, color) = level(&l.level);
        let view = LineView {
            step_name: &l.step_name,
            agency: &l.agency,
            level_zh,
            level_en,
            color,
            due_zh: l.due_on.map(date_zh),
            due_en: l.due_on.map(|d| d.to_string()),
            days_over: l.days_over,
            days_waiting: l.days_waiting,
        };
        match projects.iter_mut().find(|p| p.id == l.project_id) {
            Some(p) => p.lines.push(view),
            None => projects.push(ProjectView {
                id: l.project_id,
                name: &l.project_name,
                url: safe_url(&format!("{base}/projects/{}", l.project_id)),
                lines: vec![view],
            }),
        }
    }
    let counts: Vec<CountView> = LEVELS
        .iter()
        .map(|l| CountView {
            n: lines.iter().filter(|a| a.level == l.0).count(),
            zh: l.4,
            en: l.0,
        })
        .filter(|c| c.n > 0)
        .collect();
    context! { name, total => lines.len(), counts, projects }
}

/// As Chinese users write dates: 2026年3月16日.
fn date_zh(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// Escapes a URL for an HTML attribute ourselves, because autoescape would also turn every `/`
/// into `&#x2f;`, which some mail clients show verbatim.
fn safe_url(url: &str) -> Value {
    let escaped = url
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    Value::from_safe_string(escaped)
}

mod handover;
mod permit;
mod requests;
mod templates;

pub use handover::{digest_with_handovers, HandoverLine};
pub use permit::{permit_reminder, PermitLine};
pub use requests::{request_overdue, RequestLine};

#[cfg(test)]
mod tests;
