//! The agencies by every name a step may give (name, short name, "…（牵头）"): how a
//! step's agency is found when projects, steps, imports and templates are written.

use std::collections::HashMap;

use domain::agency::split_lead;
use domain::step::StepSpec;
use store::agencies::{self as rows, AgencyRow};
use store::DbConn;

use crate::{FieldError, ServiceError, ServiceResult};

/// The agencies by every name a step may give: name and short name.
pub struct AgencyBook {
    by_name: HashMap<String, i32>,
}

impl AgencyBook {
    pub fn load(conn: &mut DbConn) -> ServiceResult<AgencyBook> {
        Ok(AgencyBook::of(&rows::all(conn)?))
    }

    fn of(all: &[AgencyRow]) -> AgencyBook {
        let mut by_name = HashMap::new();
        // Short names first, so that a full name always wins.
        for a in all {
            by_name.insert(a.short_name.clone(), a.id);
        }
        for a in all {
            by_name.insert(a.name.clone(), a.id);
        }
        AgencyBook { by_name }
    }

    /// The agency a step names, by name or short name ("（牵头）" already split off).
    pub fn id_of(&self, name: &str) -> Option<i32> {
        self.by_name.get(split_lead(name).0).copied()
    }

    /// Each spec's agency id, or a 422 naming `{field}[i].agency` for every unknown one.
    pub fn resolve_all(&self, specs: &[StepSpec], field: &str) -> ServiceResult<Vec<i32>> {
        let mut errors = Vec::new();
        let ids: Vec<i32> = specs
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let id = self.id_of(&s.agency);
                if id.is_none() {
                    errors.push(unknown(&format!("{field}[{i}].agency"), &s.agency));
                }
                id
            })
            .collect();
        if errors.is_empty() {
            Ok(ids)
        } else {
            Err(ServiceError::invalid_fields(errors))
        }
    }

    /// One name's agency id, or a 422 naming `field`.
    pub fn resolve(&self, name: &str, field: &str) -> ServiceResult<i32> {
        self.id_of(name)
            .ok_or_else(|| ServiceError::invalid_fields(vec![unknown(field, name)]))
    }
}

/// The refusal of a name no agency has, naming `field`.
pub(crate) fn unknown(field: &str, name: &str) -> FieldError {
    FieldError::new(
        field,
        crate::refusal::Refusal::of(crate::refusal::routes::UNKNOWN_AGENCY)
            .arg("name", format!("{:?}", name.trim())),
    )
}
