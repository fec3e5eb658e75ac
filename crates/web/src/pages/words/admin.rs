//! Issue 28's admin words: a liaison's handover, and the admin forms' line-by-line refusals.

use super::{Messages, Words};

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

pub const MESSAGES: Messages = &[
    // The calendar page names the line of each bad date.
    (
        "line {}: {} is not a valid date like 2027-01-01",
        "第{}行：{} 不是有效日期",
    ),
    ("line {}: {}", "第{}行：{}"),
    (
        "{} is not in {}; every date of the {} schedule must be",
        "{0} 不在 {1} 年内，{1} 年的日期都须在该年之内",
    ),
    (
        "{} is listed both as a holiday and as a make-up working day; it can only be one",
        "{} 同时列为假日和调休上班日，只能是其中之一",
    ),
    (
        "{} is not a Saturday or Sunday; a make-up working day must be",
        "{} 不是星期六或星期日，调休上班日须是周末",
    ),
    (
        "the liaison holds {} running projects and {} open requests; name who takes them over (successor_id): {}",
        "该店小二仍负责 {} 个在办项目和 {} 件未办结诉求（{}），请选择接手的店小二",
    ),
    (
        "confirm the removal with its button",
        "请在展开的确认框中点击“确定删除”",
    ),
    (
        "the promised limit cannot exceed the statutory limit",
        "承诺时限不能超过法定时限",
    ),
    (
        "the successor must be another active liaison",
        "接手人须是另一位在职的店小二",
    ),
];
