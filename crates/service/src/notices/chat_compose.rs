//! Composing what the robots owe (docs/rules.md "Chat notifications"): a liaison's robots get
//! the digest of their projects' alerts, the managers' robots the escalations mentioning
//! each project's liaisons by mobile. The same rules as email (composed only in a sending
//! run), recorded per alert and robot so each is said once, even by two instances.

use std::collections::HashMap;

use chat::render as chat_render;
use domain::chat::RobotKind;
use mail::render::{PermitLine, RequestLine};
use mail::{AlertLine, LicenceLine};
use store::alerts::AlertRow;
use store::chat_robots::RobotRow;
use store::{self, Db, DbConn};

use crate::notices::alert_lines::{alert_lines, LIAISON_LEVELS};
use crate::notices::chat_delivery::queue_bodies;
use crate::notices::outbox::Mailing;
use crate::{write_once, Env, Role, ServiceResult};

fn kind_of(robot: &RobotRow) -> RobotKind {
    RobotKind::parse(&robot.kind).unwrap_or(RobotKind::WeCom)
}

/// Digests and escalations for every active robot; returns how many messages were queued.
pub fn compose_alerts(db: &mut Db, env: &Env, m: &Mailing) -> ServiceResult<usize> {
    let mut queued = 0;
    for robot in store::chat_robots::list(db, None)?
        .into_iter()
        .filter(|r| r.active)
    {
        let kind = kind_of(&robot);
        let (alerts, bodies, what) = match robot.owner_id {
            Some(owner) => {
                let Some(user) =
                    store::users::find(db, owner)?.filter(|u| u.active && u.role == Role::Liaison)
                else {
                    continue;
                };
                let projects = projects_of(db, owner)?;
                let alerts =
                    store::chat_outbox::untold(db, &robot, Some(&projects), &LIAISON_LEVELS)?;
                let lines = alert_lines(db, env, &alerts)?;
                let bodies = chat_render::digest(kind, &user.display_name, &m.public_url, &lines);
                (alerts, bodies, "digest")
            }
            None => {
                let alerts = store::chat_outbox::untold(db, &robot, None, &["escalated"])?;
                let lines = alert_lines(db, env, &alerts)?;
                let lines = with_mobiles(db, lines)?;
                let bodies = chat_render::escalation(kind, &m.public_url, &lines);
                (alerts, bodies, "escalation")
            }
        };
        queued += send(db, env, &robot, &alerts, &bodies, what)?;
    }
    Ok(queued)
}

fn projects_of(conn: &mut DbConn, liaison: i32) -> ServiceResult<Vec<i32>> {
    let filter = store::projects::ProjectFilter {
        liaison_id: Some(liaison),
        ..Default::default()
    };
    Ok(store::projects::all(conn, &filter)?
        .into_iter()
        .map(|p| p.id)
        .collect())
}

