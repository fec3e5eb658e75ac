//! Composing the emails a sending run owes (docs/rules.md "Alerts"): one digest per liaison
//! with every alert of their projects not yet emailed to them, one escalation email per
//! manager, licence reminders 90, 30 and 7 days before expiry. Emails are composed on a
//! read connection; each is then an outbox row written in a short transaction of its own
//! with the record that it was composed (`service::write_once`), so nothing is lost or
//! composed twice, even by two instances at once; the dispatcher sends the rows.

use mail::render::{self, HandoverLine, LicenceLine};
use store::handovers::HandoverRow;
use store::rows::UserRow;
use store::{self, Db, DbConn};

use crate::{write_once, Env, Role, ServiceError, ServiceResult};

pub const REMINDER_DAYS: [i64; 3] = [90, 30, 7];

use crate::notices::outbox::mail_err;
pub use crate::notices::outbox::{queue, queue_with_attachment, MailAttachment, Mailing};

fn active_users(conn: &mut DbConn, role: Role) -> ServiceResult<Vec<UserRow>> {
    Ok(store::users::active_with_role(conn, role)?)
}

/// Digests to liaisons and escalations to managers; returns how many emails were queued.
pub fn compose_alerts(conn: &mut Db, env: &Env, m: &Mailing) -> ServiceResult<usize> {
    let mut queued = 0;
    for liaison in active_users(conn, Role::Liaison)? {
        let projects: Vec<i32> = store::projects::all(
            conn,
            &store::projects::ProjectFilter {
                liaison_id: Some(liaison.id),
                ..Default::default()
            },
        )?
        .into_iter()
        .map(|p| p.id)
        .collect();
        let alerts =
            store::alerts::undelivered(conn, liaison.id, Some(&projects), &LIAISON_LEVELS)?;
        let handed = store::handovers::untold(conn, liaison.id)?;
        queued += send_alerts(conn, env, m, &liaison, alerts, &handed)?;
    }
    for manager in active_users(conn, Role::Manager)? {
        let alerts = store::alerts::undelivered(conn, manager.id, None, &["escalated"])?;
        queued += send_alerts(conn, env, m, &manager, alerts, &[])?;
    }
    Ok(queued)
}

