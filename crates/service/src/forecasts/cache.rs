//! What one instance keeps of forecasts while nobody commits: the zone's history (reading it
//! costs a read of every project, and every forecast of a page needs it) and the zone's
//! forecast (the year's targets and the next four weeks' permits: a simulation of every
//! project planned to start and every permit that may come). Kept under the pool's data
//! generation (`store::DbPool::data_generation`: a commit on any instance, a withdrawn event,
//! an edit, an import or a published calendar year starts it over), the day and the calendar.

use std::sync::Arc;

use chrono::NaiveDate;

use domain::forecast::History;
use report::model::PermitComing;
use store::DbConn;

use super::targets::TargetsView;
use super::zone::ZoneViews;
use super::ForecastView;
use super::{targets, weekly, zone_history};
use crate::kept::{Basis, Calendar, Shelf, Slot};
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
    /// Each project's forecast by (project, samples): `/my` shows up to a hundred.
    pub(crate) projects: Shelf<Basis, (i32, usize), ForecastView, 50_000>,
    zone: Slot<(String, NaiveDate, i32, Calendar), ZoneForecast>,
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
