//! The bounds of an import file, checked before each allocation they protect, so that a
//! small upload can never ask for a large amount of memory or time.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImportLimits {
    /// The file as uploaded.
    pub max_file_bytes: u64,
    /// An XLSX file's parts once inflated (a zip bomb is small until inflated).
    pub max_inflated_bytes: u64,
    /// Rows below the header.
    pub max_rows: usize,
    pub max_columns: usize,
}

impl Default for ImportLimits {
    fn default() -> Self {
        ImportLimits {
            max_file_bytes: 8 * 1024 * 1024,
            max_inflated_bytes: 64 * 1024 * 1024,
            max_rows: 100_000,
            max_columns: 64,
        }
    }
}

/// Why a file could not be read: too large for the limits (413), or not a readable file (422).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    TooLarge(String),
    Invalid(String),
}

impl ImportLimits {
    pub fn check_file(&self, len: u64) -> Result<(), ReadError> {
        if len > self.max_file_bytes {
            return Err(ReadError::TooLarge(format!(
                "the file has {len} bytes; the limit is {} bytes",
                self.max_file_bytes
            )));
        }
        Ok(())
    }

    /// `row` and `column` 0-based, the header being row 0.
    pub fn check_cell(&self, row: usize, column: usize) -> Result<(), ReadError> {
        if column >= self.max_columns {
            return Err(ReadError::TooLarge(format!(
                "the file has more than {} columns",
                self.max_columns
            )));
        }
        if row > self.max_rows {
            return Err(ReadError::TooLarge(format!(
                "the file has more than {} rows below the header",
                self.max_rows
            )));
        }
        Ok(())
    }
}
