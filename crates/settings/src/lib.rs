//! Settings, layered: `config/default.toml` → `config/local.toml` (if present) → the file
//! given with `--config` → `APP__SECTION__KEY` environment variables. Unknown keys and bad
//! values are refused at start-up with a message naming the key. Settings travel as values.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use serde::{Deserialize, Deserializer};

mod secret;
pub mod shipped;

pub use secret::Secret;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub auth: AuthSettings,
    pub smtp: SmtpSettings,
    pub alerts: AlertSettings,
    pub scheduler: SchedulerSettings,
    pub log: LogSettings,
    pub reports: ReportSettings,
    pub data: DataSettings,
    pub imports: report::import_limits::ImportLimits,
    pub chat: ChatSettings,
    /// Enterprise requests' time limits (docs/rules.md defaults when the section is absent).
    #[serde(default)]
    pub requests: domain::request::RequestLimits,
    #[serde(default)]
    pub landing: LandingSettings,
}

/// The figures of a project's life beyond approvals (docs/rules.md).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LandingSettings {
    /// What signing to the construction permit used to take (six months): the reference
    /// the days of each project are set against.
    pub signing_to_permit_reference_days: u32,
}

impl Default for LandingSettings {
    fn default() -> Self {
        LandingSettings {
            signing_to_permit_reference_days: 180,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub bind: SocketAddr,
    pub public_url: String,
    /// Reverse proxies whose `X-Forwarded-For` is believed; from anyone else it is ignored,
    /// so a client cannot pick the address its logins are throttled and audited under.
    #[serde(default)]
    pub trusted_proxies: Vec<IpAddr>,
    /// Client addresses allowed to read `/metrics`; others get 404.
    #[serde(default = "loopback")]
    pub metrics_from: Vec<IpAddr>,
}

fn loopback() -> Vec<IpAddr> {
    vec![
        IpAddr::from([127, 0, 0, 1]),
        IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]),
    ]
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// May carry a password (`postgres://user:pw@host/db`); messages show
    /// `DbUrl::redacted` instead.
    pub url: Secret,
    pub pool_size: u32,
    pub connect_timeout_seconds: u64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    pub token_ttl_hours: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    None,
    Starttls,
    Tls,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub username: String,
    pub password: Secret,
    pub tls: SmtpTls,
    pub from: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertSettings {
    #[serde(deserialize_with = "de_timezone")]
    pub timezone: chrono_tz::Tz,
    pub window: AlertWindow,
    pub stalled_after_days: u32,
    pub escalate_after_days: u32,
}

/// The hours in which emails may leave: start inclusive, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertWindow {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl std::str::FromStr for AlertWindow {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("expected \"HH:MM-HH:MM\" with the start before the end, got {s:?}");
        let (a, b) = s.split_once('-').ok_or_else(bad)?;
        let start = NaiveTime::parse_from_str(a.trim(), "%H:%M").map_err(|_| bad())?;
        let end = NaiveTime::parse_from_str(b.trim(), "%H:%M").map_err(|_| bad())?;
        if start >= end {
            return Err(bad());
        }
        Ok(AlertWindow { start, end })
    }
}

impl<'de> Deserialize<'de> for AlertWindow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

fn de_timezone<'de, D: Deserializer<'de>>(d: D) -> Result<chrono_tz::Tz, D::Error> {
    let s = String::deserialize(d)?;
    s.parse()
        .map_err(|_| serde::de::Error::custom(format!("unknown time zone {s:?}")))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchedulerSettings {
    pub enabled: bool,
    pub interval_seconds: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    pub level: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportSettings {
    pub weekly_email: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSettings {
    pub routes_dir: PathBuf,
    pub calendar_file: PathBuf,
    /// The zone's agencies (name, short name), seeded at start-up.
    pub agencies_file: PathBuf,
}

/// Chat robots (企业微信, 钉钉): which hosts may ever be called, and how long a call may take.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatSettings {
    /// Hosts a robot's URL may name; anything else is refused when registered and never
    /// called, so no webhook can make the server call into the intranet.
    pub allowed_hosts: Vec<String>,
    pub timeout_seconds: u64,
}

#[derive(Debug, thiserror::Error)]
#[error("configuration: {0}")]
pub struct ConfigError(String);

impl Settings {
    /// Loads the layers from `base` (the folder holding `config/`; without
    /// `config/default.toml` there, the copy built into the binary), the optional explicit
    /// file, and the process environment.
    pub fn load(base: &Path, explicit: Option<&Path>) -> Result<Settings, ConfigError> {
        use config::{Config, Environment, File, FileFormat};
        let defaults = base.join("config/default.toml");
        let mut builder = if defaults.exists() {
            Config::builder().add_source(File::from(defaults).required(true))
        } else {
            Config::builder().add_source(File::from_str(shipped::DEFAULT_TOML, FileFormat::Toml))
        }
        .add_source(File::from(base.join("config/local.toml")).required(false));
        if let Some(path) = explicit {
            builder = builder.add_source(File::from(path).required(true));
        }
        let settings: Settings = builder
            .add_source(
                Environment::with_prefix("APP")
                    .prefix_separator("__")
                    .separator("__")
                    .try_parsing(true),
            )
            .build()
            .and_then(Config::try_deserialize)
            .map_err(|e| ConfigError(e.to_string()))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let url = &self.server.public_url;
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ConfigError(format!(
                "server.public_url: expected an http:// or https:// URL, got {url:?}"
            )));
        }
        if self.database.pool_size == 0 {
            return Err(ConfigError("database.pool_size: must be at least 1".into()));
        }
        if self.scheduler.interval_seconds == 0 {
            return Err(ConfigError(
                "scheduler.interval_seconds: must be at least 1".into(),
            ));
        }
        if self.chat.timeout_seconds == 0 {
            return Err(ConfigError(
                "chat.timeout_seconds: must be at least 1".into(),
            ));
        }
        if self.auth.token_ttl_hours == 0 {
            return Err(ConfigError(
                "auth.token_ttl_hours: must be at least 1".into(),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_parses_and_refuses_reversed_hours() {
        let w: AlertWindow = "08:30-18:00".parse().unwrap();
        assert_eq!(w.start, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
        assert!("18:00-08:30".parse::<AlertWindow>().is_err());
        assert!("8h-18h".parse::<AlertWindow>().is_err());
    }

    #[test]
    fn secrets_never_show_in_debug() {
        let base = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut s = Settings::load(base, None).unwrap();
        s.database.url = "postgres://app:db-pw-1234@db.zone.example/approvals".into();
        s.smtp.password = "smtp-pw-5678".into();
        let shown = format!("{s:?} {s:#?} {}", s.smtp.password);
        for secret in ["db-pw-1234", "db.zone.example", "smtp-pw-5678"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("[redacted]"));
        assert_eq!(s.smtp.password.expose(), "smtp-pw-5678");
    }
}
