//! Words of the event forms on the project page: recording (with what an action will do,
//! confirmed once) and withdrawing (撤销) a mistaken event.

use super::Words;

pub const WORDS: Words = &[
    ("history_pages", "办理记录分页", "History pages"),
    ("history_newer", "较新的记录", "Newer"),
    ("history_older", "更早的记录", "Older"),
    (
        "history_page_of",
        "第 {n} 页，共 {m} 页（{t} 条）",
        "Page {n} of {m} ({t} events)",
    ),
    ("choose_action", "（请选择）", "(choose)"),
    ("action_accept_with_missing", "容缺受理", "accept with missing materials"),
    ("action_approve_by_commitment", "告知承诺制批准", "approve on commitment"),
    ("with_missing", "容缺受理", "missing materials to follow"),
    ("by_commitment", "告知承诺", "on commitment"),
    ("confirm_title", "请确认：", "Please confirm: "),
    ("confirm_record", "确认记录", "Confirm"),
    (
        "confirm_or_change",
        "如需修改，请在下面的表单中修改后重新点击“记录”。",
        "To change anything, edit the form below and record again.",
    ),
    (
        "will_request_materials",
        "记录后，此环节暂停计时（法定时限不再计算，红黄灯随之暂停），企业将在其页面看到以下补正通知：",
        "The step's clock will pause (the statutory limit stops counting, and so do its lights), and the enterprise will be shown this notice:",
    ),
    (
        "will_approve",
        "记录后，此环节办结（准予许可），计时停止；依赖它的后续环节即可受理。",
        "The step will be finished (approved) and its clock will stop; the steps that follow can then be accepted.",
    ),
    (
        "will_approve_by_commitment",
        "按告知承诺制批准：此环节立即办结，计时停止，事后核查。",
        "Approved on the applicant's commitment: the step finishes now, its clock stops, and it is checked afterwards.",
    ),
    (
        "will_reject",
        "记录后，此环节不予许可，计时停止；企业重新申请时，从新的受理日重新计时。",
        "The step will be rejected and its clock will stop; a new application starts a new clock from its acceptance.",
    ),
    (
        "will_waive",
        "记录后，此环节免于办理，不再计时；依赖它的后续环节即可受理。",
        "The step will be waived and no longer timed; the steps that follow can then be accepted.",
    ),
    (
        "will_reopen",
        "记录后，此已办结的环节重新变为待受理，办结日期清除；已经开始的后续环节会列出供核对。",
        "The finished step will be pending again and its finish day cleared; steps after it that have started are listed for you to check.",
    ),
    (
        "event_stale",
        "未记录：您打开此表单后，此环节已被他人更新，现在的状态是“",
        "Not recorded: the step was changed by someone else after you opened this form; it is now “",
    ),
    (
        "event_stale_after",
        "”。请查看下方的最新情况后再记录。",
        "”. Look at it as it is now before you record.",
    ),
    ("withdraw", "撤销此记录", "Withdraw this event"),
    (
        "withdraw_what",
        "撤销后，此记录保留在历史中并标为已撤销；环节的状态、计时和红黄灯恢复为没有这条记录时的样子；企业不再看到它。",
        "Withdrawn, the event stays in the history, marked; the step's status, clocks and lights are as if it had never been recorded; the enterprise no longer sees it.",
    ),
    ("withdraw_reason", "撤销原因（必填）", "Why (required)"),
    ("withdraw_confirm", "确认撤销", "Withdraw"),
    (
        "withdraw_stale",
        "未撤销：此环节在您打开页面后已被他人更新，请查看最新情况。",
        "Not withdrawn: the step was changed by someone else after you opened the page; look at it as it is now.",
    ),
    ("withdrawn", "已撤销", "Withdrawn"),
    ("withdrawn_because", "撤销，原因：", "withdrew it: "),
    ("done_event_withdrawn", "已撤销该记录。", "The event was withdrawn."),
    // Around the column names, shown as code.
    ("import_notice_row", "填写了 ", "A row with "),
    ("import_notice_must", "（要求补正日期）的行，须在 ", " must say in "),
    (
        "import_notice_what",
        " 列写明企业需要补正的全部材料（补正须一次性告知）。",
        " everything the enterprise is to supply (补正 is told once, in full).",
    ),
    ("audit_action_event_withdrawn", "撤销办理记录", "event withdrawn"),
];
