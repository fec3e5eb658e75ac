//! Values an instance keeps while nobody commits: under the pool's data generation
//! (`store::DbPool::data_generation`: a commit on any instance starts it over), the day and
//! the calendar (by identity). The forecasts, the weekly reports and the cockpit keep theirs
//! here; per-project digests are kept by revision instead (`projects::digest_cache`).

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use domain::calendar::WorkCalendar;

use crate::{Env, ServiceResult};

/// The calendar a value was computed on. Another instance's published year reaches this one's
/// calendar a few seconds after its commit (`CalendarCache`); a value computed in between, on
/// the old calendar under the new generation, must not outlive the old calendar.
#[derive(Debug, Clone)]
pub struct Calendar(pub(crate) Arc<WorkCalendar>);

impl PartialEq for Calendar {
    fn eq(&self, other: &Calendar) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The generation, day and calendar a value was computed under; `None` (no generation):
/// not kept.
pub type Basis = (String, NaiveDate, Calendar);

pub fn basis(env: &Env, generation: Option<String>) -> Option<Basis> {
    generation.map(|g| (g, env.today, Calendar(env.calendar.clone())))
}

/// One value kept under a key; asked under another, it is made again (and kept).
#[derive(Debug)]
pub(crate) struct Slot<K, V>(Mutex<Option<(K, Arc<V>)>>);

impl<K, V> Default for Slot<K, V> {
    fn default() -> Self {
        Slot(Mutex::new(None))
    }
}

impl<K: PartialEq, V> Slot<K, V> {
    /// The value kept under `key`, or `make`'s (kept unless `key` is none). The lock is not
    /// held while making: two requests may both make it, and the later one is kept.
    pub(crate) fn get_or(
        &self,
        key: Option<K>,
        make: impl FnOnce() -> ServiceResult<V>,
    ) -> ServiceResult<Arc<V>> {
        if let (Some(k), Ok(kept)) = (&key, self.0.lock()) {
            if let Some((kk, v)) = kept.as_ref() {
                if kk == k {
                    return Ok(v.clone());
                }
            }
        }
        let value = Arc::new(make()?);
        if let (Some(k), Ok(mut kept)) = (key, self.0.lock()) {
            *kept = Some((k, value.clone()));
        }
        Ok(value)
    }
}

/// Several values kept under one basis, by name (the weekly reports of a few weeks, the
/// forecasts of projects); asked under another basis, the shelf starts over, and so it does
/// past `N` values (a bound on memory).
#[derive(Debug)]
pub struct Shelf<B, K, V, const N: usize = 16>(Mutex<Option<Shelved<B, K, V>>>);

/// The basis and the values under it.
type Shelved<B, K, V> = (B, HashMap<K, Arc<V>>);

impl<B, K, V, const N: usize> Default for Shelf<B, K, V, N> {
    fn default() -> Self {
        Shelf(Mutex::new(None))
    }
}

impl<B: PartialEq, K: Eq + Hash, V, const N: usize> Shelf<B, K, V, N> {
    /// The value kept as `name` under `basis`, or `make`'s (kept unless `basis` is none).
    pub fn get_or(
        &self,
        basis: Option<B>,
        name: K,
        make: impl FnOnce() -> ServiceResult<V>,
    ) -> ServiceResult<Arc<V>> {
        if let (Some(b), Ok(kept)) = (&basis, self.0.lock()) {
            if let Some(v) = kept
                .as_ref()
                .filter(|(kb, _)| kb == b)
                .and_then(|(_, values)| values.get(&name))
            {
                return Ok(v.clone());
            }
        }
        let value = Arc::new(make()?);
        if let (Some(b), Ok(mut kept)) = (basis, self.0.lock()) {
            let current = kept
                .as_ref()
                .is_some_and(|(kb, values)| *kb == b && values.len() < N);
            if !current {
                *kept = Some((b, HashMap::new()));
            }
            if let Some((_, values)) = kept.as_mut() {
                values.insert(name, value.clone());
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn made(n: u32) -> impl FnOnce() -> ServiceResult<u32> {
        move || Ok(n)
    }

    #[test]
    fn a_shelf_keeps_each_name_under_its_basis_only() {
        let shelf: Shelf<&str, &str, u32, 2> = Shelf::default();
        assert_eq!(*shelf.get_or(Some("g1"), "w48", made(1)).unwrap(), 1);
        assert_eq!(*shelf.get_or(Some("g1"), "w49", made(2)).unwrap(), 2);
        assert_eq!(
            *shelf.get_or(Some("g1"), "w48", made(9)).unwrap(),
            1,
            "kept"
        );
        assert_eq!(
            *shelf.get_or(Some("g2"), "w48", made(3)).unwrap(),
            3,
            "new basis"
        );
        assert_eq!(
            *shelf.get_or(Some("g2"), "w49", made(4)).unwrap(),
            4,
            "started over"
        );
        assert_eq!(*shelf.get_or(None, "w49", made(5)).unwrap(), 5, "not kept");
        assert_eq!(*shelf.get_or(Some("g2"), "w49", made(6)).unwrap(), 4);
        assert_eq!(
            *shelf.get_or(Some("g2"), "w50", made(7)).unwrap(),
            7,
            "one too many"
        );
        assert_eq!(
            *shelf.get_or(Some("g2"), "w48", made(8)).unwrap(),
            8,
            "started over"
        );
    }
}
