//! The construction permit's start deadline coming (建筑法 art. 9): to the project's liaisons.

use chrono::NaiveDate;
use minijinja::context;

use super::templates::render;
use super::{date_zh, safe_url, Rendered};
use crate::MailError;

/// One project whose permit lapses unless work starts by `deadline`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PermitLine {
    pub project_id: i32,
    pub project_name: String,
    pub project_code: Option<String>,
    pub deadline: NaiveDate,
    pub days_left: i64,
    /// Extensions recorded so far (at most two).
    pub extensions: i32,
}

pub fn permit_reminder(
    recipient_name: &str,
    public_url: &str,
    line: &PermitLine,
) -> Result<Rendered, MailError> {
    let url = format!(
        "{}/projects/{}#landing",
        public_url.trim_end_matches('/'),
        line.project_id
    );
    let ctx = context! {
        name => recipient_name,
        project_name => line.project_name,
        project_code => line.project_code,
        url => safe_url(&url),
        deadline_zh => date_zh(line.deadline),
        deadline_en => line.deadline.to_string(),
        days_left => line.days_left,
        // Past the deadline without 开工: the permit has lapsed (the alert, not a reminder).
        lapsed => line.days_left < 0,
        extensions => line.extensions,
        can_extend => line.extensions < 2,
    };
    render("permit_reminder", ctx)
}
