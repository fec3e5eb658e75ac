//! Reading the first worksheet of an XLSX file into numbered rows of text, so that an
//! import reads a spreadsheet exactly as it reads a CSV.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use chrono::{Duration, NaiveDate};

/// Excel's day 0 (serial dates count from 1899-12-30 in the 1900 system).
fn excel_epoch() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // A date typed as a date: the sheet's serial number, back to YYYY-MM-DD.
        Data::DateTime(dt) => excel_epoch()
            .and_then(|e| e.checked_add_signed(Duration::days(dt.as_f64().floor() as i64)))
            .map(|d| d.to_string())
            .unwrap_or_default(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// `(line, cells)` of every row of the first sheet, lines numbered as the spreadsheet shows them.
pub fn first_sheet(bytes: &[u8]) -> Result<Vec<(usize, Vec<String>)>, String> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not a readable XLSX file: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| "the workbook has no sheet".to_string())?
        .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let mut cells = vec![String::new(); first_col];
            cells.extend(row.iter().map(cell_text));
            (first_row + i + 1, cells)
        })
        .collect())
}
