//! Requests (诉求) as sections of other pages: an enterprise's requests on its home and on
//! the staff's page of it, the year's figures on the overview.

use serde_json::{json, Value};

use domain::request::RequestLimits;
use service::requests::{self, RequestQuery, RequestView};
use service::{Actor, DbConn, Env, ServiceResult};

/// An enterprise's requests, newest first, for the enterprise's home and its staff page
/// (`None`: the actor's own enterprise).
pub(super) fn of_enterprise(
    conn: &mut DbConn,
    env: &Env,
    limits: &RequestLimits,
    actor: &Actor,
    enterprise_id: Option<i32>,
) -> ServiceResult<Vec<RequestView>> {
    let q = RequestQuery {
        enterprise_id: enterprise_id.or(actor.enterprise_id),
        per_page: Some(500),
        ..RequestQuery::default()
    };
    Ok(requests::list(conn, env, limits, actor, &q)?.items)
}

/// The year's request figures for the overview: the total, then each category.
pub(super) fn year_figures(conn: &mut DbConn, env: &Env, actor: &Actor) -> ServiceResult<Value> {
    use chrono::Datelike;
    let from = chrono::NaiveDate::from_ymd_opt(env.today.year(), 1, 1).unwrap_or(env.today);
    let q = requests::StatsQuery {
        from,
        to: env.today,
    };
    let s = requests::stats(conn, env, &env.request_limits, actor, &q)?;
    let mut rows = vec![json!({"group": "", "f": s.figures.total})];
    for (c, f) in &s.figures.by_category {
        rows.push(json!({"group": c.as_str(), "f": f}));
    }
    Ok(json!({"from": from, "rows": rows}))
}
