//! Two years of finished projects behind the demo zone, so that its forecasts (docs/rules.md
//! "Forecasts") draw from history as a real zone's do. Each step waits on the enterprise for
//! a drawn lead (weeks for the reports an EIA or a safety assessment needs, days for the
//! rest), takes a drawn share of its limit at the agency, sometimes with a 补正 round; 开工
//! follows the construction permit by some weeks. They are archived: the lists show today's
//! work, the forecasts read them all.

use crate::domain::landing::CONSTRUCTION_PERMIT;
use crate::domain::step::Action;
use crate::service::landing::milestones::{MilestoneDates, PutMilestones};
use crate::service::projects::{self, PatchProject};
use crate::service::routes::RouteTemplate;
use crate::service::{Actor, ServiceResult};

use super::model::{lead_of, step_times, Draw, Pace, PACES};
use super::names::PRODUCTS;
use super::zone::next_ready;
use super::Demo;

/// How many finished projects the history holds.
const FINISHED: usize = 72;

/// A step's events, in working days from its project's start.
type Walked = Vec<(i64, String, Action)>;

impl Demo<'_> {
    /// Adds the finished projects, over the zone's routes, enterprises and liaisons.
    pub(super) fn history(
        &mut self,
        admin: &Actor,
        routes: &[RouteTemplate],
        (ents, liaisons): (&[i32], &[i32]),
    ) -> ServiceResult<()> {
        if routes.is_empty() || ents.is_empty() || liaisons.is_empty() {
            return Ok(());
        }
        let mut draw = Draw(0x4157_2024);
        for n in 0..FINISHED {
            let template = &routes[n % routes.len()];
            // The live zone's paces, in turn: one model for both (`model.rs`).
            let pace = PACES[n % PACES.len()];
            let (walked, length) = Self::finished_walk(template, pace, &mut draw);
            // Finished between a week and two years ago.
            let started = length + draw.between(5, 450);
            let name = format!(
                "{}（{}期）",
                PRODUCTS[n % PRODUCTS.len()],
                2 + n / PRODUCTS.len()
            );
            let ent = ents[(n * 5 + 1) % ents.len()];
            let liaison = liaisons[n % liaisons.len()];
            let investment = draw.between(5, 300) * 10_000_000;
            let key = template.key.as_str();
            let p = self.project(admin, (&name, key, started), ent, liaison, investment)?;
            let events: Vec<(String, Action, i64)> = walked
                .into_iter()
                .map(|(day, key, action)| (key, action, started - day))
                .collect();
            self.events(admin, p, &events)?;
            let permit = events
                .iter()
                .find(|(k, a, _)| k == CONSTRUCTION_PERMIT && *a == Action::Approve)
                .map(|(_, _, ago)| *ago);
            if let Some(ago) = permit {
                // 开工 some weeks after the permit, never after today.
                let start = (ago - draw.between(5, 60)).max(0);
                let req = PutMilestones {
                    signed: Some(MilestoneDates {
                        planned: None,
                        actual: Some(self.days_ago(started + draw.between(5, 40))),
                    }),
                    started: Some(MilestoneDates {
                        planned: None,
                        actual: Some(self.days_ago(start)),
                    }),
                    ..PutMilestones::default()
                };
                self.milestones(admin, p, &req)?;
            }
            let archive = PatchProject {
                archived: Some(true),
                ..PatchProject::default()
            };
            projects::patch(self.conn, self.env, admin, p, None, &archive)?;
        }
        Ok(())
    }

    /// Every step of the route walked to its approval at `pace`: accepted a drawn lead after
    /// its predecessors finish, then as `step_times` draws it. The events in order, and the
    /// day the last step finished.
    fn finished_walk(template: &RouteTemplate, pace: Pace, draw: &mut Draw) -> (Walked, i64) {
        let mut approved: Vec<(String, i64)> = Vec::new();
        let mut events: Walked = Vec::new();
        let mut left: Vec<_> = template.steps.iter().collect();
        while let Some((step, ready)) = next_ready(&mut left, &approved) {
            let limit = step.promised_days.unwrap_or(step.statutory_days).max(0);
            let accept = ready + lead_of(limit, draw);
            let times = step_times(limit, step.statutory_days, pace, draw);
            events.push((accept, step.key.clone(), Action::Accept));
            let mut approve = accept + times.agency;
            if let Some((asked, back)) = times.correction {
                let asked = accept + asked;
                events.push((asked, step.key.clone(), Action::RequestMaterials));
                events.push((asked + back, step.key.clone(), Action::Resubmit));
                approve += back;
            }
            events.push((approve, step.key.clone(), Action::Approve));
            approved.push((step.key.clone(), approve));
        }
        events.sort_by_key(|(day, _, _)| *day);
        let last = approved.iter().map(|(_, d)| *d).max().unwrap_or(0);
        (events, last)
    }
}
