//! The weekly report's table of enterprise requests (诉求).

use super::{f, n, row, Cell, Fill, Table};
use crate::domain::request::{Category, FigureRow, RequestFigures};

/// Enterprise requests received in the week: the total, by category, by agency. A row
/// with an unanswered request is red (the promise is that none is).
pub(super) fn requests_table(figures: &RequestFigures) -> Table {
    let line = |group: String, x: &FigureRow| {
        row(
            vec![
                Cell::Text(group),
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
    let mut rows = vec![line("合计 Total".into(), &figures.total)];
    for (c, x) in &figures.by_category {
        rows.push(line(format!("{} {}", category_zh(*c), c.as_str()), x));
    }
    for (a, x) in &figures.by_agency {
        let name = if a.is_empty() {
            "未交办 Not handed over"
        } else {
            a
        };
        rows.push(line(format!("部门 {name}"), x));
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

fn category_zh(c: Category) -> &'static str {
    match c {
        Category::Approval => "审批手续",
        Category::LandConstruction => "用地与建设",
        Category::Utilities => "水电气网",
        Category::PolicyFunding => "政策与资金",
        Category::TalentHousing => "人才与住房",
        Category::Other => "其他",
    }
}
