//! The scheduler's part for enterprise requests: close those resolved and unrated past the
//! rating limit; raise overdue alerts (first reply, resolution) once per clock episode and
//! escalate those overdue longer than `requests.escalate_after_days`; compose their emails.
//! Each unit reads on the pooled connection, then writes once (`write_once`), so two
//! instances never close or mail anything twice. Kept apart from the steps' digest code.

use std::collections::{BTreeMap, HashMap};

use domain::request::{RequestLimits, RequestStatus};
use mail::render::{request_overdue, RequestLine};
use store::requests::{NewRequestEvent, RequestAlertRow, RequestChanges, RequestFilter};
use store::{self, Db};

use crate::notices::notify::{queue, Mailing};
use crate::requests::{read_rows, ReadRequest};
use crate::{in_tx, write_once, Env, Role, ServiceError, ServiceResult};
use crate::{notices::chat_compose, notices::chat_delivery};

const OPEN: [&str; 5] = [
    "submitted",
    "accepted",
    "handed_over",
    "waiting_enterprise",
    "reopened",
];

fn read_with(
    db: &mut Db,
    env: &Env,
    limits: &RequestLimits,
    statuses: &[&str],
) -> ServiceResult<Vec<ReadRequest>> {
    let rows = store::requests::list(
        db,
        &RequestFilter {
            statuses: Some(statuses),
            ..RequestFilter::default()
        },
    )?;
    read_rows(db, env, limits, rows, env.now)
}

/// Closes resolved requests left unrated past their rating limit; returns how many.
pub fn close_unrated(db: &mut Db, env: &Env, limits: &RequestLimits) -> ServiceResult<usize> {
    let mut closed = 0;
    for r in read_with(db, env, limits, &["resolved"])? {
        if !r.reading.closes_unrated(env.today) {
            continue;
        }
        let (id, version) = (r.row.id, r.row.version);
        let done = write_once(db, |tx| {
            let changes = RequestChanges {
                status: RequestStatus::Closed.as_str(),
                liaison_id: None,
                agency_id: None,
                rating: None,
                version: version + 1,
                updated_at: env.stamp(),
            };
            if !store::requests::update(tx, id, version, &changes)? {
                return Ok(false);
            }
            store::requests::insert_event(
                tx,
                &NewRequestEvent {
                    request_id: id,
                    user_id: None,
                    party: "system",
                    action: "close",
                    body: None,
                    agency_id: None,
                    rating: None,
                    internal: false,
                    at: env.stamp(),
                    happened_on: env.today,
                },
            )?;
            Ok(true)
        })?;
        closed += usize::from(done);
    }
    Ok(closed)
}

/// The alerts a request's clocks call for now: (clock, episode start, level).
fn alerts_due(
    env: &Env,
    limits: &RequestLimits,
    r: &ReadRequest,
) -> Vec<(&'static str, chrono::NaiveDate, &'static str)> {
    let x = &r.reading;
    let mut out = Vec::new();
    let mut clock = |name, from, due| {
        out.push((name, from, "red"));
        if env.calendar.working_days_after(due, env.today) > limits.escalate_after_days {
            out.push((name, from, "escalated"));
        }
    };
    if x.reply_overdue {
        clock("reply", x.filed_on, x.reply_due_on);
    }
    if x.resolve_overdue {
        clock("resolve", x.clock_from, x.resolve_due_on);
    }
    out
}

/// Raises the overdue alerts of open requests, each once per clock episode.
pub fn raise(db: &mut Db, env: &Env, limits: &RequestLimits) -> ServiceResult<usize> {
    let mut raised = 0;
    for r in read_with(db, env, limits, &OPEN)? {
        let due = alerts_due(env, limits, &r);
        if due.is_empty() {
            continue;
        }
        raised += in_tx(db, |tx| {
            let mut n = 0;
            for (clock, from, level) in &due {
                n += store::requests::raise_alert(
                    tx,
                    &RequestAlertRow {
                        request_id: r.row.id,
                        clock: clock.to_string(),
                        clock_from: *from,
                        level: level.to_string(),
                        raised_at: env.stamp(),
                        emailed_at: None,
                    },
                )?;
            }
            Ok(n)
        })?;
    }
    Ok(raised)
}

