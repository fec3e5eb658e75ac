//! Approval-route templates: kept in the database with a version history, seeded from the
//! data files under `config/routes/`. Read from the database wherever they are used, so
//! that an admin's save shows on every instance at once.

pub mod agencies;
pub mod agency_book;
pub mod agency_seed;
pub mod route_templates;

use std::path::Path;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use store::route_templates::{self as rows, NewTemplateVersion, TemplateVersionRow};
use store::{DbConn, WriteTx};

use crate::steps::step_view::StepSpecInput;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteTemplate {
    pub key: String,
    pub name: String,
    pub steps: Vec<StepSpecInput>,
    /// The current version (each save adds one; the data files have none).
    #[serde(default)]
    pub version: i32,
}

impl RouteTemplate {
    /// The template a version row holds; a row whose steps cannot be read is an error.
    pub fn of_row(row: &TemplateVersionRow) -> Result<RouteTemplate, String> {
        let steps = serde_json::from_str(&row.steps)
            .map_err(|e| format!("route template {} v{}: {e}", row.template_key, row.version))?;
        Ok(RouteTemplate {
            key: row.template_key.clone(),
            name: row.name.clone(),
            steps,
            version: row.version,
        })
    }
}

#[derive(Debug, thiserror::Error)]
#[error("route template {file}: {reason}")]
pub struct RouteLoadError {
    pub file: String,
    pub reason: String,
}

/// Reads and checks every `*.toml` in `dir`: a broken template stops start-up.
pub fn read_files(dir: &Path) -> Result<Vec<RouteTemplate>, RouteLoadError> {
    let fail = |file: &Path, reason: String| RouteLoadError {
        file: file.display().to_string(),
        reason,
    };
    let mut files: Vec<(std::path::PathBuf, String)> = Vec::new();
    if let Some(shipped) = settings::shipped::routes(dir) {
        files.extend(shipped.into_iter().map(|(p, t)| (p.into(), t.to_string())));
    } else {
        let entries = std::fs::read_dir(dir).map_err(|e| fail(dir, e.to_string()))?;
        for entry in entries {
            let path = entry.map_err(|e| fail(dir, e.to_string()))?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| fail(&path, e.to_string()))?;
            files.push((path, text));
        }
    }
    let mut templates = Vec::new();
    for (path, text) in files {
        let template: RouteTemplate =
            toml::from_str(&text).map_err(|e| fail(&path, e.to_string()))?;
        StepSpecInput::to_domain_all(&template.steps, "steps")
            .map_err(|e| fail(&path, e.to_string()))?;
        templates.push(template);
    }
    templates.sort_by(|a, b| a.key.cmp(&b.key));
    if let Some(w) = templates.windows(2).find(|w| w[0].key == w[1].key) {
        return Err(fail(
            dir,
            format!("two templates have the key {:?}", w[0].key),
        ));
    }
    Ok(templates)
}

/// Stores version 1 of each file's template whose key the database lacks (first start,
/// or a database from before templates were kept there); returns how many. Idempotent:
/// a key already stored keeps its versions, whatever the file now says.
pub fn seed(conn: &mut WriteTx, dir: &Path, now: NaiveDateTime) -> Result<usize, RouteLoadError> {
    let fail = |reason: String| RouteLoadError {
        file: dir.display().to_string(),
        reason,
    };
    let mut added = 0;
    for t in read_files(dir)? {
        if rows::current(conn, &t.key)
            .map_err(|e| fail(e.to_string()))?
            .is_some()
        {
            continue;
        }
        let steps = serde_json::to_string(&t.steps).map_err(|e| fail(e.to_string()))?;
        rows::insert(
            conn,
            &NewTemplateVersion {
                template_key: &t.key,
                version: 1,
                name: &t.name,
                steps: &steps,
                saved_by: None,
                saved_by_name: "config/routes",
                saved_at: now,
            },
        )
        .map_err(|e| fail(e.to_string()))?;
        added += 1;
    }
    Ok(added)
}

/// The current version of every template in the database, in key order; a stored version
/// that cannot be read is an error (start-up checks them all).
pub fn stored(conn: &mut DbConn) -> Result<Vec<RouteTemplate>, RouteLoadError> {
    let fail = |reason: String| RouteLoadError {
        file: "route_template_versions".into(),
        reason,
    };
    let mut templates = rows::current_all(conn)
        .map_err(|e| fail(e.to_string()))?
        .iter()
        .map(RouteTemplate::of_row)
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    templates.sort_by(|a, b| a.key.cmp(&b.key));
    Ok(templates)
}
