//! What the project and enterprise pages show beyond the API's views: the planned schedule
//! (limits only) beside the actual one, and the spans a step was paused for 补正.

use chrono::NaiveDate;

use domain::schedule::{schedule, Schedule};
use domain::step::{Action, StepStatus};

use crate::projects::history::EventFact;
use crate::projects::planning::plan_of;
use crate::projects::project_view::ProjectView;
use crate::{Env, ServiceError, ServiceResult};

/// The schedule with limits alone: every step pending, as planned on `start_date`
/// (docs/rules.md "planned finish": no actuals, no today).
pub fn planned_schedule(env: &Env, view: &ProjectView) -> ServiceResult<Schedule> {
    let mut plan = plan_of(view)?;
    for s in &mut plan.steps {
        s.status = StepStatus::Pending;
        s.accepted_on = None;
        s.due_on = None;
        s.finished_on = None;
        s.waived_on = None;
    }
    let start = plan.start_date;
    schedule(&env.calendar, &plan, start)
        .map_err(|e| ServiceError::caused(format!("project {}", view.project.id), e))
}

/// A span the file was back with the applicant: from the request to the resubmission
/// (or today while it lasts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause {
    pub step_key: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub open: bool,
}

/// Pauses from a project's timeline (oldest first); withdrawn events never happened.
pub fn pauses(events: &[EventFact], today: NaiveDate) -> Vec<Pause> {
    let mut out: Vec<Pause> = Vec::new();
    for e in events.iter().filter(|e| !e.withdrawn) {
        match e.action {
            Action::RequestMaterials => out.push(Pause {
                step_key: e.step_key.clone(),
                from: e.on,
                to: today,
                open: true,
            }),
            Action::Resubmit => {
                if let Some(p) = out
                    .iter_mut()
                    .rev()
                    .find(|p| p.open && p.step_key == e.step_key)
                {
                    p.to = e.on;
                    p.open = false;
                }
            }
            _ => {}
        }
    }
    out
}
