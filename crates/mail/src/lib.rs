//! Email: rendering messages ([`render`]), building them ([`message`]) and sending them over
//! SMTP ([`transport`]). Sending is blocking; callers run it off the async workers.
//!
//! A new email: its template and words in [`render`], composed into the outbox by a
//! service use case (`service::notify`), delivered by the job `jobs::dispatch`. Names only
//! `domain` and `config`.

pub mod message;
pub mod render;
pub mod transport;

pub use message::{message_id, Attachment, OutgoingEmail};
pub use render::{AlertLine, LicenceLine, Rendered};
pub use transport::Mailer;

/// Why an email could not be rendered, built or delivered.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// A bad address, header or attachment: retrying the same message cannot help.
    #[error("invalid email: {0}")]
    Invalid(String),
    /// The server refused with a 5xx reply: retrying the same message cannot help.
    #[error("rejected by the mail server: {0}")]
    Permanent(String),
    /// The server was unreachable, timed out or answered 4xx: retry later.
    #[error("delivery failed (will retry): {0}")]
    Delivery(String),
    /// A template failed to render: a bug, not a property of the recipient.
    #[error("email template failed: {0}")]
    Render(String),
}

impl MailError {
    /// Whether the caller should keep the message and try again later.
    pub fn is_retryable(&self) -> bool {
        matches!(self, MailError::Delivery(_))
    }
}
