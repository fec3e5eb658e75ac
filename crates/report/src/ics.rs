//! iCalendar (RFC 5545) feeds: all-day events, escaped text, lines folded at 75 octets,
//! CRLF line ends.

use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    /// Stable across refreshes, so calendars update the event instead of adding one.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
    pub description: String,
}

/// TEXT escaping: backslash, semicolon, comma and newlines.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
    out
}

pub fn render(name: &str, stamp: NaiveDateTime, events: &[IcsEvent]) -> String {
    let mut out = String::new();
    let mut line = |s: String| out.push_str(&fold(&s));
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//approval-tracker//weekly feed//ZH".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(name)));
    line("X-WR-TIMEZONE:Asia/Shanghai".into());
    let dtstamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for e in events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", e.uid));
        line(format!("DTSTAMP:{dtstamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", e.date.format("%Y%m%d")));
        line(format!(
            "DTEND;VALUE=DATE:{}",
            e.date.succ_opt().unwrap_or(e.date).format("%Y%m%d")
        ));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        line(format!("DESCRIPTION:{}", escape(&e.description)));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}
