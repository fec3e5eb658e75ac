//! The demo's landing: a 统一项目代码 for every project, milestones (signed before the
//! start, 开工 a few days after an approved construction permit, planned starts for the
//! rest) and this year's targets, so that the overview's landing has a story to tell.

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::landing::CONSTRUCTION_PERMIT;
use crate::domain::step::Action;
use crate::service::landing::milestones::{self, MilestoneDates, PutMilestones};
use crate::service::landing::targets::{self, PutTarget};
use crate::service::{Actor, ServiceResult};

use super::{ago, Demo};

impl Demo<'_> {
    /// The next demo project's code: this year, Songjiang (310117), a running number.
    pub(super) fn next_code(&mut self) -> String {
        self.codes += 1;
        format!("{}-310117-04-01-{:06}", self.env.today.year(), self.codes)
    }

    pub(super) fn days_ago(&self, n: i64) -> NaiveDate {
        ago(&self.env.calendar, self.env.today, n)
    }

    pub(super) fn in_days(&self, n: i64) -> NaiveDate {
        self.env.today + Duration::days(n)
    }

    pub(super) fn milestones(
        &mut self,
        admin: &Actor,
        project: i32,
        req: &PutMilestones,
    ) -> ServiceResult<()> {
        milestones::put(self.conn, self.env, admin, project, req).map(|_| ())
    }

    /// This year's targets, as the zone's head announced them.
    pub(super) fn targets(&mut self, admin: &Actor) -> ServiceResult<()> {
        let req = PutTarget {
            starts: 12,
            productions: 6,
        };
        let year = self.env.today.year();
        targets::put(self.conn, self.env, admin, year, None, &req).map(|_| ())
    }

    /// The milestones of a zone project `i` started `started` working days ago with these
    /// events: signed before its start; once its permit is approved, two in three started
    /// a few days later; the others planned to start within the next months.
    pub(super) fn zone_landing(
        &mut self,
        admin: &Actor,
        (project, i): (i32, usize),
        started: i64,
        events: &[(String, Action, i64)],
    ) -> ServiceResult<()> {
        let signed = self.days_ago(started + 5 + (i as i64 * 7) % 30);
        let permit = events
            .iter()
            .find(|(k, a, _)| k == CONSTRUCTION_PERMIT && *a == Action::Approve)
            .map(|(_, _, days)| *days);
        let started_dates = match permit {
            Some(days) if i % 3 != 0 => MilestoneDates {
                planned: None,
                actual: Some(self.days_ago((days - 2 - (i as i64 % 4)).max(0))),
            },
            _ => MilestoneDates {
                planned: Some(self.in_days(20 + (i as i64 * 13) % 150)),
                actual: None,
            },
        };
        let req = PutMilestones {
            signed: Some(MilestoneDates {
                planned: None,
                actual: Some(signed),
            }),
            started: Some(started_dates),
            ..PutMilestones::default()
        };
        self.milestones(admin, project, &req)
    }
}
