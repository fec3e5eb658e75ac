//! Accounts: only admins manage them; staff may read them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use store::users::UserChanges;
use store::{self, rows::NewUser, rows::UserRow, Db, DbConn};

use crate::accounts::audit::{self, Origin};
use crate::fields::{double_option, Checks};
use crate::steps::handover;
use crate::versions::{check_version, check_written};
use crate::{
    accounts::password, in_tx, Actor, Env, ListPage, PageQuery, Role, ServiceError, ServiceResult,
};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserView {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub email: String,
    /// Shown to enterprises as whom to call (a liaison's).
    pub phone: Option<String>,
    /// A mainland mobile, for chat robots' mentions.
    pub mobile: Option<String>,
    pub role: Role,
    pub enterprise_id: Option<i32>,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<UserRow> for UserView {
    fn from(u: UserRow) -> UserView {
        UserView {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            email: u.email,
            phone: u.phone,
            mobile: u.mobile,
            // The CHECK constraint keeps roles to the four names.
            role: u.role,
            enterprise_id: u.enterprise_id,
            active: u.active,
            version: u.version,
            created_at: u.created_at.and_utc(),
            updated_at: u.updated_at.and_utc(),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUser {
    pub username: String,
    pub display_name: String,
    pub email: String,
    #[serde(default)]
    pub phone: Option<String>,
    pub role: Role,
    pub enterprise_id: Option<i32>,
    pub password: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchUser {
    pub display_name: Option<String>,
    pub email: Option<String>,
    /// `null` or blank removes the phone.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub phone: Option<Option<String>>,
    /// `null` or blank removes the mobile.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub mobile: Option<Option<String>>,
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<i32>)]
    pub enterprise_id: Option<Option<i32>>,
    pub password: Option<String>,
    pub active: Option<bool>,
    /// Who takes over a liaison's running projects and open requests when this change
    /// takes the liaison out of the role or disables them (an active liaison). Without
    /// one such a change is refused (409) while the liaison holds any.
    pub successor_id: Option<i32>,
}

/// A blank phone is no phone.
fn blank_is_none(p: Option<&str>) -> Option<&str> {
    p.map(str::trim).filter(|p| !p.is_empty())
}

fn valid_username(name: &str) -> bool {
    (3..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

/// An enterprise account belongs to exactly one existing enterprise; staff to none.
fn check_membership(
    conn: &mut DbConn,
    checks: &mut Checks,
    role: Role,
    enterprise_id: Option<i32>,
) -> ServiceResult<()> {
    match (role, enterprise_id) {
        (Role::Enterprise, None) => checks.fail(
            "enterprise_id",
            crate::refusal::records::ENTERPRISE_ACCOUNT_NEEDS_ENTERPRISE,
        ),
        (Role::Enterprise, Some(id)) => {
            if store::enterprises::find(conn, id)?.is_none() {
                checks.fail(
                    "enterprise_id",
                    crate::refusal::Refusal::of(crate::refusal::fields::NO_SUCH_ENTERPRISE)
                        .arg("id", id),
                );
            }
        }
        (_, Some(_)) => checks.fail(
            "enterprise_id",
            crate::refusal::records::ONLY_ENTERPRISE_ACCOUNTS_BELONG,
        ),
        (_, None) => {}
    }
    Ok(())
}

pub fn create(
    conn: &mut Db,
    env: &Env,
    actor: Option<&Actor>,
    req: &CreateUser,
) -> ServiceResult<UserView> {
    // `None` is the command line (`user add`), run by whoever holds the server.
    if let Some(actor) = actor {
        actor.require_admin()?;
    }
    in_tx(conn, |conn| {
        let mut checks = Checks::default();
        if !valid_username(&req.username) {
            checks.fail("username", crate::refusal::records::USERNAME_RULE);
        }
        checks.text("display_name", &req.display_name, 100);
        checks.email("email", &req.email);
        let phone = blank_is_none(req.phone.as_deref());
        if let Some(p) = phone {
            checks.phone("phone", p);
        }
        check_membership(conn, &mut checks, req.role, req.enterprise_id)?;
        if let Err(ServiceError::Invalid { errors, .. }) =
            password::check_rules(&req.password, &req.username)
        {
            checks.0.extend(errors);
        }
        checks.into_result()?;
        if store::users::find_by_username(conn, &req.username)?.is_some() {
            return Err(ServiceError::conflict(
                crate::refusal::Refusal::of(crate::refusal::records::USERNAME_TAKEN)
                    .arg("name", &req.username),
            ));
        }
        let hash = password::hash(&req.password)?;
        let id = store::users::insert(
            conn,
            &NewUser {
                username: &req.username,
                display_name: req.display_name.trim(),
                email: req.email.trim(),
                role: req.role.as_str(),
                enterprise_id: req.enterprise_id,
                password_hash: &hash,
                active: true,
                version: 1,
                created_at: env.stamp(),
                updated_at: env.stamp(),
                phone,
            },
        )?;
        let (by, origin) = match actor {
            Some(a) => ((Some(a.user_id), audit::name_of(conn, a)?), a.origin()),
            None => ((None, "command line".to_string()), Origin::default()),
        };
        let detail = format!("role {}", req.role.as_str());
        audit::record(
            conn,
            env,
            (by.0, &by.1),
            &origin,
            "user_created",
            &req.username,
            &detail,
        )?;
        fetch(conn, id)
    })
}

fn fetch(conn: &mut DbConn, id: i32) -> ServiceResult<UserView> {
    store::users::find(conn, id)?
        .map(UserView::from)
        .ok_or(ServiceError::NotFound("user"))
}

/// Whether the database has no user yet (a new database: the demo fills only such a one).
pub fn none_yet(conn: &mut DbConn) -> ServiceResult<bool> {
    Ok(store::users::page(conn, 0, 1)?.1 == 0)
}

pub fn get(conn: &mut DbConn, actor: &Actor, id: i32) -> ServiceResult<UserView> {
    actor.require_staff()?;
    fetch(conn, id)
}

pub fn list(
    conn: &mut DbConn,
    actor: &Actor,
    page: PageQuery,
) -> ServiceResult<ListPage<UserView>> {
    actor.require_staff()?;
    let (offset, limit) = page.window()?;
    let (rows, total) = store::users::page(conn, offset, limit)?;
    Ok(ListPage {
        items: rows.into_iter().map(UserView::from).collect(),
        total,
    })
}

pub fn patch(
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    id: i32,
    if_match: Option<i32>,
    req: &PatchUser,
) -> ServiceResult<UserView> {
    actor.require_admin()?;
    in_tx(conn, |conn| {
        let current = store::users::find(conn, id)?.ok_or(ServiceError::NotFound("user"))?;
        check_version("user", current.version, if_match)?;
        let mut checks = Checks::default();
        if let Some(d) = &req.display_name {
            checks.text("display_name", d, 100);
        }
        if let Some(e) = &req.email {
            checks.email("email", e);
        }
        let phone = req.phone.as_ref().map(|p| blank_is_none(p.as_deref()));
        if let Some(Some(p)) = phone {
            checks.phone("phone", p);
        }
        let mobile = req.mobile.as_ref().map(|p| blank_is_none(p.as_deref()));
        if let Some(Some(m)) = mobile {
            checks.mobile("mobile", m);
        }
        let role = req.role.unwrap_or(current.role);
        let enterprise_id = req.enterprise_id.unwrap_or(current.enterprise_id);
        check_membership(conn, &mut checks, role, enterprise_id)?;
        if let Some(p) = &req.password {
            if let Err(ServiceError::Invalid { errors, .. }) =
                password::check_rules(p, &current.username)
            {
                checks.0.extend(errors);
            }
        }
        if id == actor.user_id
            && (req.active == Some(false) || req.role.is_some_and(|r| r != Role::Admin))
        {
            checks.fail("role", crate::refusal::records::ADMIN_CANNOT_DEMOTE_SELF);
        }
        handover::check_successor(conn, &mut checks, id, req.successor_id)?;
        checks.into_result()?;
        let was_liaison = current.role == Role::Liaison;
        let leaves_role = was_liaison && role != Role::Liaison;
        let leaves = leaves_role || (was_liaison && current.active && req.active == Some(false));
        let mut handed = None;
        if leaves {
            let held = handover::holdings_of(conn, id)?;
            if !held.is_empty() {
                let Some(successor) = req.successor_id else {
                    return Err(handover::refusal(&held));
                };
                handed = Some(handover::hand_over(
                    conn, env, actor, &current, successor, &held,
                )?);
            }
        }
        let hash = req.password.as_deref().map(password::hash).transpose()?;
        let changes = UserChanges {
            display_name: req.display_name.as_deref().map(str::trim),
            email: req.email.as_deref().map(str::trim),
            role: req.role.map(Role::as_str),
            enterprise_id: req.enterprise_id,
            password_hash: hash.as_deref(),
            active: req.active,
            phone,
            mobile,
            version: current.version + 1,
            updated_at: env.stamp(),
        };
        check_written(
            "user",
            store::users::update(conn, id, current.version, &changes)?,
            current.version,
        )?;
        // A new password, a new role or a disabled account ends every open session: whoever
        // holds one signs in again, as what they now are.
        let role_changed = role != current.role;
        if hash.is_some() || req.active == Some(false) || role_changed {
            store::sessions::revoke_all_of(conn, id, env.stamp())?;
        }
        // A liaison's calendar feed and (archived) project assignments go with the role; a
        // disabled account's feed ends too (re-enabled, the liaison asks for a new link).
        let mut unassigned = Vec::new();
        if leaves_role {
            unassigned = store::projects::remove_liaison_everywhere(conn, id, env.stamp())?;
        }
        let feed_ended =
            (leaves_role || req.active == Some(false)) && store::feeds::remove(conn, id)? > 0;
        let mut changed: Vec<String> = Vec::new();
        if role_changed {
            changed.push(format!(
                "role {} → {}, sessions ended",
                current.role,
                role.as_str()
            ));
        }
        if let Some(a) = req.active {
            changed.push(format!("active → {a}"));
        }
        if hash.is_some() {
            changed.push("password changed, sessions ended".into());
        }
        changed.extend(handed);
        if !unassigned.is_empty() {
            changed.push(format!(
                "no longer liaison of {} archived projects",
                unassigned.len()
            ));
        }
        if feed_ended {
            changed.push("calendar feed ended".into());
        }
        if req.enterprise_id.is_some()
            || req.display_name.is_some()
            || req.email.is_some()
            || req.phone.is_some()
            || req.mobile.is_some()
        {
            changed.push("profile".into());
        }
        let by = audit::name_of(conn, actor)?;
        audit::record(
            conn,
            env,
            (Some(actor.user_id), &by),
            &actor.origin(),
            "user_changed",
            &current.username,
            &changed.join("; "),
        )?;
        fetch(conn, id)
    })
}
