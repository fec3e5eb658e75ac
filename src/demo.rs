//! The demo: example enterprises, users of every role and projects of the zone.

use crate::http::AppState;

/// A login to print.
pub struct Login {
    pub username: &'static str,
    pub password: &'static str,
    pub role: &'static str,
}

pub fn fill(_state: &AppState) -> Result<Vec<Login>, String> {
    Ok(vec![])
}

pub fn print_logins(logins: &[Login], settings: &crate::config::Settings) {
    println!("approval-tracker demo on http://{}", settings.server.bind);
    for l in logins {
        println!("  {:<10} {:<16} {}", l.role, l.username, l.password);
    }
}
