//! What one instance keeps of forecasts while nobody commits: the zone's history (reading it
//! costs a read of every project, and every forecast of a page needs it) and the zone's
//! forecast (the year's targets and the next four weeks' permits: a simulation of every
//! project planned to start and every permit that may come). Kept under the pool's data
//! generation (`store::DbPool::data_generation`: a commit on any instance, a withdrawn event,
//! an edit, an import or a published calendar year starts it over), the day and the calendar.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use domain::calendar::WorkCalendar;
use domain::forecast::History;
use report::model::PermitComing;
use store::DbConn;

use super::targets::TargetsView;
use super::zone::ZoneViews;
use super::{targets, weekly, zone_history};
use crate::{Env, ServiceResult};

/// The year's targets and the permits of the next four weeks, as of one day.
#[derive(Debug, Clone)]
pub struct ZoneForecast {
    pub targets: TargetsView,
    pub permits_coming: Vec<PermitComing>,
}

#[derive(Debug, Default)]
pub struct ForecastCache {
    history: Slot<(String, NaiveDate, Calendar), History>,
    zone: Slot<(String, NaiveDate, i32, Calendar), ZoneForecast>,
}

/// The calendar a value was computed on. Another instance's published year reaches this one's
/// calendar a few seconds after its commit (`CalendarCache`); a value computed in between, on
/// the old calendar under the new generation, must not outlive the old calendar.
#[derive(Debug, Clone)]
struct Calendar(Arc<WorkCalendar>);

impl PartialEq for Calendar {
    fn eq(&self, other: &Calendar) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl ForecastCache {
    /// The history as of `env.today`; `generation` read before it (none: not kept).
    pub fn history(
        &self,
        conn: &mut DbConn,
        env: &Env,
        generation: Option<String>,
    ) -> ServiceResult<Arc<History>> {
        let key = generation.map(|g| (g, env.today, Calendar(env.calendar.clone())));
        self.history.get_or(key, || zone_history::load(conn, env))
    }

    /// The targets of `year` and the permits of the next four weeks as of `env.today`, as
    /// measured: one read of the zone (the history from it too, when not kept).
    pub fn zone(
        &self,
        conn: &mut DbConn,
        env: &Env,
        year: i32,
        generation: Option<String>,
    ) -> ServiceResult<Arc<ZoneForecast>> {
        let calendar = Calendar(env.calendar.clone());
        let key = generation
            .clone()
            .map(|g| (g, env.today, year, calendar.clone()));
        self.zone.get_or(key, || {
            let zone = ZoneViews::read(conn, env)?;
            let key = generation.map(|g| (g, env.today, calendar));
            let history = self.history.get_or(key, || {
                Ok(zone_history::of_views(env, &zone.views, &zone.started()))
            })?;
            Ok(ZoneForecast {
                targets: targets::compute_from(conn, env, year, &zone, &history, None)?,
                permits_coming: weekly::permits_coming(env, &zone, &history)?,
            })
        })
    }
}

/// One value kept under a key; asked under another, it is made again (and kept).
#[derive(Debug)]
struct Slot<K, V>(Mutex<Option<(K, Arc<V>)>>);

impl<K, V> Default for Slot<K, V> {
    fn default() -> Self {
        Slot(Mutex::new(None))
    }
}

impl<K: PartialEq, V> Slot<K, V> {
    /// The value kept under `key`, or `make`'s (kept unless `key` is none). The lock is not
    /// held while making: two requests may both make it, and the later one is kept.
    fn get_or(
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
