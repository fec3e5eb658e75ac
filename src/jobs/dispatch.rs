//! Delivering the outbox: claim a due email, send it, mark it; a failure is retried with
//! back-off, a refusal for good is marked failed. A claim is one conditional UPDATE, so
//! two instances never send the same email; a crash between sending and marking may
//! resend after the claim lapses, with the same Message-ID for the receiver to drop.

use chrono::{DateTime, Duration, Utc};

use crate::mail::{Attachment, Mailer, OutgoingEmail};
use crate::service::{in_tx, ServiceResult};
use crate::store::{self, Db};

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
    for id in store::outbox::due(conn, stamp, BATCH)? {
        let until = stamp + Duration::seconds(CLAIM);
        if !in_tx(conn, |tx| Ok(store::outbox::claim(tx, id, stamp, until)?))? {
            continue;
        }
        let row = store::outbox::find(conn, id)?;
        let email = OutgoingEmail {
            to_name: row.to_name.clone(),
            to_address: row.to_address.clone(),
            subject: row.subject.clone(),
            text: row.body_text.clone(),
            html: row.body_html.clone(),
            message_id: row.message_id.clone(),
            attachment: row.attachment.clone().map(|bytes| Attachment {
                filename: row
                    .attachment_name
                    .clone()
                    .unwrap_or_else(|| "attachment".into()),
                content_type: row
                    .attachment_type
                    .clone()
                    .unwrap_or_else(|| "application/octet-stream".into()),
                bytes,
            }),
        };
        match mailer.send(&email) {
            Ok(()) => {
                in_tx(conn, |tx| Ok(store::outbox::mark_sent(tx, id, stamp)?))?;
                sent += 1;
            }
            Err(e) => {
                let retry = e.is_retryable().then(|| stamp + backoff(row.attempts + 1));
                tracing::warn!(outbox = id, error = %e, retry = retry.is_some(), "email not delivered");
                let why = e.to_string();
                in_tx(conn, |tx| {
                    Ok(store::outbox::mark_failed(tx, id, &why, retry)?)
                })?;
                failed += 1;
            }
        }
    }
    Ok((sent, failed))
}
