//! The audit log of security events, which admins can read: logins and failed logins,
//! logouts, account and role changes, calendar edits. Never a password or token.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use store::security::{AuditFilter, NewAudit};
use store::{self, DbConn, WriteTx};

use crate::fields::Checks;
use crate::refusal::{fields, lists};
use crate::{Actor, Env, ListPage, PageQuery, ServiceResult};

/// Who did it and from where, as the HTTP layer saw it.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub address: String,
}

pub fn record(
    conn: &mut WriteTx,
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

/// The actions the log records (a filter names one of them).
pub const ACTIONS: &[&str] = &[
    "login",
    "login_failed",
    "login_locked",
    "logout",
    "password_changed",
    "password_change_failed",
    "user_created",
    "user_changed",
    "liaison_handover",
    "calendar_published",
    "route_template_saved",
    "agency_created",
    "agency_changed",
    "targets_set",
    "chat_robot_added",
    "chat_robot_changed",
    "chat_robot_removed",
    "event_withdrawn",
];

#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// One of the recorded actions, e.g. `login_failed`.
    pub action: Option<String>,
    /// The user name, exactly.
    pub username: Option<String>,
    /// First day (`YYYY-MM-DD`, UTC), inclusive.
    pub from: Option<String>,
    /// Last day (`YYYY-MM-DD`, UTC), inclusive.
    pub to: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

fn day(checks: &mut Checks, field: &str, v: &Option<String>) -> Option<NaiveDate> {
    let v = v.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
    match v.parse::<NaiveDate>() {
        Ok(d) => Some(d),
        Err(_) => {
            checks.fail(field, lists::AUDIT_DAY);
            None
        }
    }
}

/// The store's filter for a query, every field checked.
fn filter_of(q: &AuditQuery) -> ServiceResult<AuditFilter> {
    let mut checks = Checks::default();
    let action = q.action.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if action.is_some_and(|a| !ACTIONS.contains(&a)) {
        checks.fail("action", lists::AUDIT_ACTION);
    }
    let from = day(&mut checks, "from", &q.from);
    let to = day(&mut checks, "to", &q.to);
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            checks.fail("to", fields::TO_BEFORE_FROM);
        }
    }
    checks.into_result()?;
    Ok(AuditFilter {
        action: action.map(str::to_string),
        username: q
            .username
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string),
        from: from.and_then(|d| d.and_hms_opt(0, 0, 0)),
        until: to
            .and_then(|d| d.succ_opt())
            .and_then(|d| d.and_hms_opt(0, 0, 0)),
    })
}

pub fn list(
    conn: &mut DbConn,
    actor: &Actor,
    q: &AuditQuery,
) -> ServiceResult<ListPage<AuditEntry>> {
    actor.require_admin()?;
    let (offset, limit) = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .window()?;
    let filter = filter_of(q)?;
    let (rows, total) = store::security::audit_page(conn, &filter, offset, limit)?;
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
