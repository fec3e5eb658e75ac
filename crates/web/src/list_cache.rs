//! Project lists kept as the JSON they were sent as, for as long as nobody has committed
//! anything to the database (`DbPool::data_generation`: SQLite's data version, or
//! PostgreSQL's current snapshot, so a commit on any instance counts). The red list is
//! the managers' page and reloads all day; counting its ~700 projects and finding its
//! first page cost more than the rest of the request together (perf). Any write, by this
//! instance or another process, starts the cache over, and so does another calendar: a year
//! published on another instance reaches this one's calendar seconds after its commit, and a
//! list built in between, on the old calendar, must not outlive it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;
use domain::calendar::WorkCalendar;

/// Bound on memory: past this many lists the cache starts over.
const MAX_ENTRIES: usize = 1_000;

#[derive(Debug, Default)]
pub struct ListCache {
    entries: Mutex<Option<Entries>>,
}

/// The generation and calendar (by identity) the lists were built on, and the lists by key.
#[derive(Debug)]
struct Entries {
    generation: String,
    calendar: Arc<WorkCalendar>,
    lists: HashMap<String, Bytes>,
}

impl Entries {
    fn of(&self, generation: &str, calendar: &Arc<WorkCalendar>) -> bool {
        self.generation == generation && Arc::ptr_eq(&self.calendar, calendar)
    }
}

impl ListCache {
    pub fn get(&self, generation: &str, calendar: &Arc<WorkCalendar>, key: &str) -> Option<Bytes> {
        let entries = self.entries.lock().ok()?;
        let kept = entries.as_ref().filter(|e| e.of(generation, calendar))?;
        kept.lists.get(key).cloned()
    }

    pub fn put(&self, generation: String, calendar: &Arc<WorkCalendar>, key: String, body: Bytes) {
        if let Ok(mut entries) = self.entries.lock() {
            let current = entries
                .as_ref()
                .is_some_and(|e| e.of(&generation, calendar) && e.lists.len() < MAX_ENTRIES);
            if !current {
                *entries = Some(Entries {
                    generation,
                    calendar: calendar.clone(),
                    lists: HashMap::new(),
                });
            }
            if let Some(e) = entries.as_mut() {
                e.lists.insert(key, body);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_is_kept_for_its_generation_and_calendar_only() {
        let cache = ListCache::default();
        let (one, other) = (
            Arc::new(WorkCalendar::new(Default::default())),
            Arc::new(WorkCalendar::new(Default::default())),
        );
        cache.put("g1".into(), &one, "red".into(), Bytes::from_static(b"[]"));
        assert!(cache.get("g1", &one, "red").is_some());
        assert!(cache.get("g2", &one, "red").is_none(), "another commit");
        assert!(cache.get("g1", &other, "red").is_none(), "another calendar");
    }
}
