//! Enterprise requests (诉求): filed by an enterprise user or by staff on its behalf, handled
//! by staff, rated or reopened by the enterprise, closed by the scheduler when unrated. An
//! enterprise user sees only its own requests (others' are "not found") and never a staff
//! note. The rules are the domain's (`domain::request`); this is who may, and storage.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::domain::limits::{MAX_NAME, MAX_NOTE};
use crate::domain::request::{Category, Channel, RequestLimits, RequestStatus};
use crate::store::requests::{NewRequest, NewRequestEvent, RequestFilter, RequestRow};
use crate::store::{self, Db, DbConn};

use super::fields::Checks;
use super::{in_tx, Actor, Env, ListPage, PageQuery, ServiceError, ServiceResult};

mod actions;
mod reading;
mod stats;
mod view;

pub use actions::{act, actions_open_to, ActionRequest};
pub use reading::{read_rows, ReadRequest};
pub use stats::{figures_between, stats, StatsQuery, StatsView};
pub use view::{EntryView, RequestView};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRequest {
    pub title: String,
    pub text: String,
    /// `approval`, `land_construction`, `utilities`, `policy_funding`, `talent_housing`, `other`.
    pub category: String,
    /// Staff give how it reached them; an enterprise files `online` (the default for it).
    pub channel: Option<String>,
    #[serde(default)]
    pub urgent: bool,
    pub project_id: Option<i32>,
    /// Staff name the enterprise; an enterprise user files for its own.
    pub enterprise_id: Option<i32>,
}

#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RequestQuery {
    pub status: Option<String>,
    /// Only those whose reply or resolution is past due.
    pub overdue: Option<bool>,
    pub enterprise_id: Option<i32>,
    pub liaison_id: Option<i32>,
    pub category: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

