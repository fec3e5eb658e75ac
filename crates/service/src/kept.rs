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
///
/// One request makes it at a time (`making`): the others asking meanwhile wait for it and
/// take it. When a commit starts the cockpit over while 64 managers reload it, they made it
/// 64 times at once (2.4 GB, answers past the pool's time-out, on PostgreSQL).
#[derive(Debug)]
pub(crate) struct Slot<K, V> {
    kept: Mutex<Option<(K, Arc<V>)>>,
    making: Mutex<()>,
}

impl<K, V> Default for Slot<K, V> {
    fn default() -> Self {
        Slot {
            kept: Mutex::new(None),
            making: Mutex::new(()),
        }
    }
}

impl<K: PartialEq, V> Slot<K, V> {
    fn find(&self, key: &K) -> Option<Arc<V>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }

    /// The value kept under `key`, or `make`'s (kept unless `key` is none).
    pub(crate) fn get_or(
        &self,
        key: Option<K>,
        make: impl FnOnce() -> ServiceResult<V>,
    ) -> ServiceResult<Arc<V>> {
        let Some(key) = key else {
            return make().map(Arc::new);
        };
        if let Some(v) = self.find(&key) {
            return Ok(v);
        }
        let _turn = self.making.lock().unwrap_or_else(|e| e.into_inner());
        // Made by the request this one waited for.
        if let Some(v) = self.find(&key) {
            return Ok(v);
        }
        let value = Arc::new(make()?);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        *kept = Some((key, value.clone()));
        Ok(value)
    }
}

/// Several values kept under one basis, by name (the weekly reports of a few weeks, the
/// forecasts of projects); asked under another basis, the shelf starts over, and so it does
/// past `N` values (a bound on memory). One request makes a value at a time, as in [`Slot`].
#[derive(Debug)]
pub struct Shelf<B, K, V, const N: usize = 16> {
    kept: Mutex<Option<Shelved<B, K, V>>>,
    making: Mutex<()>,
}

/// The basis and the values under it.
type Shelved<B, K, V> = (B, HashMap<K, Arc<V>>);

impl<B, K, V, const N: usize> Default for Shelf<B, K, V, N> {
    fn default() -> Self {
        Shelf {
            kept: Mutex::new(None),
            making: Mutex::new(()),
        }
    }
}

impl<B: PartialEq, K: Eq + Hash, V, const N: usize> Shelf<B, K, V, N> {
    fn find(&self, basis: &B, name: &K, fits: &impl Fn(&V) -> bool) -> Option<Arc<V>> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        kept.as_ref()
            .filter(|(b, _)| b == basis)
            .and_then(|(_, values)| values.get(name))
            .filter(|v| fits(v))
            .cloned()
    }

    /// The value kept as `name` under `basis`, or `make`'s (kept unless `basis` is none).
    pub fn get_or(
        &self,
        basis: Option<B>,
        name: K,
        make: impl FnOnce() -> ServiceResult<V>,
    ) -> ServiceResult<Arc<V>> {
        self.get_fitting(basis, name, |_| true, make)
    }

    /// The same, where the kept value stands only if it `fits` (else `make`'s replaces it):
    /// one value per name, for names whose value changes (a project's forecast after each
    /// of its events), where keeping each version under its own name grew memory by a
    /// version per commit until the bound.
    pub fn get_fitting(
        &self,
        basis: Option<B>,
        name: K,
        fits: impl Fn(&V) -> bool,
        make: impl FnOnce() -> ServiceResult<V>,
    ) -> ServiceResult<Arc<V>> {
        let Some(basis) = basis else {
            return make().map(Arc::new);
        };
        if let Some(v) = self.find(&basis, &name, &fits) {
            return Ok(v);
        }
        let _turn = self.making.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = self.find(&basis, &name, &fits) {
            return Ok(v);
        }
        let value = Arc::new(make()?);
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let current = kept.as_ref().is_some_and(|(b, values)| {
            *b == basis && (values.len() < N || values.contains_key(&name))
        });
        if !current {
            *kept = Some((basis, HashMap::new()));
        }
        if let Some((_, values)) = kept.as_mut() {
            values.insert(name, value.clone());
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
    fn requests_asking_while_a_value_is_made_wait_for_it_instead_of_making_it_again() {
        use std::sync::atomic::{AtomicU32, Ordering};
        let (slot, shelf) = (
            Slot::<u32, u32>::default(),
            Shelf::<u32, u32, u32>::default(),
        );
        let made = AtomicU32::new(0);
        let make = || {
            made.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(50));
            Ok(7)
        };
        std::thread::scope(|s| {
            for _ in 0..8 {
                s.spawn(|| assert_eq!(*slot.get_or(Some(1), make).unwrap(), 7));
                s.spawn(|| assert_eq!(*shelf.get_or(Some(1), 2, make).unwrap(), 7));
            }
        });
        assert_eq!(
            made.load(Ordering::SeqCst),
            2,
            "once for the slot, once for the shelf"
        );
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

    #[test]
    fn a_value_that_no_longer_fits_is_replaced_under_its_name_not_kept_beside() {
        let shelf: Shelf<&str, &str, (u64, u32), 2> = Shelf::default();
        let version = |v: u64| move |(of, _): &(u64, u32)| *of == v;
        let made = |v: u64, n: u32| move || Ok((v, n));
        assert_eq!(
            shelf
                .get_fitting(Some("g"), "p1", version(1), made(1, 10))
                .unwrap()
                .1,
            10
        );
        assert_eq!(
            shelf
                .get_fitting(Some("g"), "p2", version(1), made(1, 20))
                .unwrap()
                .1,
            20
        );
        assert_eq!(
            shelf
                .get_fitting(Some("g"), "p1", version(1), made(1, 99))
                .unwrap()
                .1,
            10,
            "kept while it fits"
        );
        for v in 2..50 {
            let n = v as u32;
            assert_eq!(
                shelf
                    .get_fitting(Some("g"), "p1", version(v), made(v, n))
                    .unwrap()
                    .1,
                n
            );
        }
        // Forty-nine versions of p1 took one place: p2 was never pushed out by the bound.
        assert_eq!(
            shelf
                .get_fitting(Some("g"), "p2", version(1), made(1, 99))
                .unwrap()
                .1,
            20
        );
        let kept = shelf.kept.lock().unwrap();
        assert_eq!(kept.as_ref().map(|(_, values)| values.len()), Some(2));
    }
}
