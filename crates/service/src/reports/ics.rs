//! Calendar feeds (iCalendar): a liaison's steps' due dates and licence expiries, at a
//! secret URL. Only the secret's SHA-256 is stored; rotating replaces it, so an old link
//! stops working at once.

use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use domain::step::StepStatus;
use report::ics::{render, IcsEvent};
use store::projects::ProjectFilter;
use store::{self, Db, DbConn};

use crate::projects::project_view::build_views;
use crate::{in_tx, Actor, Env, Role, ServiceError, ServiceResult};

#[derive(Debug, Serialize, ToSchema)]
pub struct FeedLink {
    /// Subscribe to this in a calendar app; it is shown once, rotate to get a new one.
    pub url: String,
}

fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

fn require_liaison(actor: &Actor) -> ServiceResult<()> {
    if actor.role == Role::Liaison {
        Ok(())
    } else {
        Err(ServiceError::forbidden(
            crate::refusal::reports::FEEDS_LIAISONS_ONLY,
        ))
    }
}

/// Whether this actor may have a calendar feed: the settings page asks before it offers one.
pub fn may_have_feed(actor: &Actor) -> bool {
    require_liaison(actor).is_ok()
}

/// A new secret for the actor's feed (the old one stops working).
pub fn rotate(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    public_url: &str,
) -> ServiceResult<FeedLink> {
    require_liaison(actor)?;
    let mut raw = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let secret = hex::encode(raw);
    in_tx(conn, |conn| {
        store::feeds::set_secret(conn, actor.user_id, &hash(&secret), env.stamp())?;
        Ok(())
    })?;
    Ok(FeedLink {
        url: format!("{}/ics/{secret}.ics", public_url.trim_end_matches('/')),
    })
}

/// Whether the actor's feed is on (its link cannot be shown again: only its hash is kept).
pub fn is_on(conn: &mut DbConn, actor: &Actor) -> ServiceResult<bool> {
    require_liaison(actor)?;
    Ok(store::feeds::exists(conn, actor.user_id)?)
}

/// Turns the actor's feed off.
pub fn disable(db: &mut Db, actor: &Actor) -> ServiceResult<()> {
    require_liaison(actor)?;
    in_tx(db, |tx| Ok(store::feeds::remove(tx, actor.user_id)?))?;
    Ok(())
}

/// The feed behind a secret: 404 for an unknown or rotated secret, or an owner who is
/// not (any more) an active liaison: the same answer as a secret never issued.
pub fn feed(conn: &mut DbConn, env: &Env, secret: &str, public_url: &str) -> ServiceResult<String> {
    let not_found = ServiceError::NotFound("calendar feed");
    if secret.is_empty() || secret.len() > 128 {
        return Err(not_found);
    }
    let user_id = store::feeds::user_of(conn, &hash(secret))?
        .ok_or(ServiceError::NotFound("calendar feed"))?;
    let user = store::users::find(conn, user_id)?
        .filter(|u| u.active && u.role == Role::Liaison)
        .ok_or(not_found)?;
    let rows = store::projects::all(
        conn,
        &ProjectFilter {
            liaison_id: Some(user.id),
            ..ProjectFilter::default()
        },
    )?;
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let mut views = build_views(conn, env, rows)?;
    views.sort_by_key(|v| v.project.id);
    let base = public_url.trim_end_matches('/');
    let mut events = Vec::new();
    for v in &views {
        for s in &v.steps {
            let open = matches!(
                s.status,
                StepStatus::InReview | StepStatus::AwaitingApplicant
            );
            let Some(due) = s.due_on.filter(|_| open) else {
                continue;
            };
            events.push(IcsEvent {
                uid: format!("step-{}-{}@approval-tracker", v.project.id, s.key),
                date: due,
                summary: format!("截止 Due: {} · {}", s.name, v.project.name),
                description: format!(
                    "{}部门 Agency: {}\n状态 Status: {}\n{base}/projects/{}",
                    code_line(v),
                    s.agency,
                    s.status,
                    v.project.id
                ),
            });
        }
    }
    for lic in store::feeds::licences_of_projects(conn, &ids)? {
        let project = views.iter().find(|v| Some(v.project.id) == lic.project_id);
        events.push(IcsEvent {
            uid: format!("licence-{}@approval-tracker", lic.id),
            date: lic.expires_on,
            summary: format!("到期 Expires: {} {}", lic.kind, lic.number),
            description: format!(
                "项目 Project: {}",
                project.map_or("", |v| v.project.name.as_str())
            ),
        });
    }
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    let name = format!("审批截止 Approvals — {}", user.display_name);
    Ok(render(&name, env.stamp(), &events))
}

/// The project's 统一项目代码 as the first line of a description, when it has one.
fn code_line(v: &crate::projects::project_view::ProjectView) -> String {
    v.project
        .project_code
        .as_ref()
        .map_or_else(String::new, |c| format!("项目代码 Project code: {c}\n"))
}
