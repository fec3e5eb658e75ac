//! Chat robots (docs/rules.md "Chat notifications"): the two platforms, what a robot's URL
//! and secret must look like, the messages they take and what their answers mean.

mod answer;
mod message;

pub use answer::{classify, Answer, THROTTLE_WAIT_SECONDS};
pub use message::{escalation, markdown_parts, Item};

use url::Url;

/// Messages one robot takes in a minute, across all instances.
pub const PER_MINUTE: i64 = 20;
/// Failed attempts in a row after which admins hear that a robot keeps failing.
pub const FAILING_AFTER: i32 = 3;
/// Robots one owner may register (a liaison's groups, the managers' groups).
pub const MAX_PER_OWNER: i64 = 5;
pub const MAX_NAME: usize = 50;
pub const MAX_URL: usize = 500;
pub const MAX_SECRET: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RobotKind {
    WeCom,
    DingTalk,
}

impl RobotKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "wecom" => Some(Self::WeCom),
            "dingtalk" => Some(Self::DingTalk),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::WeCom => "wecom",
            Self::DingTalk => "dingtalk",
        }
    }

    /// The query parameter that carries the robot's key in its webhook URL.
    fn key_param(self) -> &'static str {
        match self {
            Self::WeCom => "key",
            Self::DingTalk => "access_token",
        }
    }

    /// Bytes of content one message may carry (WeCom markdown: 4,096; DingTalk documents
    /// no smaller bound, so the same keeps both safe).
    pub fn markdown_limit(self) -> usize {
        4096
    }
}

/// Why a robot's URL or secret is refused (English; the pages translate).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RobotError {
    #[error("must be the robot's webhook URL (https://…)")]
    NotUrl,
    #[error("must not be longer than {0} characters")]
    TooLong(usize),
    #[error("host {0} is not allowed for chat robots")]
    HostNotAllowed(String),
    #[error("must carry the robot's {0} parameter")]
    NoKey(&'static str),
    #[error("WeCom robots have no secret")]
    SecretNotTaken,
    /// DingTalk's signing secrets all start with `SEC`: anything else was copied wrong.
    #[error("a DingTalk signing secret starts with SEC")]
    SecretNotDingTalk,
    /// An allowed host on another port could be a different service (the platforms
    /// answer on 443 only).
    #[error("must use the platform's port (443)")]
    PortNotAllowed,
}

/// A webhook URL this server may call: https on port 443 (plain http, any port, only to a
/// loopback host, for tests), a host on the allow-list, no user or password, the robot's
/// key present.
pub fn check_url(raw: &str, kind: RobotKind, allowed: &[String]) -> Result<Url, RobotError> {
    let raw = raw.trim();
    if raw.chars().count() > MAX_URL {
        return Err(RobotError::TooLong(MAX_URL));
    }
    let url = Url::parse(raw).map_err(|_| RobotError::NotUrl)?;
    let host = url
        .host_str()
        .ok_or(RobotError::NotUrl)?
        .to_ascii_lowercase();
    let loopback = matches!(host.as_str(), "127.0.0.1" | "[::1]" | "localhost");
    let scheme_ok = url.scheme() == "https" || (url.scheme() == "http" && loopback);
    if !scheme_ok || !url.username().is_empty() || url.password().is_some() {
        return Err(RobotError::NotUrl);
    }
    if !allowed.iter().any(|h| h.eq_ignore_ascii_case(&host)) {
        return Err(RobotError::HostNotAllowed(host));
    }
    // `port()` is `None` for the scheme's default, so an explicit `:443` passes too.
    if url.scheme() == "https" && url.port().is_some() {
        return Err(RobotError::PortNotAllowed);
    }
    let key = kind.key_param();
    if !url.query_pairs().any(|(k, v)| k == key && !v.is_empty()) {
        return Err(RobotError::NoKey(key));
    }
    Ok(url)
}

/// A DingTalk secret (its robots sign with it); WeCom robots take none.
pub fn check_secret(secret: Option<&str>, kind: RobotKind) -> Result<Option<String>, RobotError> {
    let secret = secret.map(str::trim).filter(|s| !s.is_empty());
    match (kind, secret) {
        (_, None) => Ok(None),
        (RobotKind::WeCom, Some(_)) => Err(RobotError::SecretNotTaken),
        (RobotKind::DingTalk, Some(s)) if s.chars().count() > MAX_SECRET => {
            Err(RobotError::TooLong(MAX_SECRET))
        }
        (RobotKind::DingTalk, Some(s)) if !s.starts_with("SEC") => {
            Err(RobotError::SecretNotDingTalk)
        }
        (RobotKind::DingTalk, Some(s)) => Ok(Some(s.to_string())),
    }
}

/// What the pages and the API show of a URL instead of it: host and the key's last 4.
pub fn url_hint(raw: &str) -> String {
    let Ok(url) = Url::parse(raw) else {
        return String::new();
    };
    let host = url.host_str().unwrap_or_default();
    let key: String = url
        .query_pairs()
        .find(|(k, _)| k == "key" || k == "access_token")
        .map(|(_, v)| v.chars().rev().take(4).collect::<Vec<_>>())
        .map(|mut c| {
            c.reverse();
            c.into_iter().collect()
        })
        .unwrap_or_default();
    format!("{host} …{key}")
}

/// A mainland mobile number, for mentions: 11 digits starting 13–19.
pub fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests;
