//! The weekly report's table of time saved: the week and the year to date (finished,
//! actual days), then the running projects (projected days, always marked 预计).

use super::{label, n, row, Cell, Table};
use crate::model::{ProjectedFigures, SavedFigures, WeeklyReport};

pub(super) fn time_saved_table(r: &WeeklyReport) -> Table {
    // docs/rules.md "One truth for time saved": running projects apart, always marked 预计,
    // their figures numbers in cells like the others' (the basis column says 预计).
    let projected = |p: &ProjectedFigures| {
        row(
            vec![
                label("在办（预计） In progress (projected)"),
                label("预计 projected"),
                Cell::Empty,
                Cell::Date(r.as_of),
                n(p.projects_in_progress as i64),
                n(p.baseline_days as i64),
                n(p.projected_days as i64),
                n(p.saved_days),
                n(p.saved_by_parallel_days),
                n(p.saved_by_faster_agencies_days),
                n(p.saved_calendar_days),
            ],
            None,
        )
    };
    let saved = |period: &'static str, s: &SavedFigures| {
        row(
            vec![
                label(period),
                label("实际 actual"),
                Cell::Date(s.from),
                Cell::Date(s.to),
                n(s.projects_finished),
                n(s.baseline_days as i64),
                n(s.actual_days as i64),
                n(s.saved_days),
                n(s.saved_by_parallel_days),
                n(s.saved_by_faster_agencies_days),
                n(s.saved_calendar_days),
            ],
            None,
        )
    };
    Table {
        sheet: "Time saved",
        title: "节省时间 Time saved",
        headers: vec![
            "期间 Period",
            "实际/预计 Actual or projected",
            "自 From",
            "至 To",
            "项目数 Projects",
            "基准 Baseline",
            "用时（实际/预计） Days (actual or projected)",
            "节省 Saved",
            "并联 By parallel",
            "提速 By faster agencies",
            "节省日历天 Calendar days saved",
        ],
        rows: vec![
            saved("本周 Week", &r.time_saved.week),
            saved("年初至今 Year to date", &r.time_saved.year_to_date),
            projected(&r.time_saved.in_progress),
        ],
    }
}
