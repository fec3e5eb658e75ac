//! Reading the first worksheet of an XLSX file into numbered rows of text, so that an
//! import reads a spreadsheet exactly as it reads a CSV.
//!
//! Bounded before anything is read whole: the zip's parts are inflated once into nothing to
//! measure them, then the sheet is read cell by cell. calamine's `worksheet_range` would
//! allocate the sheet's *declared* extent (A1 and XFD1048576 ask for 2^34 cells).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};
use chrono::NaiveDate;

use super::import_limits::{ImportLimits, ReadError};

fn invalid(e: impl std::fmt::Display) -> ReadError {
    ReadError::NotXlsx(e.to_string())
}

/// Refuses a zip whose parts inflate beyond the limit, by declared and by actual size (a
/// declared size can lie; the count stops at the limit, so a bomb costs no more than that).
fn check_inflated(bytes: &[u8], limits: &ImportLimits) -> Result<(), ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(invalid)?;
    let too_large = || ReadError::Inflates(limits.max_inflated_bytes);
    let mut budget = limits.max_inflated_bytes;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(invalid)?;
        if part.size() > budget {
            return Err(too_large());
        }
        let read = std::io::copy(
            &mut part.take(budget.saturating_add(1)),
            &mut std::io::sink(),
        )
        .map_err(invalid)?;
        budget = budget.checked_sub(read).ok_or_else(too_large)?;
    }
    Ok(())
}

/// A date typed as a date: its serial day back to `YYYY-MM-DD`. A serial no calendar has
/// is left as its number, so the row is refused by the column's own check.
fn serial_date(serial: f64) -> String {
    let day = NaiveDate::from_ymd_opt(1899, 12, 30).and_then(|epoch| {
        if !serial.is_finite() || !(-1e6..=1e6).contains(&serial) {
            return None;
        }
        epoch.checked_add_signed(chrono::Duration::try_days(serial.floor() as i64)?)
    });
    day.map_or_else(|| serial.to_string(), |d| d.to_string())
}

pub fn cell_text(cell: &DataRef<'_>) -> String {
    match cell {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().to_string()
        }
        DataRef::SharedString(s) => s.trim().to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(dt) => serial_date(dt.as_f64()),
        DataRef::Error(e) => format!("#{e:?}"),
    }
}

/// `(line, cells)` of every row of the first sheet, lines numbered as the spreadsheet shows
/// them; refused as too large past the limits.
pub fn first_sheet(
    bytes: &[u8],
    limits: &ImportLimits,
) -> Result<Vec<(usize, Vec<String>)>, ReadError> {
    limits.check_file(bytes.len() as u64)?;
    check_inflated(bytes, limits)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(invalid)?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(ReadError::NoSheet)?;
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| ReadError::SheetUnreadable(e.to_string()))?;
    // Rows by number, cells by column: only cells that hold something are kept.
    let mut rows: BTreeMap<usize, BTreeMap<usize, String>> = BTreeMap::new();
    let mut first_row = None;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| ReadError::SheetUnreadable(e.to_string()))?
    {
        let text = cell_text(cell.get_value());
        if text.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        let top = *first_row.get_or_insert(r);
        // Rows above the first row with content cannot have been counted: refuse alike.
        limits.check_cell(r.abs_diff(top), c)?;
        rows.entry(r).or_default().insert(c, text);
    }
    Ok(rows
        .into_iter()
        .map(|(r, row)| {
            let width = row.keys().next_back().map_or(0, |c| c + 1);
            let mut cells = vec![String::new(); width];
            for (c, text) in row {
                cells[c] = text;
            }
            (r + 1, cells)
        })
        .collect())
}
