//! Words of the records pages: key, Chinese, English.

use super::{Messages, Words};

pub const WORDS: Words = &[
    // Licences.
    ("licences_title", "许可证", "Licences"),
    (
        "licences_window",
        "按到期日排列，最早到期的在前；90 天内到期的标为“即将到期”，到期前 90、30、7 天发送提醒。",
        "By expiry, soonest first; those expiring within 90 days are marked and reminded 90, 30 and 7 days ahead.",
    ),
    ("licences_none", "暂无许可证。", "No licences yet."),
    ("licence_record", "登记许可证", "Record a licence"),
    ("licence_kind", "许可证种类", "Kind"),
    ("licence_number", "证书编号", "Number"),
    ("licence_issued_on", "发证日期", "Issued on"),
    ("licence_expires_on", "有效期至", "Expires on"),
    ("licence_days_left", "剩余天数", "Days left"),
    ("licence_state", "状态", "State"),
    ("licence_project", "项目", "Project"),
    ("licence_project_none", "（不关联项目）", "(no project)"),
    ("licence_step", "颁发环节", "Issuing step"),
    ("licence_step_none", "（不指定）", "(none)"),
    (
        "licence_step_hint",
        "由项目中哪个已办结的环节颁发；不填发证日期时取该环节的办结日期",
        "The project's approved step that issued it; its finish day is the default issue date",
    ),
    ("licence_expired", "已过期", "Expired"),
    ("licence_due", "即将到期", "Due soon"),
    ("licence_valid", "有效", "Valid"),
    ("licence_choose_enterprise", "（请选择企业）", "(choose)"),
    ("done_licence_recorded", "许可证已登记。", "The licence was recorded."),
    // Imports.
    ("import_title", "批量导入项目", "Import projects"),
    (
        "import_intro",
        "上传 CSV 或 XLSX 文件，每行一个审批环节。整个文件检查无误后才会导入；有任何问题都不会写入。",
        "Upload a CSV or XLSX file, one approval step per row. The file is imported only when every row is right; otherwise nothing is written.",
    ),
    ("import_file", "文件（CSV 或 XLSX）", "File (CSV or XLSX)"),
    ("import_limit", "文件大小上限：", "Largest file: "),
    ("import_submit", "检查并导入", "Check and import"),
    ("import_columns", "文件的列", "The file's columns"),
    ("import_required", "必填列：", "Required: "),
    ("import_optional", "选填列：", "Optional: "),
    ("import_example", "下载示例 CSV", "Download an example CSV"),
    (
        "import_errors_title",
        // The summary above it already says that nothing was imported.
        "问题出在以下各行：",
        "The problems are in these rows:",
    ),
    ("import_line", "行号", "Line"),
    ("import_column", "列", "Column"),
    ("import_reason", "原因", "Reason"),
    ("import_done", "导入完成。", "Imported."),
    ("import_projects", "新建项目", "Projects created"),
    ("import_steps", "环节数", "Steps"),
    ("import_events", "办理记录数", "Events"),
    ("import_choose_file", "请选择要上传的文件", "Choose a file to upload"),
    // Settings.
    ("settings_title", "设置", "Settings"),
    ("settings_password", "修改密码", "Change password"),
    ("settings_current_password", "当前密码", "Current password"),
    ("settings_new_password", "新密码", "New password"),
    ("settings_new_password_again", "再次输入新密码", "New password again"),
    (
        "settings_password_note",
        "修改后，您在其他设备上的登录将全部退出，当前设备保持登录。",
        "After the change, your sessions on other devices end; this one stays signed in.",
    ),
    ("settings_password_submit", "修改密码", "Change password"),
    (
        "settings_passwords_differ",
        "两次输入的新密码不一致",
        "The two new passwords differ",
    ),
    (
        "done_password_changed",
        "密码已修改，其他设备上的登录已退出。",
        "Password changed; your other sessions were ended.",
    ),
    ("feed_title", "日历订阅", "Calendar feed"),
    (
        "feed_intro",
        "在手机或电脑的日历应用中订阅此链接，即可看到您负责环节的截止日期和许可证到期日。链接就是凭证，请勿外传。",
        "Subscribe to this link in a calendar app to see your steps' due dates and licence expiries. The link is the key: keep it to yourself.",
    ),
    ("feed_is_off", "日历订阅未开启。", "The calendar feed is off."),
    (
        "feed_is_on",
        "日历订阅已开启。为安全起见，链接只在生成时显示一次；如需再次查看，请重新生成（旧链接随即失效）。",
        "The calendar feed is on. The link is shown only when it is made; to see it again, make a new one (the old one stops working).",
    ),
    ("feed_url", "订阅链接", "Feed link"),
    (
        "feed_new",
        "新的订阅链接已生成，请立即复制保存；离开本页后不再显示。",
        "A new link was made: copy it now, it is not shown again.",
    ),
    ("feed_copy", "复制链接", "Copy link"),
    ("feed_copied", "已复制", "Copied"),
    ("feed_make", "生成订阅链接", "Make the link"),
    ("feed_rotate", "重新生成链接（旧链接失效）", "New link (the old one stops working)"),
    ("feed_disable", "关闭日历订阅", "Turn the feed off"),
    ("done_feed_off", "日历订阅已关闭，旧链接已失效。", "The calendar feed is off; its link no longer works."),
];

