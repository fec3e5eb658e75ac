use diesel::prelude::*;

use super::rows::{NewProject, ProjectRow};
use super::schema::project_liaisons::dsl as pl;
use super::schema::projects::dsl as p;
use super::{DbConn, WriteTx};

pub fn insert(conn: &mut WriteTx, new: &NewProject) -> QueryResult<i32> {
    let conn: &mut DbConn = conn;
    crate::insert_returning_id!(conn, p::projects, new, p::id)
}

pub fn find(conn: &mut DbConn, id: i32) -> QueryResult<Option<ProjectRow>> {
    p::projects
        .find(id)
        .select(ProjectRow::as_select())
        .get_result(conn)
        .optional()
}

/// Takes the project's write lock for the rest of the transaction (a row lock on
/// PostgreSQL, the database write lock on SQLite) before anything is read, so that
/// concurrent edits of one project queue instead of interleaving. False if absent.
pub fn lock(conn: &mut WriteTx, id: i32) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    // The lock is a write that counts: every change to the project moves its revision.
    let n = BumpRevision { id }.execute(conn)?;
    Ok(n == 1)
}

/// [`lock`], and the project row as the lock left it: one round trip on PostgreSQL
/// (`UPDATE … RETURNING`), two statements in-process on SQLite. `None` if absent.
pub fn lock_and_find(conn: &mut WriteTx, id: i32) -> QueryResult<Option<ProjectRow>> {
    let conn: &mut DbConn = conn;
    match conn {
        DbConn::Pg(c) => diesel::update(p::projects.find(id))
            .set(p::revision.eq(p::revision + 1))
            .returning(ProjectRow::as_returning())
            .get_result(c)
            .optional(),
        DbConn::Sqlite(_) => match (BumpRevision { id }).execute(conn)? {
            1 => find(conn, id),
            _ => Ok(None),
        },
    }
}

crate::static_sql! {
    /// The lock's write, as static SQL so its prepared statement is cached.
    struct BumpRevision { id: i32 }
    "UPDATE projects SET revision = revision + 1 WHERE id = " (id: Integer) ""
}

/// Which projects a list shows.
#[derive(Debug, Default, Clone)]
pub struct ProjectFilter {
    pub enterprise_id: Option<i32>,
    pub liaison_id: Option<i32>,
    pub q: Option<String>,
    /// The route template's key it was created from.
    pub template_key: Option<String>,
    pub include_archived: bool,
    /// Projects whose worst light on the day is this (from the steps' stored dates).
    pub light: Option<(LightFilter, chrono::NaiveDate)>,
    /// With (`true`) or without a step paused since the cutoff day or earlier.
    pub stalled: Option<(bool, chrono::NaiveDate)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LightFilter {
    Red,
    Yellow,
    Green,
}

type BoxedProjects<'a> = super::schema::projects::BoxedQuery<'a, super::MultiBackend>;

fn filtered<'a>(f: &'a ProjectFilter) -> BoxedProjects<'a> {
    let mut q = p::projects.into_boxed();
    if let Some(e) = f.enterprise_id {
        q = q.filter(p::enterprise_id.eq(e));
    }
    if let Some(l) = f.liaison_id {
        let assigned = pl::project_liaisons
            .filter(pl::user_id.eq(l))
            .select(pl::project_id);
        q = q.filter(p::id.eq_any(assigned));
    }
    if let Some(text) = &f.q {
        // The name, or the 统一项目代码 (kept beside the project in `project_landing`).
        let pattern = format!("%{}%", escape_like(text));
        let coded = super::schema::project_landing::dsl::project_landing
            .filter(
                super::schema::project_landing::dsl::project_code
                    .like(pattern.clone())
                    .escape('\\'),
            )
            .select(super::schema::project_landing::dsl::project_id);
        q = q.filter(p::name.like(pattern).escape('\\').or(p::id.eq_any(coded)));
    }
    if let Some(key) = &f.template_key {
        q = q.filter(p::template_key.eq(key));
    }
    if !f.include_archived {
        q = q.filter(p::archived.eq(false));
    }
    // A project's light dates are its steps' earliest (kept by `service::light_dates`).
    if let Some((light, day)) = f.light {
        let not_red = || p::red_on.is_null().or(p::red_on.gt(day));
        let not_yellow = || p::yellow_on.is_null().or(p::yellow_on.gt(day));
        q = match light {
            LightFilter::Red => q.filter(p::red_on.le(day)),
            LightFilter::Yellow => q.filter(p::yellow_on.le(day)).filter(not_red()),
            LightFilter::Green => q
                .filter(p::in_review.eq(true))
                .filter(not_yellow())
                .filter(not_red()),
        };
    }
    if let Some((wanted, cutoff)) = f.stalled {
        q = if wanted {
            q.filter(p::paused_since.le(cutoff))
        } else {
            q.filter(p::paused_since.is_null().or(p::paused_since.gt(cutoff)))
        };
    }
    q
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Every project the filter selects, newest first.
pub fn all(conn: &mut DbConn, f: &ProjectFilter) -> QueryResult<Vec<ProjectRow>> {
    filtered(f)
        .order(p::id.desc())
        .select(ProjectRow::as_select())
        .load(conn)
}

