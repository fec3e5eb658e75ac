//! The email outbox as composing writes it: one row per email, written in the
//! transaction that decided to send it; the dispatcher (`jobs::dispatch`) sends the rows.

use rand::RngCore;

use mail::message::message_id;
use mail::render::Rendered;
use store::outbox::NewOutbox;
use store::{self, WriteTx};

use crate::{Env, ServiceError, ServiceResult};

/// What composing needs besides the environment.
#[derive(Debug, Clone)]
pub struct Mailing {
    pub public_url: String,
    /// The domain of message ids (that of `smtp.from`).
    pub domain: String,
}

pub(crate) fn mail_err(e: mail::MailError) -> ServiceError {
    ServiceError::caused("rendering an email", e)
}

/// Queues one email; returns its outbox id.
pub fn queue(
    conn: &mut WriteTx,
    env: &Env,
    m: &Mailing,
    kind: &str,
    user_id: Option<i32>,
    to: (&str, &str),
    r: &Rendered,
) -> ServiceResult<i32> {
    queue_with_attachment(conn, env, m, kind, user_id, to, r, None)
}

/// A file sent along with an email.
#[derive(Debug, Clone)]
pub struct MailAttachment {
    pub name: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// Queues one email with an optional attachment; returns its outbox id.
#[allow(clippy::too_many_arguments)]
pub fn queue_with_attachment(
    conn: &mut WriteTx,
    env: &Env,
    m: &Mailing,
    kind: &str,
    user_id: Option<i32>,
    (name, address): (&str, &str),
    r: &Rendered,
    attachment: Option<&MailAttachment>,
) -> ServiceResult<i32> {
    let mut raw = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut raw);
    let id = message_id(kind, &hex::encode(raw), &m.domain);
    Ok(store::outbox::insert(
        conn,
        &NewOutbox {
            kind,
            user_id,
            to_name: name,
            to_address: address,
            subject: &r.subject,
            body_text: &r.text,
            body_html: &r.html,
            message_id: &id,
            attachment_name: attachment.map(|a| a.name.as_str()),
            attachment_type: attachment.map(|a| a.content_type.as_str()),
            attachment: attachment.map(|a| a.bytes.as_slice()),
            status: store::lease::PENDING,
            attempts: 0,
            next_attempt_at: env.stamp(),
            created_at: env.stamp(),
        },
    )?)
}
