//! A fake chat robot on loopback that speaks both platforms' documented answers and
//! records every request (path with query, JSON body). Answers are scripted in order;
//! when the script runs out it answers `{"errcode":0,"errmsg":"ok"}`.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

#[derive(Debug, Clone)]
pub enum Script {
    /// errcode with the platform's errmsg, HTTP 200.
    Code(i64),
    /// Any HTTP status with a plain body.
    Status(u16),
    /// No answer for this long (longer than the client's timeout).
    Hang(Duration),
}

#[derive(Debug, Clone)]
pub struct Seen {
    /// Path and query, e.g. `/robot/send?access_token=T&timestamp=…&sign=…`.
    pub target: String,
    pub body: Value,
}

#[derive(Clone)]
pub struct FakeRobot {
    pub port: u16,
    script: Arc<Mutex<VecDeque<Script>>>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl FakeRobot {
    pub fn start() -> FakeRobot {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let robot = FakeRobot {
            port: listener.local_addr().unwrap().port(),
            script: Arc::default(),
            seen: Arc::default(),
        };
        let r = robot.clone();
        // The thread ends with the test process; each connection is served on its own,
        // so a hanging answer holds up nothing else.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let r = r.clone();
                std::thread::spawn(move || r.serve(stream));
            }
        });
        robot
    }

    pub fn wecom_url(&self, key: &str) -> String {
        format!(
            "http://127.0.0.1:{}/cgi-bin/webhook/send?key={key}",
            self.port
        )
    }

    pub fn dingtalk_url(&self, token: &str) -> String {
        format!(
            "http://127.0.0.1:{}/robot/send?access_token={token}",
            self.port
        )
    }

    pub fn answer(&self, s: Script) {
        self.script.lock().unwrap().push_back(s);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    fn serve(&self, stream: TcpStream) {
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let mut length = 0;
        loop {
            let mut h = String::new();
            reader.read_line(&mut h).unwrap();
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap();
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).unwrap();
        let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        self.seen.lock().unwrap().push(Seen { target, body });
        let next = self.script.lock().unwrap().pop_front();
        let (status, text) = match next {
            None => (200, r#"{"errcode":0,"errmsg":"ok"}"#.to_string()),
            Some(Script::Code(code)) => (
                200,
                format!(r#"{{"errcode":{code},"errmsg":"{}"}}"#, errmsg(code)),
            ),
            Some(Script::Status(s)) => (s, "server error".to_string()),
            Some(Script::Hang(d)) => {
                std::thread::sleep(d);
                return;
            }
        };
        let mut out = stream;
        let _ = write!(
            out,
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
            text.len()
        );
    }
}

fn errmsg(code: i64) -> &'static str {
    match code {
        0 => "ok",
        45009 => "api freq out of limit",
        45002 => "content size out of limit",
        130101 => "send too fast, exceed 20 times per minute",
        310000 => "sign not match",
        _ => "error",
    }
}
