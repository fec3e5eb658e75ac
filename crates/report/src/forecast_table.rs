//! The weekly report's forecasts as tables (CSV, XLSX and HTML alike): the year's starts as
//! forecast beside the target, and the construction permits forecast within four weeks.
//! Every title says "预测 forecast": these are not the law's dates.

use super::model::ForecastSection;
use super::table::{Cell, Fill, Row, Table};

pub fn tables(f: &ForecastSection) -> Vec<Table> {
    vec![starts(f), permits(f)]
}

fn row(cells: Vec<Cell>, fill: Option<Fill>) -> Row {
    Row { cells, fill }
}

fn int(v: u32) -> Cell {
    Cell::Int(i64::from(v))
}

fn starts(f: &ForecastSection) -> Table {
    let short = f
        .probability_of_target
        .is_some_and(|p| p < 0.5)
        .then_some(Fill::Yellow);
    let mut rows = vec![
        row(
            vec![Cell::Label("年份 Year"), Cell::Int(i64::from(f.year))],
            None,
        ),
        row(vec![Cell::Label("已开工 Started"), int(f.started)], None),
        row(
            vec![
                Cell::Label("预计全年开工 Expected starts"),
                Cell::Num(f.expected),
            ],
            None,
        ),
        row(
            vec![
                Cell::Label("区间（P10–P90） Band (P10-P90)"),
                Cell::Text(format!("{}–{}", f.p10, f.p90)),
            ],
            None,
        ),
        row(
            vec![
                Cell::Label("目标 Target"),
                f.target.map_or(Cell::Empty, int),
            ],
            None,
        ),
        row(
            vec![
                Cell::Label("达成目标的概率（%） Probability of the target (%)"),
                f.probability_of_target
                    .map_or(Cell::Empty, |p| Cell::Num(p * 100.0)),
            ],
            short,
        ),
    ];
    if !f.has_history {
        rows.push(row(
            vec![
                Cell::Label("依据 Basis"),
                Cell::Label("无历史数据，按法定时限推算 No history: the law's limits"),
            ],
            None,
        ));
    }
    Table {
        sheet: "Forecast starts",
        title: "预测：今年开工（按本区以往项目） Forecast: this year's starts (from the zone's history)",
        headers: vec!["指标 Figure", "预测 Forecast"],
        rows,
    }
}

fn permits(f: &ForecastSection) -> Table {
    let rows = f
        .permits_coming
        .iter()
        .map(|p| {
            let project = match &p.project_code {
                Some(code) => format!("{}（{code}）", p.project),
                None => p.project.clone(),
            };
            row(
                vec![
                    Cell::Text(project),
                    Cell::Text(p.agency.clone()),
                    Cell::Date(p.p50),
                    Cell::Date(p.p80),
                ],
                None,
            )
        })
        .collect();
    Table {
        sheet: "Forecast permits",
        title:
            "预测：未来四周可能取得的施工许可 Forecast: construction permits in the next four weeks",
        headers: vec![
            "项目 Project",
            "部门 Agency",
            "预计（P50） Likely (P50)",
            "八成在此前（P80） P80: 8 in 10 by",
        ],
        rows,
    }
}
