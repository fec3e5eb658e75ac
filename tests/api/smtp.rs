//! A real SMTP server (aiosmtpd) for tests: every message it accepts lands as a file in a
//! maildir, read back with the minimal MIME reader in `smtp/mime.rs`.

use std::fs::OpenOptions;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use approval_tracker::config::{SmtpSettings, SmtpTls};

mod mime;

const PYTHON: &str = "/usr/bin/python3";

pub struct SmtpServer {
    pub port: u16,
    maildir: tempfile::TempDir,
    child: Child,
}

#[derive(Debug, Clone, Default)]
pub struct ReceivedMail {
    pub raw: String,
    /// Decoded, e.g. `张三 <zhang@zone.example>`.
    pub to: String,
    pub subject: String,
    /// Without angle brackets.
    pub message_id: String,
    pub text_body: String,
    pub html_body: String,
    pub attachments: Vec<ReceivedAttachment>,
}

#[derive(Debug, Clone)]
pub struct ReceivedAttachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

impl SmtpServer {
    /// On a loopback port the kernel chooses, with a fresh maildir.
    pub fn start() -> SmtpServer {
        let maildir = tempfile::tempdir().expect("temp dir");
        // Python's Maildir only creates these itself when the folder does not exist yet.
        for sub in ["new", "cur", "tmp"] {
            std::fs::create_dir(maildir.path().join(sub)).expect("maildir folder");
        }
        let (child, port) = spawn(0, maildir.path());
        SmtpServer {
            port,
            maildir,
            child,
        }
    }

    /// Kills the server: connections are refused until [`SmtpServer::restart`].
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The same port and maildir again, after [`SmtpServer::stop`].
    pub fn restart(&mut self) {
        self.stop();
        self.child = spawn(self.port, self.maildir.path()).0;
    }

    /// Settings that reach this server in plain SMTP, without login.
    pub fn settings(&self) -> SmtpSettings {
        SmtpSettings {
            host: "127.0.0.1".into(),
            port: self.port,
            username: String::new(),
            password: Default::default(),
            tls: SmtpTls::None,
            from: "审批跟踪 <approvals@zone.example>".into(),
        }
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut files: Vec<_> = std::fs::read_dir(self.maildir.path().join("new"))
            .expect("maildir readable")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        // Maildir names start with the delivery time in seconds; the mtime orders within one.
        files.sort_by_key(|p| (p.metadata().and_then(|m| m.modified()).ok(), p.clone()));
        files
            .iter()
            .map(|p| mime::parse(std::fs::read_to_string(p).expect("message readable")))
            .collect()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The server and the port it said it listens on.
fn spawn(port: u16, maildir: &Path) -> (Child, u16) {
    let has_aiosmtpd = Command::new(PYTHON)
        .args(["-c", "import aiosmtpd"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        has_aiosmtpd,
        "the SMTP test server needs aiosmtpd for {PYTHON}: apt-get install -y python3-aiosmtpd"
    );
    let log_path = maildir.join("aiosmtpd.log");
    let log = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log_path)
        .expect("log file");
    // A restart appends to the same log: only what this server writes counts.
    let before = std::fs::metadata(&log_path).map_or(0, |m| m.len() as usize);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/smtp/serve.py");
    let mut child = Command::new(PYTHON)
        .arg(script)
        .arg(port.to_string())
        .arg(maildir)
        .stdin(Stdio::null())
        .stdout(log.try_clone().expect("log file"))
        .stderr(log)
        .spawn()
        .expect("start aiosmtpd");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let log = std::fs::read(&log_path).unwrap_or_default();
        let said = String::from_utf8_lossy(log.get(before..).unwrap_or_default());
        if let Some(port) = said
            .split("listening on port ")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .and_then(|n| n.trim().parse().ok())
        {
            return (child, port);
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("aiosmtpd on port {port} exited ({status}):\n{said}");
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            panic!("aiosmtpd did not listen on port {port} within 15 s:\n{said}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
