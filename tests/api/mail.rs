//! Sending over real SMTP (aiosmtpd): what arrives is what was rendered, outages are
//! retryable and fail fast, refusals are not retried.

use std::io::{Read, Write};
use std::net::TcpListener;

use approval_tracker::config::{SmtpSettings, SmtpTls};
use approval_tracker::mail::{self, AlertLine, Attachment, MailError, Mailer, OutgoingEmail};
use chrono::NaiveDate;

use crate::smtp::SmtpServer;

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn digest_email(mailer: &Mailer, key: &str) -> OutgoingEmail {
    let red = AlertLine {
        project_id: 9,
        project_name: "智能制造园<script>".into(),
        step_name: "施工许可".into(),
        agency: "市住房和城乡建设局".into(),
        level: "red".into(),
        due_on: NaiveDate::from_ymd_opt(2026, 3, 9),
        days_over: Some(5),
        days_waiting: None,
    };
    let yellow = AlertLine {
        level: "yellow".into(),
        step_name: "用地预审".into(),
        due_on: NaiveDate::from_ymd_opt(2026, 3, 16),
        days_over: None,
        ..red.clone()
    };
    let r =
        mail::render::digest("张三", "https://approvals.zone.example/", &[yellow, red]).unwrap();
    OutgoingEmail {
        to_name: "张三".into(),
        to_address: "zhang.san@zone.example".into(),
        subject: r.subject,
        text: r.text,
        html: r.html,
        message_id: mailer.message_id("digest", key),
        attachment: None,
    }
}

#[test]
fn a_chinese_digest_arrives_intact_with_our_message_id() {
    let server = SmtpServer::start();
    let mailer = Mailer::new(&server.settings()).unwrap();
    let email = digest_email(&mailer, "42");
    mailer.send(&email).unwrap();

    let got = server.messages();
    assert_eq!(got.len(), 1);
    let m = &got[0];
    assert_eq!(m.subject, email.subject);
    assert!(
        m.subject
            .starts_with("【审批跟踪】2 项提醒：1 红灯、1 黄灯"),
        "{}",
        m.subject
    );
    assert_eq!(m.message_id, "digest.42@approval-tracker.zone.example");
    assert_eq!(m.to, "张三 <zhang.san@zone.example>");
    assert!(
        m.raw.contains("审批跟踪") || m.raw.contains("=?utf-8?"),
        "From is set"
    );
    assert_eq!(m.text_body.trim_end(), email.text.trim_end());
    assert!(m.text_body.contains("2026年3月9日") && m.text_body.contains("— English —"));
    assert!(
        m.html_body.contains("智能制造园&lt;script&gt;"),
        "{}",
        m.html_body
    );
    assert!(m.attachments.is_empty());

    // A retry of the same email keeps the same Message-ID, so receivers can deduplicate.
    mailer.send(&email).unwrap();
    let ids: Vec<_> = server
        .messages()
        .into_iter()
        .map(|m| m.message_id)
        .collect();
    assert_eq!(ids, [email.message_id.clone(), email.message_id]);
}

#[test]
fn a_stopped_server_fails_fast_as_a_retryable_delivery_error() {
    let mut server = SmtpServer::start();
    let mailer = Mailer::new(&server.settings()).unwrap();
    let email = digest_email(&mailer, "43");
    server.stop();

    // Refused at once, not left to the 10 s timeout: the reason says so (no stopwatch, which
    // a busy machine could fail).
    let err = mailer.send(&email).unwrap_err();
    assert!(
        matches!(&err, MailError::Delivery(text) if text.contains("refused")),
        "{err:?}"
    );
    assert!(err.is_retryable());

    server.restart();
    mailer.send(&email).unwrap();
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn an_attachment_arrives_byte_for_byte() {
    let server = SmtpServer::start();
    let mailer = Mailer::new(&server.settings()).unwrap();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let mut email = digest_email(&mailer, "report.2026-W12");
    email.attachment = Some(Attachment {
        filename: "审批周报-2026-W12.xlsx".into(),
        content_type: XLSX.into(),
        bytes: bytes.clone(),
    });
    mailer.send(&email).unwrap();

    let got = server.messages();
    let m = &got[0];
    assert_eq!(m.attachments.len(), 1);
    let a = &m.attachments[0];
    assert_eq!(a.filename, "审批周报-2026-W12.xlsx");
    assert_eq!(a.content_type, XLSX);
    assert!(
        a.bytes == bytes,
        "attachment bytes differ ({} received)",
        a.bytes.len()
    );
    assert_eq!(
        m.text_body.trim_end(),
        email.text.trim_end(),
        "the text still leads"
    );
    assert!(m.raw.contains("multipart/mixed"));
}

#[test]
fn a_bad_recipient_is_invalid_and_never_reaches_the_server() {
    let server = SmtpServer::start();
    let mailer = Mailer::new(&server.settings()).unwrap();
    let mut email = digest_email(&mailer, "44");
    email.to_address = "张三 at zone".into();
    let err = mailer.send(&email).unwrap_err();
    assert!(
        matches!(err, MailError::Invalid(_)) && !err.is_retryable(),
        "{err:?}"
    );
    assert!(server.messages().is_empty());
}

/// A one-shot server that greets with `reply`, as a refusing or overloaded relay would.
fn greeting_server(reply: &'static str) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut stream, _)) = listener.accept() {
            let _ = stream.write_all(reply.as_bytes());
            let _ = stream.read(&mut [0u8; 512]);
        }
    });
    port
}

#[test]
fn a_5xx_refusal_is_permanent_and_a_4xx_one_is_retried() {
    for (reply, retryable) in [
        ("554 5.7.1 no service here\r\n", false),
        ("421 4.3.2 try again later\r\n", true),
    ] {
        let settings = SmtpSettings {
            host: "127.0.0.1".into(),
            port: greeting_server(reply),
            username: "approvals".into(),
            password: "never-echoed".into(),
            tls: SmtpTls::None,
            from: "approvals@zone.example".into(),
        };
        let mailer = Mailer::new(&settings).unwrap();
        let err = mailer.send(&digest_email(&mailer, "45")).unwrap_err();
        assert_eq!(err.is_retryable(), retryable, "{reply}: {err:?}");
        if !retryable {
            assert!(matches!(err, MailError::Permanent(_)), "{err:?}");
        }
        assert!(!err.to_string().contains("never-echoed"));
    }
}