/// Each line with the mobiles of its project's active liaisons (those who gave one).
fn with_mobiles(
    conn: &mut DbConn,
    lines: Vec<AlertLine>,
) -> ServiceResult<Vec<(AlertLine, Vec<String>)>> {
    let mut ids: Vec<i32> = lines.iter().map(|l| l.project_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let pairs = store::projects::liaisons_of(conn, &ids)?;
    let users: Vec<i32> = pairs.iter().map(|(_, u)| *u).collect();
    let mobile: HashMap<i32, String> = store::users::find_many(conn, &users)?
        .into_iter()
        .filter(|u| u.active)
        .filter_map(|u| Some((u.id, u.mobile?)))
        .collect();
    Ok(lines
        .into_iter()
        .map(|l| {
            let mobiles = pairs
                .iter()
                .filter(|(p, _)| *p == l.project_id)
                .filter_map(|(_, u)| mobile.get(u).cloned())
                .collect();
            (l, mobiles)
        })
        .collect())
}

/// The messages and their alerts' records in one short transaction, unless another run
/// told this robot any of them first.
fn send(
    db: &mut Db,
    env: &Env,
    robot: &RobotRow,
    alerts: &[AlertRow],
    bodies: &[serde_json::Value],
    what: &str,
) -> ServiceResult<usize> {
    if alerts.is_empty() || bodies.is_empty() {
        return Ok(0);
    }
    let written = write_once(db, |tx| {
        let ids = queue_bodies(tx, env, robot.id, what, bodies)?;
        for a in alerts {
            if store::chat_outbox::record_delivery(tx, a.id, robot.id, ids[0])? == 0 {
                return Ok(false);
            }
        }
        Ok(true)
    })?;
    Ok(if written { bodies.len() } else { 0 })
}

/// The active robots of these users (a project's liaisons), with their kind.
fn robots_of(conn: &mut DbConn, user_ids: &[i32]) -> ServiceResult<Vec<(i32, RobotKind)>> {
    let mut out = Vec::new();
    for user in user_ids {
        for robot in store::chat_robots::list(conn, Some(Some(*user)))? {
            if robot.active {
                out.push((robot.id, kind_of(&robot)));
            }
        }
    }
    Ok(out)
}

/// A construction-permit start reminder for the robots of the project's liaisons.
pub fn permit_messages(
    conn: &mut DbConn,
    m: &Mailing,
    user_ids: &[i32],
    line: &PermitLine,
) -> ServiceResult<Vec<(i32, Vec<serde_json::Value>)>> {
    Ok(robots_of(conn, user_ids)?
        .into_iter()
        .map(|(id, kind)| (id, chat_render::permit_reminder(kind, &m.public_url, line)))
        .collect())
}

/// A licence reminder for the robots of these users (the project's liaisons): (robot,
/// bodies), to be queued with the reminder's emails.
pub fn licence_messages(
    conn: &mut DbConn,
    m: &Mailing,
    user_ids: &[i32],
    line: &LicenceLine,
) -> ServiceResult<Vec<(i32, Vec<serde_json::Value>)>> {
    Ok(robots_of(conn, user_ids)?
        .into_iter()
        .map(|(id, kind)| (id, chat_render::licence_reminder(kind, &m.public_url, line)))
        .collect())
}

/// Overdue enterprise requests for robots: escalated ones to the managers' robots, each
/// line mentioning its liaisons (`liaisons` per line); the others to the robots of the
/// recipients `to`. (robot, bodies), to be queued with the emails.
pub fn request_messages(
    conn: &mut DbConn,
    m: &Mailing,
    to: &[i32],
    escalated: bool,
    lines: Vec<(RequestLine, Vec<i32>)>,
) -> ServiceResult<Vec<(i32, Vec<serde_json::Value>)>> {
    let robots: Vec<(i32, RobotKind)> = if escalated {
        store::chat_robots::list(conn, Some(None))?
            .into_iter()
            .filter(|r| r.active)
            .map(|r| (r.id, kind_of(&r)))
            .collect()
    } else {
        robots_of(conn, to)?
    };
    if robots.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = lines.iter().flat_map(|(_, l)| l.iter().copied()).collect();
    let mobile: HashMap<i32, String> = store::users::find_many(conn, &ids)?
        .into_iter()
        .filter(|u| u.active)
        .filter_map(|u| Some((u.id, u.mobile?)))
        .collect();
    let lines: Vec<(RequestLine, Vec<String>)> = lines
        .into_iter()
        .map(|(l, liaisons)| {
            let mobiles = liaisons
                .iter()
                .filter_map(|u| mobile.get(u).cloned())
                .collect();
            (l, mobiles)
        })
        .collect();
    Ok(robots
        .into_iter()
        .map(|(id, kind)| {
            let bodies = chat_render::request_overdue(kind, &m.public_url, &lines, escalated);
            (id, bodies)
        })
        .collect())
}
