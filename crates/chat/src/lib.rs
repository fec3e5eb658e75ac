//! Posting to chat robots (企业微信, 钉钉) over their webhooks: the HTTP client with its
//! timeout, the allow-list checked again before every call, and DingTalk's signature.
//! Blocking, like SMTP; callers run it off the async workers. Names only `domain` and
//! `config` and `mail` (its alert lines). What a message says is in [`render`]; the
//! service composes messages into the chat outbox, and `jobs::chat_dispatch` delivers it.
//!
//! A robot's URL and secret are credentials: nothing here logs them, and errors name the
//! host only.

pub mod render;

use std::time::Duration;

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use url::Url;

use domain::chat::{check_url, classify, Answer, RobotKind};
use settings::ChatSettings;

/// Why a call did not get an answer from the platform.
#[derive(Debug, thiserror::Error)]
pub enum ChatError {
    /// The URL is not one this server may call (the allow-list changed since it was saved).
    #[error("not called: {0}")]
    NotAllowed(String),
    /// Connecting, sending or waiting for the answer failed or timed out.
    #[error("no answer from {host}: {reason}")]
    Transport { host: String, reason: String },
}

/// The platform's answer: HTTP status and body (read up to 64 KiB).
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

pub struct ChatClient {
    agent: ureq::Agent,
    allowed_hosts: Vec<String>,
}

impl ChatClient {
    pub fn new(settings: &ChatSettings) -> Self {
        let tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::NativeTls)
            .build();
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(settings.timeout_seconds)))
            // A redirect could lead anywhere, past the allow-list: never follow one.
            .max_redirects(0)
            .http_status_as_error(false)
            .tls_config(tls)
            .build();
        Self {
            agent: ureq::Agent::new_with_config(config),
            allowed_hosts: settings.allowed_hosts.clone(),
        }
    }

    /// Posts `body` (JSON) to the robot, signed when it has a secret; `now_ms` is the
    /// signature's timestamp (milliseconds since the epoch, "now" as the run sees it).
    pub fn post(
        &self,
        kind: RobotKind,
        url: &str,
        secret: Option<&str>,
        body: &str,
        now_ms: i64,
    ) -> Result<Reply, ChatError> {
        let mut url = check_url(url, kind, &self.allowed_hosts)
            .map_err(|e| ChatError::NotAllowed(e.to_string()))?;
        let host = url.host_str().unwrap_or_default().to_string();
        if let Some(secret) = secret {
            sign(&mut url, secret, now_ms);
        }
        let transport = |e: ureq::Error| ChatError::Transport {
            host: host.clone(),
            // ureq's errors can quote the URL, and with it the key: say the kind only.
            reason: error_kind(&e),
        };
        let mut response = self
            .agent
            .post(url.as_str())
            .content_type("application/json; charset=utf-8")
            .send(body)
            .map_err(transport)?;
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(64 * 1024)
            .read_to_string()
            .map_err(transport)?;
        Ok(Reply { status, body })
    }
}

/// What a call's result means for the message: the platform's answer read by
/// [`classify`]; a host off the allow-list refused for good; no answer retried.
pub fn answer_of(reply: &Result<Reply, ChatError>) -> Answer {
    match reply {
        Ok(r) => classify(r.status, &r.body),
        Err(e @ ChatError::NotAllowed(_)) => Answer::Refused(e.to_string()),
        Err(e @ ChatError::Transport { .. }) => Answer::Retry(e.to_string()),
    }
}

/// DingTalk's signature: `timestamp=MS&sign=S`, S = URL-encode(Base64(HMAC-SHA256(key =
/// secret, message = MS + "\n" + secret))).
pub fn sign(url: &mut Url, secret: &str, now_ms: i64) {
    url.query_pairs_mut()
        .append_pair("timestamp", &now_ms.to_string())
        .append_pair("sign", &signature(secret, now_ms));
}

/// Base64 of the HMAC (`query_pairs_mut` URL-encodes it).
pub fn signature(secret: &str, now_ms: i64) -> String {
    // HMAC takes a key of any length: new_from_slice cannot fail for it.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        return String::new();
    };
    mac.update(format!("{now_ms}\n{secret}").as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

fn error_kind(e: &ureq::Error) -> String {
    match e {
        ureq::Error::Timeout(_) => "timed out".into(),
        ureq::Error::Io(io) => format!("connection failed ({})", io.kind()),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::BodyExceedsLimit(_) => "answer too large".into(),
        ureq::Error::Tls(_) => "TLS failed".into(),
        _ => "request failed".into(),
    }
}
