//! Who is asking, and what each role may do.

use store::{self, DbConn};

use crate::{ServiceError, ServiceResult};

pub use domain::Role;

/// The signed-in user a request acts for.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i32,
    pub role: Role,
    pub enterprise_id: Option<i32>,
    pub session_id: i32,
    /// Where the request came from, for the audit log ("" off the web: CLI, demo).
    pub address: String,
}

impl Actor {
    pub fn origin(&self) -> crate::accounts::audit::Origin {
        crate::accounts::audit::Origin {
            address: self.address.clone(),
        }
    }

    pub fn require_staff(&self) -> Result<(), ServiceError> {
        if self.role.is_staff() {
            Ok(())
        } else {
            Err(ServiceError::forbidden(
                crate::refusal::general::ZONE_STAFF_ONLY,
            ))
        }
    }

    pub fn require_admin(&self) -> Result<(), ServiceError> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(ServiceError::forbidden(crate::refusal::general::ADMIN_ONLY))
        }
    }

    /// May read a project of this enterprise (staff: every project of the zone).
    pub fn can_read_enterprise(&self, enterprise_id: i32) -> bool {
        self.role.is_staff() || self.enterprise_id == Some(enterprise_id)
    }

    /// Whether this actor may change a project only if assigned to it (a liaison), so
    /// [`Actor::require_project_editor`] needs the project's liaisons.
    pub fn edits_only_assigned(&self) -> bool {
        self.role == Role::Liaison
    }

    /// May change a project: managers and admins any, liaisons those assigned to them.
    pub fn require_project_editor(&self, liaison_ids: &[i32]) -> Result<(), ServiceError> {
        match self.role {
            Role::Admin | Role::Manager => Ok(()),
            Role::Liaison if liaison_ids.contains(&self.user_id) => Ok(()),
            Role::Liaison => Err(ServiceError::forbidden(
                crate::refusal::general::LIAISON_OWN_PROJECTS_ONLY,
            )),
            Role::Enterprise => Err(ServiceError::forbidden(
                crate::refusal::general::ENTERPRISE_READS_ONLY,
            )),
        }
    }
}

/// Who a command-line import acts as: the named user, or the first active admin.
pub fn cli_actor(conn: &mut DbConn, username: Option<&str>) -> ServiceResult<Actor> {
    let user = match username {
        Some(name) => store::users::find_by_username(conn, name)?.filter(|u| u.active),
        None => store::users::active_with_role(conn, Role::Admin)?
            .into_iter()
            .next(),
    }
    .ok_or_else(|| ServiceError::invalid("user", crate::refusal::general::NO_ACTIVE_USER))?;
    Ok(Actor {
        user_id: user.id,
        role: user.role,
        enterprise_id: user.enterprise_id,
        session_id: 0,
        address: String::new(),
    })
}
