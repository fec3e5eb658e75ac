//! The rest of the demo zone, generated: a dozen more enterprises and ~37 projects over the
//! three routes, at every stage, so that each page has something to show: some red, yellow
//! and stalled, some finished this year, licences coming due. The draw is seeded, so every
//! demo tells the same story relative to its day.

use chrono::Duration;

use crate::domain::step::Action;
use crate::service::enterprises::credit_code::check_char;
use crate::service::licences::{self, CreateLicence};
use crate::service::routes::route_templates;
use crate::service::routes::RouteTemplate;
use crate::service::steps::step_view::StepSpecInput;
use crate::service::{Actor, ServiceResult};

use super::model::{lead_of, step_times, Draw, Pace, PACES};
use super::names::{ENTERPRISES, PRODUCTS};
use super::Demo;

/// The next of `left` whose predecessors all have a day in `done`, taken out of `left`,
/// with the latest of those days (0 for a step with none): walks a route in dependency
/// order.
pub(super) fn next_ready<'s>(
    left: &mut Vec<&'s StepSpecInput>,
    done: &[(String, i64)],
) -> Option<(&'s StepSpecInput, i64)> {
    let day_of = |d: &String| done.iter().find(|(k, _)| k == d).map(|(_, day)| *day);
    let at = left
        .iter()
        .position(|s| s.depends_on.iter().all(|d| day_of(d).is_some()))?;
    let step = left.remove(at);
    let ready = step.depends_on.iter().filter_map(day_of).max().unwrap_or(0);
    Some((step, ready))
}

/// The working days of a route's longest chain of steps at their statutory limits.
fn critical_length(steps: &[StepSpecInput]) -> i64 {
    let mut finish: Vec<(String, i64)> = Vec::new();
    let mut left: Vec<_> = steps.iter().collect();
    while let Some((s, start)) = next_ready(&mut left, &finish) {
        finish.push((s.key.clone(), start + s.statutory_days));
    }
    finish.iter().map(|(_, f)| *f).max().unwrap_or(0)
}

impl Demo<'_> {
    /// Adds the generated enterprises and projects, spread over the liaisons.
    pub(super) fn zone(
        &mut self,
        admin: &Actor,
        liaisons: &[i32],
        firms: &[i32],
    ) -> ServiceResult<()> {
        let mut ents = firms.to_vec();
        for (i, (name, contact)) in ENTERPRISES.iter().enumerate() {
            let first17 = format!("91310117MA1J3Q0{i:02}");
            let code = format!("{first17}{}", check_char(&first17).unwrap_or('0'));
            ents.push(self.enterprise(admin, name, &code, contact)?);
        }
        let mut routes = Vec::new();
        for key in [
            "standard-industrial",
            "low-risk-industrial",
            "hazardous-chemical",
        ] {
            if let Some(t) = route_templates::current(self.conn, key)? {
                routes.push(t);
            }
        }
        if routes.is_empty() {
            return Ok(());
        }
        let mut draw = Draw(0x5EED_2026);
        for (i, product) in PRODUCTS.iter().enumerate() {
            let pace = PACES[i % PACES.len()];
            let template = &routes[(i / 2) % routes.len()];
            let (route, length) = (template.key.as_str(), critical_length(&template.steps));
            let started = (length * draw.between(pace.started.0, pace.started.1) / 100).max(2);
            let ent = ents[(i * 7 + 3) % ents.len()];
            let liaison = liaisons[i % liaisons.len()];
            let investment = draw.between(5, 400) * 10_000_000;
            let p = self.project(admin, (product, route, started), ent, liaison, investment)?;
            let events = Self::walk(template, started, pace, &mut draw);
            self.events(admin, p, &events)?;
            self.licence(admin, p, ent, route, &events, &mut draw)?;
            self.zone_landing(admin, (p, i), started, &events)?;
        }
        self.history(admin, &routes, (&ents, liaisons))
    }

    /// The events of a project started `started` working days ago: each step accepted once
    /// its predecessors are approved, approved after a drawn share of its limit; a step
    /// whose approval would fall after today is still in review (some back with the
    /// applicant for 补正).
    fn walk(
        template: &RouteTemplate,
        started: i64,
        pace: Pace,
        draw: &mut Draw,
    ) -> Vec<(String, Action, i64)> {
        // Working days since the start on which each step was approved.
        let mut approved: Vec<(String, i64)> = Vec::new();
        let mut events: Vec<(i64, String, Action)> = Vec::new();
        let mut left: Vec<_> = template.steps.iter().collect();
        // A step whose predecessor is unfinished waits (its successors too).
        while let Some((step, ready)) = next_ready(&mut left, &approved) {
            let limit = step.promised_days.unwrap_or(step.statutory_days).max(0);
            // The enterprise's preparation, as in the zone's history (`history.rs`).
            let accept = ready + lead_of(limit, draw);
            if accept > started {
                continue;
            }
            let times = step_times(limit, step.statutory_days, pace, draw);
            events.push((accept, step.key.clone(), Action::Accept));
            let mut approve = accept + times.agency;
            if let Some((asked, back)) = times.correction {
                let (asked, back) = (accept + asked, accept + asked + back);
                if asked > started {
                    continue;
                }
                events.push((asked, step.key.clone(), Action::RequestMaterials));
                if back > started {
                    continue;
                }
                events.push((back, step.key.clone(), Action::Resubmit));
                approve += back - asked;
            }
            if approve <= started {
                events.push((approve, step.key.clone(), Action::Approve));
                approved.push((step.key.clone(), approve));
            } else if times.correction.is_none() && draw.below(5) == 0 && started - accept >= 3 {
                // Back with the applicant for the last week or two: stalled.
                let asked = (started - draw.between(6, 12)).max(accept + 1);
                events.push((asked, step.key.clone(), Action::RequestMaterials));
            }
        }
        // In time order; on one day in the order drawn, which is the route's (a step's
        // acceptance before its approval, a predecessor's approval before its successor).
        events.sort_by_key(|(day, _, _)| *day);
        events
            .into_iter()
            .map(|(day, key, action)| (key, action, started - day))
            .collect()
    }

    /// A licence for a project whose licensing step is approved, some due soon.
    fn licence(
        &mut self,
        admin: &Actor,
        project: i32,
        enterprise: i32,
        route: &str,
        events: &[(String, Action, i64)],
        draw: &mut Draw,
    ) -> ServiceResult<()> {
        let key = if route == "hazardous-chemical" {
            "hazchem-licence"
        } else {
            "construction-permit"
        };
        if !events
            .iter()
            .any(|(k, a, _)| *k == key && *a == Action::Approve)
        {
            return Ok(());
        }
        let kind = if key == "hazchem-licence" {
            "危险化学品经营许可证"
        } else {
            "建筑工程施工许可证"
        };
        let req = CreateLicence {
            enterprise_id: enterprise,
            project_id: Some(project),
            step: Some(key.into()),
            kind: kind.into(),
            number: format!(
                "沪松{}{:04}",
                if key == "hazchem-licence" {
                    "危化"
                } else {
                    "建"
                },
                project
            ),
            issued_on: None,
            expires_on: self.env.today + Duration::days(draw.between(10, 400)),
        };
        licences::create(self.conn, self.env, admin, &req)?;
        Ok(())
    }
}
