//! `GET /requests/stats`: the figures of docs/rules.md for the requests received in a period,
//! each read as of the period's end (or now, for a period not yet over).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use domain::request::{request_figures, RequestFigures, RequestLimits};
use store::{self, DbConn};

use super::filed_between;
use super::reading::{category_of, read_rows};
use crate::fields::Checks;
use crate::{Actor, Env, ServiceResult};

#[derive(Debug, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatsQuery {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatsView {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The instant the requests were read at: the end of `to`, or now if earlier.
    pub as_of: DateTime<Utc>,
    /// `total`, `by_category` and `by_agency` (never handed over: `""`), each with
    /// `received`, `replied_within_limit`, `reply_rate` (响应率, %), `resolved`,
    /// `resolution_rate` (办结率, %), `resolved_within_limit`, `on_time_resolution_rate`
    /// (按时办结率 = resolved within limit over resolved, %), `rated`, `satisfied`,
    /// `satisfaction_rate` (满意率, %), `open`, `overdue`, `unanswered`.
    #[schema(value_type = Object)]
    pub figures: RequestFigures,
}

/// The figures of the requests filed from `from` to `to`, as of `to`'s end or now.
pub fn figures_between(
    conn: &mut DbConn,
    env: &Env,
    limits: &RequestLimits,
    from: NaiveDate,
    to: NaiveDate,
) -> ServiceResult<(DateTime<Utc>, RequestFigures)> {
    let end = to
        .succ_opt()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| t.and_local_timezone(env.tz).earliest())
        .map(|t| t.with_timezone(&Utc) - chrono::Duration::seconds(1))
        .unwrap_or(env.now);
    let as_of = end.min(env.now);
    let rows = filed_between(conn, from, to)?;
    let read = read_rows(conn, env, limits, rows, as_of)?;
    let agencies: HashMap<i32, String> = store::agencies::all(conn)?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    // The agency it was handed to by `as_of`: the last hand-over recorded by then.
    let handed: Vec<Option<&str>> = read
        .iter()
        .map(|r| {
            r.events
                .iter()
                .rev()
                .filter(|e| e.at.and_utc() <= as_of && e.action == "hand_over")
                .find_map(|e| e.agency_id)
                .and_then(|a| agencies.get(&a).map(String::as_str))
        })
        .collect();
    let categories = read
        .iter()
        .map(|r| category_of(&r.row))
        .collect::<ServiceResult<Vec<_>>>()?;
    let figures = request_figures(
        read.iter()
            .zip(handed)
            .zip(categories)
            .map(|((r, agency), c)| (c, agency, &r.reading)),
    );
    Ok((as_of, figures))
}

pub fn stats(
    conn: &mut DbConn,
    env: &Env,
    limits: &RequestLimits,
    actor: &Actor,
    q: &StatsQuery,
) -> ServiceResult<StatsView> {
    actor.require_staff()?;
    let mut checks = Checks::default();
    checks.day("from", q.from);
    checks.day("to", q.to);
    if q.from > q.to {
        checks.fail("to", crate::refusal::fields::TO_BEFORE_FROM);
    }
    checks.into_result()?;
    let (as_of, figures) = figures_between(conn, env, limits, q.from, q.to)?;
    Ok(StatsView {
        from: q.from,
        to: q.to,
        as_of,
        figures,
    })
}
