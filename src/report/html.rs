//! Printable HTML: the sections as tables, the portfolio as an SVG bar chart (stacked by
//! light), red and yellow rows as in the spreadsheet.

use std::fmt::Write;

use super::landing_table::tables;
use super::model::WeeklyReport;
use super::table::{Cell, Fill};

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:sans-serif;margin:2em;color:#222}\
table{border-collapse:collapse;margin:0 0 1.5em;font-size:13px}\
th,td{border:1px solid #bbb;padding:3px 8px;text-align:left}th{background:#d9e1f2}\
td.n{text-align:right}tr.red td{background:#ffc7ce}tr.yellow td{background:#ffeb9c}\
h2{font-size:16px;margin-top:1.5em}@media print{h2{page-break-after:avoid}table{page-break-inside:auto}}";

const BAR: [(&str, &str); 4] = [
    ("red", "#c0392b"),
    ("yellow", "#f1c40f"),
    ("green", "#27ae60"),
    ("no light", "#95a5a6"),
];

/// Horizontal bars, one per stage, stacked red / yellow / green / no light.
pub fn chart(report: &WeeklyReport) -> String {
    let rows = &report.portfolio;
    let max = rows.iter().map(|r| r.projects).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (130u32, 400u32, 26u32);
    let height = row_h * rows.len() as u32 + 30;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{height}" viewBox="0 0 {0} {height}" role="img" aria-label="项目分布 Portfolio by stage and light">"#,
        label_w + bar_w + 40
    );
    for (i, r) in rows.iter().enumerate() {
        let y = i as u32 * row_h + 4;
        let _ = write!(
            svg,
            r#"<text x="0" y="{}" font-size="12">{}</text>"#,
            y + 14,
            escape(&r.stage)
        );
        let mut x = label_w;
        for ((name, colour), count) in BAR.iter().zip([r.red, r.yellow, r.green, r.no_light]) {
            if count == 0 {
                continue;
            }
            let w = count * bar_w / max;
            let _ = write!(
                svg,
                r#"<rect x="{x}" y="{y}" width="{w}" height="18" fill="{colour}"><title>{name}: {count}</title></rect>"#
            );
            x += w;
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" font-size="12">{}</text>"#,
            x + 4,
            y + 14,
            r.projects
        );
    }
    let legend_y = height - 8;
    for (i, (name, colour)) in BAR.iter().enumerate() {
        let x = label_w + i as u32 * 90;
        let _ = write!(
            svg,
            r#"<rect x="{x}" y="{}" width="10" height="10" fill="{colour}"/><text x="{}" y="{legend_y}" font-size="11">{name}</text>"#,
            legend_y - 9,
            x + 14
        );
    }
    svg.push_str("</svg>");
    svg
}

pub fn render(report: &WeeklyReport) -> String {
    let title = format!("周报 Weekly report {}", report.week);
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n{}</body></html>\n",
        escape(&title),
        escape(&title),
        body(report)
    )
}

/// The report without its document: the week, the chart and the tables (each table in a
/// box that scrolls sideways on a narrow screen). The pages show it in their layout.
pub fn body(report: &WeeklyReport) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<p>{} – {}；截至 As of {}</p>\n{}\n",
        report.week_start,
        report.week_end,
        report.as_of,
        chart(report)
    );
    for table in tables(report) {
        let _ = write!(
            h,
            "<h2>{}</h2>\n<div class=\"scroll\"><table><thead><tr>",
            escape(table.title)
        );
        for head in &table.headers {
            let _ = write!(h, "<th>{}</th>", escape(head));
        }
        h.push_str("</tr></thead><tbody>\n");
        if table.rows.is_empty() {
            let _ = writeln!(
                h,
                "<tr><td colspan=\"{}\">无 None</td></tr>",
                table.headers.len()
            );
        }
        for row in &table.rows {
            let class = match row.fill {
                Some(Fill::Red) => " class=\"red\"",
                Some(Fill::Yellow) => " class=\"yellow\"",
                None => "",
            };
            let _ = write!(h, "<tr{class}>");
            for cell in &row.cells {
                let num = matches!(cell, Cell::Int(_) | Cell::Num(_));
                let _ = write!(
                    h,
                    "<td{}>{}</td>",
                    if num { " class=\"n\"" } else { "" },
                    escape(&cell.text())
                );
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table></div>\n");
    }
    h
}
