//! What one instance keeps of forecasts while nobody commits: the zone's history (reading it
//! costs a read of every project, and every forecast of a page needs it) and the zone's
//! forecast (the year's targets and the next four weeks' permits: a simulation of every
//! project planned to start and every permit that may come). Kept under the pool's data
//! generation (`store::DbPool::data_generation`: a commit on any instance, a withdrawn event,
//! an edit, an import or a published calendar year starts it over), the day and the calendar.
//! After a commit the history is made again from every project's kept digest, and is the
//! same `History` when no finished step, permit or 开工 changed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use domain::forecast::History;
use report::model::PermitComing;
use store::projects::ProjectFilter;
use store::DbConn;

use super::targets::TargetsView;
use super::zone::ZoneViews;
use super::ForecastView;
use super::{targets, weekly, zone_history};
use crate::kept::{Calendar, Shelf, Slot};
use crate::projects::digest::ProjectDigest;
use crate::projects::digest_cache::DigestCache;
use crate::projects::project_view::ProjectView;
use crate::{Env, ServiceResult};

/// The year's targets and the permits of the next four weeks, as of one day.
#[derive(Debug, Clone)]
pub struct ZoneForecast {
    pub targets: TargetsView,
    pub permits_coming: Vec<PermitComing>,
}

#[derive(Debug, Default)]
pub struct ForecastCache {
    history: Slot<(String, NaiveDate, Calendar), Arc<History>>,
    /// The last history made from the kept digests, and what it was made of.
    made: Mutex<Option<MadeHistory>>,
    /// Every project's digest, with its finished steps measured: this instance's, shared
    /// with the lists (`with_digests`), or one of its own.
    digests: Arc<DigestCache>,
    /// Each project's forecast by (project, samples), with the 开工 and the view's
    /// fingerprint it was drawn for (one per project: another replaces it), under the
    /// history it was drawn from: `/my` shows up to a hundred.
    pub(crate) projects: Shelf<ProjectsBasis, (i32, usize), KeptForecast, 50_000>,
    zone: Slot<(String, NaiveDate, i32, Calendar), ZoneForecast>,
}

/// A project's kept forecast and what it was drawn for: its 开工 and its view's fingerprint.
pub(crate) type KeptForecast = ((Option<NaiveDate>, u64), Arc<ForecastView>);

/// What the projects' kept forecasts were drawn under: the day, the calendar and the
/// history (each by identity).
#[derive(Debug)]
pub(crate) struct ProjectsBasis(NaiveDate, Calendar, Arc<History>);

impl ProjectsBasis {
    pub fn of(env: &Env, history: &Arc<History>) -> ProjectsBasis {
        ProjectsBasis(env.today, Calendar(env.calendar.clone()), history.clone())
    }
}

impl PartialEq for ProjectsBasis {
    fn eq(&self, other: &ProjectsBasis) -> bool {
        self.0 == other.0 && self.1 == other.1 && Arc::ptr_eq(&self.2, &other.2)
    }
}

/// A project's view as a number that changes when anything in it does (its JSON, hashed):
/// what its forecast is drawn from besides the history. 64 bits: two different views of
/// one project hashing alike is not a risk worth the memory of keeping the views.
pub(crate) fn fingerprint(view: &ProjectView) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_vec(view).unwrap_or_default().hash(&mut h);
    h.finish()
}

/// A history made from the digests of every project, and what it was made of. A commit
/// that changes no finished step, permit or 开工 (a 补正, a note, a sign-in: most of them)
/// keeps it: reading the zone again for it made every page after a commit wait about a
/// second on 10,000 projects, longer as the history grew (BENCHMARKS.md, issue 32).
#[derive(Debug)]
struct MadeHistory {
    today: NaiveDate,
    calendar: Calendar,
    from: HashMap<i32, Arc<ProjectDigest>>,
    started: HashMap<i32, NaiveDate>,
    history: Arc<History>,
}

impl MadeHistory {
    /// Whether these digests and 开工 days, as of that day and calendar, make this history.
    fn makes(
        &self,
        env: &Env,
        digests: &[Arc<ProjectDigest>],
        started: &HashMap<i32, NaiveDate>,
    ) -> bool {
        self.today == env.today
            && self.calendar == Calendar(env.calendar.clone())
            && self.started == *started
            && self.from.len() == digests.len()
            && digests.iter().all(|d| {
                self.from.get(&d.view.project.id).is_some_and(|kept| {
                    Arc::ptr_eq(kept, d)
                        || (kept.finished == d.finished
                            && zone_history::permit_issued(&kept.view)
                                == zone_history::permit_issued(&d.view))
                })
            })
    }
}

impl ForecastCache {
    /// A cache that reads the zone's history from these digests (the instance's own).
    pub fn with_digests(digests: Arc<DigestCache>) -> ForecastCache {
        ForecastCache {
            digests,
            ..ForecastCache::default()
        }
    }

    /// The history as of `env.today`; `generation` read before it (none: not kept).
    pub fn history(
        &self,
        conn: &mut DbConn,
        env: &Env,
        generation: Option<String>,
    ) -> ServiceResult<Arc<History>> {
        let Some(generation) = generation else {
            return zone_history::load(conn, env).map(Arc::new);
        };
        let key = (generation, env.today, Calendar(env.calendar.clone()));
        let kept = self
            .history
            .get_or(Some(key), || self.history_from_digests(conn, env))?;
        Ok(Arc::clone(&*kept))
    }

    /// The history from every project's kept digest (only those whose revision moved are
    /// made again), the one made last if nothing it reads has changed.
    fn history_from_digests(&self, conn: &mut DbConn, env: &Env) -> ServiceResult<Arc<History>> {
        let every = ProjectFilter {
            include_archived: true,
            ..ProjectFilter::default()
        };
        let digests = self.digests.select(conn, env, &every)?;
        let started: HashMap<i32, NaiveDate> = store::landing::all(conn)?
            .into_iter()
            .filter_map(|l| Some((l.project_id, l.started_actual?)))
            .collect();
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(m) = made.as_ref().filter(|m| m.makes(env, &digests, &started)) {
            return Ok(m.history.clone());
        }
        let history = Arc::new(zone_history::of_digests(env, &digests, &started));
        *made = Some(MadeHistory {
            today: env.today,
            calendar: Calendar(env.calendar.clone()),
            from: digests
                .into_iter()
                .map(|d| (d.view.project.id, d))
                .collect(),
            started,
            history: history.clone(),
        });
        Ok(history)
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
                Ok(Arc::new(zone_history::of_views(
                    env,
                    &zone.views,
                    &zone.started(),
                )))
            })?;
            Ok(ZoneForecast {
                targets: targets::compute_from(conn, env, year, &zone, &history, None)?,
                permits_coming: weekly::permits_coming(env, &zone, &history)?,
            })
        })
    }
}
