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
        "forecast_target_chance",
        "；目标 {target} 个，达成概率 {pct}%",
        "; target {target}, reached with probability {pct}%",
    ),
    ("forecast_probability", "今年开工概率", "Chance to start this year"),
    ("forecast_push", "最该推动的环节", "Step to push first"),
];
