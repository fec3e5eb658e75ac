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
    ("forecast_permit", "施工许可", "Construction permit"),
    ("forecast_finish", "全部办结", "All approvals"),
    ("forecast_started", "开工", "Construction start"),
];
