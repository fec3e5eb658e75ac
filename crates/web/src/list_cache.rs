//! Project lists kept as the JSON they were sent as, for as long as nobody has committed
//! anything to the database (`DbPool::data_generation`: SQLite's data version, or
//! PostgreSQL's current snapshot, so a commit on any instance counts). The red list is
//! the managers' page and reloads all day; counting its ~700 projects and finding its
//! first page cost more than the rest of the request together (perf). Any write, by this
//! instance or another process, starts the cache over.

use std::collections::HashMap;
use std::sync::Mutex;

use actix_web::web::Bytes;

/// Bound on memory: past this many lists the cache starts over.
const MAX_ENTRIES: usize = 1_000;

#[derive(Debug, Default)]
pub struct ListCache {
    /// The generation the entries belong to, and the lists by their key.
    entries: Mutex<(String, HashMap<String, Bytes>)>,
}

impl ListCache {
    pub fn get(&self, generation: &str, key: &str) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        (entries.0 == generation)
            .then(|| entries.1.get(key).cloned())
            .flatten()
    }

    pub fn put(&self, generation: String, key: String, body: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.0 != generation || entries.1.len() >= MAX_ENTRIES {
                *entries = (generation, HashMap::new());
            }
            entries.1.insert(key, body);
        }
    }
}
