//! Chat robots as their owners manage them: a liaison registers their own groups' robots,
//! an admin the managers' group (and may see and remove anyone's). A robot's URL and
//! secret are credentials: stored, used by delivery, never returned or logged; views
//! carry a hint (host and the key's last four characters).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use domain::chat::{self, RobotError, RobotKind, MAX_NAME, MAX_PER_OWNER};
use settings::ChatSettings;
use store::chat_robots::{self as rows, NewRobot, RobotChange, RobotRow};
use store::{self, Db, DbConn};

use crate::fields::{double_option, Checks};
use crate::refusal::{robots, Refusal};
use crate::versions::check_version;
use crate::{accounts::audit, in_tx, Actor, Env, Role, ServiceError, ServiceResult};

/// Whose group a robot speaks to: `"managers"` or a liaison's user id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum Owner {
    Group(Group),
    User(i32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Managers,
}

impl Owner {
    fn user(self) -> Option<i32> {
        match self {
            Owner::Group(Group::Managers) => None,
            Owner::User(id) => Some(id),
        }
    }

    fn of(row: &RobotRow) -> Owner {
        row.owner_id
            .map_or(Owner::Group(Group::Managers), Owner::User)
    }
}

/// A robot as its owner sees it: never its URL or secret.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RobotView {
    pub id: i32,
    /// `wecom` or `dingtalk`.
    pub kind: String,
    pub owner: Owner,
    pub name: String,
    /// The host and the key's last four characters, to tell robots apart.
    pub url_hint: String,
    pub has_secret: bool,
    pub active: bool,
    pub last_sent_at: Option<DateTime<Utc>>,
    /// The platform's last refusal or the last failure, until a message goes through.
    pub last_error: Option<String>,
    /// Failed attempts in a row.
    pub failures_in_row: i32,
    pub version: i32,
}

pub(crate) fn view(r: RobotRow) -> RobotView {
    RobotView {
        owner: Owner::of(&r),
        url_hint: chat::url_hint(&r.url),
        has_secret: r.secret.is_some(),
        last_sent_at: r.last_sent_at.map(|t| t.and_utc()),
        id: r.id,
        kind: r.kind,
        name: r.name,
        active: r.active,
        last_error: r.last_error,
        failures_in_row: r.failures_in_row,
        version: r.version,
    }
}

/// A robot as registered: `owner` defaults to the liaison themself, or for an admin to
/// the managers' group. It is told the alerts raised from then on, not the backlog.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RobotInput {
    pub kind: String,
    pub url: String,
    #[serde(default)]
    pub secret: Option<String>,
    #[serde(default)]
    pub owner: Option<Owner>,
    #[serde(default)]
    pub name: Option<String>,
}

/// A change: a new URL or secret replaces the old one (`"secret": null` removes it).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RobotPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub secret: Option<Option<String>>,
    /// Turned on again, a robot is told only the alerts raised from then on.
    #[serde(default)]
    pub active: Option<bool>,
}

/// Admins manage every robot; a liaison their own; nobody else has robots.
fn require_manager_of(actor: &Actor, owner: Option<i32>) -> ServiceResult<()> {
    match actor.role {
        Role::Admin => Ok(()),
        Role::Liaison if owner == Some(actor.user_id) => Ok(()),
        Role::Liaison => Err(ServiceError::forbidden(robots::ROBOTS_OWN_GROUP_ONLY)),
        _ => Err(ServiceError::forbidden(robots::ROBOTS_MANAGERS_ONLY)),
    }
}

fn require_role(actor: &Actor) -> ServiceResult<()> {
    require_manager_of(actor, Some(actor.user_id))
}

/// Whether this actor has robots to manage at all: the settings page asks before it
/// lists them.
pub fn may_manage(actor: &Actor) -> bool {
    require_role(actor).is_ok()
}

