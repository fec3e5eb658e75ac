//! Reading an import file into a grid of text cells with their line numbers: CSV (UTF-8,
//! a byte-order mark allowed) or XLSX (the first sheet). The header row names the columns.

use chrono::{Duration, NaiveDate};

use super::csv::BOM;
use super::import_limits::{ImportLimits, ReadError};

pub struct Sheet {
    /// Lower-cased, trimmed.
    pub headers: Vec<String>,
    pub rows: Vec<SheetRow>,
}

pub struct SheetRow {
    /// 1-based, as a spreadsheet or text editor shows it (the header is line 1).
    pub line: usize,
    pub cells: Vec<String>,
}

impl Sheet {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

fn sheet_of(mut grid: Vec<(usize, Vec<String>)>) -> Result<Sheet, ReadError> {
    if grid.is_empty() {
        return Err(ReadError::Empty);
    }
    let (_, header) = grid.remove(0);
    let headers = header.iter().map(|h| h.trim().to_lowercase()).collect();
    let rows = grid
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(line, cells)| SheetRow { line, cells })
        .collect();
    Ok(Sheet { headers, rows })
}

/// CSV, refused as too large past the limits before the next record is kept.
pub fn read_csv(bytes: &[u8], limits: &ImportLimits) -> Result<Sheet, ReadError> {
    limits.check_file(bytes.len() as u64)?;
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut grid = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| ReadError::NotCsv(e.to_string()))?;
        limits.check_cell(row, record.len().saturating_sub(1))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        grid.push((line, record.iter().map(str::to_string).collect()));
    }
    sheet_of(grid)
}

/// XLSX: the first worksheet, cells as text (numbers without a needless `.0`).
pub fn read_xlsx(bytes: &[u8], limits: &ImportLimits) -> Result<Sheet, ReadError> {
    let grid = super::xlsx_read::first_sheet(bytes, limits)?;
    sheet_of(grid)
}

/// Whether the bytes are a ZIP container (XLSX) rather than text.
pub fn looks_like_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A date cell: `YYYY-MM-DD`, `YYYY/MM/DD`, or an Excel serial day number; the day's range
/// is checked by the caller, which names the column.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y/%m/%d") {
        return Some(d);
    }
    let serial: f64 = s.parse().ok()?;
    if !(1.0..=80_000.0).contains(&serial) || serial.fract() != 0.0 {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)
        .and_then(|d| d.checked_add_signed(Duration::try_days(serial as i64)?))
}
