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

/// A size as people read it: `8 MB`, `4.1 KB`, `300 B` (binary units, one decimal at
/// most, rounded up so a file just over a limit never reads as equal to it).
pub fn size_text(bytes: u64) -> String {
    const UNITS: [(&str, u128); 3] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)];
    let Some((unit, scale)) = UNITS.into_iter().find(|(_, s)| u128::from(bytes) >= *s) else {
        return format!("{bytes} B");
    };
    let tenths = (u128::from(bytes) * 10).div_ceil(scale);
    match tenths % 10 {
        0 => format!("{} {unit}", tenths / 10),
        d => format!("{}.{d} {unit}", tenths / 10),
    }
}

/// Why a file could not be read: too large for the limits (413), or not a readable file
/// (422). Each kind carries its figures, so the service can give it a code and the pages
/// say it in the reader's language; the English is for logs and the command line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("the file has {}; the limit is {}", size_text(*size), size_text(*limit))]
    FileTooLarge { size: u64, limit: u64 },
    #[error("the file has more than {0} columns")]
    TooManyColumns(usize),
    #[error("the file has more than {0} rows below the header")]
    TooManyRows(usize),
    #[error("the workbook inflates to more than {}", size_text(*.0))]
    Inflates(u64),
    #[error("the file is empty: the first row must name the columns")]
    Empty,
    /// The CSV parser's reason.
    #[error("not a readable UTF-8 CSV file: {0}")]
    NotCsv(String),
    /// The zip or XLSX reader's reason.
    #[error("not a readable XLSX file: {0}")]
    NotXlsx(String),
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("the first sheet cannot be read: {0}")]
    SheetUnreadable(String),
}

impl ReadError {
    /// Too large for the limits (answered 413), rather than unreadable (422).
    pub fn is_too_large(&self) -> bool {
        matches!(
            self,
            ReadError::FileTooLarge { .. }
                | ReadError::TooManyColumns(_)
                | ReadError::TooManyRows(_)
                | ReadError::Inflates(_)
        )
    }
}

impl ImportLimits {
    pub fn check_file(&self, len: u64) -> Result<(), ReadError> {
        if len > self.max_file_bytes {
            return Err(ReadError::FileTooLarge {
                size: len,
                limit: self.max_file_bytes,
            });
        }
        Ok(())
    }

    /// `row` and `column` 0-based, the header being row 0.
    pub fn check_cell(&self, row: usize, column: usize) -> Result<(), ReadError> {
        if column >= self.max_columns {
            return Err(ReadError::TooManyColumns(self.max_columns));
        }
        if row > self.max_rows {
            return Err(ReadError::TooManyRows(self.max_rows));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::size_text;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_text(8_388_608), "8 MB");
        assert_eq!(size_text(64 * 1024 * 1024), "64 MB");
        assert_eq!(size_text(4096), "4 KB");
        assert_eq!(size_text(4097), "4.1 KB");
        assert_eq!(size_text(1536), "1.5 KB");
        assert_eq!(size_text(300), "300 B");
        assert_eq!(size_text(u64::MAX), "17179869184 GB");
    }
}
