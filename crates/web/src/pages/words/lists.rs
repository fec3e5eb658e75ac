//! Words of the lists pages: key, Chinese, English.

use super::{Messages, Words};

pub const WORDS: Words = &[
    ("list_projects", "全部项目", "All projects"),
    ("list_light", "灯色", "Light"),
    ("list_liaison", "联络员", "Liaison"),
    ("list_enterprise", "企业", "Enterprise"),
    ("list_stage", "阶段", "Stage"),
    ("list_route", "审批路线", "Route"),
    ("list_stalled", "停滞", "Stalled"),
    ("list_stalled_only", "只看停滞", "Stalled only"),
    ("list_search", "搜索项目名称", "Search project names"),
    ("list_any", "全部", "Any"),
    ("list_filter", "筛选", "Filter"),
    ("list_clear", "清除筛选", "Clear filters"),
    ("list_mine", "只看我的", "Mine only"),
    ("list_export_xlsx", "导出Excel", "Export Excel"),
    ("list_export_csv", "导出CSV", "Export CSV"),
    ("list_count", "共计项目：", "Projects: "),
    ("list_name", "项目", "Project"),
    // The project's start_date: the day its schedule counts from (issue 28: it was
    // called 开工日期, which is the construction-started milestone, shown apart).
    ("list_start", "起算日期", "Counted from"),
    ("list_started", "开工", "Construction started"),
    ("list_planned", "（计划）", " (planned)"),
    ("list_finish", "预计完成", "Projected finish"),
    ("list_none", "没有符合条件的记录。", "Nothing matches."),
    ("list_pages", "分页", "Pages"),
    ("list_sort", "排序", "Sort by"),
    ("list_newest", "最新创建在前", "Newest first"),
    ("list_dir", "顺序", "Order"),
    (
        "list_asc",
        "升序（灯色：红灯在前）",
        "Ascending (lights: red first)",
    ),
    ("list_desc", "降序", "Descending"),
    ("list_no", "否", "no"),
    ("list_sort_name", "项目名称", "Name"),
    ("list_sort_light", "灯色", "Light"),
    ("list_sort_start", "起算日期", "Counted from"),
    ("list_sort_finish", "预计完成", "Projected finish"),
    (
        "list_bad_format",
        "导出格式应为 XLSX 或 CSV",
        "the export format is xlsx or csv",
    ),
    ("list_audit", "审计日志", "Audit log"),
    ("audit_at", "时间（UTC）", "Time (UTC)"),
    ("audit_username", "用户名", "User name"),
    ("audit_action", "操作", "Action"),
    ("audit_target", "对象", "Target"),
    ("audit_detail", "详情", "Detail"),
    ("audit_address", "地址", "Address"),
    ("audit_from", "起始日期", "From"),
    ("audit_to", "截止日期", "To"),
    ("audit_count", "共计记录：", "Entries: "),
    ("audit_action_login", "登录", "login"),
    ("audit_action_login_failed", "登录失败", "failed login"),
    ("audit_action_login_locked", "登录锁定", "login locked"),
    ("audit_action_logout", "退出", "logout"),
    (
        "audit_action_password_changed",
        "修改密码",
        "password changed",
    ),
    (
        "audit_action_password_change_failed",
        "修改密码失败",
        "password change failed",
    ),
    ("audit_action_user_created", "新建用户", "user created"),
    ("audit_action_user_changed", "修改用户", "user changed"),
    (
        "audit_action_calendar_published",
        "发布工作日历",
        "calendar published",
    ),
    (
        "audit_action_route_template_saved",
        "审批路线模板修改",
        "route template saved",
    ),
    (
        "audit_action_chat_robot_added",
        "添加群机器人",
        "chat robot added",
    ),
    (
        "audit_action_chat_robot_changed",
        "修改群机器人",
        "chat robot changed",
    ),
    (
        "audit_action_chat_robot_removed",
        "删除群机器人",
        "chat robot removed",
    ),
    // Changes made on the server's command line have no network address.
    ("audit_command_line", "命令行", "command line"),
];

/// The service's messages these pages can show, as English templates (`{}` stands for
/// any text) with their Chinese; see `messages.rs`.
pub const MESSAGES: Messages = &[
    ("must be a number", "应为数字"),
    ("must be red, yellow or green", "应为红灯、黄灯或绿灯"),
    ("pages count from 1", "页码从 1 开始"),
    ("must be asc or desc", "排序方向应为升序或降序"),
    (
        "must be name, light, start or finish",
        "排序列应为项目、灯色、起算日期或预计完成",
    ),
    ("is not an action the log records", "不是日志记录的操作"),
    (
        "must be a date such as 2026-03-16",
        "应为日期，例如 2026-03-16",
    ),
    ("must not be before from", "不能早于起始日期"),
];