/// The request as this actor may see it (404 otherwise, as if absent).
pub(crate) fn visible(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<RequestRow> {
    store::requests::find(conn, id)?
        .filter(|r| actor.can_read_enterprise(r.enterprise_id))
        .ok_or(ServiceError::NotFound("request"))
}

pub fn create(
    db: &mut Db,
    env: &Env,
    limits: &RequestLimits,
    actor: &Actor,
    req: &CreateRequest,
) -> ServiceResult<RequestView> {
    let staff = actor.role.is_staff();
    in_tx(db, |tx| {
        let conn: &mut DbConn = tx;
        let mut checks = Checks::default();
        checks.text("title", &req.title, MAX_NAME);
        checks.text("text", &req.text, MAX_NOTE);
        let category = Category::parse(&req.category);
        if category.is_none() {
            checks.fail("category", "choose one of the categories");
        }
        let channel = match (staff, req.channel.as_deref()) {
            (false, None | Some("online")) => Some(Channel::Online),
            (false, Some(_)) => {
                checks.fail("channel", "an enterprise files online");
                None
            }
            (true, None) => {
                checks.fail("channel", "say how the request reached you");
                None
            }
            (true, Some(c)) => Channel::parse(c).or_else(|| {
                checks.fail("channel", "choose one of the channels");
                None
            }),
        };
        let enterprise_id = if staff {
            req.enterprise_id
        } else {
            match req.enterprise_id {
                Some(e) if Some(e) != actor.enterprise_id => {
                    checks.fail("enterprise_id", "an enterprise files for itself");
                    actor.enterprise_id
                }
                _ => actor.enterprise_id,
            }
        };
        match enterprise_id {
            None => checks.fail("enterprise_id", "name the enterprise"),
            Some(e) if store::enterprises::find(conn, e)?.is_none() => {
                checks.fail("enterprise_id", format!("no enterprise has id {e}"))
            }
            Some(_) => {}
        }
        if let (Some(pid), Some(e)) = (req.project_id, enterprise_id) {
            if store::projects::find(conn, pid)?.is_none_or(|p| p.enterprise_id != e) {
                checks.fail("project_id", format!("the enterprise has no project {pid}"));
            }
        }
        checks.into_result()?;
        let (Some(category), Some(channel), Some(enterprise_id)) =
            (category, channel, enterprise_id)
        else {
            return Err(ServiceError::invalid("category", "required"));
        };
        let stamp = env.stamp();
        let id = store::requests::insert(
            tx,
            &NewRequest {
                enterprise_id,
                project_id: req.project_id,
                title: req.title.trim(),
                body: req.text.trim(),
                category: category.as_str(),
                channel: channel.as_str(),
                urgent: req.urgent,
                status: RequestStatus::Submitted.as_str(),
                // The liaison who took the call owns it from the start.
                liaison_id: (actor.role == super::Role::Liaison).then_some(actor.user_id),
                filed_by: Some(actor.user_id),
                filed_at: stamp,
                filed_on: env.today,
                version: 1,
                updated_at: stamp,
            },
        )?;
        store::requests::insert_event(
            tx,
            &NewRequestEvent {
                request_id: id,
                user_id: Some(actor.user_id),
                party: if staff { "staff" } else { "enterprise" },
                action: "file",
                body: None,
                agency_id: None,
                rating: None,
                internal: false,
                at: stamp,
                happened_on: env.today,
            },
        )?;
        get(tx, env, limits, actor, id)
    })
}

pub fn get(
    conn: &mut DbConn,
    env: &Env,
    limits: &RequestLimits,
    actor: &Actor,
    id: i32,
) -> ServiceResult<RequestView> {
    let row = visible(conn, actor, id)?;
    let mut read = read_rows(conn, env, limits, vec![row], env.now)?;
    let one = read.pop().ok_or(ServiceError::NotFound("request"))?;
    view::full(conn, env, actor, one)
}

/// The list with the API's filters, newest first. An enterprise user lists its own only.
pub fn list(
    conn: &mut DbConn,
    env: &Env,
    limits: &RequestLimits,
    actor: &Actor,
    q: &RequestQuery,
) -> ServiceResult<ListPage<RequestView>> {
    let (offset, limit) = PageQuery {
        page: q.page,
        per_page: q.per_page,
    }
    .window()?;
    let mut checks = Checks::default();
    let status = q.status.as_deref().map(|s| {
        RequestStatus::parse(s).unwrap_or_else(|| {
            checks.fail("status", "not a status of requests");
            RequestStatus::Submitted
        })
    });
    if let Some(c) = q.category.as_deref() {
        if Category::parse(c).is_none() {
            checks.fail("category", "choose one of the categories");
        }
    }
    checks.into_result()?;
    let enterprise_id = if actor.role.is_staff() {
        q.enterprise_id
    } else {
        if q.enterprise_id
            .is_some_and(|e| Some(e) != actor.enterprise_id)
        {
            return Ok(ListPage {
                items: vec![],
                total: 0,
            });
        }
        Some(actor.enterprise_id.unwrap_or(-1))
    };
    let statuses = status.map(|s| [s.as_str()]);
    let rows = store::requests::list(
        conn,
        &RequestFilter {
            enterprise_id,
            liaison_id: q.liaison_id,
            statuses: statuses.as_ref().map(|s| &s[..]),
            category: q.category.as_deref(),
            ..RequestFilter::default()
        },
    )?;
    let read = read_rows(conn, env, limits, rows, env.now)?;
    let chosen: Vec<ReadRequest> = read
        .into_iter()
        .filter(|r| q.overdue.is_none_or(|o| r.reading.overdue == o))
        .collect();
    let total = chosen.len() as i64;
    let page: Vec<ReadRequest> = chosen
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    Ok(ListPage {
        items: view::brief_all(conn, env, page)?,
        total,
    })
}

/// A stored instant as UTC.
pub(crate) fn utc(stamp: chrono::NaiveDateTime) -> DateTime<Utc> {
    stamp.and_utc()
}

/// Requests filed in the period (inclusive), for figures.
pub(crate) fn filed_between(
    conn: &mut DbConn,
    from: NaiveDate,
    to: NaiveDate,
) -> ServiceResult<Vec<RequestRow>> {
    Ok(store::requests::list(
        conn,
        &RequestFilter {
            filed_from: Some(from),
            filed_to: Some(to),
            ..RequestFilter::default()
        },
    )?)
}
