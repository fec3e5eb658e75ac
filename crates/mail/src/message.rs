//! The lettre [`Message`] for an [`OutgoingEmail`]: bilingual text + HTML, our own Message-ID.

use lettre::message::header::{ContentType, MessageId};
use lettre::message::{Attachment as LettreAttachment, Mailbox, Message, MultiPart, SinglePart};
use lettre::Address;

use super::MailError;

/// One email ready to leave, independent of the SMTP settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// Without angle brackets, e.g. `digest.42@approval-tracker.zone.example`.
    pub message_id: String,
    pub attachment: Option<Attachment>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

/// A stable Message-ID (without brackets) for the `kind` of email about `key`, so a retried
/// send carries the same id and receivers can deduplicate.
pub fn message_id(kind: &str, key: &str, domain: &str) -> String {
    format!(
        "{}.{}@approval-tracker.{}",
        id_part(kind),
        id_part(key),
        id_part(domain.trim_matches('.'))
    )
}

/// Keeps only RFC 5322 dot-atom characters, so any key yields a well-formed id.
fn id_part(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Parses `smtp.from`, e.g. `审批跟踪 <approvals@zone.example>`.
pub fn parse_from(from: &str) -> Result<Mailbox, MailError> {
    from.trim()
        .parse::<Mailbox>()
        .map_err(|e| MailError::Invalid(format!("smtp.from {from:?}: {e}")))
}

pub(crate) fn build(from: &Mailbox, email: &OutgoingEmail) -> Result<Message, MailError> {
    let address: Address = email
        .to_address
        .trim()
        .parse()
        .map_err(|e| MailError::Invalid(format!("recipient {:?}: {e}", email.to_address)))?;
    let name = email.to_name.trim();
    let to = Mailbox::new((!name.is_empty()).then(|| name.to_string()), address);
    let id = email.message_id.trim();
    if id.is_empty()
        || !id.contains('@')
        || id.contains(|c: char| c.is_whitespace() || "<>".contains(c))
    {
        return Err(MailError::Invalid(format!("message id {id:?}")));
    }

    let alternative = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
    let body = match &email.attachment {
        None => alternative,
        Some(a) => {
            let content_type = ContentType::parse(&a.content_type).map_err(|e| {
                MailError::Invalid(format!("attachment content type {:?}: {e}", a.content_type))
            })?;
            let part: SinglePart =
                LettreAttachment::new(a.filename.clone()).body(a.bytes.clone(), content_type);
            MultiPart::mixed().multipart(alternative).singlepart(part)
        }
    };

    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(email.subject.clone())
        .header(MessageId::from(format!("<{id}>")))
        .multipart(body)
        .map_err(|e| MailError::Invalid(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> OutgoingEmail {
        OutgoingEmail {
            to_name: "张三".into(),
            to_address: "zhang@zone.example".into(),
            subject: "【审批跟踪】提醒 | alerts".into(),
            text: "正文".into(),
            html: "<p>正文</p>".into(),
            message_id: message_id("digest", "42", "zone.example"),
            attachment: None,
        }
    }

    #[test]
    fn message_id_is_stable_and_well_formed() {
        assert_eq!(
            message_id("digest", "42", "zone.example"),
            "digest.42@approval-tracker.zone.example"
        );
        assert_eq!(
            message_id("licence", "7 90", "z.cn"),
            "licence.7-90@approval-tracker.z.cn"
        );
    }

    #[test]
    fn our_message_id_is_the_header() {
        let from = parse_from("审批跟踪 <approvals@zone.example>").unwrap();
        let raw = String::from_utf8(build(&from, &email()).unwrap().formatted()).unwrap();
        assert!(
            raw.contains("Message-ID: <digest.42@approval-tracker.zone.example>"),
            "{raw}"
        );
        assert!(raw.contains("multipart/alternative"), "{raw}");
        assert!(!raw.contains("multipart/mixed"), "{raw}");
    }

    #[test]
    fn attachment_wraps_the_alternative_in_mixed() {
        let from = parse_from("approvals@zone.example").unwrap();
        let mut e = email();
        e.attachment = Some(Attachment {
            filename: "weekly.xlsx".into(),
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                .into(),
            bytes: vec![1, 2, 3],
        });
        let raw = String::from_utf8(build(&from, &e).unwrap().formatted()).unwrap();
        assert!(raw.contains("multipart/mixed"), "{raw}");
        assert!(raw.contains("weekly.xlsx"), "{raw}");
    }

    #[test]
    fn bad_addresses_are_invalid_not_retryable() {
        assert!(matches!(
            parse_from("not an address"),
            Err(MailError::Invalid(_))
        ));
        let from = parse_from("approvals@zone.example").unwrap();
        let mut e = email();
        e.to_address = "nobody".into();
        let err = build(&from, &e).unwrap_err();
        assert!(matches!(err, MailError::Invalid(_)) && !err.is_retryable());
    }
}
