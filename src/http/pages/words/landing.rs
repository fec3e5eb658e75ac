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
];
