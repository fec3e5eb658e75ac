//! A user changing their own password: they prove the current one, the new one meets the
//! rules, and every other session of theirs ends (a stolen session does not outlive the
//! change), while the one they changed it from stays signed in.

use serde::Deserialize;
use utoipa::ToSchema;

use crate::store::users::UserChanges;
use crate::store::{self, DbConn};

use super::fields::Checks;
use super::{audit, in_tx, password, Actor, Env, ServiceError, ServiceResult};

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeOwnPassword {
    pub current_password: String,
    /// The new password: at least 10 characters, letters mixed with digits or symbols,
    /// not containing the user name.
    pub password: String,
}

/// Changes the actor's password; returns how many other sessions were ended.
pub fn change(
    conn: &mut DbConn,
    env: &Env,
    actor: &Actor,
    req: &ChangeOwnPassword,
) -> ServiceResult<usize> {
    in_tx(conn, |conn| {
        let user = store::users::find(conn, actor.user_id)?
            .filter(|u| u.active)
            .ok_or_else(|| ServiceError::Unauthorized("the account is disabled".into()))?;
        let mut checks = Checks::default();
        if !password::verify(&req.current_password, &user.password_hash) {
            checks.fail("current_password", "the current password is not right");
        } else if req.current_password == req.password {
            checks.fail("password", "must differ from the current password");
        }
        if let Err(ServiceError::Invalid { errors, .. }) =
            password::check_rules(&req.password, &user.username)
        {
            checks.0.extend(errors);
        }
        checks.into_result()?;
        let hash = password::hash(&req.password)?;
        let changes = UserChanges {
            display_name: None,
            email: None,
            role: None,
            enterprise_id: None,
            password_hash: Some(&hash),
            active: None,
            version: user.version + 1,
            updated_at: env.stamp(),
        };
        if !store::users::update(conn, user.id, user.version, &changes)? {
            return Err(ServiceError::StaleVersion {
                what: "user",
                current: user.version,
            });
        }
        let ended =
            store::sessions::revoke_others_of(conn, user.id, actor.session_id, env.stamp())?;
        audit::record(
            conn,
            env,
            (Some(actor.user_id), &user.username),
            &actor.origin(),
            "password_changed",
            &user.username,
            &format!("own password changed, {ended} other sessions ended"),
        )?;
        Ok(ended)
    })
}
