//! The chart's words and sizes: the zoom, axis labels, names fitted to their column.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::pages::i18n::{date, short_date, Lang};

/// How much time a pixel holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zoom {
    /// Days wide enough to see weeks (the default).
    Weeks,
    /// The whole project in about a phone's width, ticks on months.
    Months,
}

impl Zoom {
    pub fn parse(s: Option<&str>) -> Zoom {
        match s {
            Some("months") => Zoom::Months,
            _ => Zoom::Weeks,
        }
    }

    /// Width of the step names, and of the time axis to spread the days over.
    pub fn widths(self) -> (f64, f64) {
        match self {
            Zoom::Weeks => (200.0, 840.0),
            Zoom::Months => (110.0, 220.0),
        }
    }
}

/// Roughly how wide a text is at 11 px: CJK characters are square, Latin ones about half.
pub fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 6.2 } else { 11.0 })
        .sum()
}

/// A name in at most two lines of `width` pixels, the second cut with "…" if needed.
pub fn two_lines(s: &str, width: f64) -> (String, Option<String>) {
    let mut lines = vec![String::new()];
    for c in s.chars() {
        let line = lines.last_mut().map_or(0.0, |l| text_width(l));
        if line + text_width(&c.to_string()) > width {
            if lines.len() == 2 {
                let second = &mut lines[1];
                second.pop();
                second.push('…');
                break;
            }
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            l.push(c);
        }
    }
    let second = lines.get(1).cloned();
    (lines.swap_remove(0), second)
}

/// An axis label: the month on month ticks, the day on weekly ones; with the year on
/// the first label and wherever the year changes.
pub fn tick_label(lang: Lang, zoom: Zoom, d: NaiveDate, with_year: bool) -> String {
    let monthly =
        d.day() == 1 && zoom == Zoom::Months || d.day() == 1 && d.weekday() != Weekday::Mon;
    match (lang, monthly, with_year) {
        (Lang::Zh, true, true) => format!("{}年{}月", d.year(), d.month()),
        (Lang::Zh, true, false) => format!("{}月", d.month()),
        (Lang::En, true, true) => d.format("%b %Y").to_string(),
        (Lang::En, true, false) => d.format("%b").to_string(),
        (_, false, true) => date(lang, d),
        (_, false, false) => short_date(lang, d),
    }
}
