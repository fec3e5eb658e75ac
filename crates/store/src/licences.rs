use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::schema::licence_reminders::dsl as r;
use super::schema::licences::dsl as l;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::licences)]
pub struct LicenceRow {
    pub id: i32,
    pub enterprise_id: i32,
    pub project_id: Option<i32>,
    pub kind: String,
    pub number: String,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::licences)]
pub struct NewLicence<'a> {
    pub enterprise_id: i32,
    pub project_id: Option<i32>,
    pub kind: &'a str,
    pub number: &'a str,
    pub issued_on: NaiveDate,
    pub expires_on: NaiveDate,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut WriteTx, new: &NewLicence) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, l::licences, new, l::id)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<LicenceRow>> {
    l::licences
        .find(id)
        .select(LicenceRow::as_select())
        .get_result(conn)
        .optional()
}

pub fn page(
    conn: &mut DbConn,
    enterprise_id: Option<i32>,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<LicenceRow>, i64)> {
    let build = || {
        let mut q = l::licences.into_boxed();
        if let Some(e) = enterprise_id {
            q = q.filter(l::enterprise_id.eq(e));
        }
        q
    };
    let total = build().count().get_result(conn)?;
    let rows = build()
        .order(l::expires_on)
        .offset(offset)
        .limit(limit)
        .select(LicenceRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = super::schema::licences)]
pub struct LicenceChanges<'a> {
    pub project_id: Option<Option<i32>>,
    pub kind: Option<&'a str>,
    pub number: Option<&'a str>,
    pub issued_on: Option<NaiveDate>,
    pub expires_on: Option<NaiveDate>,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

pub fn update(
    conn: &mut WriteTx,
    id: i32,
    expected: i32,
    ch: &LicenceChanges,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(l::licences.filter(l::id.eq(id).and(l::version.eq(expected))))
        .set(ch)
        .execute(conn)?;
    Ok(n == 1)
}

/// Licences expiring between the two days (inclusive).
pub fn expiring(conn: &mut DbConn, from: NaiveDate, to: NaiveDate) -> QueryResult<Vec<LicenceRow>> {
    l::licences
        .filter(l::expires_on.ge(from).and(l::expires_on.le(to)))
        .order(l::id)
        .select(LicenceRow::as_select())
        .load(conn)
}

/// The thresholds (days before) already reminded for this licence's current expiry.
pub fn reminded(
    conn: &mut DbConn,
    licence_id: i32,
    expires_on: NaiveDate,
) -> QueryResult<Vec<i32>> {
    r::licence_reminders
        .filter(
            r::licence_id
                .eq(licence_id)
                .and(r::expires_on.eq(expires_on)),
        )
        .select(r::days_before)
        .load(conn)
}

/// Records a reminder threshold as reached; 0 if it was already.
pub fn record_reminder(
    conn: &mut WriteTx,
    licence_id: i32,
    expires_on: NaiveDate,
    days_before: i32,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    let row = (
        r::licence_id.eq(licence_id),
        r::expires_on.eq(expires_on),
        r::days_before.eq(days_before),
        r::reminded_at.eq(now),
    );
    crate::insert_or_nothing!(conn, r::licence_reminders, row)
}
