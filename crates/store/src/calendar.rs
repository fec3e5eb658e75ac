use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::calendar_years::dsl as c;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = super::schema::calendar_years)]
pub struct CalendarYearRow {
    pub year: i32,
    pub holidays: String,
    pub workdays: String,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<CalendarYearRow>> {
    c::calendar_years
        .order(c::year)
        .select(CalendarYearRow::as_select())
        .load(conn)
}

pub fn find(conn: &mut DbConn, year: i32) -> QueryResult<Option<CalendarYearRow>> {
    c::calendar_years
        .find(year)
        .select(CalendarYearRow::as_select())
        .get_result(conn)
        .optional()
}

/// A fingerprint that changes whenever any year is published or replaced (versions
/// only grow and years are never deleted).
pub fn revision(conn: &mut DbConn) -> QueryResult<(i64, Option<i64>)> {
    c::calendar_years
        .select((diesel::dsl::count_star(), diesel::dsl::sum(c::version)))
        .get_result(conn)
}

pub fn insert(conn: &mut WriteTx, row: &CalendarYearRow) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::insert_into(c::calendar_years)
        .values(row)
        .execute(conn)
}

pub fn replace(conn: &mut WriteTx, row: &CalendarYearRow) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::update(c::calendar_years.find(row.year))
        .set((
            c::holidays.eq(&row.holidays),
            c::workdays.eq(&row.workdays),
            c::version.eq(row.version),
            c::updated_at.eq(row.updated_at),
        ))
        .execute(conn)
}
