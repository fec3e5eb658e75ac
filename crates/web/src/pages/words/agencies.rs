//! Words of the agencies pages: key, Chinese, English.

use super::Words;

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
    ("ag_title", "部门", "Agencies"),
    ("ag_name", "部门名称", "Agency name"),
    ("ag_short_name", "简称", "Short name"),
    ("ag_steps", "涉及审批环节数", "Steps naming it"),
    ("ag_add", "新增部门", "Add an agency"),
    (
        "ag_intro",
        "每个部门只登记一次；“牵头”是环节上的标记，不是另一个部门。",
        "Each agency is listed once; \"lead\" is a mark on a step, not another agency.",
    ),
    (
        "ag_name_hint",
        "与审批环节中填写的名称一致，如“区建管委”。",
        "As steps name it, e.g. 区建管委.",
    ),
    (
        "ag_short_hint",
        "用于窄表格，可不填（默认与名称相同）；填写环节时也可用简称。",
        "For narrow tables; the name when left blank. Steps may name the agency by it too.",
    ),
    (
        "ag_rename_hint",
        "改名后，所有项目中该部门的环节随之显示新名称；引用它的路线模板生成新版本。",
        "Renamed, every project's steps show the new name; templates naming it get a new version.",
    ),
    ("ag_lead", "牵头", "Lead"),
    ("ag_lead_hint", "该部门牵头本环节（如联合验收）", "This agency leads the step (e.g. joint acceptance)"),
    ("ag_choose", "请选择部门", "Choose an agency"),
    ("done_agency_added", "已新增部门", "Agency added"),
    ("done_agency_saved", "已保存部门", "Agency saved"),
    ("audit_action_agency_created", "新增部门", "agency added"),
    ("audit_action_agency_changed", "修改部门", "agency changed"),
];
