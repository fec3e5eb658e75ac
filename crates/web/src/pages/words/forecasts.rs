//! Words of the forecasts (预测) on the pages: key, Chinese, English.

use super::Words;

pub const WORDS: Words = &[
    ("forecast", "预测", "Forecast"),
    (
        "forecast_words",
        "预计 {p50} 前后；按本区以往项目，八成在 {p80} 之前",
        "likely around {p50}; from this zone's past projects, 8 in 10 by {p80}",
    ),
    (
        "forecast_from_step_agency",
        "依据本部门同一环节 {n} 个已办结案例",
        "from {n} finished cases of this step at this agency",
    ),
    (
        "forecast_from_step",
        "依据同一环节 {n} 个已办结案例",
        "from {n} finished cases of this step",
    ),
    (
        "forecast_from_zone",
        "依据全区 {n} 个已办结环节",
        "from {n} finished steps of the zone",
    ),
    (
        "forecast_none",
        "无历史数据，按法定时限计",
        "no history: counted at its legal limit",
    ),
    (
        "forecast_criticality",
        "{pct}% 的情形下处于最长路径",
        "on the longest path in {pct}% of cases",
    ),
    (
        "forecast_note",
        "预测依据本区已办结项目的实际用时，仅供参考；上方日期按法定时限计算。",
        "Forecasts come from how long finished projects here really took; the dates above are the legal limits.",
    ),
    (
        "forecast_note_short",
        "预测依据本区已办结项目的实际用时，仅供参考。",
        "Forecasts come from how long finished projects here really took.",
    ),
    ("forecast_permit", "施工许可", "Construction permit"),
    ("forecast_enterprise", "按本区以往项目预测：", "From this zone's past projects: "),
    (
        "forecast_enterprise_permit",
        "施工许可八成在 {p80} 之前",
        "the construction permit, 8 in 10 by {p80}",
    ),
    (
        "forecast_enterprise_started",
        "开工八成在 {p80} 之前",
        "construction starts, 8 in 10 by {p80}",
    ),
    ("forecast_finish", "全部办结", "All approvals"),
    ("forecast_started", "开工", "Construction start"),
    ("forecast_starts_h", "开工预测", "Starts forecast"),
    (
        "forecast_year_starts",
        "按本区以往项目预测，今年预计开工 {expected} 个（八成把握在 {p10}–{p90} 个之间）",
        "From this zone's past projects, {expected} projects are expected to start this year (8 in 10: {p10}–{p90})",
    ),
    (
        "forecast_year_starts_law",
        "本区尚无已办结环节可依，按法定时限推算：今年预计开工 {expected} 个（八成把握在 {p10}–{p90} 个之间）",
        "No finished step in this zone to learn from; at the legal limits, {expected} projects are expected to start this year (8 in 10: {p10}–{p90})",
    ),
    (
        "forecast_target_chance",
        "；目标 {target} 个，达成概率 {pct}%",
        "; target {target}, reached with probability {pct}%",
    ),
    ("forecast_probability", "今年开工概率", "Chance to start this year"),
    ("forecast_push", "最该推动的环节", "Step to push first"),
    (
        "forecast_push_first",
        "{step}（{pct}% 的情形下处于最长路径）",
        "{step} (on the longest path in {pct}% of cases)",
    ),
    ("what_if", "假如", "What if"),
    ("what_if_zone", "假如部门提速或放慢", "What if an agency were faster or slower"),
    (
        "what_if_step_said",
        "假如「{step}」在部门多用 {days} 个工作日（负数即少用）",
        "If “{step}” took {days} working days more with the agency (negative: fewer)",
    ),
    (
        "what_if_zone_said",
        "假如「{agency}」各环节的办理时间为现在的 {factor} 倍",
        "If “{agency}” took {factor} times as long on each of its steps",
    ),
    ("what_if_step", "环节", "Step"),
    (
        "what_if_days",
        "部门多用的工作日",
        "Working days more with the agency",
    ),
    (
        "what_if_days_hint",
        "-200 到 200；负数即少用",
        "-200 to 200; negative: fewer",
    ),
    ("what_if_show", "推演", "Show"),
    ("what_if_today", "今天的预测", "Today's forecast"),
    ("what_if_assumed", "假如之后", "If so"),
    ("what_if_agency", "部门", "Agency"),
    ("what_if_factor", "办理时间倍数", "Factor on its time"),
    (
        "what_if_factor_hint",
        "0.1 到 10；2 即慢一倍，0.5 即快一倍",
        "0.1 to 10; 2: twice as slow, 0.5: twice as fast",
    ),
    (
        "what_if_nothing_stored",
        "仅为推演，不改变也不保存任何数据。",
        "A thought experiment: nothing is changed or stored.",
    ),
    ("what_if_expected", "今年预计开工（P10–P90）", "Expected starts this year (P10–P90)"),
    ("what_if_chance", "达成目标的概率", "Chance of the target"),
    (
        "what_if_moved",
        "开工把握变化最大的项目",
        "Projects whose chance moves most",
    ),
    (
        "what_if_no_change",
        "没有项目的今年开工把握因此改变。",
        "No project's chance to start this year changes.",
    ),
    (
        "what_if_project_link",
        "假如某个环节慢一些或快一些？",
        "What if a step took longer or shorter?",
    ),
    (
        "what_if_zone_link",
        "假如某个部门提速或放慢？",
        "What if an agency were faster or slower?",
    ),
    ("what_if_back", "返回项目", "Back to the project"),
    ("what_if_back_overview", "返回驾驶舱", "Back to the cockpit"),
    ("what_if_p50", "预计", "Likely"),
    ("what_if_p80", "八成在此前", "8 in 10 by"),
];
