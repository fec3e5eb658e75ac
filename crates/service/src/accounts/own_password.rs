//! A user changing their own password: they prove the current one, the new one meets the
//! rules, and every other session of theirs ends (a stolen session does not outlive the
//! change), while the one they changed it from stays signed in. A wrong current password
//! counts as a failed login of the name, so a stolen session cannot guess it for ever.

use serde::Deserialize;
use utoipa::ToSchema;

use domain::limits::MAX_PASSWORD;
use store::users::UserChanges;
use store::{self, Db};

use crate::accounts::auth::{self, LoginRequest};
use crate::fields::Checks;
use crate::versions::check_written;
use crate::{accounts::audit, accounts::password, in_tx, Actor, Env, ServiceError, ServiceResult};

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
    conn: &mut Db,
    env: &Env,
    actor: &Actor,
    req: &ChangeOwnPassword,
) -> ServiceResult<usize> {
    if req.current_password.chars().count() > MAX_PASSWORD {
        return Err(ServiceError::invalid(
            "current_password",
            crate::refusal::records::CURRENT_PASSWORD_WRONG,
        ));
    }
    let user = store::users::find(conn, actor.user_id)?
        .filter(|u| u.active)
        .ok_or_else(|| ServiceError::unauthorized(crate::refusal::records::ACCOUNT_DISABLED))?;
    // The login throttle: counted as a failure until found right; refused when locked.
    let origin = actor.origin();
    let login = LoginRequest {
        username: user.username.clone(),
        password: req.current_password.clone(),
    };
    let attempt = auth::begin(conn, env, &login, &origin)?;
    let current_right = attempt.password_matches(&req.current_password);
    // Kept whatever the change's outcome: the throttle learns whether the password was right.
    in_tx(conn, |tx| {
        if current_right {
            let old = env.stamp() - chrono::Duration::hours(24);
            store::security::clear_failures(tx, &user.username, old)?;
            return Ok(());
        }
        let who = (Some(user.id), user.username.as_str());
        let why = "wrong current password";
        audit::record(
            tx,
            env,
            who,
            &origin,
            "password_change_failed",
            &user.username,
            why,
        )
    })?;
    in_tx(conn, |conn| {
        let mut checks = Checks::default();
        if !current_right {
            checks.fail(
                "current_password",
                crate::refusal::records::CURRENT_PASSWORD_WRONG,
            );
        } else if req.current_password == req.password {
            checks.fail("password", crate::refusal::records::PASSWORD_UNCHANGED);
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
            phone: None,
            mobile: None,
            version: user.version + 1,
            updated_at: env.stamp(),
        };
        check_written(
            "user",
            store::users::update(conn, user.id, user.version, &changes)?,
            user.version,
        )?;
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
