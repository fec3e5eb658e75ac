//! Weekly reports for managers (CSV, XLSX, HTML), calendar feeds and bulk import.
//!
//! Everything here is pure and names only `domain`: the service computes a report's figures
//! from its views (`service::report_figures`) into the [`model`], and this module renders
//! them ([`table`], [`csv`], [`xlsx`], [`html`], [`ics`]) or reads an import file into a
//! [`import::Sheet`] (the service checks its rows). A new format or file reader goes here;
//! anything that needs a service view or rule goes in `service`.

pub mod csv;
pub mod forecast_table;
pub mod html;
pub mod ics;
pub mod import;
pub mod import_limits;
pub mod landing_table;
pub mod listing;
pub mod model;
pub mod table;
pub mod week;
pub mod xlsx;
pub mod xlsx_read;

pub use model::WeeklyReport;
pub use week::IsoWeek;

/// The formats a weekly report comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
    Html,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format an `Accept` header asks for, if it names one we have.
    pub fn from_accept(accept: &str) -> Option<Format> {
        accept
            .split(',')
            .find_map(|part| match part.split(';').next().unwrap_or("").trim() {
                "application/json" => Some(Format::Json),
                "text/csv" => Some(Format::Csv),
                XLSX_TYPE => Some(Format::Xlsx),
                "text/html" => Some(Format::Html),
                _ => None,
            })
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => XLSX_TYPE,
            Format::Html => "text/html; charset=utf-8",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
        }
    }
}

pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A report rendered in a format: its bytes (JSON pretty-printed).
pub fn render(report: &WeeklyReport, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Json => serde_json::to_vec_pretty(report).map_err(|e| e.to_string()),
        Format::Csv => csv::render(report),
        Format::Xlsx => xlsx::render(report),
        Format::Html => Ok(html::render(report).into_bytes()),
    }
}

#[cfg(test)]
mod tests;
