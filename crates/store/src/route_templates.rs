//! Route templates' version rows: the highest version of a key is its current template.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::route_template_versions::dsl as r;
use super::{DbConn, WriteTx};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = super::schema::route_template_versions)]
pub struct TemplateVersionRow {
    pub id: i32,
    pub template_key: String,
    pub version: i32,
    pub name: String,
    /// The steps as JSON (`Vec<StepSpecInput>`).
    pub steps: String,
    pub saved_by: Option<i32>,
    pub saved_by_name: String,
    pub saved_at: NaiveDateTime,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = super::schema::route_template_versions)]
pub struct NewTemplateVersion<'a> {
    pub template_key: &'a str,
    pub version: i32,
    pub name: &'a str,
    pub steps: &'a str,
    pub saved_by: Option<i32>,
    pub saved_by_name: &'a str,
    pub saved_at: NaiveDateTime,
}

pub fn insert(conn: &mut WriteTx, new: &NewTemplateVersion) -> QueryResult<usize> {
    let conn: &mut DbConn = conn;
    diesel::insert_into(r::route_template_versions)
        .values(new)
        .execute(conn)
}

/// The current version of every template, in key order.
pub fn current_all(conn: &mut DbConn) -> QueryResult<Vec<TemplateVersionRow>> {
    let rows = r::route_template_versions
        .order((r::template_key, r::version.desc()))
        .select(TemplateVersionRow::as_select())
        .load(conn)?;
    let mut current: Vec<TemplateVersionRow> = Vec::new();
    for row in rows {
        if current.last().map(|c| &c.template_key) != Some(&row.template_key) {
            current.push(row);
        }
    }
    Ok(current)
}

/// Every version of one template, newest first.
pub fn history(conn: &mut DbConn, key: &str) -> QueryResult<Vec<TemplateVersionRow>> {
    r::route_template_versions
        .filter(r::template_key.eq(key))
        .order(r::version.desc())
        .select(TemplateVersionRow::as_select())
        .load(conn)
}

pub fn current(conn: &mut DbConn, key: &str) -> QueryResult<Option<TemplateVersionRow>> {
    r::route_template_versions
        .filter(r::template_key.eq(key))
        .order(r::version.desc())
        .select(TemplateVersionRow::as_select())
        .first(conn)
        .optional()
}
