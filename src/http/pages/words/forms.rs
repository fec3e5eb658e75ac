//! Words every form shares, and the Chinese of the service's common refusals.

use crate::http::pages::i18n::Words;
use crate::http::pages::messages::Messages;

pub const WORDS: Words = &[
    (
        "form_refused",
        "未能保存，请按标出的提示修改后重试。",
        "Not saved: correct what is marked and try again.",
    ),
    (
        "form_stale",
        "这条记录刚被别人修改过。下面是最新内容，请核对后重新提交。",
        "Someone else changed this meanwhile. Here is the latest; check it and submit again.",
    ),
    (
        "not_found_page",
        "找不到这个页面。",
        "There is no such page.",
    ),
    ("home", "首页", "Home"),
    ("required_mark", "（必填）", "(required)"),
    ("optional_mark", "（选填）", "(optional)"),
    ("done_saved", "已保存。", "Saved."),
    ("done_user_added", "用户已添加。", "The user was added."),
    (
        "username_rule",
        "3 到 64 个字母、数字、“.”、“_”或“-”",
        "3 to 64 letters, digits, '.', '_' or '-'",
    ),
    (
        "password_rule",
        "至少 10 个字符，须同时包含字母和数字或符号，不能包含用户名",
        "At least 10 characters, letters mixed with digits or symbols, without the user name",
    ),
    ("enterprise", "企业", "Enterprise"),
    ("enterprise_none", "（不属于企业）", "(none)"),
    (
        "enterprise_only_for_accounts",
        "仅企业账号需要选择",
        "Only for enterprise accounts",
    ),
    ("user", "用户", "User"),
    ("user_profile", "资料与角色", "Profile and role"),
    ("user_access", "账号状态", "Access"),
    ("user_active", "启用中", "active"),
    ("user_inactive", "已停用", "disabled"),
    ("disable_user", "停用账号", "Disable the account"),
    ("enable_user", "重新启用", "Enable the account"),
    ("disable_hint", "停用后该账号立即退出登录、不能再登录；店小二的日历订阅随之失效。", "A disabled account is signed out at once and cannot sign in; a liaison's calendar feed ends."),
    ("role_change_hint", "改变角色会结束该用户当前的登录；店小二改为其他角色时，其负责的项目与日历订阅随之取消。", "A new role ends the user's sessions; a liaison leaving the role leaves their projects and calendar feed."),
    ("reset_password", "重置密码", "Reset the password"),
    ("new_password", "新密码", "New password"),
    ("password_again", "再次输入新密码", "New password again"),
    ("passwords_differ", "两次输入的密码不一致", "The two passwords differ"),
    ("done_user_enabled", "账号已重新启用。", "The account is enabled."),
    ("done_user_disabled", "账号已停用，其登录已结束。", "The account is disabled and signed out."),
    ("done_password_reset", "密码已重置，该用户的登录已结束。", "The password is reset; the user's sessions ended."),
    ("weekly_report", "周报", "Weekly report"),
    ("report_week", "周", "Week"),
    ("report_week_hint", "ISO 周，例如 2026-W08；默认上一周", "ISO week such as 2026-W08; last week by default"),
    ("report_show", "查看", "Show"),
    ("report_download", "下载", "Download"),
    ("nav_reports", "周报", "Weekly report"),
    ("nav_new_project", "新建项目", "New project"),
    ("nav_enterprises", "企业", "Enterprises"),
    ("nav_licences", "许可证", "Licences"),
    ("nav_import", "批量导入", "Import"),
    ("nav_settings", "设置", "Settings"),
];

