//! A liaison leaving the role or disabled hands their running projects and open requests
//! to a successor, in the same transaction as the change; without one the change is
//! refused, so no project (a red one least of all) is left without its liaison.

use serde::Serialize;
use utoipa::ToSchema;

use domain::request::{Party, RequestAction};
use store::handovers::{self, NewHandover};
use store::requests::NewRequestEvent;
use store::rows::UserRow;
use store::{self, DbConn, WriteTx};

use crate::accounts::audit;
use crate::fields::Checks;
use crate::refusal::{handover, Refusal};
use crate::{Actor, Env, Role, ServiceError, ServiceResult};

/// One project or request a liaison holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Held {
    pub id: i32,
    pub name: String,
}

/// What a liaison would leave behind.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Holdings {
    /// Running (not archived) projects they are a liaison of.
    pub projects: Vec<Held>,
    /// Requests they own that are not closed.
    pub requests: Vec<Held>,
}

impl Holdings {
    pub fn is_empty(&self) -> bool {
        self.projects.is_empty() && self.requests.is_empty()
    }
}

fn held(rows: Vec<(i32, String)>) -> Vec<Held> {
    rows.into_iter()
        .map(|(id, name)| Held { id, name })
        .collect()
}

pub fn holdings_of(conn: &mut DbConn, user_id: i32) -> ServiceResult<Holdings> {
    Ok(Holdings {
        projects: held(handovers::held_projects(conn, user_id)?),
        requests: held(handovers::held_requests(conn, user_id)?),
    })
}

/// What a user holds, for the admin choosing a successor.
pub fn holdings(conn: &mut DbConn, actor: &Actor, user_id: i32) -> ServiceResult<Holdings> {
    actor.require_admin()?;
    holdings_of(conn, user_id)
}

/// The active liaisons who could take over from `user_id`: (id, display name), by name.
pub fn candidates(
    conn: &mut DbConn,
    actor: &Actor,
    user_id: i32,
) -> ServiceResult<Vec<(i32, String)>> {
    actor.require_admin()?;
    Ok(store::users::active_with_role(conn, Role::Liaison)?
        .into_iter()
        .filter(|u| u.id != user_id)
        .map(|u| (u.id, format!("{}（{}）", u.display_name, u.username)))
        .collect())
}

/// A named successor must be another active liaison.
pub fn check_successor(
    conn: &mut DbConn,
    checks: &mut Checks,
    user_id: i32,
    successor: Option<i32>,
) -> ServiceResult<()> {
    let Some(s) = successor else { return Ok(()) };
    let fit = s != user_id
        && store::users::find(conn, s)?.is_some_and(|u| u.active && u.role == Role::Liaison);
    if !fit {
        checks.fail("successor_id", handover::SUCCESSOR_NOT_LIAISON);
    }
    Ok(())
}

/// "#3 name; #5 name".
fn listed(items: &[Held]) -> String {
    items
        .iter()
        .map(|h| format!("#{} {}", h.id, h.name))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The refusal naming what the liaison holds (409).
pub fn refusal(h: &Holdings) -> ServiceError {
    let mut items = h.projects.clone();
    items.extend(h.requests.iter().cloned());
    ServiceError::conflict(
        Refusal::of(handover::LIAISON_HOLDS_WORK)
            .arg("projects", h.projects.len())
            .arg("requests", h.requests.len())
            .arg("held", listed(&items)),
    )
}

/// Moves what `leaving` holds to `successor`, records each move for the successor's
/// digest and the requests' histories, and audits it. Returns the audit's summary.
pub fn hand_over(
    tx: &mut WriteTx,
    env: &Env,
    actor: &Actor,
    leaving: &UserRow,
    successor: i32,
    h: &Holdings,
) -> ServiceResult<String> {
    let to = store::users::find(tx, successor)?.ok_or(ServiceError::NotFound("user"))?;
    let at = env.stamp();
    let project_ids: Vec<i32> = h.projects.iter().map(|p| p.id).collect();
    let request_ids: Vec<i32> = h.requests.iter().map(|r| r.id).collect();
    handovers::move_projects(tx, leaving.id, successor, &project_ids, at)?;
    handovers::move_requests(tx, successor, &request_ids, at)?;
    let note = format!(
        "联络人由 {} 移交给 {} / liaison handed over from {} to {}",
        leaving.display_name, to.display_name, leaving.display_name, to.display_name
    );
    for &request_id in &request_ids {
        // A staff note: the enterprise's view of its request does not change.
        store::requests::insert_event(
            tx,
            &NewRequestEvent {
                request_id,
                user_id: Some(actor.user_id),
                party: Party::Staff.as_str(),
                action: RequestAction::Note.as_str(),
                body: Some(&note),
                agency_id: None,
                rating: None,
                internal: true,
                at,
                happened_on: env.today,
            },
        )?;
    }
    let rows = project_ids
        .iter()
        .map(|&p| (Some(p), None))
        .chain(request_ids.iter().map(|&r| (None, Some(r))));
    for (project_id, request_id) in rows {
        handovers::record(
            tx,
            &NewHandover {
                from_user_id: leaving.id,
                to_user_id: successor,
                project_id,
                request_id,
                at,
            },
        )?;
    }
    let detail = format!(
        "{} → {}: projects {}; requests {}",
        leaving.username,
        to.username,
        listed(&h.projects),
        listed(&h.requests)
    );
    let by = audit::name_of(tx, actor)?;
    audit::record(
        tx,
        env,
        (Some(actor.user_id), &by),
        &actor.origin(),
        "liaison_handover",
        &leaving.username,
        &detail,
    )?;
    Ok(format!(
        "handed {} projects and {} requests to {}",
        h.projects.len(),
        h.requests.len(),
        to.username
    ))
}
