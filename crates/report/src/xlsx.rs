//! XLSX (rust_xlsxwriter): a sheet per section, a frozen header row, column widths fitted
//! to the text, red and yellow row fills.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};

use super::landing_table::tables;
use super::model::WeeklyReport;
use super::table::{Cell, Fill};

pub const RED: u32 = 0xFFC7CE;
pub const YELLOW: u32 = 0xFFEB9C;

/// Display width of a text: CJK characters take two columns.
fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

pub fn render(report: &WeeklyReport) -> Result<Vec<u8>, String> {
    build(report).map_err(|e| e.to_string())
}

fn build(report: &WeeklyReport) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin)
        .set_text_wrap();
    let plain = Format::new();
    let red = Format::new().set_background_color(Color::RGB(RED));
    let yellow = Format::new().set_background_color(Color::RGB(YELLOW));
    for table in tables(report) {
        let sheet = book.add_worksheet();
        sheet.set_name(table.sheet)?;
        let mut widths: Vec<f64> = table.headers.iter().map(|h| width(h).min(24.0)).collect();
        for (c, h) in table.headers.iter().enumerate() {
            sheet.write_string_with_format(0, c as u16, *h, &header)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (r, row) in table.rows.iter().enumerate() {
            let fmt = match row.fill {
                Some(Fill::Red) => &red,
                Some(Fill::Yellow) => &yellow,
                None => &plain,
            };
            let r = r as u32 + 1;
            for (c, cell) in row.cells.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Int(i) => sheet.write_number_with_format(r, col, *i as f64, fmt)?,
                    Cell::Num(n) => sheet.write_number_with_format(r, col, *n, fmt)?,
                    Cell::Empty => sheet.write_blank(r, col, fmt)?,
                    other => sheet.write_string_with_format(r, col, other.text(), fmt)?,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = w.max(width(&cell.text()));
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            sheet.set_column_width(c as u16, (w + 2.0).clamp(8.0, 60.0))?;
        }
    }
    book.save_to_buffer()
}