/// One digest (a liaison's: alerts and what was handed over to them) or escalation (a
/// manager's: `handed` is empty): composed from what `conn` reads, then written with its
/// deliveries in one short transaction, unless another run delivered any of them first.
fn send_alerts(
    conn: &mut Db,
    env: &Env,
    m: &Mailing,
    to: &UserRow,
    alerts: Vec<store::alerts::AlertRow>,
    handed: &[HandoverRow],
) -> ServiceResult<usize> {
    if alerts.is_empty() && handed.is_empty() {
        return Ok(0);
    }
    let kind = if to.role == Role::Manager {
        "escalation"
    } else {
        "digest"
    };
    let lines = alert_lines(conn, env, &alerts)?;
    let rendered = if kind == "digest" {
        let handed_lines = handover_lines(conn, handed)?;
        render::digest_with_handovers(&to.display_name, &m.public_url, &lines, &handed_lines)
    } else {
        render::escalation(&to.display_name, &m.public_url, &lines)
    }
    .map_err(mail_err)?;
    let handed_ids: Vec<i32> = handed.iter().map(|h| h.id).collect();
    let queued = write_once(conn, |tx| {
        let address = (to.display_name.as_str(), to.email.as_str());
        let outbox = queue(tx, env, m, kind, Some(to.id), address, &rendered)?;
        for a in &alerts {
            if store::alerts::record_delivery(tx, a.id, to.id, outbox)? == 0 {
                return Ok(false);
            }
        }
        if !handed_ids.is_empty() && !store::handovers::mark_told(tx, &handed_ids, outbox)? {
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(usize::from(queued))
}

/// The handovers as the digest names them: the project's name or the request's title,
/// and who held it.
fn handover_lines(conn: &mut DbConn, handed: &[HandoverRow]) -> ServiceResult<Vec<HandoverLine>> {
    let mut out = Vec::with_capacity(handed.len());
    for h in handed {
        let from = store::users::find(conn, h.from_user_id)?
            .map(|u| u.display_name)
            .unwrap_or_default();
        let line = match (h.project_id, h.request_id) {
            (Some(id), _) => store::projects::find(conn, id)?.map(|p| HandoverLine {
                kind: "project",
                id,
                name: p.name,
                from,
            }),
            (None, Some(id)) => store::requests::find(conn, id)?.map(|r| HandoverLine {
                kind: "request",
                id,
                name: r.title,
                from,
            }),
            (None, None) => None,
        };
        out.extend(line);
    }
    Ok(out)
}

pub use crate::notices::alert_lines::{alert_lines, LIAISON_LEVELS};

/// Licence reminders due today: one email per recipient for the most urgent threshold
/// reached (passed thresholds are recorded too, so a late licence is reminded once).
pub fn compose_licence_reminders(conn: &mut Db, env: &Env, m: &Mailing) -> ServiceResult<usize> {
    let horizon = env
        .today
        .checked_add_signed(chrono::Duration::days(REMINDER_DAYS[0]))
        .unwrap_or(chrono::NaiveDate::MAX);
    let mut queued = 0;
    for lic in store::licences::expiring(conn, env.today, horizon)? {
        let days_left = (lic.expires_on - env.today).num_days();
        let done = store::licences::reminded(conn, lic.id, lic.expires_on)?;
        let reached: Vec<i64> = REMINDER_DAYS
            .iter()
            .copied()
            .filter(|d| days_left <= *d && !done.contains(&(*d as i32)))
            .collect();
        if reached.is_empty() {
            continue;
        }
        let enterprise = store::enterprises::find(conn, lic.enterprise_id)?
            .ok_or(ServiceError::NotFound("enterprise"))?;
        let project = match lic.project_id {
            Some(p) => store::projects::find(conn, p)?,
            None => None,
        };
        let mut recipients: Vec<(Option<i32>, String, String)> = vec![(
            None,
            enterprise.contact_name.clone(),
            enterprise.contact_email.clone(),
        )];
        if let Some(p) = &project {
            let ids: Vec<i32> = store::projects::liaisons_of(conn, &[p.id])?
                .into_iter()
                .map(|(_, u)| u)
                .collect();
            for u in store::users::find_many(conn, &ids)?
                .into_iter()
                .filter(|u| u.active)
            {
                recipients.push((Some(u.id), u.display_name, u.email));
            }
        }
        let line = LicenceLine {
            enterprise_name: enterprise.name.clone(),
            project_id: project.as_ref().map(|p| p.id),
            project_name: project.as_ref().map(|p| p.name.clone()),
            kind: lic.kind.clone(),
            number: lic.number.clone(),
            expires_on: lic.expires_on,
            days_left,
        };
        let liaisons: Vec<i32> = recipients.iter().filter_map(|r| r.0).collect();
        let chats = crate::notices::chat_compose::licence_messages(conn, m, &liaisons, &line)?;
        let mut emails = Vec::new();
        for (user_id, name, address) in recipients {
            let rendered =
                render::licence_reminder(&name, &m.public_url, &line).map_err(mail_err)?;
            emails.push((user_id, name, address, rendered));
        }
        // The thresholds and their emails together, unless another run recorded them.
        let written = write_once(conn, |tx| {
            for d in &reached {
                let days = *d as i32;
                if store::licences::record_reminder(tx, lic.id, lic.expires_on, days, env.stamp())?
                    == 0
                {
                    return Ok(false);
                }
            }
            for (user_id, name, address, rendered) in &emails {
                queue(
                    tx,
                    env,
                    m,
                    "licence_reminder",
                    *user_id,
                    (name, address),
                    rendered,
                )?;
            }
            for (robot, bodies) in &chats {
                crate::notices::chat_delivery::queue_bodies(
                    tx,
                    env,
                    *robot,
                    "licence_reminder",
                    bodies,
                )?;
            }
            Ok(true)
        })?;
        if written {
            queued += emails.len();
        }
    }
    Ok(queued)
}
