//! CSV: UTF-8 with a byte-order mark (so Excel reads Chinese correctly); each section is
//! its title, its header row and its rows, sections separated by a blank line.

use super::model::WeeklyReport;
use super::table::tables;

pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub fn render(report: &WeeklyReport) -> Result<Vec<u8>, String> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(BOM.to_vec());
    let err = |e: ::csv::Error| e.to_string();
    w.write_record([
        format!("周报 Weekly report {}", report.week),
        format!("{} – {}", report.week_start, report.week_end),
        format!("截至 As of {}", report.as_of),
    ])
    .map_err(err)?;
    for table in tables(report) {
        w.write_record([""]).map_err(err)?;
        w.write_record([table.title]).map_err(err)?;
        w.write_record(&table.headers).map_err(err)?;
        for row in &table.rows {
            w.write_record(row.cells.iter().map(|c| c.text()))
                .map_err(err)?;
        }
    }
    w.into_inner().map_err(|e| e.to_string())
}
