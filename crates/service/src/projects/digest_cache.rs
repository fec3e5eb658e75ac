//! Every project's digest (its view, schedule, stage and permit day), kept per instance and
//! brought up to date one project at a time. A request reads the id and revision of the
//! projects it selects (one narrow row each) and computes only those whose revision moved
//! since they were kept: every write to a project moves it, under the project's lock, on any
//! instance (`store::projects::lock`). Another day, calendar or stall rule starts over.
//!
//! The staff's list, `/my` and the cockpit read the zone through it: building every view of
//! 10,000 projects cost each of them about a second per request (BENCHMARKS.md, issue 31).

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;

use domain::calendar::WorkCalendar;
use store::projects::ProjectFilter;
use store::rows::ProjectRow;
use store::DbConn;

use crate::projects::digest::{digest, ProjectDigest};
use crate::projects::project_view::build_views;
use crate::{Env, ServiceError, ServiceResult};

/// Bound on memory: past this many kept digests (archived and deleted projects stay until
/// the day changes) the cache starts over.
const MAX_ENTRIES: usize = 200_000;

#[derive(Debug, Default)]
pub struct DigestCache {
    kept: Mutex<Kept>,
    /// One request computes missing digests at a time; the others wait and take them (64
    /// requests after a start computed the zone 64 times at once).
    making: Mutex<()>,
}

/// What every kept digest was computed on.
#[derive(Debug, Clone)]
struct ComputedOn {
    today: NaiveDate,
    /// By identity: a published year brings a new calendar.
    calendar: Arc<WorkCalendar>,
    stalled_after_days: u32,
}

impl ComputedOn {
    fn of(env: &Env) -> ComputedOn {
        ComputedOn {
            today: env.today,
            calendar: env.calendar.clone(),
            stalled_after_days: env.stalled_after_days,
        }
    }

    fn same(&self, other: &ComputedOn) -> bool {
        self.today == other.today
            && Arc::ptr_eq(&self.calendar, &other.calendar)
            && self.stalled_after_days == other.stalled_after_days
    }
}

#[derive(Debug, Default)]
struct Kept {
    basis: Option<ComputedOn>,
    /// Project id → (its revision, its digest).
    by_id: HashMap<i32, (i32, Arc<ProjectDigest>)>,
}

impl Kept {
    /// The kept digests, started over unless they were computed on `basis`.
    fn on(&mut self, basis: &ComputedOn) -> &mut HashMap<i32, (i32, Arc<ProjectDigest>)> {
        let current = self.basis.as_ref().is_some_and(|b| b.same(basis));
        if !current || self.by_id.len() > MAX_ENTRIES {
            self.basis = Some(basis.clone());
            self.by_id.clear();
        }
        &mut self.by_id
    }
}

impl DigestCache {
    fn lock(&self) -> MutexGuard<'_, Kept> {
        // A panic while holding the lock leaves a map of whole entries: still usable.
        self.kept.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The kept digest of each listed project (none where it is missing or older), and the
    /// ids of the missing.
    fn look_up(
        &self,
        basis: &ComputedOn,
        listed: &[(i32, i32)],
    ) -> (Vec<Option<Arc<ProjectDigest>>>, Vec<i32>) {
        let mut kept = self.lock();
        let by_id = kept.on(basis);
        let mut missing = Vec::new();
        let found = listed
            .iter()
            .map(|&(id, revision)| {
                let d = by_id.get(&id).filter(|(r, _)| *r == revision);
                if d.is_none() {
                    missing.push(id);
                }
                d.map(|(_, d)| d.clone())
            })
            .collect();
        (found, missing)
    }

    /// The digest of one project whose row was read (and found visible), kept or made: a
    /// project's page builds its view only after the project changed.
    pub fn of_row(
        &self,
        conn: &mut DbConn,
        env: &Env,
        row: ProjectRow,
    ) -> ServiceResult<Arc<ProjectDigest>> {
        let basis = ComputedOn::of(env);
        let (id, revision) = (row.id, row.revision);
        let (found, _) = self.look_up(&basis, &[(id, revision)]);
        if let Some(Some(d)) = found.into_iter().next() {
            return Ok(d);
        }
        self.make(conn, env, &basis, vec![row])?
            .remove(&id)
            .ok_or(ServiceError::NotFound("project"))
    }

    /// The digests of these projects, made and kept, each under the revision its row was
    /// read at: the steps are read after the row, so a write in between leaves newer data
    /// under an older revision, made again next time.
    fn make(
        &self,
        conn: &mut DbConn,
        env: &Env,
        basis: &ComputedOn,
        rows: Vec<ProjectRow>,
    ) -> ServiceResult<HashMap<i32, Arc<ProjectDigest>>> {
        let revisions: HashMap<i32, i32> = rows.iter().map(|r| (r.id, r.revision)).collect();
        let mut made: HashMap<i32, Arc<ProjectDigest>> = HashMap::with_capacity(rows.len());
        for view in build_views(conn, env, rows)? {
            let d = Arc::new(digest(env, view)?);
            made.insert(d.view.project.id, d);
        }
        let mut kept = self.lock();
        let by_id = kept.on(basis);
        for (id, d) in &made {
            if let Some(&revision) = revisions.get(id) {
                by_id.insert(*id, (revision, d.clone()));
            }
        }
        Ok(made)
    }

    /// The digests of the projects `filter` selects, newest first, as of `env.today`.
    pub fn select(
        &self,
        conn: &mut DbConn,
        env: &Env,
        filter: &ProjectFilter,
    ) -> ServiceResult<Vec<Arc<ProjectDigest>>> {
        let listed = store::projects::revisions(conn, filter)?;
        let basis = ComputedOn::of(env);
        let (found, missing) = self.look_up(&basis, &listed);
        if missing.is_empty() {
            return Ok(found.into_iter().flatten().collect());
        }
        let _turn = self.making.lock().unwrap_or_else(|e| e.into_inner());
        // Those the request this one waited for made are kept now.
        let (found, missing) = self.look_up(&basis, &listed);
        if missing.is_empty() {
            return Ok(found.into_iter().flatten().collect());
        }
        let rows = store::projects::with_ids(conn, &missing)?;
        let made = self.make(conn, env, &basis, rows)?;
        // A project listed but gone before its row was read is left out.
        Ok(listed
            .iter()
            .zip(found)
            .filter_map(|(&(id, _), kept)| kept.or_else(|| made.get(&id).cloned()))
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_of_another_day_calendar_or_stall_rule_are_not_the_same_basis() {
        let calendar = Arc::new(WorkCalendar::new(Default::default()));
        let day = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let basis = ComputedOn {
            today: day,
            calendar: calendar.clone(),
            stalled_after_days: 5,
        };
        assert!(basis.same(&basis.clone()));
        let next_day = ComputedOn {
            today: day.succ_opt().unwrap(),
            ..basis.clone()
        };
        let other_calendar = ComputedOn {
            calendar: Arc::new(WorkCalendar::new(Default::default())),
            ..basis.clone()
        };
        let other_rule = ComputedOn {
            stalled_after_days: 6,
            ..basis.clone()
        };
        for other in [next_day, other_calendar, other_rule] {
            assert!(!basis.same(&other));
        }
    }
}
