//! Properties of the import readers on arbitrary input: no bytes and no cell value make them
//! panic; a file is either refused whole or checked row by row, each problem on a line of
//! the file.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Workbook};

use report::import::{read_csv, read_xlsx, Sheet};
use report::import_limits::ImportLimits;

use crate::imports::import_rows::{plan, OPTIONAL, REQUIRED};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 16).unwrap_or_default()
}

fn header() -> Vec<&'static str> {
    REQUIRED.iter().chain(OPTIONAL.iter()).copied().collect()
}

/// Plans a sheet and checks that every problem names the header or a line of a row.
fn every_problem_on_a_line(sheet: &Sheet) -> Result<(), TestCaseError> {
    let (_, errors) = plan(sheet, today());
    let last = sheet.rows.iter().map(|r| r.line).max().unwrap_or(1) + 1;
    for e in errors {
        prop_assert!((1..=last).contains(&e.line), "{e:?}");
        prop_assert!(!e.problem.refusal.english().is_empty());
    }
    Ok(())
}

/// Cells that have broken things: far dates, huge numbers, formulas, blanks, lists.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("0001-01-01".to_string()),
        Just("262142-12-31".to_string()),
        Just("2026-03-02".to_string()),
        Just("1e300".to_string()),
        Just("-9223372036854775808".to_string()),
        Just("NaN".to_string()),
        Just("=HYPERLINK(\"x\")".to_string()),
        (0i64..100_000).prop_map(|n| n.to_string()),
        "[a-c]{1,3}(;[a-c]{1,3}){0,2}",
        any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic_the_csv_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        if let Ok(sheet) = read_csv(&bytes, &ImportLimits::default()) {
            every_problem_on_a_line(&sheet)?;
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_xlsx_reader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let mut file = b"PK\x03\x04".to_vec();
        file.extend(bytes);
        if let Ok(sheet) = read_xlsx(&file, &ImportLimits::default()) {
            every_problem_on_a_line(&sheet)?;
        }
    }

    #[test]
    fn arbitrary_csv_cells_are_row_errors(rows in proptest::collection::vec(proptest::collection::vec(cell(), REQUIRED.len() + OPTIONAL.len()), 1..6)) {
        let mut out = ::csv::Writer::from_writer(Vec::new());
        out.write_record(header()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for r in &rows {
            out.write_record(r).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let bytes = out.into_inner().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let sheet = read_csv(&bytes, &ImportLimits::default()).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        every_problem_on_a_line(&sheet)?;
    }
}

proptest! {
    // Each case writes a workbook: fewer cases.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn arbitrary_xlsx_cells_are_row_errors(
        rows in proptest::collection::vec(proptest::collection::vec((0u8..3, any::<f64>(), cell()), REQUIRED.len() + OPTIONAL.len()), 1..4)
    ) {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        for (c, h) in header().iter().enumerate() {
            let _ = sheet.write_string(0, c as u16, *h);
        }
        for (r, row) in rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, (kind, number, text)) in row.iter().enumerate() {
                let c = c as u16;
                // Write errors (a NaN, an overlong string) leave the cell out.
                let _ = match kind {
                    0 => sheet.write_number_with_format(r, c, *number, &date),
                    1 => sheet.write_number(r, c, *number),
                    _ => sheet.write_string(r, c, text),
                };
            }
        }
        let bytes = book.save_to_buffer().map_err(|e| TestCaseError::fail(e.to_string()))?;
        if let Ok(sheet) = read_xlsx(&bytes, &ImportLimits::default()) {
            every_problem_on_a_line(&sheet)?;
        }
    }
}