/// Refusals of the service that any form can meet; page areas add their own.
pub const MESSAGES: Messages = &[
    ("must not be blank", "必填"),
    (
        "\"{}\" is not an ISO week such as 2026-W08",
        "“{}”不是 ISO 周（例如 2026-W08）",
    ),
    (
        "{} has not begun yet (today is {})",
        "{} 尚未开始（今天是 {}）",
    ),
    (
        "one of json, csv, xlsx, html",
        "应为 json、csv、xlsx 或 html",
    ),
    ("required", "必填"),
    ("must be at most {} characters", "最多 {} 个字符"),
    ("must not be negative", "不能为负数"),
    (
        "must be whole working days from 0 to {}",
        "应为 0 到 {} 之间的整数个工作日",
    ),
    (
        "must be an email address such as name@example.cn",
        "应为电子邮箱地址，例如 name@example.cn",
    ),
    (
        "{} is outside 2000-01-01 … 2100-12-31",
        "{} 不在 2000-01-01 至 2100-12-31 之间",
    ),
    ("a date like {}", "请填写日期，例如 {}"),
    ("a number", "请填写数字"),
    ("choose an action", "请选择操作"),
    ("choose a role", "请选择角色"),
    ("must be at least {} characters", "至少 {} 个字符"),
    (
        "must mix letters with digits or symbols",
        "须同时包含字母和数字或符号",
    ),
    ("must not contain the user name", "不能包含用户名"),
    (
        "3 to 64 letters, digits, '.', '_' or '-'",
        "3 到 64 个字母、数字、“.”、“_”或“-”",
    ),
    ("the user name \"{}\" is taken", "用户名“{}”已被使用"),
    (
        "an enterprise account needs its enterprise",
        "企业账号须选择所属企业",
    ),
    (
        "only enterprise accounts belong to an enterprise",
        "只有企业账号才属于某个企业",
    ),
    (
        "administrators cannot demote or disable themselves",
        "管理员不能降低自己的角色或停用自己",
    ),
    ("no enterprise has id {}", "没有编号为 {} 的企业"),
    ("no user has id {}", "没有编号为 {} 的用户"),
    ("{} is not an active liaison", "{} 不是在岗的店小二"),
    ("names a liaison twice", "同一位店小二选了两次"),
    (
        "the {} was changed by someone else: it is now at version {}",
        "这条记录已被别人修改（现为第 {1} 版）",
    ),
    (
        "a concurrent change got there first; try again",
        "别人刚刚做了修改，请重试",
    ),
    ("already exists ({})", "已存在（{}）"),
    ("{} is after today ({})", "{} 晚于今天（{}）"),
    (
        "{} is before the step's previous event ({} on {})",
        "{} 早于该环节上一次记录（{}，{}）",
    ),
    (
        "{} is before {} finished ({})",
        "{} 早于“{}”办结的日期（{}）",
    ),
    (
        "{} cannot be accepted before {} {} finished",
        "“{}”须等“{}”{}办结后才能受理",
    ),
    (
        "cannot {} a step that is {}",
        "该环节当前状态为“{1}”，不能“{0}”",
    ),
    ("dependencies form a cycle: {}", "依赖关系形成了循环：{}"),
    ("a step cannot depend on itself", "环节不能依赖自己"),
    ("step {} depends on itself", "环节 {} 依赖了自己"),
    ("{} already depends on {}", "“{}”已依赖“{}”"),
    ("the project has a step {} already", "项目已有环节 {}"),
    ("the project has no step {}", "项目没有环节 {}"),
    ("a step key must not be empty", "环节代码不能为空"),
    (
        "a step key may contain only ASCII letters, digits, '-' and '_' (found {})",
        "环节代码只能包含英文字母、数字、“-”和“_”（发现 {}）",
    ),
    (
        "a step key has at most {} characters (this one has {})",
        "环节代码最多 {} 个字符（现为 {} 个）",
    ),
    ("a project has at most {} steps", "一个项目最多 {} 个环节"),
    (
        "a project has at most {} steps, not {}",
        "一个项目最多 {} 个环节，而不是 {} 个",
    ),
    (
        "no route template has the key {}",
        "没有代码为 {} 的审批路线",
    ),
    (
        "give either a route template or explicit steps",
        "请选择审批路线，或逐个填写环节",
    ),
    (
        "an enterprise with credit code {} exists already (id {})",
        "统一社会信用代码为 {} 的企业已存在（编号 {}）",
    ),
    ("give the day it was issued", "请填写发证日期"),
    ("must be after issued_on", "应晚于发证日期"),
    ("{} is not approved", "“{}”尚未办结"),
    (
        "step {} has recorded events; its history is kept, so it cannot be removed",
        "环节 {} 已有办理记录，记录须保留，因此不能删除",
    ),
    (
        "steps {} depend on {}; remove those dependencies first",
        "环节 {} 依赖 {}，请先删除这些依赖",
    ),
    (
        "a liaison cannot remove themselves; ask a manager",
        "店小二不能把自己从项目中移除，请联系管理人员",
    ),
];
