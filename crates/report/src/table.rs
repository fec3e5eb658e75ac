//! The report as titled tables, one per section: what the CSV, XLSX and HTML renderers
//! lay out, so the three formats always agree.

use chrono::NaiveDate;

use super::model::*;

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Data: a name, a code, what a user typed.
    Text(String),
    /// The report's own words, "中文 English": a page shows the reader's half.
    Label(&'static str),
    Int(i64),
    Num(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Label(s) => s.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Num(n) => format!("{n:.1}"),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A row's fill: red (overdue, over limit), yellow (warning, stalled).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    Red,
    Yellow,
}

pub struct Row {
    pub cells: Vec<Cell>,
    pub fill: Option<Fill>,
}

pub struct Table {
    /// Sheet name (ASCII, ≤ 31 characters).
    pub sheet: &'static str,
    pub title: &'static str,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Row>,
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
fn label(s: &'static str) -> Cell {
    Cell::Label(s)
}
/// A finished step's status in both languages (the model keeps the API's word).
fn status(s: &str) -> Cell {
    match s {
        "approved" => label("已批准 approved"),
        "rejected" => label("不予批准 rejected"),
        "waived" => label("已免除 waived"),
        other => t(other),
    }
}
fn n(v: impl Into<i64>) -> Cell {
    Cell::Int(v.into())
}
fn d(v: Option<NaiveDate>) -> Cell {
    v.map_or(Cell::Empty, Cell::Date)
}
fn f(v: Option<f64>) -> Cell {
    v.map_or(Cell::Empty, Cell::Num)
}
fn row(cells: Vec<Cell>, fill: Option<Fill>) -> Row {
    Row { cells, fill }
}
fn step_cells(s: &StepRef) -> Vec<Cell> {
    let project = match &s.project_code {
        Some(code) => format!("{}（{code}）", s.project),
        None => s.project.clone(),
    };
    vec![t(&project), t(&s.step), t(&s.agency), t(&s.liaisons)]
}
const STEP_HEADERS: [&str; 4] = ["项目 Project", "环节 Step", "部门 Agency", "店小二 Liaison"];

fn with_step(extra: &[&'static str]) -> Vec<&'static str> {
    STEP_HEADERS.iter().chain(extra).copied().collect()
}

pub fn tables(r: &WeeklyReport) -> Vec<Table> {
    let stage = |s: &StageRow| {
        let fill = if s.red > 0 {
            Some(Fill::Red)
        } else if s.yellow > 0 || s.stalled > 0 {
            Some(Fill::Yellow)
        } else {
            None
        };
        row(
            vec![
                t(&s.stage),
                n(s.projects),
                n(s.red),
                n(s.yellow),
                n(s.green),
                n(s.no_light),
                n(s.stalled),
            ],
            fill,
        )
    };
    vec![
        Table {
            sheet: "Portfolio",
            title: "项目分布（阶段 × 灯色） Portfolio by stage and light",
            headers: vec![
                "阶段 Stage",
                "项目 Projects",
                "红 Red",
                "黄 Yellow",
                "绿 Green",
                "无灯 No light",
                "停滞 Stalled",
            ],
            rows: r
                .portfolio
                .iter()
                .chain([&r.portfolio_total])
                .map(stage)
                .collect(),
        },
        Table {
            sheet: "Finished",
            title: "本周办结环节 Steps finished this week",
            headers: with_step(&[
                "状态 Status",
                "受理 Accepted",
                "办结 Finished",
                "时限 Limit",
                "用时 Days used",
                "补正 Paused",
                "历时 Elapsed",
                "超时 Over limit",
            ]),
            rows: r
                .finished_steps
                .iter()
                .map(|s| {
                    let mut c = step_cells(&s.step);
                    c.extend([
                        status(&s.status),
                        d(s.accepted_on),
                        Cell::Date(s.finished_on),
                        n(s.limit_days),
                        s.days_used.map_or(Cell::Empty, n),
                        n(s.paused_days),
                        n(s.elapsed_days),
                        n(s.days_over_limit),
                    ]);
                    row(c, (s.days_over_limit > 0).then_some(Fill::Red))
                })
                .collect(),
        },
        Table {
            sheet: "Turned red",
            title: "本周转红 Steps that turned red",
            headers: with_step(&["截止 Due", "转红 Red on"]),
            rows: r
                .turned_red
                .iter()
                .map(|s| {
                    let mut c = step_cells(&s.step);
                    c.extend([d(s.due_on), Cell::Date(s.red_on)]);
                    row(c, Some(Fill::Red))
                })
                .collect(),
        },
        Table {
            sheet: "Overdue",
            title: "当前超时 Overdue now",
            headers: with_step(&["截止 Due", "超出工作日 Days over"]),
            rows: r
                .overdue
                .iter()
                .map(|s| {
                    let mut c = step_cells(&s.step);
                    c.extend([Cell::Date(s.due_on), n(s.days_over)]);
                    row(c, Some(Fill::Red))
                })
                .collect(),
        },
        Table {
            sheet: "Stalled",
            title: "停滞（等待企业补正） Stalled steps",
            headers: with_step(&["补正起 Waiting since", "等待工作日 Days waiting"]),
            rows: r
                .stalled
                .iter()
                .map(|s| {
                    let mut c = step_cells(&s.step);
                    c.extend([d(s.waiting_since), n(s.days_waiting)]);
                    row(c, Some(Fill::Yellow))
                })
                .collect(),
        },
        time_saved_table(r),
        Table {
            sheet: "Liaisons",
            title: "店小二工作量 Liaison load",
            headers: vec![
                "店小二 Liaison",
                "项目 Projects",
                "在办环节 Steps in progress",
                "红 Red",
                "黄 Yellow",
                "停滞 Stalled",
                "本周办结 Finished this week",
            ],
            rows: r
                .liaisons
                .iter()
                .map(|l| {
                    let fill = if l.red > 0 {
                        Some(Fill::Red)
                    } else if l.yellow + l.stalled > 0 {
                        Some(Fill::Yellow)
                    } else {
                        None
                    };
                    row(
                        vec![
                            t(&l.name),
                            n(l.projects),
                            n(l.steps_in_progress),
                            n(l.red),
                            n(l.yellow),
                            n(l.stalled),
                            n(l.finished_this_week),
                        ],
                        fill,
                    )
                })
                .collect(),
        },
        Table {
            sheet: "Agencies",
            title: "部门用时中位数（年初至今） Agency median days",
            headers: vec![
                "部门 Agency",
                "办结 Approved",
                "用时中位数 Median days used",
                "时限中位数 Median limit",
                "超时 Over limit",
                "在办 In progress",
            ],
            rows: r
                .agencies
                .iter()
                .map(|a| {
                    row(
                        vec![
                            t(&a.agency),
                            n(a.approved),
                            f(a.median_days_used),
                            f(a.median_limit_days),
                            n(a.over_limit),
                            n(a.in_progress),
                        ],
                        (a.over_limit > 0).then_some(Fill::Red),
                    )
                })
                .collect(),
        },
        requests_table(&r.requests),
    ]
}

mod requests;
mod time_saved;
use requests::requests_table;
use time_saved::time_saved_table;
