//! Requests as answered: the list's brief form and the page's full form with its history.
//! An enterprise user's history never holds a staff note.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use domain::request::{RequestAction, RequestStatus};
use store::{self, DbConn};

use super::{utc, ReadRequest};
use crate::{Actor, Env, ServiceResult};

/// A request with its clocks (`history` only when one request is read).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RequestView {
    pub id: i32,
    pub enterprise_id: i32,
    pub enterprise_name: String,
    pub project_id: Option<i32>,
    pub title: String,
    pub text: String,
    pub category: String,
    pub channel: String,
    pub urgent: bool,
    #[schema(value_type = String, example = "accepted")]
    pub status: RequestStatus,
    /// The liaison who owns it.
    pub liaison_id: Option<i32>,
    pub liaison_name: Option<String>,
    /// The agency it was last handed to (交办).
    pub agency: Option<String>,
    pub rating: Option<String>,
    pub filed_at: DateTime<Utc>,
    pub filed_on: NaiveDate,
    /// End of the first-reply limit: an instant for urgent requests, else this day's end.
    pub reply_due_at: Option<DateTime<Utc>>,
    pub reply_due_on: NaiveDate,
    /// Urgent requests: the reply's deadline as the zone's clock reads it (`HH:MM`).
    pub reply_due_time: Option<String>,
    pub first_reply_at: Option<DateTime<Utc>>,
    pub replied_within_limit: bool,
    pub resolve_due_on: NaiveDate,
    /// Working days used of the resolution limit (pauses excluded) and paused.
    pub used_days: u32,
    pub paused_days: u32,
    pub resolved_on: Option<NaiveDate>,
    pub resolved_within_limit: Option<bool>,
    /// The last day the enterprise may rate a resolved request.
    pub rate_by: Option<NaiveDate>,
    /// `green`, `yellow`, `red`; none once resolved or while waiting on the enterprise.
    pub light: Option<String>,
    pub overdue: bool,
    pub provisional: bool,
    pub version: i32,
    pub history: Option<Vec<EntryView>>,
}

/// One entry of a request's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntryView {
    pub id: i32,
    pub action: String,
    /// `staff`, `enterprise` or `system`.
    pub party: String,
    pub user_id: Option<i32>,
    pub user_name: Option<String>,
    pub text: Option<String>,
    pub agency: Option<String>,
    pub rating: Option<String>,
    /// A staff note: never shown to the enterprise.
    pub internal: bool,
    pub at: DateTime<Utc>,
    pub on: NaiveDate,
}

struct Names {
    tz: chrono_tz::Tz,
    users: HashMap<i32, String>,
    agencies: HashMap<i32, String>,
    enterprises: HashMap<i32, String>,
}

fn names(conn: &mut DbConn, env: &Env, read: &[ReadRequest]) -> ServiceResult<Names> {
    let mut user_ids: Vec<i32> = read
        .iter()
        .flat_map(|r| {
            r.events
                .iter()
                .filter_map(|e| e.user_id)
                .chain(r.row.liaison_id)
        })
        .collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let users = store::users::find_many(conn, &user_ids)?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let agencies = store::agencies::all(conn)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut enterprises = HashMap::new();
    for r in read {
        if let std::collections::hash_map::Entry::Vacant(v) = enterprises.entry(r.row.enterprise_id)
        {
            let name = store::enterprises::find(conn, r.row.enterprise_id)?
                .map(|e| e.name)
                .unwrap_or_default();
            v.insert(name);
        }
    }
    Ok(Names {
        tz: env.tz,
        users,
        agencies,
        enterprises,
    })
}

fn brief(n: &Names, r: ReadRequest) -> RequestView {
    let (row, x) = (r.row, r.reading);
    RequestView {
        id: row.id,
        enterprise_id: row.enterprise_id,
        enterprise_name: n
            .enterprises
            .get(&row.enterprise_id)
            .cloned()
            .unwrap_or_default(),
        project_id: row.project_id,
        title: row.title,
        text: row.body,
        category: row.category,
        channel: row.channel,
        urgent: row.urgent,
        status: row.status,
        liaison_id: row.liaison_id,
        liaison_name: row.liaison_id.and_then(|u| n.users.get(&u).cloned()),
        agency: row.agency_id.and_then(|a| n.agencies.get(&a).cloned()),
        rating: row.rating,
        filed_at: utc(row.filed_at),
        filed_on: row.filed_on,
        reply_due_at: x.reply_due_at,
        reply_due_on: x.reply_due_on,
        reply_due_time: x
            .reply_due_at
            .map(|t| t.with_timezone(&n.tz).format("%H:%M").to_string()),
        first_reply_at: x.first_reply_at,
        replied_within_limit: x.replied_within_limit,
        resolve_due_on: x.resolve_due_on,
        used_days: x.used_days,
        paused_days: x.paused_days,
        resolved_on: x.resolved_on,
        resolved_within_limit: x.resolved_within_limit,
        rate_by: x.rate_by,
        light: x.light.map(|l| l.as_str().to_string()),
        overdue: x.overdue,
        provisional: x.provisional,
        version: row.version,
        history: None,
    }
}

pub(super) fn brief_all(
    conn: &mut DbConn,
    env: &Env,
    read: Vec<ReadRequest>,
) -> ServiceResult<Vec<RequestView>> {
    let n = names(conn, env, &read)?;
    Ok(read.into_iter().map(|r| brief(&n, r)).collect())
}

/// With its history; an enterprise user's without staff notes.
pub(super) fn full(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    r: ReadRequest,
) -> ServiceResult<RequestView> {
    let n = names(conn, env, std::slice::from_ref(&r))?;
    let staff = actor.role.is_staff();
    let history = r
        .events
        .iter()
        .filter(|e| {
            staff
                || (!e.internal
                    && RequestAction::parse(&e.action).is_some_and(|a| a.enterprise_sees()))
        })
        .map(|e| EntryView {
            id: e.id,
            action: e.action.clone(),
            party: e.party.clone(),
            user_id: e.user_id,
            user_name: e.user_id.and_then(|u| n.users.get(&u).cloned()),
            text: e.body.clone(),
            agency: e.agency_id.and_then(|a| n.agencies.get(&a).cloned()),
            rating: e.rating.clone(),
            internal: e.internal,
            at: utc(e.at),
            on: e.happened_on,
        })
        .collect();
    let mut v = brief(&n, r);
    v.history = Some(history);
    Ok(v)
}