/// Emails the alerts not yet emailed: red ones to the owning liaison (else the project's
/// liaisons, else the managers), escalated ones to every manager. Returns emails queued.
pub fn compose(
    db: &mut Db,
    env: &Env,
    limits: &RequestLimits,
    m: &Mailing,
) -> ServiceResult<usize> {
    let pending = store::requests::unmailed_alerts(db)?;
    if pending.is_empty() {
        return Ok(0);
    }
    let mut ids: Vec<i32> = pending.iter().map(|a| a.request_id).collect();
    ids.dedup();
    let rows = ids
        .iter()
        .filter_map(|id| store::requests::find(db, *id).transpose())
        .collect::<Result<Vec<_>, _>>()?;
    let read: HashMap<i32, ReadRequest> = read_rows(db, env, limits, rows, env.now)?
        .into_iter()
        .map(|r| (r.row.id, r))
        .collect();
    let managers: Vec<i32> = store::users::active_with_role(db, Role::Manager)?
        .into_iter()
        .map(|u| u.id)
        .collect();
    // Recipients (sorted ids) and whether escalated → the alerts they get.
    let mut groups: BTreeMap<(Vec<i32>, bool), Vec<&RequestAlertRow>> = BTreeMap::new();
    for a in &pending {
        let Some(r) = read.get(&a.request_id) else {
            continue;
        };
        let escalated = a.level == "escalated";
        let mut to = if escalated {
            managers.clone()
        } else if let Some(l) = r.row.liaison_id {
            vec![l]
        } else if let Some(p) = r.row.project_id {
            store::projects::liaisons_of(db, &[p])?
                .into_iter()
                .map(|(_, u)| u)
                .collect()
        } else {
            managers.clone()
        };
        to.sort_unstable();
        to.dedup();
        if !to.is_empty() {
            groups.entry((to, escalated)).or_default().push(a);
        }
    }
    let mut queued = 0;
    for ((to, escalated), alerts) in groups {
        let mut lines = Vec::new();
        for a in &alerts {
            let Some(r) = read.get(&a.request_id) else {
                continue;
            };
            let due_on = if a.clock == "reply" {
                r.reading.reply_due_on
            } else {
                r.reading.resolve_due_on
            };
            let enterprise_name = store::enterprises::find(db, r.row.enterprise_id)?
                .map(|e| e.name)
                .unwrap_or_default();
            lines.push(RequestLine {
                request_id: r.row.id,
                title: r.row.title.clone(),
                enterprise_name,
                clock: a.clock.clone(),
                due_on,
                days_over: env.calendar.working_days_after(due_on, env.today),
            });
        }
        // Each line's liaisons, for the managers' group to mention.
        let mut with_liaisons = Vec::new();
        for l in &lines {
            let liaisons = match read
                .get(&l.request_id)
                .map(|r| (r.row.liaison_id, r.row.project_id))
            {
                Some((Some(u), _)) => vec![u],
                Some((None, Some(p))) => store::projects::liaisons_of(db, &[p])?
                    .into_iter()
                    .map(|(_, u)| u)
                    .collect(),
                _ => Vec::new(),
            };
            with_liaisons.push((l.clone(), liaisons));
        }
        let chats = chat_compose::request_messages(db, m, &to, escalated, with_liaisons)?;
        let users = store::users::find_many(db, &to)?;
        let mut emails = Vec::new();
        for u in users.iter().filter(|u| u.active) {
            let rendered = request_overdue(&u.display_name, &m.public_url, &lines, escalated)
                .map_err(|e| ServiceError::caused("rendering an email", e))?;
            emails.push((u, rendered));
        }
        let kind = if escalated {
            "request_escalation"
        } else {
            "request_digest"
        };
        let written = write_once(db, |tx| {
            for a in &alerts {
                if store::requests::mark_emailed(tx, a, env.stamp())? == 0 {
                    return Ok(false);
                }
            }
            for (u, rendered) in &emails {
                let address = (u.display_name.as_str(), u.email.as_str());
                queue(tx, env, m, kind, Some(u.id), address, rendered)?;
            }
            for (robot, bodies) in &chats {
                chat_delivery::queue_bodies(tx, env, *robot, kind, bodies)?;
            }
            Ok(true)
        })?;
        if written {
            queued += emails.len();
        }
    }
    Ok(queued)
}
