//! Words of the landing pages (项目代码, milestones, the year's targets): key, Chinese, English.

use super::{Messages, Words};

pub const WORDS: Words = &[
    ("project_code", "统一项目代码", "Project code"),
    (
        "project_code_hint",
        "如 2019-310117-04-01-000123",
        "e.g. 2019-310117-04-01-000123",
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
