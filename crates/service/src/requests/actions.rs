//! Actions on a request (docs/api.md `POST /requests/{id}/actions`): the domain's table says what
//! fits the status and the party; here the request's visibility, its version and the
//! action's own fields are checked. A refusal writes nothing.

use serde::Deserialize;
use utoipa::ToSchema;

use domain::limits::MAX_NOTE;
use domain::request::{
    next_lifecycle, party_may, replay_lifecycle, Party, Rating, RequestAction, RequestLimits,
    RequestTransitionError,
};
use store::requests::{NewRequestEvent, RequestChanges};
use store::{self, Db, DbConn};

use super::reading::{domain_events, read_rows};
use super::{get, visible, RequestView};
use crate::fields::Checks;
use crate::refusal::{requests as code, Refusal};
use crate::versions::{check_version, check_written};
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRequest {
    /// `accept`, `hand_over`, `reply`, `wait_enterprise`, `resolve`, `note` (staff);
    /// `reply`, `rate`, `reopen` (the enterprise).
    pub action: String,
    /// The reply, the question to the enterprise, the answer, the note.
    pub text: Option<String>,
    /// `hand_over`: the agency's name or short name.
    pub agency: Option<String>,
    /// `rate`: `satisfied`, `basically_satisfied`, `dissatisfied`.
    pub rating: Option<String>,
}

fn needs_text(a: RequestAction) -> bool {
    matches!(
        a,
        RequestAction::Reply
            | RequestAction::WaitEnterprise
            | RequestAction::Resolve
            | RequestAction::Note
            | RequestAction::Reopen
    )
}

/// Checks the action's fields; returns the action, its rating and its agency.
fn check_fields(
    conn: &mut DbConn,
    req: &ActionRequest,
) -> ServiceResult<(RequestAction, Option<Rating>, Option<i32>)> {
    let mut checks = Checks::default();
    let action = RequestAction::parse(&req.action)
        .filter(|a| !matches!(a, RequestAction::File | RequestAction::Close));
    let Some(action) = action else {
        return Err(ServiceError::invalid(
            "action",
            crate::refusal::requests::NOT_A_REQUEST_ACTION,
        ));
    };
    match req.text.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => checks.text("text", t, MAX_NOTE),
        _ if needs_text(action) => checks.fail("text", crate::refusal::requests::WRITE_SOMETHING),
        _ => {}
    }
    let rating = match (action, req.rating.as_deref()) {
        (RequestAction::Rate, Some(r)) => Rating::parse(r).or_else(|| {
            checks.fail("rating", crate::refusal::requests::CHOOSE_RATING);
            None
        }),
        (RequestAction::Rate, None) => {
            checks.fail("rating", crate::refusal::requests::CHOOSE_RATING);
            None
        }
        (_, Some(_)) => {
            checks.fail("rating", crate::refusal::requests::RATING_ONLY_ON_RATE);
            None
        }
        (_, None) => None,
    };
    let agency = match (action, req.agency.as_deref().map(str::trim)) {
        (RequestAction::HandOver, Some(name)) if !name.is_empty() => {
            let found = store::agencies::all(conn)?
                .into_iter()
                .find(|a| a.name == name || a.short_name == name);
            if found.is_none() {
                checks.fail(
                    "agency",
                    crate::refusal::Refusal::of(crate::refusal::requests::NO_SUCH_AGENCY)
                        .arg("name", name),
                );
            }
            found.map(|a| a.id)
        }
        (RequestAction::HandOver, _) => {
            checks.fail("agency", crate::refusal::requests::NAME_AGENCY);
            None
        }
        (_, Some(_)) => {
            checks.fail("agency", crate::refusal::requests::AGENCY_ONLY_ON_HAND_OVER);
            None
        }
        (_, None) => None,
    };
    checks.into_result()?;
    Ok((action, rating, agency))
}

fn refusal(e: RequestTransitionError) -> ServiceError {
    match e {
        RequestTransitionError::Party { by, action } => ServiceError::forbidden(
            Refusal::of(code::PARTY_MAY_NOT)
                .arg("party", by)
                .arg("action", action),
        ),
        RequestTransitionError::Status { from, action } => ServiceError::conflict(
            Refusal::of(code::REQUEST_TRANSITION_NOT_ALLOWED)
                .arg("action", action)
                .arg("status", from),
        ),
    }
}

pub fn act(
    db: &mut Db,
    env: &Env,
    limits: &RequestLimits,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
    req: &ActionRequest,
) -> ServiceResult<RequestView> {
    in_tx(db, |tx| {
        let conn: &mut DbConn = tx;
        let row = visible(conn, actor, id)?;
        let party = if actor.role.is_staff() {
            Party::Staff
        } else {
            Party::Enterprise
        };
        let (action, rating, agency_id) = check_fields(conn, req)?;
        // Who may act comes before the state: a refusal the caller cannot lift by retrying.
        if !party_may(party, action) {
            return Err(refusal(RequestTransitionError::Party { by: party, action }));
        }
        check_version("request", row.version, if_match)?;
        let version = row.version;
        let read = read_rows(conn, env, limits, vec![row], env.now)?;
        let Some(current) = read.into_iter().next() else {
            return Err(ServiceError::NotFound("request"));
        };
        let domain_events = domain_events(env, &current.events)?;
        let life = replay_lifecycle(&domain_events).map_err(|e| {
            ServiceError::internal(format!("request {id} has a history that does not fit: {e}"))
        })?;
        let next = next_lifecycle(life, party, action, rating).map_err(refusal)?;
        let stamp = env.stamp();
        let text = req.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        store::requests::insert_event(
            tx,
            &NewRequestEvent {
                request_id: id,
                user_id: Some(actor.user_id),
                party: party.as_str(),
                action: action.as_str(),
                body: text,
                agency_id,
                rating: rating.map(Rating::as_str),
                internal: action == RequestAction::Note,
                at: stamp,
                happened_on: env.today,
            },
        )?;
        let rating = match action {
            RequestAction::Rate => Some(rating.map(Rating::as_str)),
            RequestAction::Reopen => Some(Some(Rating::Dissatisfied.as_str())),
            _ => None,
        };
        let changes = RequestChanges {
            status: next.status.as_str(),
            // Whoever accepts owns it; the liaison stays the owner through a hand-over.
            liaison_id: (action == RequestAction::Accept).then_some(Some(actor.user_id)),
            agency_id: agency_id.map(Some),
            rating,
            version: version + 1,
            updated_at: stamp,
        };
        let written = store::requests::update(tx, id, version, &changes)?;
        check_written("request", written, version)?;
        get(tx, env, limits, actor, id)
    })
}

/// The actions this actor may take on a request in this status (for a form's choices).
pub fn actions_open_to(actor: &Actor, status: domain::request::RequestStatus) -> Vec<&'static str> {
    use domain::request::{Lifecycle, RequestStatus};
    let party = if actor.role.is_staff() {
        Party::Staff
    } else {
        Party::Enterprise
    };
    let now = Lifecycle {
        status,
        resume_to: RequestStatus::Accepted,
    };
    RequestAction::ALL
        .iter()
        .filter(|a| !matches!(a, RequestAction::File | RequestAction::Close))
        .filter(|a| next_lifecycle(now, party, **a, Some(Rating::Satisfied)).is_ok())
        .map(|a| a.as_str())
        .collect()
}
