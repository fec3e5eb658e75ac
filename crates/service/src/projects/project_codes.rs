//! The 统一项目代码 of a project: its shape checked (`domain::landing::ProjectCode`), held by
//! one project at most (a second claim is a conflict, 409).

use domain::landing::ProjectCode;
use store::{self, WriteTx};

use crate::fields::Checks;
use crate::refusal::project_codes::{PROJECT_CODE_SHAPE, PROJECT_CODE_TAKEN};
use crate::refusal::Refusal;
use crate::{Env, ServiceError, ServiceResult};

/// The code as given, checked; blank means none.
pub fn check(checks: &mut Checks, raw: Option<&str>) -> Option<ProjectCode> {
    let raw = raw.map(str::trim).filter(|s| !s.is_empty())?;
    match ProjectCode::parse(raw) {
        Ok(c) => Some(c),
        // The domain has one shape only, so its English is the code's.
        Err(_) => {
            checks.fail("project_code", PROJECT_CODE_SHAPE);
            None
        }
    }
}

/// Gives the project this code (or none); refused when another project holds it.
pub fn claim(
    conn: &mut WriteTx,
    env: &Env,
    project_id: i32,
    code: Option<&ProjectCode>,
) -> ServiceResult<()> {
    if let Some(c) = code {
        if let Some(other) = store::landing::holder_of(conn, c.as_str())? {
            if other != project_id {
                return Err(ServiceError::conflict(
                    Refusal::of(PROJECT_CODE_TAKEN)
                        .arg("project", other)
                        .arg("code", c.as_str()),
                ));
            }
        }
    }
    store::landing::set_code(conn, project_id, code.map(ProjectCode::as_str), env.stamp())?;
    Ok(())
}