/// The id and revision of every project the filter selects, newest first: what a kept
/// view of each is checked against (one narrow row each, not the project).
pub fn revisions(conn: &mut DbConn, f: &ProjectFilter) -> QueryResult<Vec<(i32, i32)>> {
    filtered(f)
        .order(p::id.desc())
        .select((p::id, p::revision))
        .load(conn)
}

/// The projects with these ids, in id order.
pub fn with_ids(conn: &mut DbConn, ids: &[i32]) -> QueryResult<Vec<ProjectRow>> {
    p::projects
        .filter(p::id.eq_any(ids))
        .order(p::id)
        .select(ProjectRow::as_select())
        .load(conn)
}

/// One page of the projects the filter selects, newest first, and their total.
pub fn page(
    conn: &mut DbConn,
    f: &ProjectFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<ProjectRow>, i64)> {
    let total = filtered(f).count().get_result(conn)?;
    let rows = filtered(f)
        .order(p::id.desc())
        .offset(offset)
        .limit(limit)
        .select(ProjectRow::as_select())
        .load(conn)?;
    Ok((rows, total))
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = super::schema::projects)]
pub struct ProjectChanges<'a> {
    pub name: Option<&'a str>,
    pub start_date: Option<chrono::NaiveDate>,
    pub city: Option<Option<&'a str>>,
    pub investment_cny: Option<Option<i64>>,
    pub archived: Option<bool>,
    pub version: i32,
    pub updated_at: chrono::NaiveDateTime,
}

pub fn update(
    conn: &mut WriteTx,
    id: i32,
    expected: i32,
    ch: &ProjectChanges,
) -> QueryResult<bool> {
    let conn: &mut DbConn = conn;
    let n = diesel::update(p::projects.filter(p::id.eq(id).and(p::version.eq(expected))))
        .set(ch)
        .execute(conn)?;
    Ok(n == 1)
}

/// The name of each of the given projects (those that exist).
pub fn names_of(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<(i32, String)>> {
    let mut found = Vec::new();
    // In chunks, under the backends' limit on bound parameters.
    for chunk in project_ids.chunks(super::MANY.max(1)) {
        found.extend(
            p::projects
                .filter(p::id.eq_any(chunk))
                .select((p::id, p::name))
                .load::<(i32, String)>(conn)?,
        );
    }
    Ok(found)
}

/// Liaison ids of each of the given projects.
pub fn liaisons_of(conn: &mut DbConn, project_ids: &[i32]) -> QueryResult<Vec<(i32, i32)>> {
    // Static SQL for one project, so the prepared statement is cached.
    if let [id] = project_ids {
        return pl::project_liaisons
            .filter(pl::project_id.eq(*id))
            .order(pl::user_id)
            .select((pl::project_id, pl::user_id))
            .load(conn);
    }
    if project_ids.len() > super::MANY {
        let wanted: std::collections::HashSet<i32> = project_ids.iter().copied().collect();
        let mut all: Vec<(i32, i32)> = pl::project_liaisons
            .order((pl::project_id, pl::user_id))
            .select((pl::project_id, pl::user_id))
            .load(conn)?;
        all.retain(|(p, _)| wanted.contains(p));
        return Ok(all);
    }
    pl::project_liaisons
        .filter(pl::project_id.eq_any(project_ids))
        .order((pl::project_id, pl::user_id))
        .select((pl::project_id, pl::user_id))
        .load(conn)
}

/// Takes a user off every project they are a liaison of; the projects' ids. Each project
/// changed: its revision moves (no cached view keeps the liaison) and so does its version
/// (an edit made on the old one is refused, not applied over the change).
pub fn remove_liaison_everywhere(
    conn: &mut WriteTx,
    user_id: i32,
    at: chrono::NaiveDateTime,
) -> QueryResult<Vec<i32>> {
    let ids: Vec<i32> = pl::project_liaisons
        .filter(pl::user_id.eq(user_id))
        .order(pl::project_id)
        .select(pl::project_id)
        .load(&mut **conn)?;
    for &id in &ids {
        lock(conn, id)?;
    }
    diesel::update(p::projects.filter(p::id.eq_any(&ids)))
        .set((p::version.eq(p::version + 1), p::updated_at.eq(at)))
        .execute(&mut **conn)?;
    diesel::delete(pl::project_liaisons.filter(pl::user_id.eq(user_id))).execute(&mut **conn)?;
    Ok(ids)
}

pub fn set_liaisons(conn: &mut WriteTx, project_id: i32, user_ids: &[i32]) -> QueryResult<()> {
    let conn: &mut DbConn = conn;
    diesel::delete(pl::project_liaisons.filter(pl::project_id.eq(project_id))).execute(conn)?;
    for uid in user_ids {
        diesel::insert_into(pl::project_liaisons)
            .values((pl::project_id.eq(project_id), pl::user_id.eq(uid)))
            .execute(conn)?;
    }
    Ok(())
}
