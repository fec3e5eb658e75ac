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
    ("红灯 red", "#c0392b"),
    ("黄灯 yellow", "#f1c40f"),
    ("绿灯 green", "#27ae60"),
    ("无灯 no light", "#95a5a6"),
];

/// The words a report is written in: the file for anyone (both languages, as the CSV and
/// XLSX), or a page in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Words {
    Both,
    Chinese,
    English,
}

impl Words {
    /// A bilingual label ("中文 English", the tables' convention) in these words.
    pub fn say(self, label: &str) -> &str {
        let (zh, en) = split(label);
        match self {
            Words::Both => label,
            Words::Chinese => zh,
            Words::English if en.is_empty() => zh,
            Words::English => en,
        }
    }
}

/// A label's Chinese and English: the English is the tail after the first space that
/// starts a run of ASCII only, beginning with a letter ("" when there is none).
fn split(label: &str) -> (&str, &str) {
    for (i, _) in label.match_indices(' ') {
        let rest = &label[i + 1..];
        if rest.is_ascii() && rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return (label[..i].trim_end(), rest);
        }
    }
    (label, "")
}

/// Horizontal bars, one per stage, stacked red / yellow / green / no light.
pub fn chart(report: &WeeklyReport, words: Words) -> String {
    let rows = &report.portfolio;
    let max = rows.iter().map(|r| r.projects).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (130u32, 400u32, 26u32);
    let height = row_h * rows.len() as u32 + 30;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{0}" height="{height}" viewBox="0 0 {0} {height}" role="img" aria-label="{1}">"#,
        label_w + bar_w + 40,
        words.say("项目分布 Portfolio by stage and light")
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
                r#"<rect x="{x}" y="{y}" width="{w}" height="18" fill="{colour}"><title>{}: {count}</title></rect>"#,
                words.say(name)
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
            r#"<rect x="{x}" y="{}" width="10" height="10" fill="{colour}"/><text x="{}" y="{legend_y}" font-size="11">{}</text>"#,
            legend_y - 9,
            x + 14,
            words.say(name)
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
        body(report, Words::Both)
    )
}

/// The report without its document: the week, the chart and the tables (each table in a
/// box that scrolls sideways on a narrow screen, focusable and named by its title, so a
/// keyboard can scroll it). The pages show it in their layout, in the reader's words.
pub fn body(report: &WeeklyReport, words: Words) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<p>{} – {}；{} {}</p>\n{}\n",
        report.week_start,
        report.week_end,
        words.say("截至 As of"),
        report.as_of,
        chart(report, words)
    );
    for (i, table) in tables(report).iter().enumerate() {
        let title = escape(words.say(table.title));
        let _ = write!(
            h,
            "<h2 id=\"report-table-{i}\">{title}</h2>\n<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"report-table-{i}\"><table><thead><tr>"
        );
        for head in &table.headers {
            let _ = write!(h, "<th>{}</th>", escape(words.say(head)));
        }
        h.push_str("</tr></thead><tbody>\n");
        if table.rows.is_empty() {
            let _ = writeln!(
                h,
                "<tr><td colspan=\"{}\">{}</td></tr>",
                table.headers.len(),
                words.say("无 None")
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
                let text = match cell {
                    Cell::Label(t) => words.say(t).to_string(),
                    other => other.text(),
                };
                let _ = write!(
                    h,
                    "<td{}>{}</td>",
                    if num { " class=\"n\"" } else { "" },
                    escape(&text)
                );
            }
            h.push_str("</tr>\n");
        }
        h.push_str("</tbody></table></div>\n");
    }
    h
}

#[cfg(test)]
mod words_tests {
    use super::Words;

    #[test]
    fn a_bilingual_label_splits_at_its_english_tail() {
        let say = |w: Words, s| w.say(s).to_string();
        assert_eq!(
            say(
                Words::Chinese,
                "项目分布（阶段 × 灯色） Portfolio by stage and light"
            ),
            "项目分布（阶段 × 灯色）"
        );
        assert_eq!(
            say(
                Words::English,
                "项目分布（阶段 × 灯色） Portfolio by stage and light"
            ),
            "Portfolio by stage and light"
        );
        assert_eq!(say(Words::Chinese, "响应率% Reply rate"), "响应率%");
        assert_eq!(
            say(Words::Chinese, "部门 未交办 Not handed over"),
            "部门 未交办"
        );
        assert_eq!(say(Words::Chinese, "水电气网 utilities"), "水电气网");
        // Names and figures without English stay whole.
        assert_eq!(
            say(
                Words::Chinese,
                "九亭生物医药基地（2026-310117-04-01-000001）"
            ),
            "九亭生物医药基地（2026-310117-04-01-000001）"
        );
        assert_eq!(say(Words::English, "区规划资源局"), "区规划资源局");
        assert_eq!(say(Words::Both, "本周 Week"), "本周 Week");
    }
}
