//! Computed project views kept as the JSON they were sent as, until the project (its
//! `revision`, moved by every write under its lock, on any instance), the day or the
//! calendar changes. Reading a project then costs its one row, not its whole history.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use actix_web::web::Bytes;
use chrono::NaiveDate;

use domain::calendar::WorkCalendar;

/// Bound on memory: past this many views the cache starts over.
const MAX_ENTRIES: usize = 4_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Project,
    Schedule,
}

/// What a view was computed from.
#[derive(Debug, Clone)]
pub struct Basis {
    pub revision: i32,
    pub today: NaiveDate,
    /// Compared by identity: a published year brings a new calendar.
    pub calendar: Arc<WorkCalendar>,
}

impl Basis {
    fn same(&self, other: &Basis) -> bool {
        self.revision == other.revision
            && self.today == other.today
            && Arc::ptr_eq(&self.calendar, &other.calendar)
    }
}

/// A view as sent: its JSON and the project's version (the ETag).
#[derive(Debug, Clone)]
pub struct Sent {
    pub version: i32,
    pub body: Bytes,
}

#[derive(Debug, Default)]
pub struct ViewCache {
    entries: Mutex<HashMap<(Kind, i32), (Basis, Sent)>>,
}

impl ViewCache {
    pub fn get(&self, kind: Kind, project: i32, basis: &Basis) -> Option<Sent> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(&(kind, project))
            .filter(|(b, _)| b.same(basis))
            .map(|(_, sent)| sent.clone())
    }

    pub fn put(&self, kind: Kind, project: i32, basis: Basis, sent: Sent) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert((kind, project), (basis, sent));
        }
    }
}
