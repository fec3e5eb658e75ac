//! The official calendar as shipped in `config/calendar/cn.toml`: per year, the days off
//! and the make-up working days.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Deserialize;

use domain::calendar::YearSchedule;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearEntry {
    holidays: Vec<NaiveDate>,
    workdays: Vec<NaiveDate>,
}

/// Parses the file's text; errors name the year and the date at fault.
pub fn parse(text: &str) -> Result<BTreeMap<i32, YearSchedule>, String> {
    let raw: BTreeMap<String, YearEntry> = toml::from_str(text).map_err(|e| e.to_string())?;
    let mut years = BTreeMap::new();
    for (key, entry) in raw {
        let year: i32 = key.parse().map_err(|_| format!("[{key}] is not a year"))?;
        let schedule = YearSchedule::new(
            year,
            entry.holidays.into_iter().collect(),
            entry.workdays.into_iter().collect(),
        )
        .map_err(|e| format!("[{year}]: {e}"))?;
        years.insert(year, schedule);
    }
    Ok(years)
}