/// The robot, if this actor may see it (another liaison's is "not found").
pub(crate) fn visible(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<RobotRow> {
    require_role(actor)?;
    let row = rows::find(conn, id)?.ok_or(ServiceError::NotFound("chat robot"))?;
    if actor.role == Role::Admin || row.owner_id == Some(actor.user_id) {
        Ok(row)
    } else {
        Err(ServiceError::NotFound("chat robot"))
    }
}

/// The robots this actor manages: an admin all, a liaison their own.
pub fn list(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Vec<RobotView>> {
    require_role(actor)?;
    let owner = (actor.role != Role::Admin).then_some(Some(actor.user_id));
    Ok(rows::list(conn, owner)?.into_iter().map(view).collect())
}

pub fn get(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<RobotView> {
    Ok(view(visible(conn, actor, id)?))
}

fn field_err(field: &str, e: RobotError) -> ServiceError {
    ServiceError::invalid(field, e)
}

fn check_name(checks: &mut Checks, name: &str) {
    checks.text("name", name, MAX_NAME);
}

pub fn create(
    db: &mut Db,
    env: &Env,
    settings: &ChatSettings,
    actor: &Actor,
    req: &RobotInput,
) -> ServiceResult<RobotView> {
    let owner = match (req.owner, actor.role) {
        (Some(o), _) => o.user(),
        (None, Role::Admin) => None,
        (None, _) => Some(actor.user_id),
    };
    require_manager_of(actor, owner)?;
    let kind = RobotKind::parse(&req.kind)
        .ok_or_else(|| ServiceError::invalid("kind", robots::ROBOT_KIND))?;
    let url = chat::check_url(&req.url, kind, &settings.allowed_hosts)
        .map_err(|e| field_err("url", e))?;
    let secret =
        chat::check_secret(req.secret.as_deref(), kind).map_err(|e| field_err("secret", e))?;
    // Unnamed robots are called after their platform's group.
    let name = match req.name.as_deref().map(str::trim) {
        Some(n) if !n.is_empty() => n.to_string(),
        _ => match kind {
            RobotKind::WeCom => "企业微信群".to_string(),
            RobotKind::DingTalk => "钉钉群".to_string(),
        },
    };
    let mut checks = Checks::default();
    check_name(&mut checks, &name);
    checks.into_result()?;
    let id = in_tx(db, |tx| {
        if let Some(user) = owner {
            let u = store::users::find(tx, user)?;
            if u.is_none_or(|u| u.role != Role::Liaison) {
                return Err(ServiceError::invalid("owner", robots::ROBOT_OWNER));
            }
        }
        if rows::count_of_owner(tx, owner)? >= MAX_PER_OWNER {
            return Err(ServiceError::conflict(
                Refusal::of(robots::TOO_MANY_ROBOTS).arg("max", MAX_PER_OWNER),
            ));
        }
        let tells_after_alert = store::alerts::last_id(tx)?;
        let id = rows::insert(
            tx,
            &NewRobot {
                kind: kind.as_str(),
                owner_id: owner,
                name: &name,
                url: url.as_str(),
                secret: secret.as_deref(),
                created_at: env.stamp(),
                updated_at: env.stamp(),
                tells_after_alert,
            },
        )?;
        let who = audit::name_of(tx, actor)?;
        let whose = owner.map_or("managers".to_string(), |u| format!("user:{u}"));
        let detail = format!("{} robot for {whose}", kind.as_str());
        audit::record(
            tx,
            env,
            (Some(actor.user_id), &who),
            &actor.origin(),
            "chat_robot_added",
            &format!("chat_robot:{id}"),
            &detail,
        )?;
        Ok(id)
    })?;
    get(db, actor, id)
}

pub fn update(
    db: &mut Db,
    env: &Env,
    settings: &ChatSettings,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
    req: &RobotPatch,
) -> ServiceResult<RobotView> {
    in_tx(db, |tx| {
        let row = visible(tx, actor, id)?;
        check_version("chat robot", row.version, if_match)?;
        let kind = RobotKind::parse(&row.kind).unwrap_or(RobotKind::WeCom);
        let url = match &req.url {
            Some(u) => Some(
                chat::check_url(u, kind, &settings.allowed_hosts)
                    .map_err(|e| field_err("url", e))?,
            ),
            None => None,
        };
        let secret = match &req.secret {
            Some(s) => {
                Some(chat::check_secret(s.as_deref(), kind).map_err(|e| field_err("secret", e))?)
            }
            None => None,
        };
        let name = req.name.as_deref().map(str::trim);
        let mut checks = Checks::default();
        if let Some(n) = name {
            check_name(&mut checks, n);
        }
        checks.into_result()?;
        // Enabled again: what was raised while it rested is not told now, all at once.
        let tells_after_alert = match (row.active, req.active) {
            (false, Some(true)) => Some(store::alerts::last_id(tx)?),
            _ => None,
        };
        rows::update(
            tx,
            id,
            &RobotChange {
                name,
                url: url.as_ref().map(|u| u.as_str()),
                secret: secret.as_ref().map(|s| s.as_deref()),
                active: req.active,
                tells_after_alert,
                version: Some(row.version + 1),
                updated_at: Some(env.stamp()),
            },
        )?;
        let who = audit::name_of(tx, actor)?;
        let what = if url.is_some() || secret.is_some() {
            "credentials changed"
        } else {
            "changed"
        };
        audit::record(
            tx,
            env,
            (Some(actor.user_id), &who),
            &actor.origin(),
            "chat_robot_changed",
            &format!("chat_robot:{id}"),
            what,
        )?;
        Ok(())
    })?;
    get(db, actor, id)
}

/// Removes a robot with its unsent messages.
pub fn delete(db: &mut Db, env: &Env, actor: &Actor, id: i32) -> ServiceResult<()> {
    in_tx(db, |tx| {
        visible(tx, actor, id)?;
        rows::delete(tx, id)?;
        let who = audit::name_of(tx, actor)?;
        audit::record(
            tx,
            env,
            (Some(actor.user_id), &who),
            &actor.origin(),
            "chat_robot_removed",
            &format!("chat_robot:{id}"),
            "",
        )?;
        Ok(())
    })
}
