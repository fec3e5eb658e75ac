//! Words of the landing pages (项目代码, milestones, the year's targets): key, Chinese, English.

use super::{Messages, Words};

pub const WORDS: Words = &[
    ("project_code", "统一项目代码", "Project code"),
    (
        "project_code_hint",
        "如 2019-310117-04-01-000123",
        "e.g. 2019-310117-04-01-000123",
    ),
    (
        "landing_h",
        "项目全周期（签约到投产）",
        "From signing to production",
    ),
    ("ms_milestone", "节点", "Milestone"),
    ("ms_planned", "计划日期", "Planned"),
    ("ms_actual", "实际日期", "Actual"),
    ("ms_signed", "签约", "Signed"),
    ("ms_land", "拿地", "Land obtained"),
    ("ms_started", "开工", "Construction started"),
    ("ms_completed", "竣工", "Completed"),
    ("ms_producing", "投产", "Production started"),
    ("ms_permit", "施工许可", "Construction permit"),
    ("ms_history", "节点记录", "Milestone records"),
    ("ms_cleared", "（已清除）", "(cleared)"),
    ("msa_planned", "计划", "planned"),
    ("msa_actual", "实际", "actual"),
    ("msa_extended", "开工期限延至", "start deadline moved to"),
    (
        "permit_approved",
        "施工许可证核发",
        "Construction permit issued",
    ),
    ("permit_deadline", "开工期限", "Start deadline"),
    ("permit_extended", "已延期", "extended"),
    ("times", "次", "times"),
    (
        "permit_not_yet",
        "施工许可证尚未核发，开工期限自核发之日起算3个月。",
        "The construction permit is not issued yet; work must start within 3 months of its issue.",
    ),
    ("permit_extensions", "施工许可延期次数", "Permit extensions"),
    (
        "permit_extensions_hint",
        "每次延期不超过3个月，最多两次",
        "Up to 3 months each, at most twice",
    ),
    (
        "signing_to_permit",
        "签约至施工许可",
        "Signing to construction permit",
    ),
    ("reference", "参考", "reference"),
    ("months_saved", "节省（月）", "months saved"),
    ("record_milestones", "登记节点日期", "Record milestone days"),
    (
        "done_milestones_saved",
        "节点日期已保存",
        "Milestone days saved",
    ),
    (
        "done_code_saved",
        "统一项目代码已保存",
        "Project code saved",
    ),
];

pub const MESSAGES: Messages = &[
    (
        "must have the shape 2019-310117-04-01-000123 (统一项目代码: 24 characters, digits in five groups)",
        "格式应为 2019-310117-04-01-000123（统一项目代码：24位，五组数字以“-”连接）",
    ),
    (
        "project {} already has the project code {}",
        "项目 {} 已使用统一项目代码 {}",
    ),
    ("{} is the code of a project already", "{} 已是另一项目的统一项目代码"),
    (
        "{} is given to another project of the file",
        "文件中另一项目也使用了统一项目代码 {}",
    ),
    ("is after today ({})", "晚于今天（{}）"),
    (
        "a construction permit is extended at most twice",
        "施工许可证最多延期两次",
    ),
    (
        "only an approved construction permit can be extended",
        "施工许可证尚未核发，不能延期",
    ),
    (
        "开工 (construction started) cannot be recorded before the construction permit is approved",
        "施工许可证核发前不能登记开工",
    ),
    (
        "comes before the construction permit's approval on {}",
        "早于施工许可证核发日（{}）",
    ),
    ("must be a whole number from 0 to 100000", "应为 0 至 100000 的整数"),
    ("is outside the years this product keeps", "超出本系统支持的年份"),
];
