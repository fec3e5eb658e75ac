//! Delivering the outbox: claim a due email, send it, mark it; a failure is retried with
//! back-off, a refusal for good is marked failed. A claim is one conditional UPDATE, so
//! two instances never send the same email; a crash between sending and marking may
//! resend after the claim lapses, with the same Message-ID for the receiver to drop.

use chrono::{DateTime, Duration, Utc};

use mail::Mailer;
use service::{notices::delivery, Db, ServiceResult};

/// How long a claim holds: longer than any SMTP exchange.
const CLAIM: i64 = 300;
/// Emails attempted in one run at most; the rest wait for the next.
const BATCH: i64 = 500;

/// Back-off after the n-th failed attempt: 1, 2, 4 … minutes, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exp = attempts.clamp(1, 7) - 1;
    Duration::seconds((60i64 << exp).min(3600))
}

/// Sends what is due as of `now`; returns (sent, failed attempts).
/// Each claim and each mark is a write of its own, never held across an SMTP exchange.
pub fn deliver(
    conn: &mut Db,
    mailer: &Mailer,
    now: DateTime<Utc>,
) -> ServiceResult<(usize, usize)> {
    let stamp = now.naive_utc();
    let (mut sent, mut failed) = (0, 0);
    let mut first_error = None;
    for id in delivery::due(conn, stamp, BATCH)? {
        if !delivery::claim(conn, id, stamp, stamp + Duration::seconds(CLAIM))? {
            continue;
        }
        let (email, attempts) = delivery::email(conn, id)?;
        match mailer.send(&email) {
            Ok(()) => {
                delivery::mark_sent(conn, id, stamp)?;
                sent += 1;
            }
            Err(e) => {
                let retry = e.is_retryable().then(|| stamp + backoff(attempts + 1));
                tracing::debug!(outbox = id, error = %e, retry = retry.is_some(), "email not delivered");
                delivery::mark_failed(conn, id, &e.to_string(), retry)?;
                first_error.get_or_insert_with(|| e.to_string());
                failed += 1;
            }
        }
    }
    // One warning a pass, not one per email: a mail server down (or none, as in the demo)
    // would otherwise fill the log with the same line. Each email keeps its own error in
    // its outbox row (the alerts page counts the failed); the line per email is at debug.
    if let Some(error) = first_error {
        tracing::warn!(failed, sent, first_error = %error, "emails not delivered this pass; kept in the outbox to retry");
    }
    Ok((sent, failed))
}