/// The service's messages these pages can show, as English templates (`{}` stands for
/// any text) with their Chinese; see `messages.rs`.
pub const MESSAGES: Messages = &[
    // Licences.
    (
        "name the project the step belongs to",
        "请选择该环节所属的项目",
    ),
    (
        "enterprise {} has no project {}",
        "所选项目（编号 {1}）不属于所选企业（编号 {0}）",
    ),
    // Own password.
    ("the current password is not right", "当前密码不正确"),
    (
        "too many failed logins; try again in {} minute(s)",
        "密码错误次数过多，请 {} 分钟后再试",
    ),
    (
        "must differ from the current password",
        "不能与当前密码相同",
    ),
    // Imports: the file as a whole.
    (
        "{} problem in the file; nothing was imported",
        "文件中有 {} 处问题，未导入任何内容",
    ),
    (
        "{} problems in the file; nothing was imported",
        "文件中有 {} 处问题，未导入任何内容",
    ),
    (
        "the file is larger than the limit of {}",
        "文件超过了 {} 的上限",
    ),
    ("the file has {}; the limit is {}", "文件有 {}，上限为 {}"),
    ("the file has more than {} columns", "文件超过 {} 列"),
    (
        "the file has more than {} rows below the header",
        "表头以下超过 {} 行",
    ),
    (
        "the workbook inflates to more than {}",
        "工作簿解压后超过 {}",
    ),
    ("not a readable XLSX file: {}", "无法读取的 XLSX 文件：{}"),
    (
        "not a readable UTF-8 CSV file: {}",
        "无法读取的 UTF-8 CSV 文件：{}",
    ),
    (
        "the file is empty: the first row must name the columns",
        "文件为空：第一行应为列名",
    ),
    ("the workbook has no sheet", "工作簿中没有工作表"),
    (
        "the first sheet cannot be read: {}",
        "无法读取第一个工作表：{}",
    ),
    ("missing columns: {}", "缺少列：{}"),
    ("no rows to import", "没有可导入的行"),
    // Imports: a row's reason, after its column (see `imports.rs`).
    (
        "differ from line {} of the same project",
        "与同一项目的第 {} 行不一致",
    ),
    (
        "{} appears twice in project {}",
        "环节 {} 在项目“{}”中出现了两次",
    ),
    ("give one of them", "只能填写其中一个"),
    (
        "a waived step has no other dates",
        "免办的环节不应有其他日期",
    ),
    (
        "{} is accepted on {} but {} (line {}) had not finished by then",
        "{} 于 {} 受理，但其前置环节 {}（第 {} 行）当时尚未办结",
    ),
    (
        "{} on {} comes before {} on {}",
        "{0}（{1}）早于 {2}（{3}）",
    ),
    (
        "these dates do not make a history: {}",
        "这些日期无法构成办理过程：{}",
    ),
    (
        "no enterprise has the credit code {}",
        "没有统一社会信用代码为 {} 的企业",
    ),
    (
        "{} exists already for this enterprise",
        "该企业已有项目“{}”",
    ),
    (
        "a liaison imports projects assigned to themselves",
        "店小二只能导入由自己负责的项目",
    ),
    (
        "must be whole working days, not {}",
        "应为整数个工作日，而不是 {}",
    ),
    (
        "must be a date (YYYY-MM-DD), not {}",
        "应为日期（YYYY-MM-DD），而不是 {}",
    ),
    ("must be a date (YYYY-MM-DD)", "应为日期（YYYY-MM-DD）"),
    ("{}… is longer than {} characters", "{}… 超过 {} 个字符"),
    ("project {}: {}", "项目“{}”：{}"),
];
