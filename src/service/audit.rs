//! The audit log of security events, which admins can read: logins and failed logins,
//! logouts, account and role changes, calendar edits. Never a password or token.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::store::security::NewAudit;
use crate::store::{self, DbConn};

use super::{Actor, Env, ListPage, PageQuery, ServiceResult};

/// Who did it and from where, as the HTTP layer saw it.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub address: String,
}

pub fn record(
    conn: &mut DbConn,
    env: &Env,
    who: (Option<i32>, &str),
    origin: &Origin,
    action: &str,
    target: &str,
    detail: &str,
) -> ServiceResult<()> {
    store::security::audit(
        conn,
        &NewAudit {
            at: env.stamp(),
            user_id: who.0,
            username: who.1,
            action,
            target,
            detail,
            address: &origin.address,
        },
    )?;
    Ok(())
}

/// The user name behind an actor, for the log.
pub fn name_of(conn: &mut DbConn, actor: &Actor) -> ServiceResult<String> {
    Ok(store::users::find(conn, actor.user_id)?
        .map(|u| u.username)
        .unwrap_or_default())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i32,
    pub at: DateTime<Utc>,
    pub user_id: Option<i32>,
    pub username: String,
    /// e.g. `login`, `login_failed`, `login_locked`, `logout`, `user_created`, `user_changed`, `calendar_published`.
    pub action: String,
    pub target: String,
    pub detail: String,
    pub address: String,
}

pub fn list(
    conn: &mut DbConn,
    actor: &Actor,
    page: PageQuery,
) -> ServiceResult<ListPage<AuditEntry>> {
    actor.require_admin()?;
    let (offset, limit) = page.window()?;
    let (rows, total) = store::security::audit_page(conn, offset, limit)?;
    let items = rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at.and_utc(),
            user_id: r.user_id,
            username: r.username,
            action: r.action,
            target: r.target,
            detail: r.detail,
            address: r.address,
        })
        .collect();
    Ok(ListPage { items, total })
}
