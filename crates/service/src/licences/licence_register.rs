//! The licences register staff read: every licence by expiry, soonest first, with its
//! enterprise and project named and whether it has expired or is within the reminder
//! window (the first reminder's lead, `notify::REMINDER_DAYS`).

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use serde::Serialize;

use store::{self, DbConn};

use crate::licences::{view, LicenceView};
use crate::notices::notify::REMINDER_DAYS;
use crate::{Actor, Env, ServiceResult};

#[derive(Debug, Serialize)]
pub struct LicenceLine {
    #[serde(flatten)]
    pub licence: LicenceView,
    pub enterprise_name: String,
    pub project_name: Option<String>,
    pub expired: bool,
    /// Expires within the reminder window (and has not yet).
    pub due: bool,
}

/// Every licence, soonest expiry first (staff).
pub fn register(conn: &mut DbConn, env: &Env, actor: &Actor) -> ServiceResult<Vec<LicenceLine>> {
    actor.require_staff()?;
    let (rows, _) = store::licences::page(conn, None, 0, i64::from(i32::MAX))?;
    let mut enterprises: HashMap<i32, String> = HashMap::new();
    let mut projects: HashMap<i32, Option<String>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Entry::Vacant(slot) = enterprises.entry(row.enterprise_id) {
            let found = store::enterprises::find(conn, row.enterprise_id)?;
            slot.insert(found.map_or_else(String::new, |e| e.name));
        }
        let project_name = match row.project_id {
            None => None,
            Some(pid) => {
                if let Entry::Vacant(slot) = projects.entry(pid) {
                    slot.insert(store::projects::find(conn, pid)?.map(|p| p.name));
                }
                projects[&pid].clone()
            }
        };
        let licence = view(env, row);
        out.push(LicenceLine {
            enterprise_name: enterprises[&licence.enterprise_id].clone(),
            project_name,
            expired: licence.days_left < 0,
            due: (0..=REMINDER_DAYS[0]).contains(&licence.days_left),
            licence,
        });
    }
    Ok(out)
}
