//! What a user keeps for the robots besides the robots themselves: their own mobile (for
//! mentions in the managers' group), and the owners' names the settings page shows.

use std::collections::HashMap;

use store::{self, Db, DbConn};

use crate::fields::Checks;
use crate::notices::chat_robots::{Owner, RobotView};
use crate::{in_tx, Actor, Env, ServiceError, ServiceResult};

/// The signed-in user's own mobile, for mentions in the managers' group (blank removes it).
pub fn set_own_mobile(db: &mut Db, env: &Env, actor: &Actor, mobile: &str) -> ServiceResult<()> {
    let mobile = mobile.trim();
    let mut checks = Checks::default();
    if !mobile.is_empty() {
        checks.mobile("mobile", mobile);
    }
    checks.into_result()?;
    in_tx(db, |tx| {
        let user = store::users::find(tx, actor.user_id)?.ok_or(ServiceError::NotFound("user"))?;
        let changes = store::users::UserChanges {
            display_name: None,
            email: None,
            role: None,
            enterprise_id: None,
            password_hash: None,
            active: None,
            phone: None,
            mobile: Some((!mobile.is_empty()).then_some(mobile)),
            version: user.version + 1,
            updated_at: env.stamp(),
        };
        let written = store::users::update(tx, user.id, user.version, &changes)?;
        crate::versions::check_written("user", written, user.version)
    })
}

/// The signed-in user's mobile as stored.
pub fn own_mobile(conn: &mut DbConn, actor: &Actor) -> ServiceResult<Option<String>> {
    Ok(store::users::find(conn, actor.user_id)?.and_then(|u| u.mobile))
}

/// Display names of the robots' owners, by user id (as strings, for templates).
pub fn owner_names(
    conn: &mut DbConn,
    robots: &[RobotView],
) -> ServiceResult<HashMap<String, String>> {
    let ids: Vec<i32> = robots
        .iter()
        .filter_map(|r| match r.owner {
            Owner::User(id) => Some(id),
            Owner::Group(_) => None,
        })
        .collect();
    Ok(store::users::find_many(conn, &ids)?
        .into_iter()
        .map(|u| (u.id.to_string(), u.display_name))
        .collect())
}
