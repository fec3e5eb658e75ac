use chrono::NaiveDate;

use super::csv::neutralise;
use super::ics::{escape, fold};
use super::import::parse_date;
use super::model::median;
use super::{Format, IsoWeek};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn iso_weeks_run_monday_to_sunday() {
    let w = IsoWeek::parse("2026-W08").unwrap();
    assert_eq!((w.monday(), w.sunday()), (d("2026-02-16"), d("2026-02-22")));
    assert_eq!(w.to_string(), "2026-W08");
    assert_eq!(IsoWeek::parse("2026w8"), Some(w));
    // 2026-W01 starts on Monday 2025-12-29.
    assert_eq!(
        IsoWeek::parse("2026-W01").unwrap().monday(),
        d("2025-12-29")
    );
    // 2026 begins on a Thursday, so it has 53 ISO weeks; 2025 has 52.
    assert_eq!(
        IsoWeek::parse("2026-W53").unwrap().sunday(),
        d("2027-01-03")
    );
    assert_eq!(IsoWeek::parse("2025-W53"), None);
    assert_eq!(IsoWeek::parse("last week"), None);
    assert_eq!(
        IsoWeek::of(d("2026-03-16")).previous().to_string(),
        "2026-W11"
    );
    // A past week is read on its Sunday, the current one today.
    assert_eq!(w.as_of(d("2026-03-16")), d("2026-02-22"));
    assert_eq!(w.as_of(d("2026-02-18")), d("2026-02-18"));
}

#[test]
fn medians_take_the_middle_or_the_mean_of_the_middle_two() {
    assert_eq!(median(vec![]), None);
    assert_eq!(median(vec![9, 3]), Some(6.0));
    assert_eq!(median(vec![5, 1, 3]), Some(3.0));
    assert_eq!(median(vec![4, 1, 3, 10]), Some(3.5));
}

#[test]
fn formats_come_from_the_query_or_accept() {
    assert_eq!(Format::parse("XLSX"), Some(Format::Xlsx));
    assert_eq!(Format::parse("pdf"), None);
    assert_eq!(
        Format::from_accept("text/html,application/xhtml+xml;q=0.9"),
        Some(Format::Html)
    );
    assert_eq!(
        Format::from_accept("text/csv; charset=utf-8"),
        Some(Format::Csv)
    );
    assert_eq!(Format::from_accept("*/*"), None);
}

#[test]
fn ics_text_is_escaped_and_folded_at_75_octets() {
    assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    let long = format!("SUMMARY:{}", "审".repeat(40));
    let folded = fold(&long);
    assert!(folded.ends_with("\r\n"));
    for line in folded.trim_end_matches("\r\n").split("\r\n") {
        assert!(line.len() <= 75, "{line}");
    }
    assert_eq!(folded.replace("\r\n ", "").trim_end(), long);
}

#[test]
fn import_dates_accept_iso_slashes_and_excel_serials() {
    assert_eq!(parse_date("2026-03-02"), Some(d("2026-03-02")));
    assert_eq!(parse_date("2026/3/2"), Some(d("2026-03-02")));
    // Excel's serial 46083 is 2026-03-02 (day 1 = 1900-01-01, with its 1900 leap-year bug).
    assert_eq!(parse_date("46083"), Some(d("2026-03-02")));
    assert_eq!(parse_date("2026-02-30"), None);
    assert_eq!(parse_date("soon"), None);
}

#[test]
fn csv_text_that_a_spreadsheet_would_run_is_written_as_text() {
    for live in ["=1+1", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
        assert_eq!(neutralise(live), format!("'{live}"));
    }
    for plain in ["项目", "1-2", "", "a=b", " =x"] {
        assert_eq!(neutralise(plain), plain);
    }
}
