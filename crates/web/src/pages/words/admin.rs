//! Issue 28's admin words: a liaison's handover and the admin forms.

use super::Words;

pub const WORDS: Words = &[
    ("successor", "接手的店小二", "Successor liaison"),
    ("successor_none", "（不移交）", "(no handover)"),
    (
        "successor_hint",
        "该店小二改为其他角色或被停用时，其在办项目和未办结诉求移交给此人，并在其下一封提醒邮件中告知。",
        "When this liaison leaves the role or is disabled, their running projects and open requests go to this person, who is told in their next digest.",
    ),
    ("holds_projects", "在办项目", "Running projects"),
    ("holds_requests", "未办结诉求", "Open requests"),
    (
        "remove_step_confirm",
        "删除后不能恢复。确定删除环节",
        "This cannot be undone. Remove the step",
    ),
    ("remove_step_yes", "确定删除", "Yes, remove it"),
    (
        "calendar_dates_hint",
        "每行一个日期，如 2027-01-01。",
        "One date a line, like 2027-01-01.",
    ),
    ("done_calendar_published", "日历已发布。", "The calendar is published."),
    ("audit_action_liaison_handover", "联络人移交", "liaison handover"),
];
