//! What a robot's answer means for the message: sent, wait (the platform's rate limit),
//! try again later (the platform or the network failed), or refused for good.

use serde::Deserialize;

/// How long a robot rests after WeCom's 45009 (more than 20 a minute).
pub const THROTTLE_WAIT_SECONDS: i64 = 60;
/// DingTalk throttles a robot for 10 minutes after its 130101: asking sooner is refused.
const DINGTALK_THROTTLE_SECONDS: i64 = 600;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Sent,
    /// Over the platform's rate limit: the robot rests this many seconds, then retry.
    Throttled {
        seconds: i64,
        reason: String,
    },
    /// The platform or the way to it failed: retry with back-off.
    Retry(String),
    /// The platform refused the message (bad key, content, signature): never retried.
    Refused(String),
}

#[derive(Deserialize)]
struct Reply {
    errcode: i64,
    #[serde(default)]
    errmsg: String,
}

/// Reads an HTTP status and body as the robots' documented answers.
pub fn classify(status: u16, body: &str) -> Answer {
    let reply = serde_json::from_str::<Reply>(body).ok();
    match (status, reply) {
        (200..=299, Some(r)) if r.errcode == 0 => Answer::Sent,
        (_, Some(r)) if r.errcode == 45009 => Answer::Throttled {
            seconds: THROTTLE_WAIT_SECONDS,
            reason: format!("errcode 45009: {}", r.errmsg),
        },
        (_, Some(r)) if r.errcode == 130101 => Answer::Throttled {
            seconds: DINGTALK_THROTTLE_SECONDS,
            reason: format!("errcode 130101: {}", r.errmsg),
        },
        (200..=299, Some(r)) => Answer::Refused(format!("errcode {}: {}", r.errcode, r.errmsg)),
        (429, _) => Answer::Throttled {
            seconds: THROTTLE_WAIT_SECONDS,
            reason: "HTTP 429".into(),
        },
        (500..=599, _) | (408, _) => Answer::Retry(format!("HTTP {status}")),
        (200..=299, None) => Answer::Retry(format!("HTTP {status}: unreadable answer")),
        _ => Answer::Refused(format!("HTTP {status}")),
    }
}
