//! Overdue enterprise requests (诉求): to the owning liaison (or, unowned, the managers),
//! and escalated to every manager, like steps' digests.

use chrono::NaiveDate;
use minijinja::context;
use serde::Serialize;

use super::{date_zh, safe_url, templates::render, Rendered};
use crate::MailError;

/// One overdue clock of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    pub request_id: i32,
    pub title: String,
    pub enterprise_name: String,
    /// `"reply"` (no first reply yet) or `"resolve"`.
    pub clock: String,
    pub due_on: NaiveDate,
    /// Working days past the due date.
    pub days_over: u32,
}

#[derive(Serialize)]
struct LineView<'a> {
    title: &'a str,
    enterprise_name: &'a str,
    reply: bool,
    due_zh: String,
    due_en: String,
    days_over: u32,
    url: minijinja::Value,
}

/// `escalated`: the managers' email about requests long overdue.
pub fn request_overdue(
    recipient_name: &str,
    public_url: &str,
    lines: &[RequestLine],
    escalated: bool,
) -> Result<Rendered, MailError> {
    let base = public_url.trim_end_matches('/');
    let mut sorted: Vec<&RequestLine> = lines.iter().collect();
    sorted.sort_by_key(|l| {
        (
            std::cmp::Reverse(l.days_over),
            l.request_id,
            l.clock.clone(),
        )
    });
    let views: Vec<LineView> = sorted
        .into_iter()
        .map(|l| LineView {
            title: &l.title,
            enterprise_name: &l.enterprise_name,
            reply: l.clock == "reply",
            due_zh: date_zh(l.due_on),
            due_en: l.due_on.to_string(),
            days_over: l.days_over,
            url: safe_url(&format!("{base}/requests/{}", l.request_id)),
        })
        .collect();
    let ctx = context! {
        name => recipient_name,
        total => lines.len(),
        escalated,
        lines => views,
        list_url => safe_url(&format!("{base}/requests?overdue=true")),
    };
    render("request_overdue", ctx)
}
