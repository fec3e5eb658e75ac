//! Signed-in sessions remembered for a few seconds, so that a burst of requests with one
//! token does not ask the database each time. This instance forgets everything the moment
//! it ends a session or changes a user (logout, password, role, deactivation); another
//! instance notices within `TTL`. A token expiring meanwhile also lives at most `TTL` more.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use service::Actor;

pub const TTL: Duration = Duration::from_secs(5);
/// Bound on memory: past this many live tokens the cache starts over.
const MAX_ENTRIES: usize = 10_000;

#[derive(Debug, Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<String, (Actor, Instant)>>,
}

impl SessionCache {
    pub fn get(&self, token: &str) -> Option<Actor> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(token)
            .filter(|(_, at)| at.elapsed() < TTL)
            .map(|(actor, _)| actor.clone())
    }

    pub fn put(&self, token: &str, actor: &Actor) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(token.to_string(), (actor.clone(), Instant::now()));
        }
    }

    /// After anything that can end a session or change what a user may do.
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}
