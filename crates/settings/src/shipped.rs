//! The configuration and data the binary ships with (issue 28: it runs from any folder).
//! A file at the configured path wins; where there is none and the path is the default
//! one, the copy built into the binary is used, so `approval-tracker demo` works from an
//! empty folder and a zone still overrides anything by putting the file in place.

use std::io;
use std::path::Path;

/// `config/default.toml` as built.
pub const DEFAULT_TOML: &str = include_str!("../../../config/default.toml");

/// The data files the defaults name, by their default (relative) paths.
const FILES: &[(&str, &str)] = &[
    (
        "config/calendar/cn.toml",
        include_str!("../../../config/calendar/cn.toml"),
    ),
    (
        "config/agencies.toml",
        include_str!("../../../config/agencies.toml"),
    ),
];

/// The default folder of route templates, and its files as built.
const ROUTES_DIR: &str = "config/routes";
const ROUTES: &[(&str, &str)] = &[
    (
        "config/routes/hazardous-chemical.toml",
        include_str!("../../../config/routes/hazardous-chemical.toml"),
    ),
    (
        "config/routes/low-risk-industrial.toml",
        include_str!("../../../config/routes/low-risk-industrial.toml"),
    ),
    (
        "config/routes/standard-industrial.toml",
        include_str!("../../../config/routes/standard-industrial.toml"),
    ),
];

/// The file's text; the built-in copy when the file is absent and `path` is a default one.
pub fn read(path: &Path) -> io::Result<String> {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => FILES
            .iter()
            .find(|(p, _)| Path::new(p) == path)
            .map(|(_, text)| text.to_string())
            .ok_or(e),
        other => other,
    }
}

/// The built-in route templates (name, text) when `dir` is the default folder and absent.
pub fn routes(dir: &Path) -> Option<Vec<(String, &'static str)>> {
    (dir == Path::new(ROUTES_DIR) && !dir.exists()).then(|| {
        ROUTES
            .iter()
            .map(|(p, text)| (p.to_string(), *text))
            .collect()
    })
}

/// `server.public_url` as shipped (links then point at the default port).
pub fn default_public_url() -> Option<String> {
    let t: toml::Value = toml::from_str(DEFAULT_TOML).ok()?;
    Some(
        t.get("server")?
            .get("public_url")?
            .as_str()?
            .trim_end_matches('/')
            .to_string(),
    )
}
