//! CSV: UTF-8 with a byte-order mark (so Excel reads Chinese correctly); each section is
//! its title, its header row and its rows, sections separated by a blank line.

use std::borrow::Cow;

use super::landing_table::tables;
use super::model::WeeklyReport;
use super::table::Cell;

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Text as written into any CSV: a spreadsheet runs a cell beginning with `=`, `+`, `-`,
/// `@`, a tab or a carriage return as a formula (OWASP CSV injection), so such text gets a
/// leading `'` and stays text.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// A table cell: text neutralised; numbers and dates are the product's own, written as such.
fn cell(c: &Cell) -> String {
    match c {
        Cell::Text(s) => neutralise(s).into_owned(),
        other => other.text(),
    }
}

pub fn render(report: &WeeklyReport) -> Result<Vec<u8>, String> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(BOM.to_vec());
    let err = |e: ::csv::Error| e.to_string();
    // The title row carries only the product's own text and days.
    w.write_record([
        format!("周报 Weekly report {}", report.week),
        format!("{} – {}", report.week_start, report.week_end),
        format!("截至 As of {}", report.as_of),
    ])
    .map_err(err)?;
    for table in tables(report) {
        w.write_record([""]).map_err(err)?;
        w.write_record([neutralise(table.title).into_owned()])
            .map_err(err)?;
        w.write_record(table.headers.iter().map(|h| neutralise(h).into_owned()))
            .map_err(err)?;
        for row in &table.rows {
            w.write_record(row.cells.iter().map(cell)).map_err(err)?;
        }
    }
    w.into_inner().map_err(|e| e.to_string())
}
