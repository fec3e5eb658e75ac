//! Words of the projects pages (enterprises, a new project, a project's edit page): key,
//! Chinese, English.

use super::{Messages, Words};

pub const WORDS: Words = &[
    ("enterprises_title", "企业", "Enterprises"),
    ("enterprise_new", "登记企业", "Register an enterprise"),
    ("enterprise_name", "企业名称", "Name"),
    ("credit_code", "统一社会信用代码", "Unified social credit code"),
    (
        "credit_code_rule",
        "18 位，数字和大写字母（不含 I、O、Z、S、V），末位为校验码",
        "18 characters: digits and capitals other than I, O, Z, S, V; the last is a check character",
    ),
    ("contact_name", "联系人", "Contact"),
    ("contact_email", "联系人邮箱", "Contact email"),
    ("search", "搜索", "Search"),
    ("search_enterprises", "按名称或信用代码搜索", "Search by name or credit code"),
    ("no_enterprises", "暂无企业。", "No enterprises."),
    ("enterprise_projects", "项目", "Projects"),
    ("start_project", "为该企业新建项目", "Start a project for it"),
    ("done_enterprise_added", "企业已登记。", "The enterprise was registered."),
    ("project_name", "项目名称", "Project name"),
    ("route_template", "审批路线", "Route template"),
    ("choose", "（请选择）", "(choose)"),
    ("start_date", "开始日期（签约或备案日）", "Start date (signing or filing)"),
    ("liaisons", "店小二", "Liaisons"),
    (
        "liaisons_hint",
        "可多选（按住 Ctrl 或 ⌘）",
        "Choose one or more (hold Ctrl or ⌘)",
    ),
    ("city", "城市", "City"),
    ("investment_cny", "投资额（元）", "Investment (CNY)"),
    ("register_enterprise", "登记新企业", "Register a new enterprise"),
    ("preview", "预览", "Preview"),
    ("create_project", "创建项目", "Create the project"),
    ("preview_title", "该路线的承诺", "What the route promises"),
    (
        "preview_note",
        "按各环节承诺时限（无承诺时按法定时限）从开始日期并联推算；尚未保存。",
        "From the start date, steps in parallel at their promised limits (statutory where none); nothing is saved yet.",
    ),
    (
        "preview_provisional",
        "所涉年份的法定节假日尚未全部发布，以上日期暂按周一至周五推算。",
        "A year involved has no published holiday schedule yet: these dates assume Monday to Friday.",
    ),
    ("baseline_finish", "传统串联完成", "Sequential route finishes"),
    ("saved_wdays", "节省工作日", "Working days saved"),
    ("saved_cdays", "节省自然日", "Calendar days saved"),
    ("done_project_created", "项目已创建。", "The project was created."),
    ("edit_project", "调整项目", "Edit the project"),
    ("step_key", "环节代码", "Step key"),
    (
        "step_key_rule",
        "英文字母、数字、“-”或“_”，项目内唯一",
        "Letters, digits, '-' or '_', unique in the project",
    ),
    ("step_name", "环节名称", "Step name"),
    ("add_step", "添加环节", "Add a step"),
    ("edit_step", "修改环节", "Edit step"),
    ("edit", "修改", "Edit"),
    ("remove", "删除", "Remove"),
    ("cancel", "取消", "Cancel"),
    ("promised_hint", "不填则按法定时限", "Blank: the statutory limit applies"),
    ("dependencies", "前置关系", "Dependencies"),
    ("dep_from", "先办环节", "Must finish first"),
    ("dep_to", "后办环节", "Then this step"),
    ("add_dependency", "添加前置关系", "Add a dependency"),
    ("no_dependencies", "暂无前置关系。", "No dependencies."),
    ("archive", "归档项目", "Archive the project"),
    (
        "archive_confirm",
        "我确认归档此项目（办理记录保留，项目不再出现在列表中）",
        "I confirm: archive this project (its history is kept; it leaves the lists)",
    ),
    ("archived", "已归档", "archived"),
    ("done_step_added", "环节已添加。", "The step was added."),
    ("done_step_saved", "环节已保存。", "The step was saved."),
    ("done_step_removed", "环节已删除。", "The step was removed."),
    ("done_dependency_added", "前置关系已添加。", "The dependency was added."),
    ("done_dependency_removed", "前置关系已删除。", "The dependency was removed."),
    ("done_project_archived", "项目已归档。", "The project was archived."),
];

/// The service's messages these pages can show, as English templates (`{}` stands for
/// any text) with their Chinese; see `messages.rs`.
pub const MESSAGES: Messages = &[
    (
        "must be 18 characters (统一社会信用代码)",
        "应为 18 位统一社会信用代码",
    ),
    (
        "may hold only digits and capital letters other than I, O, Z, S, V",
        "只能包含数字和大写字母（不含 I、O、Z、S、V）",
    ),
    (
        "its last character does not match the check character",
        "末位校验码不符，请核对",
    ),
    ("choose an enterprise", "请选择企业"),
    ("choose a route template", "请选择审批路线"),
    (
        "a whole number of yuan",
        "请填写整数金额（元），例如 50000000",
    ),
    (
        "a liaison creates projects assigned to themselves",
        "店小二新建的项目须包括本人",
    ),
    ("tick the box to confirm", "请勾选以确认"),
    ("names {} twice", "{} 选了两次"),
    (
        "only zone staff may do this",
        "只有园区工作人员可以进行此操作",
    ),
    (
        "liaisons change only the projects assigned to them",
        "店小二只能调整分配给自己的项目",
    ),
    (
        "enterprise accounts can read but not change projects",
        "企业账号只能查看项目，不能调整",
    ),
];
