//! The outbox as the delivery job sees it: what is due, a claim on one email, the email
//! itself, and its outcome. The job (`jobs::dispatch`) sends; these keep the rows.

use chrono::NaiveDateTime;

use crate::{in_tx, ServiceResult};
use mail::{Attachment, OutgoingEmail};
use store::{self, Db, DbConn};

/// Ids of emails due at `now`, oldest first, at most `limit`.
pub fn due(conn: &mut DbConn, now: NaiveDateTime, limit: i64) -> ServiceResult<Vec<i32>> {
    Ok(store::outbox::due(conn, now, limit)?)
}

/// Claims one email until `until`; false if another sender has it or it is gone.
/// Each claim and each mark is a short write of its own, never held across SMTP.
pub fn claim(
    db: &mut Db,
    id: i32,
    now: NaiveDateTime,
    until: NaiveDateTime,
) -> ServiceResult<bool> {
    in_tx(db, |tx| Ok(store::outbox::claim(tx, id, now, until)?))
}

/// The email as stored, and how many attempts it has had.
pub fn email(conn: &mut DbConn, id: i32) -> ServiceResult<(OutgoingEmail, i32)> {
    let row = store::outbox::find(conn, id)?;
    let attachment = match row.attachment {
        Some(bytes) => Some(Attachment {
            filename: row.attachment_name.unwrap_or_else(|| "attachment".into()),
            content_type: row
                .attachment_type
                .unwrap_or_else(|| "application/octet-stream".into()),
            bytes,
        }),
        None => None,
    };
    let email = OutgoingEmail {
        to_name: row.to_name,
        to_address: row.to_address,
        subject: row.subject,
        text: row.body_text,
        html: row.body_html,
        message_id: row.message_id,
        attachment,
    };
    Ok((email, row.attempts))
}

pub fn mark_sent(db: &mut Db, id: i32, now: NaiveDateTime) -> ServiceResult<()> {
    in_tx(db, |tx| Ok(store::outbox::mark_sent(tx, id, now)?))?;
    Ok(())
}

/// A failed attempt: retried at `retry_at`, or given up for good when `None`.
pub fn mark_failed(
    db: &mut Db,
    id: i32,
    error: &str,
    retry_at: Option<NaiveDateTime>,
) -> ServiceResult<()> {
    in_tx(db, |tx| {
        Ok(store::outbox::mark_failed(tx, id, error, retry_at)?)
    })?;
    Ok(())
}
