//! [`Mailer`]: lettre's blocking SMTP transport configured from `smtp.*`.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{SmtpTransport, Transport};

use super::message::{self, OutgoingEmail};
use super::MailError;
use settings::{Secret, SmtpSettings, SmtpTls};

/// Short, so a mail-server outage fails the send (to be retried) instead of holding a worker.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Sends [`OutgoingEmail`]s. Blocking: run it on a blocking thread.
#[derive(Clone)]
pub struct Mailer {
    transport: SmtpTransport,
    from: Mailbox,
    /// Kept only to scrub it from error texts, should a server ever echo it.
    password: Secret,
}

// Hand-written so the credentials never reach a log through `{:?}`.
impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .finish_non_exhaustive()
    }
}

impl Mailer {
    pub fn new(settings: &SmtpSettings) -> Result<Mailer, MailError> {
        let from = message::parse_from(&settings.from)?;
        let host = settings.host.trim();
        let builder = match settings.tls {
            SmtpTls::None => SmtpTransport::builder_dangerous(host),
            SmtpTls::Starttls => SmtpTransport::starttls_relay(host)
                .map_err(|e| MailError::Invalid(format!("smtp.host {host:?}: {e}")))?,
            SmtpTls::Tls => SmtpTransport::relay(host)
                .map_err(|e| MailError::Invalid(format!("smtp.host {host:?}: {e}")))?,
        };
        let mut builder = builder.port(settings.port).timeout(Some(TIMEOUT));
        if !settings.username.is_empty() {
            builder = builder.credentials(Credentials::new(
                settings.username.clone(),
                settings.password.expose().to_string(),
            ));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
            password: settings.password.clone(),
        })
    }

    /// The domain of `smtp.from`, for [`message::message_id`].
    pub fn from_domain(&self) -> &str {
        self.from.email.domain()
    }

    /// Our stable Message-ID for the `kind` of email about `key`.
    pub fn message_id(&self, kind: &str, key: &str) -> String {
        message::message_id(kind, key, self.from_domain())
    }

    /// Delivers one email. [`MailError::Delivery`] means "try again later"; the other errors
    /// mean this message will never go through as it is.
    pub fn send(&self, email: &OutgoingEmail) -> Result<(), MailError> {
        let msg = message::build(&self.from, email)?;
        self.transport.send(&msg).map(|_| ()).map_err(|e| {
            let text = self.scrub(e.to_string());
            if e.is_permanent() {
                MailError::Permanent(text)
            } else {
                MailError::Delivery(text)
            }
        })
    }

    fn scrub(&self, text: String) -> String {
        if self.password.is_empty() {
            text
        } else {
            text.replace(self.password.expose(), "***")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(tls: SmtpTls) -> SmtpSettings {
        SmtpSettings {
            host: "smtp.zone.example".into(),
            port: 465,
            username: "approvals".into(),
            password: "s3cret-pw".into(),
            tls,
            from: "审批跟踪 <approvals@zone.example>".into(),
        }
    }

    #[test]
    fn builds_for_every_tls_mode_and_hides_the_password() {
        for tls in [SmtpTls::None, SmtpTls::Starttls, SmtpTls::Tls] {
            let m = Mailer::new(&settings(tls)).unwrap();
            assert_eq!(m.from_domain(), "zone.example");
            assert!(!format!("{m:?}").contains("s3cret-pw"));
        }
        let m = Mailer::new(&settings(SmtpTls::None)).unwrap();
        assert_eq!(
            m.message_id("digest", "42"),
            "digest.42@approval-tracker.zone.example"
        );
        assert_eq!(m.scrub("auth s3cret-pw failed".into()), "auth *** failed");
    }

    #[test]
    fn a_bad_from_is_invalid() {
        let mut s = settings(SmtpTls::None);
        s.from = "审批跟踪 <nowhere>".into();
        assert!(matches!(Mailer::new(&s), Err(MailError::Invalid(_))));
    }
}
