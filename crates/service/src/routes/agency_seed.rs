//! The agencies at start-up: those of `config/agencies.toml` the database lacks, and any
//! agency a stored template names that is still unknown (so every template can be used).
//! Idempotent; a stored agency keeps what admins set, except that a short name the
//! migration could only copy from the name takes the file's.

use std::path::Path;

use chrono::NaiveDateTime;
use serde::Deserialize;

use domain::agency::split_lead;
use store::agencies::{self as rows, NewAgency};
use store::route_templates as templates;
use store::WriteTx;

use crate::routes::RouteTemplate;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyFile {
    agencies: Vec<AgencyEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyEntry {
    name: String,
    short_name: String,
}

/// Returns how many agencies were added.
pub fn seed(conn: &mut WriteTx, file: &Path, now: NaiveDateTime) -> Result<usize, String> {
    let at = |e: &dyn std::fmt::Display| format!("{}: {e}", file.display());
    let text = settings::shipped::read(file).map_err(|e| at(&e))?;
    let listed: AgencyFile = toml::from_str(&text).map_err(|e| at(&e))?;
    let db = |e: diesel::result::Error| format!("agencies: {e}");
    let mut added = 0;
    let mut wanted: Vec<(String, String)> = listed
        .agencies
        .into_iter()
        .map(|a| (a.name.trim().to_string(), a.short_name.trim().to_string()))
        .collect();
    for row in templates::current_all(conn).map_err(db)? {
        let t = RouteTemplate::of_row(&row)?;
        for s in t.steps {
            let name = split_lead(&s.agency).0.to_string();
            if !wanted.iter().any(|(n, _)| *n == name) {
                wanted.push((name.clone(), name));
            }
        }
    }
    let stored = rows::all(conn).map_err(db)?;
    for (name, short) in &wanted {
        match stored
            .iter()
            .find(|a| a.name == *name || a.short_name == *name)
        {
            None => {
                let new = NewAgency {
                    name,
                    short_name: short,
                    version: 1,
                    updated_at: now,
                };
                rows::insert(conn, &new).map_err(db)?;
                added += 1;
            }
            Some(a) if a.short_name == a.name && short != name => {
                rows::update(conn, a.id, a.version, (&a.name, short), now).map_err(db)?;
            }
            Some(_) => {}
        }
    }
    Ok(added)
}
