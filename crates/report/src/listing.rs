//! A plain list as a download (the staff's project list): one header row, then rows of
//! text; CSV with a byte-order mark and formulas neutralised, XLSX with a frozen header.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, XlsxError};

use super::csv::{neutralise, BOM};

pub fn csv(headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut w = ::csv::WriterBuilder::new().from_writer(BOM.to_vec());
    let err = |e: ::csv::Error| e.to_string();
    w.write_record(headers.iter().map(|h| neutralise(h).into_owned()))
        .map_err(err)?;
    for row in rows {
        w.write_record(row.iter().map(|c| neutralise(c).into_owned()))
            .map_err(err)?;
    }
    w.into_inner().map_err(|e| e.to_string())
}

pub fn xlsx(sheet_name: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    build(sheet_name, headers, rows).map_err(|e| e.to_string())
}

/// Display width of a text: CJK characters take two columns.
fn width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

fn build(sheet_name: &str, headers: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_border_bottom(FormatBorder::Thin);
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name)?;
    let mut widths: Vec<f64> = headers.iter().map(|h| width(h)).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            // Strings, never formulas: text typed by users stays text.
            sheet.write_string(r as u32 + 1, c as u16, text)?;
            if let Some(w) = widths.get_mut(c) {
                *w = w.max(width(text));
            }
        }
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, (w + 2.0).min(60.0))?;
    }
    book.save_to_buffer()
}
