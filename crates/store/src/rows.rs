//! Rows as stored. Plain data; the service layer turns them into views.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use domain::{Action, Role, StepStatus};

use super::schema::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = enterprises)]
pub struct EnterpriseRow {
    pub id: i32,
    pub name: String,
    pub credit_code: String,
    pub contact_name: String,
    pub contact_email: String,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = enterprises)]
pub struct NewEnterprise<'a> {
    pub name: &'a str,
    pub credit_code: &'a str,
    pub contact_name: &'a str,
    pub contact_email: &'a str,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub email: String,
    /// Typed here, so an unknown word in the column is an error, never a default.
    #[diesel(deserialize_as = String)]
    pub role: Role,
    pub enterprise_id: Option<i32>,
    pub password_hash: String,
    pub active: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub phone: Option<String>,
    /// For chat robots' mentions.
    pub mobile: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub enterprise_id: Option<i32>,
    pub password_hash: &'a str,
    pub active: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub phone: Option<&'a str>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = sessions)]
pub struct NewSession<'a> {
    pub user_id: i32,
    pub token_hash: &'a str,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = projects)]
pub struct ProjectRow {
    pub id: i32,
    pub name: String,
    pub enterprise_id: i32,
    pub template_key: Option<String>,
    pub start_date: NaiveDate,
    pub city: Option<String>,
    pub investment_cny: Option<i64>,
    pub archived: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    /// The earliest light dates of its steps (see `store::light_dates`).
    pub in_review: bool,
    pub yellow_on: Option<NaiveDate>,
    pub red_on: Option<NaiveDate>,
    pub paused_since: Option<NaiveDate>,
    /// Bumped by every write under the project's lock (see `store::projects::lock`).
    pub revision: i32,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = projects)]
pub struct NewProject<'a> {
    pub name: &'a str,
    pub enterprise_id: i32,
    pub template_key: Option<&'a str>,
    pub start_date: NaiveDate,
    pub city: Option<&'a str>,
    pub investment_cny: Option<i64>,
    pub archived: bool,
    pub version: i32,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = steps)]
pub struct StepRow {
    pub id: i32,
    pub project_id: i32,
    pub key: String,
    pub name: String,
    /// The agency's current name, read through `agency_id` (steps join agencies).
    #[diesel(select_expression = super::schema::agencies::name)]
    pub agency: String,
    pub agency_id: i32,
    /// The step's agency leads it (牵头): one window for a joint review.
    pub lead: bool,
    pub stage: String,
    pub statutory_days: i32,
    pub promised_days: Option<i32>,
    pub position: i32,
    #[diesel(deserialize_as = String)]
    pub status: StepStatus,
    pub accepted_on: Option<NaiveDate>,
    pub finished_on: Option<NaiveDate>,
    pub version: i32,
    // Not `updated_at`: nothing reads it, and a zone's report parsed 150,000 of them.
    /// Its light dates (see `store::light_dates`).
    pub yellow_on: Option<NaiveDate>,
    pub red_on: Option<NaiveDate>,
    pub paused_since: Option<NaiveDate>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = steps)]
pub struct NewStep<'a> {
    pub project_id: i32,
    pub key: &'a str,
    pub name: &'a str,
    pub agency_id: i32,
    pub lead: bool,
    pub stage: &'a str,
    pub statutory_days: i32,
    pub promised_days: Option<i32>,
    pub position: i32,
    pub status: &'a str,
    pub version: i32,
    pub updated_at: NaiveDateTime,
}

#[derive(Debug, Clone, Copy, Queryable, Selectable, Insertable)]
#[diesel(table_name = step_dependencies)]
pub struct DependencyRow {
    pub project_id: i32,
    pub from_step_id: i32,
    pub to_step_id: i32,
}

/// An event as the clocks and lights read it: no note, no timestamps to parse (views of a
/// whole zone read a quarter of a million of these).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = step_events)]
pub struct ClockEventRow {
    pub id: i32,
    pub step_id: i32,
    #[diesel(deserialize_as = String)]
    pub action: Action,
    pub on_date: NaiveDate,
}

/// An event as a project's page orders, pauses and pages its history: the clock's facts
/// and whether it was withdrawn, all held by the project's index (no table row read).
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = step_events)]
pub struct EventFactRow {
    pub id: i32,
    pub step_id: i32,
    #[diesel(deserialize_as = String)]
    pub action: Action,
    pub on_date: NaiveDate,
    #[diesel(column_name = withdrawn_at)]
    pub withdrawn: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = step_events)]
pub struct EventRow {
    pub id: i32,
    pub step_id: i32,
    pub project_id: i32,
    pub user_id: i32,
    #[diesel(deserialize_as = String)]
    pub action: Action,
    pub on_date: NaiveDate,
    pub recorded_at: NaiveDateTime,
    pub note: Option<String>,
    pub accepted_with_missing: bool,
    pub by_commitment: bool,
    pub notice: Option<String>,
    /// Withdrawn (撤销): when, by whom and why; the clocks never read such an event.
    pub withdrawn_at: Option<NaiveDateTime>,
    pub withdrawn_by: Option<i32>,
    pub withdraw_reason: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = step_events)]
pub struct NewEvent<'a> {
    pub step_id: i32,
    pub project_id: i32,
    pub user_id: i32,
    pub action: &'a str,
    pub on_date: NaiveDate,
    pub recorded_at: NaiveDateTime,
    pub note: Option<&'a str>,
    pub accepted_with_missing: bool,
    pub by_commitment: bool,
    pub notice: Option<&'a str>,
}
