//! chromedriver and every Chromium process it starts, owned by one guard that ends them all
//! when the test ends: passed, failed or panicked.
//!
//! Killing chromedriver alone orphans its browser (Chromium outlives its parent), so:
//! - chromedriver leads a process group of its own, and every Chromium process stays in it;
//! - on drop, the WebDriver session is ended over plain HTTP (no async runtime is needed, as
//!   a panicking test may have none left), then the whole group is killed.
//!
//! Only Chromium's crash handlers (crashpad) leave the group: they `setsid` at start and
//! exit by themselves within seconds of the browser they watch (its
//! `--disable-crashpad-for-testing` would keep them away, but its renderers then hang).
//! `scripts/test.sh` checks that they, like everything else, are gone at the end.
//!
//! chromedriver picks its own port (`--port=0`) and says which (see `Driver::start` for the
//! one race that is left).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver's log, in the guard's folder.
const LOG: &str = "chromedriver.log";

pub struct Driver {
    child: Child,
    pub port: u16,
    session: Option<String>,
    /// chromedriver exited and was reaped before any browser started: its pid (and so its
    /// group's id) may belong to another process by now, so nothing is killed.
    reaped: bool,
    /// Holds chromedriver's log and the browser's profile; removed last.
    dir: tempfile::TempDir,
}

impl Driver {
    /// Starts chromedriver and waits until it says which port it listens on.
    ///
    /// With `--port=0` chromedriver takes a free port on one address family and then asks
    /// for the same number on the other; when another process holds that number there,
    /// it exits ("IPv4 port not available"). That is a lost race, not a broken driver, so
    /// it is started again, a few times at most.
    pub fn start() -> Driver {
        const ATTEMPTS: usize = 5;
        let mut lost = String::new();
        for _ in 0..ATTEMPTS {
            let mut driver = Driver::spawn();
            match driver.announced_port() {
                Ok(port) => {
                    driver.port = port;
                    return driver;
                }
                Err(log) if log.contains("port not available") => lost = log,
                Err(log) => panic!("chromedriver exited:\n{log}"),
            }
        }
        panic!("chromedriver lost the race for a port {ATTEMPTS} times; last:\n{lost}")
    }

    fn spawn() -> Driver {
        let dir = tempfile::tempdir().expect("a temp dir for the browser");
        let log = std::fs::File::create(dir.path().join(LOG)).expect("chromedriver log");
        let child = Command::new("chromedriver")
            .arg("--port=0")
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("chromedriver (apt-get install chromium-driver)");
        Driver {
            child,
            port: 0,
            session: None,
            reaped: false,
            dir,
        }
    }

    /// The port from "ChromeDriver was started successfully on port N.", read as it is
    /// written; a driver that exits answers its log, one silent for 30 s fails the test.
    fn announced_port(&mut self) -> Result<u16, String> {
        const SAID: &str = "started successfully on port ";
        let log = self.dir.path().join(LOG);
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            if let Some(port) = text
                .split(SAID)
                .nth(1)
                .and_then(|rest| rest.split('.').next())
                .and_then(|n| n.trim().parse().ok())
            {
                return Ok(port);
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                self.reaped = true;
                // What it wrote between the read above and its exit.
                let text = std::fs::read_to_string(&log).unwrap_or_default();
                return Err(format!("({status})\n{text}"));
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver said no port in 30 s:\n{text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A profile folder of this browser's own, removed with the guard.
    pub fn profile(&self) -> PathBuf {
        self.dir.path().join("profile")
    }

    /// The process group of chromedriver and its browser.
    pub fn group(&self) -> u32 {
        self.child.id()
    }

    /// The WebDriver session to end on drop.
    pub fn own_session(&mut self, id: String) {
        self.session = Some(id);
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(id) = self.session.take() {
            // Chromium quits cleanly when asked; the kill below is for what did not.
            let _ = end_session(self.port, &id);
        }
        if self.reaped {
            return;
        }
        // SAFETY: killpg only sends a signal; the group is chromedriver's own (led by its
        // pid, which is not reaped before the wait below, so it cannot have been reused).
        unsafe {
            libc::killpg(self.child.id() as libc::pid_t, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// `DELETE /session/{id}`, answered once the browser has quit.
///
/// The answer is read up to its Content-Length, not to the end of the stream: chromedriver
/// keeps the connection open whatever `Connection: close` asks, so waiting for the end
/// cost every browser test the whole read timeout (15 s).
fn end_session(port: u16, id: &str) -> std::io::Result<()> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(2))?;
    stream.set_read_timeout(Some(Duration::from_secs(15)))?;
    write!(
        stream,
        "DELETE /session/{id} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = stream.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        answer.extend_from_slice(&chunk[..n]);
        if answer_is_whole(&answer) {
            return Ok(());
        }
    }
}

/// Whether `answer` holds an HTTP response's head and all the body its Content-Length names.
fn answer_is_whole(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let Some(end) = text.find("\r\n\r\n") else {
        return false;
    };
    let length = text[..end]
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    answer.len() >= end + 4 + length
}

/// The names of the live (not zombie) processes in process group `group`.
pub fn group_members(group: u32) -> Vec<String> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid pgrp …; comm may hold spaces, so split after its ')'.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let rest: Vec<&str> = stat[close + 1..].split_whitespace().collect();
        if rest.len() > 2 && rest[0] != "Z" && rest[2] == group.to_string() {
            names.push(stat[open + 1..close].to_string());
        }
    }
    names
}
