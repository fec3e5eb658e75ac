//! Words of the agencies pages: key, Chinese, English.

use super::{Messages, Words};

pub const WORDS: Words = &[
    ("rt_version", "版本", "Version"),
    ("rt_edit", "修改", "Edit"),
    ("rt_name", "路线名称", "Route name"),
    ("rt_steps", "审批环节", "Steps"),
    ("rt_step_key", "环节代码", "Step key"),
    ("rt_step_name", "环节名称", "Step name"),
    ("rt_remove", "删除", "Remove"),
    (
        "rt_new_step_hint",
        "在最后一行填写即可新增环节；勾选“删除”移除环节。依赖填写前置环节的代码，以逗号分隔。",
        "Fill in the last row to add a step; tick Remove to drop one. Dependencies are the keys of earlier steps, separated by commas.",
    ),
    (
        "rt_save_hint",
        "保存后生成新版本，只影响此后新建的项目；已有项目保留各自的环节与时限。",
        "Saving makes a new version, used by projects created from now on; existing projects keep their own steps and limits.",
    ),
    ("rt_save", "保存为新版本", "Save as a new version"),
    ("rt_history", "修改记录", "History"),
    ("rt_saved_by", "修改人", "Saved by"),
    ("rt_saved_at", "时间", "When"),
    ("rt_step_count", "环节数", "Steps"),
    ("rt_from_files", "初始配置", "Initial configuration"),
    ("rt_days_number", "请填写整数天数", "Enter whole working days"),
    ("done_route_saved", "已保存为新版本", "Saved as a new version"),
];

/// The service's messages these pages can show, as English templates (`{}` stands for
/// any text) with their Chinese; see `messages.rs`.
pub const MESSAGES: Messages = &[
    ("a route needs at least one step", "路线至少需要一个环节"),
    ("step key {} is used more than once", "环节代码 {} 重复使用"),
    (
        "step {} depends on {}, which is not a step of this route",
        "环节 {} 依赖的 {} 不是本路线的环节",
    ),
    ("step {} has a blank {}", "环节 {} 的 {} 未填写"),
];
