//! The weekly report's table of enterprise requests (诉求).

use super::{f, n, row, Cell, Fill, Table};
use domain::request::{Category, FigureRow, RequestFigures};

/// Enterprise requests received in the week: the total, by category, by agency. A row
/// with an unanswered request is red (the promise is that none is).
pub(super) fn requests_table(figures: &RequestFigures) -> Table {
    let line = |group: Cell, x: &FigureRow| {
        row(
            vec![
                group,
                n(x.received),
                n(x.replied_within_limit),
                f(x.reply_rate),
                n(x.resolved),
                f(x.resolution_rate),
                n(x.resolved_within_limit),
                f(x.on_time_resolution_rate),
                n(x.rated),
                f(x.satisfaction_rate),
                n(x.open),
                n(x.overdue),
                n(x.unanswered),
            ],
            if x.unanswered > 0 || x.overdue > 0 {
                Some(Fill::Red)
            } else {
                None
            },
        )
    };
    let mut rows = vec![line(Cell::Label("合计 Total"), &figures.total)];
    for (c, x) in &figures.by_category {
        rows.push(line(Cell::Label(category_label(*c)), x));
    }
    for (a, x) in &figures.by_agency {
        let group = if a.is_empty() {
            Cell::Label("部门 未交办 Not handed over")
        } else {
            Cell::Text(format!("部门 {a}"))
        };
        rows.push(line(group, x));
    }
    if figures.total.received == 0 {
        rows.clear();
    }
    Table {
        sheet: "Requests",
        title: "企业诉求（本周收到） Enterprise requests received",
        headers: vec![
            "分组 Group",
            "收到 Received",
            "按时响应 Replied in time",
            "响应率% Reply rate",
            "办结 Resolved",
            "办结率% Resolution rate",
            "按时办结 Resolved in time",
            "按时办结率% On-time rate",
            "已评价 Rated",
            "满意率% Satisfaction",
            "未办结 Open",
            "超时 Overdue",
            "未答复 Unanswered",
        ],
        rows,
    }
}

/// A category in both languages (its English the API's word).
fn category_label(c: Category) -> &'static str {
    match c {
        Category::Approval => "审批手续 approval",
        Category::LandConstruction => "用地与建设 land_construction",
        Category::Utilities => "水电气网 utilities",
        Category::PolicyFunding => "政策与资金 policy_funding",
        Category::TalentHousing => "人才与住房 talent_housing",
        Category::Other => "其他 other",
    }
}
