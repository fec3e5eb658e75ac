//! Permit validity (建筑法 art. 9): work must start within 3 months of the construction
//! permit's issue, moved by recorded extensions. Until 开工 is recorded, the project's
//! liaisons are reminded 30 and 7 days before the deadline, like licences: composed on a
//! read connection in the sending window (so a threshold reached on a day off is sent the
//! next working day), then written once with its outbox rows (`service::write_once`).
//! The first sending run after the deadline without 开工 tells the liaisons and the
//! managers, once, that the permit has lapsed (已失效).

use domain::landing::{permit_lapsed, permit_reminders_due, permit_start_deadline};
use mail::render::{self, PermitLine};
use store::{self, Db};

use crate::notices::notify::{queue, Mailing};
use crate::{write_once, Env, Role, ServiceError, ServiceResult};

/// The lapse (已失效) is recorded among the reminders as reached "-1 days before".
const LAPSED: i64 = -1;

fn mail_err(e: mail::MailError) -> ServiceError {
    ServiceError::caused("rendering an email", e)
}

/// Reminders due today: one email per liaison for the most urgent threshold reached
/// (passed thresholds are recorded too, so a late start is reminded once).
pub fn compose_permit_reminders(conn: &mut Db, env: &Env, m: &Mailing) -> ServiceResult<usize> {
    let mut queued = 0;
    for (project_id, approved) in store::landing::approved_permits(conn)? {
        let Some(approved) = approved else { continue };
        let landing = store::landing::find(conn, project_id)?;
        if landing.as_ref().is_some_and(|l| l.started_actual.is_some()) {
            continue;
        }
        let extensions = landing.as_ref().map_or(0, |l| l.permit_extensions);
        let Some(deadline) = permit_start_deadline(approved, extensions) else {
            continue;
        };
        let done = store::landing::reminded(conn, project_id, deadline)?;
        let lapsed = permit_lapsed(deadline, None, env.today);
        let reached: Vec<i64> = if lapsed {
            // One lapse alert (recorded as "-1 days before"), never again for this deadline.
            vec![LAPSED]
        } else {
            permit_reminders_due(deadline, env.today)
        }
        .into_iter()
        .filter(|d| !done.contains(&(*d as i32)))
        .collect();
        if reached.is_empty() {
            continue;
        }
        let Some(project) = store::projects::find(conn, project_id)? else {
            continue;
        };
        let line = PermitLine {
            project_id,
            project_name: project.name.clone(),
            project_code: landing.and_then(|l| l.project_code),
            deadline,
            days_left: (deadline - env.today).num_days(),
            extensions,
        };
        let ids: Vec<i32> = store::projects::liaisons_of(conn, &[project_id])?
            .into_iter()
            .map(|(_, u)| u)
            .collect();
        // The robots' reminder speaks of days left: a lapse goes by email only.
        let chats = if lapsed {
            vec![]
        } else {
            crate::notices::chat_compose::permit_messages(conn, m, &ids, &line)?
        };
        let mut recipients = store::users::find_many(conn, &ids)?;
        if lapsed {
            // A lapse is the zone's too: the managers are told with the liaisons.
            recipients.extend(store::users::active_with_role(conn, Role::Manager)?);
        }
        let mut emails = Vec::new();
        for u in recipients.into_iter().filter(|u| u.active) {
            let rendered =
                render::permit_reminder(&u.display_name, &m.public_url, &line).map_err(mail_err)?;
            emails.push((u.id, u.display_name, u.email, rendered));
        }
        // The thresholds and their emails together, unless another run recorded them.
        let written = write_once(conn, |tx| {
            for d in &reached {
                let days = *d as i32;
                if store::landing::record_reminder(tx, project_id, deadline, days, env.stamp())?
                    == 0
                {
                    return Ok(false);
                }
            }
            for (user_id, name, address, rendered) in &emails {
                let to = (name.as_str(), address.as_str());
                queue(tx, env, m, "permit_reminder", Some(*user_id), to, rendered)?;
            }
            for (robot, bodies) in &chats {
                crate::notices::chat_delivery::queue_bodies(
                    tx,
                    env,
                    *robot,
                    "permit_reminder",
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
