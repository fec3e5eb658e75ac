//! The weekly report's landing section as a table (CSV, XLSX and HTML alike), after the
//! sections of `table`.

use super::model::{LandingSection, WeeklyReport};
use super::table::{Cell, Fill, Row, Table};

/// Every section of the report as a table: those of `table::tables`, the landing, then the
/// forecasts.
pub fn tables(r: &WeeklyReport) -> Vec<Table> {
    let mut out = super::table::tables(r);
    out.extend(r.landing.as_ref().map(table));
    out.extend(super::forecast_table::tables(&r.forecast));
    out
}

fn text(s: &'static str) -> Cell {
    Cell::Label(s)
}

fn target(v: Option<i32>) -> Cell {
    v.map_or(Cell::Empty, |v| Cell::Int(i64::from(v)))
}

pub fn table(l: &LandingSection) -> Table {
    let behind = |done: u32, goal: Option<i32>| {
        goal.is_some_and(|g| i64::from(done) < i64::from(g))
            .then_some(Fill::Yellow)
    };
    let at_risk = if l.at_risk.is_empty() {
        Cell::Int(0)
    } else {
        Cell::Text(format!("{}：{}", l.at_risk.len(), l.at_risk.join("、")))
    };
    Table {
        sheet: "Landing",
        title: "项目落地（年初至今） Landing, year to date",
        headers: vec!["指标 Figure", "实际 Actual", "目标/参考 Target/reference"],
        rows: vec![
            Row {
                cells: vec![
                    text("开工项目 Started"),
                    Cell::Int(i64::from(l.started)),
                    target(l.starts_target),
                ],
                fill: behind(l.started, l.starts_target),
            },
            Row {
                cells: vec![
                    text("本周开工 Started this week"),
                    Cell::Int(i64::from(l.started_this_week)),
                    Cell::Empty,
                ],
                fill: None,
            },
            Row {
                cells: vec![
                    text("投产项目 Producing"),
                    Cell::Int(i64::from(l.producing)),
                    target(l.productions_target),
                ],
                fill: behind(l.producing, l.productions_target),
            },
            Row {
                cells: vec![
                    text("签约至施工许可中位数（天） Signing to permit, median days"),
                    l.signing_to_permit_median_days
                        .map_or(Cell::Empty, Cell::Num),
                    Cell::Int(i64::from(l.signing_to_permit_reference_days)),
                ],
                fill: None,
            },
            Row {
                cells: vec![
                    text("计划今年开工未开工 Planned to start, not started"),
                    Cell::Int(i64::from(l.not_started)),
                    Cell::Empty,
                ],
                fill: None,
            },
            Row {
                cells: vec![text("其中有风险 At risk"), at_risk, Cell::Empty],
                fill: (!l.at_risk.is_empty()).then_some(Fill::Red),
            },
        ],
    }
}
