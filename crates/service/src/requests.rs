//! Enterprise requests (诉求): filed by an enterprise user or by staff on its behalf, handled
//! by staff, rated or reopened by the enterprise, closed by the scheduler when unrated. An
//! enterprise user sees only its own requests (others' are "not found") and never a staff
//! note. The rules are the domain's (`domain::request`); this is who may, and storage.

pub mod request_jobs;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use domain::limits::{MAX_NAME, MAX_NOTE};
use domain::request::{Category, Channel, RequestLimits, RequestStatus};
use store::requests::{NewRequest, NewRequestEvent, RequestFilter, RequestRow};
use store::{self, Db, DbConn};

use crate::fields::Checks;
use crate::{in_tx, Actor, Env, ListPage, PageQuery, ServiceError, ServiceResult};

mod actions;
mod filing;
mod reading;
mod stats;
mod view;

pub use actions::{act, actions_open_to, ActionRequest};
pub use filing::project_choices;
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
    /// The project by its 统一项目代码 instead of `project_id` (one or the other).
    #[serde(default)]
    pub project_code: Option<String>,
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
            checks.fail("category", crate::refusal::requests::CHOOSE_CATEGORY);
        }
        let channel = match (staff, req.channel.as_deref()) {
            (false, None | Some("online")) => Some(Channel::Online),
            (false, Some(_)) => {
                checks.fail("channel", crate::refusal::requests::ENTERPRISE_FILES_ONLINE);
                None
            }
            (true, None) => {
                checks.fail("channel", crate::refusal::requests::SAY_CHANNEL);
                None
            }
            (true, Some(c)) => Channel::parse(c).or_else(|| {
                checks.fail("channel", crate::refusal::requests::CHOOSE_CHANNEL);
                None
            }),
        };
        let enterprise_id = if staff {
            req.enterprise_id
        } else {
            match req.enterprise_id {
                Some(e) if Some(e) != actor.enterprise_id => {
                    checks.fail(
                        "enterprise_id",
                        crate::refusal::requests::ENTERPRISE_FILES_FOR_ITSELF,
                    );
                    actor.enterprise_id
                }
                _ => actor.enterprise_id,
            }
        };
        match enterprise_id {
            None => checks.fail("enterprise_id", crate::refusal::requests::NAME_ENTERPRISE),
            Some(e) if store::enterprises::find(conn, e)?.is_none() => checks.fail(
                "enterprise_id",
                crate::refusal::Refusal::of(crate::refusal::fields::NO_SUCH_ENTERPRISE)
                    .arg("id", e),
            ),
            Some(_) => {}
        }
        let project_id = filing::project_of(
            conn,
            &mut checks,
            enterprise_id,
            req.project_id,
            req.project_code.as_deref(),
        )?;
        checks.into_result()?;
        let (Some(category), Some(channel), Some(enterprise_id)) =
            (category, channel, enterprise_id)
        else {
            return Err(ServiceError::invalid(
                "category",
                crate::refusal::fields::MISSING,
            ));
        };
        // Staff taking a call are never turned away; an enterprise files within bounds.
        if !staff {
            filing::within_bounds(tx, env, limits, enterprise_id)?;
        }
        let stamp = env.stamp();
        let id = store::requests::insert(
            tx,
            &NewRequest {
                enterprise_id,
                project_id,
                title: req.title.trim(),
                body: req.text.trim(),
                category: category.as_str(),
                channel: channel.as_str(),
                urgent: req.urgent,
                status: RequestStatus::Submitted.as_str(),
                // The liaison who took the call owns it from the start.
                liaison_id: (actor.role == crate::Role::Liaison).then_some(actor.user_id),
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
            checks.fail("status", crate::refusal::requests::NOT_A_REQUEST_STATUS);
            RequestStatus::Submitted
        })
    });
    if let Some(c) = q.category.as_deref() {
        if Category::parse(c).is_none() {
            checks.fail("category", crate::refusal::requests::CHOOSE_CATEGORY);
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
    // Only a request being worked on can be overdue (a reply is owed, or the resolution
    // clock runs): asked for overdue ones, the database narrows to those first.
    let working = [
        RequestStatus::Submitted.as_str(),
        RequestStatus::Accepted.as_str(),
        RequestStatus::HandedOver.as_str(),
        RequestStatus::Reopened.as_str(),
    ];
    let narrowed: Vec<&str> = match (q.overdue, statuses.as_ref()) {
        (Some(true), Some(s)) => s.iter().filter(|x| working.contains(*x)).copied().collect(),
        (Some(true), None) => working.to_vec(),
        (_, Some(s)) => s.to_vec(),
        (_, None) => vec![],
    };
    let filter = RequestFilter {
        enterprise_id,
        liaison_id: q.liaison_id,
        statuses: (q.overdue == Some(true) || statuses.is_some()).then_some(&narrowed[..]),
        category: q.category.as_deref(),
        ..RequestFilter::default()
    };
    let Some(overdue) = q.overdue else {
        // Paged by the database: LIMIT/OFFSET, the total by COUNT.
        let (rows, total) = store::requests::page(conn, &filter, offset, limit)?;
        let read = read_rows(conn, env, limits, rows, env.now)?;
        return Ok(ListPage {
            items: view::brief_all(conn, env, read)?,
            total,
        });
    };
    // Overdue is read from the clocks, not stored: these are filtered after reading.
    let rows = store::requests::list(conn, &filter)?;
    let read = read_rows(conn, env, limits, rows, env.now)?;
    let chosen: Vec<ReadRequest> = read
        .into_iter()
        .filter(|r| r.reading.overdue == overdue)
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
