//! Approval-route templates: data files under `config/routes/`, checked at start-up.

use std::path::Path;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::step_view::StepSpecInput;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RouteTemplate {
    pub key: String,
    pub name: String,
    pub steps: Vec<StepSpecInput>,
}

/// Every route template, in key order.
#[derive(Debug, Clone, Default)]
pub struct RouteCatalog {
    templates: Vec<RouteTemplate>,
}

#[derive(Debug, thiserror::Error)]
#[error("route template {file}: {reason}")]
pub struct RouteLoadError {
    pub file: String,
    pub reason: String,
}

impl RouteCatalog {
    /// Reads and checks every `*.toml` in `dir`: a broken template stops start-up.
    pub fn load(dir: &Path) -> Result<RouteCatalog, RouteLoadError> {
        let fail = |file: &Path, reason: String| RouteLoadError {
            file: file.display().to_string(),
            reason,
        };
        let entries = std::fs::read_dir(dir).map_err(|e| fail(dir, e.to_string()))?;
        let mut templates = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| fail(dir, e.to_string()))?.path();
            if path.extension().and_then(|e| e.to_str()) != Some("toml") {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(|e| fail(&path, e.to_string()))?;
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
        Ok(RouteCatalog { templates })
    }

    pub fn all(&self) -> &[RouteTemplate] {
        &self.templates
    }

    pub fn get(&self, key: &str) -> Option<&RouteTemplate> {
        self.templates.iter().find(|t| t.key == key)
    }
}
