//! Words of the liaison's and the enterprise's views (`/my`, `/enterprise`, the project
//! page's standing): key, Chinese, English.

use super::Words;

pub const WORDS: Words = &[
    (
        "search_projects",
        "按项目或企业名称搜索",
        "Search by project or enterprise",
    ),
    ("search", "筛选", "Filter"),
    ("filter_all", "全部", "all"),
    ("filter_red", "红灯", "red"),
    ("filter_yellow", "黄灯", "yellow"),
    ("filter_green", "绿灯", "green"),
    ("filter_stalled", "停滞", "stalled"),
    ("no_match", "没有符合条件的项目。", "No project matches."),
    ("why_red", "超期环节", "Overdue"),
    ("why_yellow", "临期环节", "Due soon"),
    ("why_stalled", "停滞环节", "Stalled"),
    ("over_by", "已超期", "over by"),
    ("left", "还剩", "left:"),
    ("paused_for", "已暂停", "paused for"),
    ("with_agency_now", "部门办理中", "With the agency"),
    (
        "after_resubmission",
        "待企业补正后继续",
        "After the applicant resubmits",
    ),
    ("expected_start", "预计开始", "Expected start"),
    ("can_start_now", "现可启动", "can start now"),
    (
        "permit_issued",
        "施工许可证已取得",
        "Construction permit issued",
    ),
    (
        "provisional_date",
        "暂定（日历未发布）",
        "provisional (calendar not published)",
    ),
    ("requested_on", "要求日期", "requested on"),
    ("please_supply", "请补充以下材料：", "Please supply:"),
    (
        "notice_missing",
        "请联系店小二了解需补正的材料。",
        "Ask your liaison what to supply.",
    ),
    ("who_to_call", "联系人", "Who to call"),
    ("your_liaison", "您的店小二", "Your liaison"),
    ("open_steps", "进行中的环节", "Open steps"),
    (
        "awaiting_applicant_now",
        "等待企业补正",
        "Waiting on the applicant",
    ),
    ("finished_steps", "已办结环节", "Finished steps"),
    ("register_licence", "登记许可证", "Register the licence"),
    (
        "notice",
        "补正通知（企业可见）",
        "Notice to the applicant (the enterprise sees it)",
    ),
    (
        "notice_hint",
        "“要求补正”时必填，且只在此时填写：一次性写明企业需要补充的全部材料。",
        "Required with “request materials”, and only then: everything the applicant must supply, at once.",
    ),
    ("note_staff", "备注（仅工作人员可见）", "Note (staff only)"),
    (
        "history_newest",
        "办理记录（最新在前）",
        "History (newest first)",
    ),
    ("phone", "电话", "Phone"),
    (
        "phone_hint",
        "店小二的电话会显示在企业的补正通知上。",
        "A liaison's phone shows on the enterprise's 补正 notice.",
    ),
    ("elapsed", "用时", "Took"),
    ("done_event_recorded", "已记录。", "Recorded."),
];
