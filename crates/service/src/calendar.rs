//! The working-day calendar as the zone keeps it: seeded from `config/calendar/cn.toml`,
//! a year replaced whole by an admin, and every figure following at once — in this
//! instance immediately, in other instances on their next check (a few seconds).

pub mod calendar_file;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use domain::calendar::{WorkCalendar, YearSchedule};
use store::calendar::CalendarYearRow;
use store::{self, Db, DbConn, WriteTx};

use crate::refusal::{calendar, Refusal};
use crate::versions::check_version;
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

/// How stale another instance's edit may be before this one sees it.
const RECHECK: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CalendarYear {
    pub year: i32,
    /// Official days off (including weekend days inside a holiday).
    pub holidays: Vec<NaiveDate>,
    /// Make-up working days (调休) on a Saturday or Sunday.
    pub workdays: Vec<NaiveDate>,
    /// Not published: Monday–Friday is assumed.
    pub provisional: bool,
    pub version: i32,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishYear {
    pub year: Option<i32>,
    pub holidays: Vec<NaiveDate>,
    pub workdays: Vec<NaiveDate>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AddWorkingDays {
    pub from: NaiveDate,
    pub days: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct WorkingDay {
    pub date: NaiveDate,
    /// The count crossed a year whose calendar is not published.
    pub provisional: bool,
}

fn dates_json(dates: &BTreeSet<NaiveDate>) -> ServiceResult<String> {
    serde_json::to_string(dates).map_err(|e| ServiceError::Internal(Box::new(e)))
}

fn row_schedule(row: &CalendarYearRow) -> ServiceResult<YearSchedule> {
    let parse = |s: &str| serde_json::from_str::<BTreeSet<NaiveDate>>(s);
    let (h, w) = parse(&row.holidays)
        .and_then(|h| Ok((h, parse(&row.workdays)?)))
        .map_err(|e| ServiceError::caused(format!("calendar year {}", row.year), e))?;
    YearSchedule::new(row.year, h, w)
        .map_err(|e| ServiceError::caused(format!("calendar year {}", row.year), e))
}

/// The calendar as stored.
pub fn load(conn: &mut DbConn) -> ServiceResult<WorkCalendar> {
    let mut years = BTreeMap::new();
    for row in store::calendar::all(conn)? {
        years.insert(row.year, row_schedule(&row)?);
    }
    Ok(WorkCalendar::new(years))
}

/// Stores the shipped years the database does not have yet (an admin's edit stays).
pub fn seed(conn: &mut WriteTx, file: &Path, now: NaiveDateTime) -> Result<usize, String> {
    let text = settings::shipped::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let years = calendar_file::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut added = 0;
    for (year, schedule) in years {
        let fail = |e: &dyn std::fmt::Display| format!("seeding calendar year {year}: {e}");
        if store::calendar::find(conn, year)
            .map_err(|e| fail(&e))?
            .is_some()
        {
            continue;
        }
        let row = CalendarYearRow {
            year,
            holidays: dates_json(&schedule.holidays).map_err(|e| fail(&e))?,
            workdays: dates_json(&schedule.workdays).map_err(|e| fail(&e))?,
            version: 1,
            updated_at: now,
        };
        store::calendar::insert(conn, &row).map_err(|e| fail(&e))?;
        added += 1;
    }
    Ok(added)
}

pub fn get_year(conn: &mut DbConn, year: i32) -> ServiceResult<CalendarYear> {
    if domain::dates::check_year(year).is_err() {
        return Err(ServiceError::NotFound("calendar year"));
    }
    Ok(match store::calendar::find(conn, year)? {
        Some(row) => {
            let s = row_schedule(&row)?;
            CalendarYear {
                year,
                holidays: s.holidays.into_iter().collect(),
                workdays: s.workdays.into_iter().collect(),
                provisional: false,
                version: row.version,
            }
        }
        None => CalendarYear {
            year,
            holidays: vec![],
            workdays: vec![],
            provisional: true,
            version: 0,
        },
    })
}

/// Publishes (or replaces) a year's schedule.
pub fn put_year(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    year: i32,
    if_match: Option<i32>,
    req: &PublishYear,
) -> ServiceResult<CalendarYear> {
    actor.require_admin()?;
    domain::dates::check_year(year).map_err(|e| ServiceError::invalid("year", e))?;
    if req.year.is_some_and(|y| y != year) {
        return Err(ServiceError::invalid(
            "year",
            Refusal::of(calendar::YEAR_MISMATCH)
                .arg("body", req.year.unwrap_or(year))
                .arg("path", year),
        ));
    }
    let schedule = YearSchedule::new(
        year,
        req.holidays.iter().copied().collect(),
        req.workdays.iter().copied().collect(),
    )
    .map_err(|e| {
        let field = match e {
            domain::calendar::CalendarError::WorkdayNotWeekend(_) => "workdays",
            _ => "holidays",
        };
        ServiceError::invalid(field, e)
    })?;
    in_tx(conn, |conn| {
        let current = store::calendar::find(conn, year)?;
        check_version(
            "calendar year",
            current.as_ref().map_or(0, |r| r.version),
            if_match,
        )?;
        let row = CalendarYearRow {
            year,
            holidays: dates_json(&schedule.holidays)?,
            workdays: dates_json(&schedule.workdays)?,
            version: current.as_ref().map_or(1, |r| r.version + 1),
            updated_at: env.stamp(),
        };
        if current.is_some() {
            store::calendar::replace(conn, &row)?;
        } else {
            store::calendar::insert(conn, &row)?;
        }
        // Working days moved: so did every running step's yellow and red days.
        let moved = load(conn)?;
        crate::steps::light_dates::refresh_running(conn, &moved)?;
        let by = crate::accounts::audit::name_of(conn, actor)?;
        let detail = format!(
            "{} days off, {} make-up working days, version {}",
            schedule.holidays.len(),
            schedule.workdays.len(),
            row.version
        );
        crate::accounts::audit::record(
            conn,
            env,
            (Some(actor.user_id), &by),
            &actor.origin(),
            "calendar_published",
            &year.to_string(),
            &detail,
        )?;
        get_year(conn, year)
    })
}

pub fn add_working_days(env: &Env, q: &AddWorkingDays) -> ServiceResult<WorkingDay> {
    if q.days > 10_000 {
        return Err(ServiceError::invalid("days", calendar::TOO_MANY_DAYS));
    }
    domain::dates::check_day(q.from).map_err(|e| ServiceError::invalid("from", e))?;
    let date = env.calendar.add_working_days(q.from, q.days);
    Ok(WorkingDay {
        date,
        provisional: env.calendar.is_provisional_span(q.from, date),
    })
}

/// The calendar every use case reads, reloaded when the stored years change.
#[derive(Debug)]
pub struct CalendarCache {
    inner: Mutex<Cached>,
}

#[derive(Debug)]
struct Cached {
    calendar: Arc<WorkCalendar>,
    revision: (i64, Option<i64>),
    checked: Instant,
}

impl CalendarCache {
    pub fn new(conn: &mut DbConn) -> ServiceResult<CalendarCache> {
        let revision = store::calendar::revision(conn)?;
        let calendar = Arc::new(load(conn)?);
        Ok(CalendarCache {
            inner: Mutex::new(Cached {
                calendar,
                revision,
                checked: Instant::now(),
            }),
        })
    }

    /// The current calendar; checks the database at most every few seconds, or now if `force`.
    pub fn current(&self, conn: &mut DbConn, force: bool) -> ServiceResult<Arc<WorkCalendar>> {
        let mut cached = self
            .inner
            .lock()
            .map_err(|_| ServiceError::internal("calendar cache poisoned"))?;
        if force || cached.checked.elapsed() >= RECHECK {
            let revision = store::calendar::revision(conn)?;
            if revision != cached.revision {
                cached.calendar = Arc::new(load(conn)?);
                cached.revision = revision;
            }
            cached.checked = Instant::now();
        }
        Ok(cached.calendar.clone())
    }
}
